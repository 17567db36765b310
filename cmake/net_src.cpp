// The network parts of seedance (the local double, the client on the Beast transport), compiled once
// for the project's own programs: the tool, the network tests, the examples and the benchmarks link
// the `seedance_net` target (CMakeLists.txt) instead of compiling them in each of their files. See
// include/seedance/net_src.hpp.
#include <seedance/net_src.hpp>
