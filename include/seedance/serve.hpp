// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// `seedance serve` as a library: a local double of the Seedance 2.0 API for testing integrations
// offline (docs/serve.md). Not in the umbrella: it needs Boost.Beast/Asio, OpenSSL (for https)
// and threads (link OpenSSL::SSL and Threads::Threads).
//
//   seedance::serve::server_options o;
//   o.api.time_scale = 0.01;                    // a 165 s job takes 1.65 s
//   seedance::serve::server s(o);
//   s.start();                                  // 127.0.0.1, a free port
//   std::string base = s.base_url();            // "http://127.0.0.1:PORT": point the client here
//   ...
//   s.stop();                                   // also done by the destructor
//
// The API logic is usable without sockets: `seedance::serve::api_state::handle(request, time)`.
#ifndef SEEDANCE_SERVE_HPP
#define SEEDANCE_SERVE_HPP

#include "detail/serve/options.hpp"    // api_options, server_options, access_entry
#include "detail/serve/errors.hpp"     // the provider's error bodies
#include "detail/serve/lifecycle.hpp"  // estimated time, task phases, deterministic draws
#include "detail/serve/clip.hpp"       // the default result video
#include "detail/serve/callbacks.hpp"  // callback delivery (loopback only)
#include "detail/serve/api.hpp"        // api_state: requests to answers, no I/O
#include "detail/serve/server.hpp"     // server: Boost.Beast HTTP/1.1

#endif  // SEEDANCE_SERVE_HPP
