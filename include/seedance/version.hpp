// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
#ifndef SEEDANCE_VERSION_HPP
#define SEEDANCE_VERSION_HPP

// The one place the library's version is written; CMakeLists.txt reads it from here.
#define SEEDANCE_VERSION_MAJOR 0
#define SEEDANCE_VERSION_MINOR 1
#define SEEDANCE_VERSION_PATCH 0

#define SEEDANCE_DETAIL_STR2(x) #x
#define SEEDANCE_DETAIL_STR(x) SEEDANCE_DETAIL_STR2(x)
/// "MAJOR.MINOR.PATCH", e.g. "0.1.0".
#define SEEDANCE_VERSION_STRING               \
  SEEDANCE_DETAIL_STR(SEEDANCE_VERSION_MAJOR) \
  "." SEEDANCE_DETAIL_STR(SEEDANCE_VERSION_MINOR) "." SEEDANCE_DETAIL_STR(SEEDANCE_VERSION_PATCH)

#endif  // SEEDANCE_VERSION_HPP
