// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/validate.hpp> (include that, not this header): lists of the table's names for messages, and the index of the request's fields.
#ifndef SEEDANCE_VALIDATE_HPP
#error "include <seedance/validate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_VALIDATE_NAMES_HPP
#define SEEDANCE_DETAIL_VALIDATE_NAMES_HPP

namespace seedance::detail::validate {

template <spec_enum E>
std::string wire_list(std::string_view sep = ", ") {
  std::vector<std::string_view> v(enum_strings<E>::values.begin(), enum_strings<E>::values.end());
  return text::join(v, sep);
}

inline std::string qualities_of(const model_info& m) {
  std::vector<std::string_view> v;
  for (std::size_t i = 0; i < enum_strings<quality>::values.size(); ++i)
    if (m.supports(static_cast<quality>(i))) v.push_back(enum_strings<quality>::values[i]);
  return text::join(v, ", ");
}

/// The ids of the models that have web search, from the capability table.
inline std::string web_search_models() {
  std::vector<std::string_view> v;
  for (const model_info& m : model_catalog)
    if (m.web_search) v.push_back(m.id);
  return text::join_and(v);
}

inline std::string extensions_of(const media_rules& r) {
  std::vector<std::string_view> v;
  for (std::string_view e : r.extensions)
    if (!e.empty()) v.push_back(e);
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", ." : ".") + std::string(v[i]);
  return out;
}

inline std::string formats_of(const media_rules& r) {
  std::vector<std::string_view> v;
  for (media_format f : r.formats)
    if (f != media_format::other) v.push_back(to_string(f));
  return text::join(v, ", ");
}

inline std::string range_text(const int_range& r) { return std::to_string(r.min) + ".." + std::to_string(r.max); }

namespace field_index {
constexpr std::size_t hash(std::string_view k) noexcept {
  return k.empty() ? 0 : (k.size() * 7 + static_cast<unsigned char>(k[0]) + static_cast<unsigned char>(k.back()) * 3U) % 64;
}
inline constexpr std::array<std::uint8_t, 64> table = [] {
  std::array<std::uint8_t, 64> t{};
  for (auto& x : t) x = static_cast<std::uint8_t>(request_fields.size());
  for (std::size_t i = 0; i < request_fields.size(); ++i) t[hash(request_fields[i])] = static_cast<std::uint8_t>(i);
  return t;
}();
static_assert(
    [] {
      for (std::size_t i = 0; i < request_fields.size(); ++i)
        if (table[hash(request_fields[i])] != i) return false;
      return true;
    }(),
    "seedance: two request fields share a slot of field_index::table; change hash()");
/// The index of a top-level field in `request_fields`, or request_fields.size(): one probe of a
/// table built at compile time from `request_fields`, then one comparison.
constexpr std::size_t of(std::string_view key) noexcept {
  const std::size_t i = table[hash(key)];
  if (i == request_fields.size()) return i;
  const std::string_view f = request_fields[i];
  if (f.data() == key.data()) return i;  // the field's own name (find(field::prompt)): no comparison
  if (f.size() != key.size()) return request_fields.size();
  if (f.size() >= 8 && !std::is_constant_evaluated()) {  // the first and the last eight bytes: all of a name up to 16
    std::uint64_t a = 0, b = 0, c = 0, d = 0;
    std::memcpy(&a, f.data(), 8);
    std::memcpy(&b, key.data(), 8);
    std::memcpy(&c, f.data() + f.size() - 8, 8);
    std::memcpy(&d, key.data() + key.size() - 8, 8);
    if (a != b || c != d) return request_fields.size();
    if (f.size() <= 16) return i;
  }
  for (std::size_t k = 0; k < f.size(); ++k)  // short names: inline, no call to memcmp
    if (f[k] != key[k]) return request_fields.size();
  return i;
}
}  // namespace field_index

/// The kind of media whose URL array is top-level field `name`, if it is one.
constexpr std::optional<media_kind> media_of_field(std::string_view name) noexcept {
  for (media_kind k : {media_kind::image, media_kind::video, media_kind::audio})
    if (urls_field(k) == name) return k;
  return std::nullopt;
}

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_NAMES_HPP
