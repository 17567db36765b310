// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The umbrella header: the spec's data, the models, the typed request and its JSON, the media
// property structs and the URL parser. The heavier machinery is included on its own, so that a
// program that only builds requests does not pay for it (docs/performance.md has the figures):
//   <seedance/validate.hpp>  runtime validation (report, codes, renderings)
//   <seedance/schema.hpp>    JSON Schema export
#ifndef SEEDANCE_SEEDANCE_HPP
#define SEEDANCE_SEEDANCE_HPP

#include "version.hpp"
#include "spec.hpp"
#include "models.hpp"
#include "registry.hpp"
#include "request.hpp"
#include "json.hpp"
#include "media.hpp"
#include "url.hpp"

#endif  // SEEDANCE_SEEDANCE_HPP
