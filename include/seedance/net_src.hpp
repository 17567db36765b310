// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The network parts compiled once. The local double (serve.hpp) and the client on the Beast
// transport (beast_transport.hpp) are costly to compile: every translation unit that uses them
// instantiates the server, the API logic, the client and Boost.Beast's operations again (tens of
// seconds each at -O0). A program with several such files can compile them once instead:
//
//   1. define SEEDANCE_NET_SEPARATE_COMPILATION for the whole program (every file that includes
//      serve.hpp or beast_transport.hpp must see it: then they only declare the instantiations);
//   2. include this header in exactly one source file, which instantiates them.
//
// With CMake: target_compile_definitions(PROGRAM PRIVATE SEEDANCE_NET_SEPARATE_COMPILATION) and a
// source file with the single line `#include <seedance/net_src.hpp>`. Nothing changes for programs
// that do neither. See docs/design.md, "Compiling the network parts once".
#ifndef SEEDANCE_NET_SRC_HPP
#define SEEDANCE_NET_SRC_HPP

#ifndef SEEDANCE_NET_SEPARATE_COMPILATION
#error "<seedance/net_src.hpp> is for programs built with SEEDANCE_NET_SEPARATE_COMPILATION (see the header's comment)"
#endif

#include "beast_transport.hpp"
#include "serve.hpp"

template class seedance::basic_beast_transport<void>;
template class seedance::basic_client<seedance::beast_transport>;
template class seedance::serve::basic_api_state<void>;
template class seedance::serve::basic_server<void>;

#endif  // SEEDANCE_NET_SRC_HPP
