// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/serve.hpp>: the error answers of the local double, in the provider's shape
// `{"error": {"code", "message", "type"}}` (docs/spec.md section 7). The codes and their statuses are
// the library's (`http_error_table`, `error_code_table`, `task_error_table` in response.hpp); this
// header adds only the `type` that the provider's table pairs with each code. No I/O.
#ifndef SEEDANCE_DETAIL_SERVE_ERRORS_HPP
#define SEEDANCE_DETAIL_SERVE_ERRORS_HPP

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "../../http.hpp"
#include "../../response.hpp"

namespace seedance::serve {

/// The `type` of each error code the double sends (docs/spec.md section 7's table; the codes the
/// table does not list are the double's choice, documented in docs/serve.md).
struct error_type_row {
  std::string_view code;
  std::string_view type;
};
inline constexpr std::array<error_type_row, 10> error_types{{
    {"invalid_request", "invalid_request_error"},
    {"unauthorized", "authentication_error"},
    {"insufficient_quota", "insufficient_quota"},
    {"model_access_denied", "invalid_request_error"},
    {"idempotency_conflict", "invalid_request_error"},
    {"rate_limit_exceeded", "rate_limit_error"},
    {"internal_error", "api_error"},
    {"model_unavailable", "api_error"},
    {"resource_not_found", "invalid_request_error"},
    {"request_too_large", "invalid_request_error"},
}};

namespace detail {

[[nodiscard]] constexpr std::string_view type_of(std::string_view code) noexcept {
  for (const error_type_row& r : error_types)
    if (r.code == code) return r.type;
  return "api_error";
}

/// The HTTP status of a code of the library's `http_error_table` (0 when it has none).
[[nodiscard]] constexpr int status_of(std::string_view code) noexcept {
  for (const error_row& r : http_error_table)
    if (r.code == code) return r.http_status;
  return 0;
}

/// A JSON answer.
[[nodiscard]] inline http_response json_response(int status, const nlohmann::json& body) {
  http_response r;
  r.status = status;
  r.fields.push_back({"Content-Type", "application/json"});
  r.body = body.dump();
  return r;
}

/// The error object (`{"code", "message", "type"}`).
[[nodiscard]] inline nlohmann::json error_object(std::string_view code, std::string_view message) {
  return {{"code", code}, {"message", message}, {"type", type_of(code)}};
}

/// An error answer with `status`; for a code of `http_error_table`, pass 0 to use its status.
[[nodiscard]] inline http_response error_response(int status, std::string_view code, std::string_view message,
                                                  std::optional<nlohmann::json> extra = std::nullopt) {
  nlohmann::json e = error_object(code, message);
  if (extra && extra->is_object())
    for (auto it = extra->begin(); it != extra->end(); ++it) e[it.key()] = it.value();
  return json_response(status != 0 ? status : status_of(code), {{"error", e}});
}

}  // namespace detail
}  // namespace seedance::serve

#endif  // SEEDANCE_DETAIL_SERVE_ERRORS_HPP
