// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/serve.hpp>: what the local double decides by time and by seed, without I/O:
// the estimated time of a job (a documented formula of model, duration and quality), the status
// and progress of a task at a time, and deterministic outcomes (each drawn from the seed and the
// request, never from one shared random stream, so concurrency cannot change them).
#ifndef SEEDANCE_DETAIL_SERVE_LIFECYCLE_HPP
#define SEEDANCE_DETAIL_SERVE_LIFECYCLE_HPP

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "../../response.hpp"
#include "../../spec.hpp"

namespace seedance::serve {

// ---------------------------------------------------------------------------------------------
// Deterministic draws
// ---------------------------------------------------------------------------------------------

namespace detail {
/// FNV-1a, 64 bits.
[[nodiscard]] constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ULL) noexcept {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}
/// SplitMix64's finaliser: a well-mixed function of one 64-bit value.
[[nodiscard]] constexpr std::uint64_t mix(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
}  // namespace detail

/// What a draw is for: each purpose is its own stream, so a failure and an injected error of the
/// same request are independent.
enum class draw_purpose : std::uint8_t { task_id, task_failure, failure_code, create_error, create_drop };

/// A number in [0, 1) that depends only on the seed, the purpose, `subject` (an idempotency key, a
/// body, a task id) and `attempt`.
[[nodiscard]] constexpr double draw(std::uint64_t seed, draw_purpose purpose, std::string_view subject,
                                    std::uint64_t attempt = 0) noexcept {
  const std::uint64_t x =
      detail::mix(detail::mix(seed ^ (static_cast<std::uint64_t>(purpose) << 56)) ^ detail::fnv1a(subject) ^ detail::mix(attempt));
  return static_cast<double>(detail::mix(x) >> 11) * 0x1.0p-53;
}

/// Whether an event of probability `rate` happens for this draw (rate 0 never, rate 1 always).
[[nodiscard]] constexpr bool happens(double rate, double drawn) noexcept { return rate > 0 && drawn < rate; }

// ---------------------------------------------------------------------------------------------
// The estimated time
// ---------------------------------------------------------------------------------------------

/// The double's job time: `queue_seconds + duration x seconds_per_output_second[quality] x
/// tier_percent[tier] / 100`, in seconds before --time-scale. A 15 s 720p standard job takes
/// 15 + 15 x 10 = 165 s; a 5 s 720p fast job 15 + 5 x 10 x 50% = 40 s. The provider publishes no
/// formula: these are the double's figures (docs/serve.md), chosen to be of the provider's order.
namespace timing {
inline constexpr std::int64_t queue_seconds = 15;
/// Indexed by `quality` (480p, 720p, 1080p, 4k).
inline constexpr std::array<std::int64_t, 4> seconds_per_output_second{6, 10, 18, 36};
/// Indexed by `tier` (standard, fast, mini).
inline constexpr std::array<std::int64_t, 3> tier_percent{100, 50, 40};
/// The share of the job spent `pending` (queued) before `processing`, in percent.
inline constexpr std::int64_t pending_percent = 10;
}  // namespace timing
static_assert(timing::seconds_per_output_second.size() == enum_strings<quality>::values.size());
static_assert(timing::tier_percent.size() == enum_strings<tier>::values.size());

/// The estimated time of a job, in seconds before scaling.
[[nodiscard]] constexpr std::int64_t estimated_seconds(seedance::tier t, int duration_s, seedance::quality q) noexcept {
  return timing::queue_seconds + duration_s * timing::seconds_per_output_second[static_cast<std::size_t>(q)] *
                                     timing::tier_percent[static_cast<std::size_t>(t)] / 100;
}

/// The estimated time of a valid request body (its model, duration and quality, or their defaults).
[[nodiscard]] inline std::int64_t estimated_seconds(const model_info& m, const nlohmann::json& body) {
  int duration_s = defaults::duration;
  if (auto it = body.find(field::duration); it != body.end() && it->is_number_integer()) {
    const auto d = it->get<std::int64_t>();
    // -1 ("let the model choose") and anything outside the range: the longest
    duration_s = d >= limits::duration.min && d <= limits::duration.max ? static_cast<int>(d) : static_cast<int>(limits::duration.max);
  }
  seedance::quality q = defaults::quality;
  if (auto it = body.find(field::quality); it != body.end() && it->is_string())
    q = parse<seedance::quality>(it->get<std::string>()).value_or(defaults::quality);
  return estimated_seconds(m.tier, duration_s, q);
}

// ---------------------------------------------------------------------------------------------
// A task's state at a time
// ---------------------------------------------------------------------------------------------

/// A task's timeline, in milliseconds since its creation: pending until `processing_at`, processing
/// until `done_at`, then completed or failed.
struct timeline {
  std::chrono::milliseconds processing_at{0};
  std::chrono::milliseconds done_at{0};
};

/// The timeline of a job of `estimated_s` seconds scaled by `scale` (at least 1 ms long).
[[nodiscard]] inline timeline make_timeline(std::int64_t estimated_s, double scale) noexcept {
  const double ms = std::max(1.0, static_cast<double>(estimated_s) * 1000.0 * (scale > 0 ? scale : 0.0));
  const auto done = std::chrono::milliseconds{static_cast<std::int64_t>(std::min(ms, 1e15))};
  return {done * timing::pending_percent / 100, done};
}

/// The scaled estimated time as `task_info.estimated_time` reports it: whole seconds, rounded up
/// (a job of 1.65 s says 2), at least 1.
[[nodiscard]] inline std::int64_t reported_seconds(const timeline& t) noexcept {
  return std::max<std::int64_t>(1, (t.done_at.count() + 999) / 1000);
}

/// The status and progress at `elapsed` since creation; `fails` says how a finished task ends.
/// Progress is 0 while pending, rises linearly while processing (never above 99), 100 when completed;
/// a failed task keeps the progress it had reached.
struct task_phase {
  task_status status = task_status::pending;
  int progress = 0;
};
[[nodiscard]] inline task_phase phase_at(const timeline& t, std::chrono::milliseconds elapsed, bool fails) noexcept {
  if (elapsed < t.processing_at) return {task_status::pending, 0};
  if (elapsed >= t.done_at)
    return fails ? task_phase{task_status::failed, task_facts::progress_max - 1}
                 : task_phase{task_status::completed, task_facts::progress_max};
  const auto span = (t.done_at - t.processing_at).count();
  const auto in = (elapsed - t.processing_at).count();
  const auto p = span > 0 ? in * task_facts::progress_max / span : 0;
  return {task_status::processing, static_cast<int>(std::clamp<std::int64_t>(p, 1, task_facts::progress_max - 1))};
}

/// The error code of a failed task: one of the provider's task errors that a retry may cure
/// (`task_error_table` rows whose action is retry), chosen by `drawn`.
[[nodiscard]] inline std::string_view failure_code(double drawn) noexcept {
  std::array<std::string_view, task_error_table.size()> codes{};
  std::size_t n = 0;
  for (const error_row& r : task_error_table)
    if (r.action == error_action::retry) codes[n++] = r.code;
  if (n == 0) return "unknown_error";
  return codes[std::min(n - 1, static_cast<std::size_t>(drawn * static_cast<double>(n)))];
}

}  // namespace seedance::serve

#endif  // SEEDANCE_DETAIL_SERVE_LIFECYCLE_HPP
