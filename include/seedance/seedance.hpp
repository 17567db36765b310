// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The umbrella header: the spec's data, the models, the typed request and its JSON. Everything
// else is included on its own, so that a program that only builds requests does not pay for it
// (docs/performance.md has the figures):
//   <seedance/media.hpp>     media property structs (<map>, <variant>, <functional>: 0.2 s)
//   <seedance/url.hpp>       the strict URL parser
//   <seedance/validate.hpp>  runtime validation (report, codes, renderings; includes both above)
//   <seedance/schema.hpp>    JSON Schema export
//   <seedance/probe.hpp>, <seedance/estimate.hpp>, <seedance/response.hpp>
#ifndef SEEDANCE_SEEDANCE_HPP
#define SEEDANCE_SEEDANCE_HPP

#include "version.hpp"
#include "spec.hpp"
#include "models.hpp"
#include "registry.hpp"
#include "request.hpp"
#include "json.hpp"

#endif  // SEEDANCE_SEEDANCE_HPP
