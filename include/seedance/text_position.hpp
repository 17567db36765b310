// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Where a JSON value stands in the text it was parsed from: byte offset, line and column, found
// for many RFC 6901 pointers in one pass over the text. `validate(std::string_view)` uses it to
// give each diagnostic its position; tools use it to print `FILE:LINE:COL:`.
#ifndef SEEDANCE_TEXT_POSITION_HPP
#define SEEDANCE_TEXT_POSITION_HPP

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/text.hpp"

namespace seedance {

/// A position in a text: 0-based byte offset; 1-based line and column. Columns count bytes, as
/// nlohmann/json's parser errors (and GCC's diagnostics) do: a CJK character before the value
/// counts 3.
struct text_position {
  std::size_t offset = 0;
  std::size_t line = 1;
  std::size_t column = 1;
  friend bool operator==(const text_position&, const text_position&) = default;
};

namespace detail {
/// Lines and columns of offsets asked for in increasing order, in one pass over the text (from
/// newline to newline); an offset past the end is clamped to the end.
class line_counter {
 public:
  explicit line_counter(std::string_view text) noexcept : text_(text) {}
  text_position at(std::size_t offset) noexcept {
    offset = std::min(offset, text_.size());
    while (i_ < offset) {
      const void* nl = std::memchr(text_.data() + i_, '\n', offset - i_);
      if (!nl) break;
      i_ = static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
      ++line_;
      line_start_ = i_;
    }
    i_ = std::max(i_, offset);
    return {offset, line_, offset - line_start_ + 1};
  }

 private:
  std::string_view text_;
  std::size_t i_ = 0, line_ = 1, line_start_ = 0;
};
}  // namespace detail

/// The position of `offset` in `text` (an offset past the end is clamped to the end).
[[nodiscard]] inline text_position position_of(std::string_view text, std::size_t offset) noexcept {
  return detail::line_counter(text).at(offset);
}

/// The positions of many offsets (any order) in one pass over `text`.
[[nodiscard]] inline std::vector<text_position> positions_of(std::string_view text, const std::vector<std::size_t>& offsets) {
  std::vector<std::size_t> order(offsets.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return offsets[a] < offsets[b]; });
  std::vector<text_position> out(offsets.size());
  detail::line_counter lines(text);
  for (const std::size_t k : order) out[k] = lines.at(offsets[k]);
  return out;
}

namespace detail::locate {

inline bool is_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Reads the string that starts at text[i] == '"'; returns the index after its closing quote and
/// stores its decoded value in `out` when `out` is not null. Stops at the end of the text.
inline std::size_t read_string(std::string_view text, std::size_t i, std::string* out) {
  ++i;  // opening quote
  while (i < text.size()) {
    // a run of plain bytes, taken at once
    std::size_t j = i;
    while (j < text.size() && text[j] != '"' && text[j] != '\\') ++j;
    if (out) out->append(text.data() + i, j - i);
    i = j;
    if (i >= text.size()) break;
    if (text[i] == '"') return i + 1;
    if (i + 1 >= text.size()) return text.size();
    const char e = text[i + 1];
    i += 2;
    if (!out) {
      continue;  // skipping: "\"" and "\\" are all that matter
    }
    switch (e) {
      case 'b': *out += '\b'; break;
      case 'f': *out += '\f'; break;
      case 'n': *out += '\n'; break;
      case 'r': *out += '\r'; break;
      case 't': *out += '\t'; break;
      case 'u': {
        const auto u4 = [&](std::size_t at) -> long {
          if (at + 4 > text.size()) return -1;
          long v = 0;
          for (std::size_t k = 0; k < 4; ++k) {
            if (!detail::text::is_hex(text[at + k])) return -1;
            v = v * 16 + static_cast<long>(detail::text::hex_value(text[at + k]));
          }
          return v;
        };
        long cp = u4(i);
        if (cp < 0) break;
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < text.size() && text[i] == '\\' && text[i + 1] == 'u') {
          const long lo = u4(i + 2);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
        }
        detail::text::append_utf8(*out, static_cast<char32_t>(cp));
        break;
      }
      default: *out += e; break;  // '"', '\\', '/'
    }
  }
  return text.size();
}

/// The index after the container that starts at text[i] ('{' or '['), strings skipped whole; the
/// text's size when it does not close.
inline std::size_t skip_container(std::string_view text, std::size_t i) noexcept {
  std::size_t depth = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      i = read_string(text, i, nullptr);
      continue;
    }
    ++i;
    if (c == '{' || c == '[') ++depth;
    else if ((c == '}' || c == ']') && --depth == 0) return i;
  }
  return text.size();
}

/// The RFC 6901 reference token of `key`: '~' as "~0", '/' as "~1".
inline void append_token(std::string& out, std::string_view key) {
  out += '/';
  detail::text::append_pointer_token(out, key);
}

}  // namespace detail::locate

/// The byte offsets of the values that `pointers` (RFC 6901, e.g. "", "/duration",
/// "/image_urls/3") designate in the JSON text `text`, in one pass; `std::nullopt` for a pointer
/// that designates nothing. Pointers deeper than `max_depth` tokens are not looked for. For an
/// object key given twice, the last one counts (as for nlohmann/json). Linear in the text's size
/// whatever its nesting; never throws except std::bad_alloc; text that is not JSON gives
/// positions that may be wrong but are within the text.
[[nodiscard]] inline std::vector<std::optional<std::size_t>> locate_values(std::string_view text, const std::vector<std::string>& pointers,
                                                                           std::size_t max_depth = 4);

