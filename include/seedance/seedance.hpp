// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The umbrella header: everything of the library's public API.
#ifndef SEEDANCE_SEEDANCE_HPP
#define SEEDANCE_SEEDANCE_HPP

#include "version.hpp"
#include "spec.hpp"
#include "models.hpp"
#include "registry.hpp"
#include "request.hpp"
#include "json.hpp"

#endif  // SEEDANCE_SEEDANCE_HPP
