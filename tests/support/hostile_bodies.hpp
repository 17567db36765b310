// Five hostile request bodies of about 40 MiB each (below the 64 MiB body limit, so the tool reads
// and parses them): the shapes that made a DOM cost many times the text (docs/performance.md, "Peak
// memory of `seedance check` on hostile bodies"). Used by the CLI's memory test (tests/cli) and by
// benchmarks/check_memory.cpp, which both run `seedance check` on them.
#ifndef SEEDANCE_TEST_HOSTILE_BODIES_HPP
#define SEEDANCE_TEST_HOSTILE_BODIES_HPP

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace seedance_test {

/// The size the bodies are built to (each is at most this, and within an item of it).
inline constexpr std::size_t hostile_body_bytes = std::size_t{40} << 20;

/// One hostile body: its name, and how `seedance check` must answer it (the exit status the rules
/// give: 1 for an invalid request, 0 for a valid one, warnings or not).
struct hostile_body {
  std::string_view name;
  std::string_view what;  // the shape, for a reader of the table
  int exit_status;
  std::string (*make)(std::size_t bytes);
};

namespace detail {

/// `head` + `item` repeated (separated by commas) + `tail`, as many items as fit in `bytes`.
inline std::string repeat_items(std::string_view head, std::string_view item, std::string_view tail, std::size_t bytes) {
  std::string s;
  s.reserve(bytes);
  s += head;
  bool first = true;
  while (s.size() + (first ? 0 : 1) + item.size() + tail.size() <= bytes) {
    if (!first) s += ',';
    s += item;
    first = false;
  }
  s += tail;
  return s;
}

// Model ids from the table (spec.hpp, model_rows). Reference-to-video takes at most 9 images and
// 3 videos (mode_table), so a long array is too many whatever its items are.
inline constexpr std::string_view reference_head = R"({"model":"seedance-2.0-reference-to-video","prompt":"p",)";
inline constexpr std::string_view text_head = R"({"model":"seedance-2.0-text-to-video","prompt":)";

}  // namespace detail

/// (a) image_urls: an array of empty objects. Invalid: its items are not strings, and too many.
inline std::string empty_objects_body(std::size_t bytes = hostile_body_bytes) {
  return detail::repeat_items(std::string(detail::reference_head) + R"("image_urls":[)", "{}", "]}", bytes);
}

/// (b) video_urls: an array of zeros. Invalid: its items are not strings, and too many.
inline std::string zeros_body(std::size_t bytes = hostile_body_bytes) {
  return detail::repeat_items(std::string(detail::reference_head) + R"("video_urls":[)", "0", "]}", bytes);
}

/// (c) image_urls: the same valid URL, over and over. Invalid: too many images.
inline std::string urls_body(std::size_t bytes = hostile_body_bytes) {
  return detail::repeat_items(std::string(detail::reference_head) + R"("image_urls":[)", R"("https://example.com/a.png")", "]}", bytes);
}

/// (d) a valid text-to-video request with millions of distinct keys the API does not define:
/// `"k0":0,"k1":0,...`. Unknown keys are warnings (errors only in strict mode, which `check`
/// is not by default): the request is valid, so the tool also estimates its cost.
inline std::string unknown_keys_body(std::size_t bytes = hostile_body_bytes) {
  std::string s;
  s.reserve(bytes);
  s += detail::text_head;
  s += R"("p")";
  constexpr std::string_view tail = "}";
  for (std::size_t i = 0;; ++i) {
    const std::string item = ",\"k" + std::to_string(i) + "\":0";
    if (s.size() + item.size() + tail.size() > bytes) break;
    s += item;
  }
  s += tail;
  return s;
}

/// (e) one prompt of ASCII letters that fills the body. Invalid: far over the prompt's token limit.
inline std::string long_prompt_body(std::size_t bytes = hostile_body_bytes) {
  std::string s;
  s.reserve(bytes);
  s += detail::text_head;
  s += '"';
  constexpr std::string_view tail = "\"}";
  const std::size_t letters = bytes - s.size() - tail.size();
  for (std::size_t i = 0; i < letters; ++i) s += static_cast<char>('a' + i % 26);
  s += tail;
  return s;
}

/// The five, in the order of the tables.
inline const std::array<hostile_body, 5>& hostile_bodies() {
  static const std::array<hostile_body, 5> all{{
      {"array of {}", "image_urls: [{},{},...]", 1, &empty_objects_body},
      {"array of zeros", "video_urls: [0,0,...]", 1, &zeros_body},
      {"URLs", "image_urls: [\"https://example.com/a.png\",...]", 1, &urls_body},
      {"unknown keys", "{\"k0\":0,\"k1\":0,...} with model and prompt", 0, &unknown_keys_body},
      {"40 MiB prompt", "one prompt of ASCII letters", 1, &long_prompt_body},
  }};
  return all;
}

}  // namespace seedance_test

#endif  // SEEDANCE_TEST_HOSTILE_BODIES_HPP