namespace detail::locate {
/// locate_values over any sized range of string-like pointers (report::locate_in passes views).
template <class Pointers>
[[nodiscard]] std::vector<std::optional<std::size_t>> values(std::string_view text, const Pointers& pointers, std::size_t max_depth) {
  std::vector<std::optional<std::size_t>> found(pointers.size());
  if (pointers.empty()) return found;
  // The pointers sought, sorted, with their indexes in `pointers`.
  std::vector<std::pair<std::string_view, std::size_t>> wanted;
  wanted.reserve(pointers.size());
  for (std::size_t i = 0; i < pointers.size(); ++i) wanted.emplace_back(std::string_view(pointers[i]), i);
  std::sort(wanted.begin(), wanted.end());
  // Records the value at `offset` if `ptr` is sought; says whether a sought pointer lies below it
  // (else the value is skipped whole: no key is read, no path built inside it).
  const auto record = [&](std::string_view ptr, std::size_t offset) {
    auto it = std::lower_bound(wanted.begin(), wanted.end(), std::pair<std::string_view, std::size_t>{ptr, 0});
    for (; it != wanted.end() && it->first == ptr; ++it) found[it->second] = offset;
    for (; it != wanted.end() && it->first.substr(0, ptr.size()) == ptr; ++it)
      if (it->first.size() > ptr.size() && it->first[ptr.size()] == '/') return true;
    return false;
  };

  struct frame {
    bool object;
    std::size_t index;        // arrays: the next element's index
    std::size_t path_length;  // length of `path` for this container
  };
  std::vector<frame> stack;
  std::string path;  // the pointer of the value being read, while depth <= max_depth
  std::string key;
  // A UTF-8 byte order mark before the value (nlohmann/json skips one too): offsets stay the file's.
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  const auto skip_ws = [&] {
    while (i < text.size() && is_ws(text[i])) ++i;
  };
  // Reads an object's key at text[i], if one is there, and its ':'; the key becomes the path's
  // last token. True when there was a key.
  const auto read_key = [&] {
    if (i >= text.size() || text[i] != '"') return false;
    key.clear();
    i = read_string(text, i, stack.size() <= max_depth ? &key : nullptr);
    skip_ws();
    if (i < text.size() && text[i] == ':') ++i;
    if (stack.size() <= max_depth) append_token(path, key);
    return true;
  };
  // Reads one value at text[i]; containers push a frame and are closed by the loop below.
  bool expect_value = true;
  while (true) {
    skip_ws();
    if (i >= text.size()) break;
    if (expect_value) {
      const std::size_t depth = stack.size();
      const bool below = depth <= max_depth && record(path, i);
      const char c = text[i];
      if ((c == '{' || c == '[') && !below) {
        i = skip_container(text, i);
        expect_value = false;
        continue;
      }
      if (c == '{' || c == '[') {
        stack.push_back({c == '{', 0, path.size()});
        ++i;
        skip_ws();
        if (i < text.size() && (text[i] == '}' || text[i] == ']')) {
          ++i;
          stack.pop_back();
          expect_value = false;
          continue;
        }
        if (c == '[') {
          if (stack.size() <= max_depth) append_token(path, "0");
          continue;  // the first element
        }
        expect_value = read_key();  // an object: a key comes first
        continue;
      }
      if (c == '"') {
        i = read_string(text, i, nullptr);
      } else {
        while (i < text.size() && !is_ws(text[i]) && text[i] != ',' && text[i] != '}' && text[i] != ']') ++i;
      }
      expect_value = false;
      continue;
    }
    // After a value: ',' or the end of the container.
    if (stack.empty()) break;
    frame& f = stack.back();
    const char c = text[i];
    if (c == ',') {
      ++i;
      path.resize(std::min(path.size(), f.path_length));
      if (f.object) {
        skip_ws();
        read_key();
      } else {
        ++f.index;
        if (stack.size() <= max_depth) append_token(path, std::to_string(f.index));
      }
      expect_value = true;
      continue;
    }
    if (c == '}' || c == ']') {
      ++i;
      path.resize(std::min(path.size(), f.path_length));
      stack.pop_back();
      continue;
    }
    ++i;  // not JSON: move on
  }
  return found;
}
}  // namespace detail::locate

inline std::vector<std::optional<std::size_t>> locate_values(std::string_view text, const std::vector<std::string>& pointers,
                                                             std::size_t max_depth) {
  return detail::locate::values(text, pointers, max_depth);
}

/// The position of the value that `pointer` designates in the JSON text `text`, or std::nullopt.
[[nodiscard]] inline std::optional<text_position> locate(std::string_view text, std::string_view pointer) {
  const std::size_t depth = static_cast<std::size_t>(std::count(pointer.begin(), pointer.end(), '/'));
  const auto found = locate_values(text, {std::string(pointer)}, depth);
  if (!found[0]) return std::nullopt;
  return position_of(text, *found[0]);
}

}  // namespace seedance

#endif  // SEEDANCE_TEXT_POSITION_HPP
