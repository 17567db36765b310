// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/validate.hpp> (include that, not this header): the parsed body as the validator's events (validate(const nlohmann::json&)).
#ifndef SEEDANCE_VALIDATE_HPP
#error "include <seedance/validate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_VALIDATE_READ_JSON_HPP
#define SEEDANCE_DETAIL_VALIDATE_READ_JSON_HPP

namespace seedance::detail::validate {

/// Lower bound of the serialized size of `v` in bytes (strings and keys with their quotes, one
/// byte per other token); iterative, so any depth is fine.
inline std::uint64_t serialized_size_lower_bound(const nlohmann::json& v) {
  std::uint64_t total = 0;
  // A stack of pending containers: inline for the usual shallow request, on the heap past 32.
  std::array<const nlohmann::json*, 32> inline_stack;
  std::vector<const nlohmann::json*> heap_stack;
  std::size_t top = 0;
  // Scalars are counted at once; only containers wait on the stack.
  const auto visit = [&](const nlohmann::json& x) {
    if (x.is_string()) {
      total += x.get_ref<const std::string&>().size() + 2;
    } else if (x.is_structured()) {
      if (top < inline_stack.size()) inline_stack[top++] = &x;
      else heap_stack.push_back(&x);
    } else {
      total += 1;
    }
  };
  visit(v);
  while (top > 0 || !heap_stack.empty()) {
    const nlohmann::json* x = nullptr;
    if (!heap_stack.empty()) {
      x = heap_stack.back();
      heap_stack.pop_back();
    } else {
      x = inline_stack[--top];
    }
    total += 2;
    if (x->is_object()) {
      for (auto it = x->begin(); it != x->end(); ++it) {
        total += it.key().size() + 4;
        visit(it.value());
      }
    } else {
      for (const auto& e : *x) {
        total += 1;
        visit(e);
      }
    }
  }
  return total;
}

/// Tells `v` what the parsed body `j` holds, the model first (so one pass suffices), then
/// finishes; `text_bytes`: the size of the text it was parsed from, when known.
inline void walk(validator& v, const nlohmann::json& j, std::optional<std::uint64_t> text_bytes) {
  const auto* object = j.get_ptr<const nlohmann::json::object_t*>();
  if (!object) {
    v.not_an_object(j.type());
    return;
  }
  if (const auto m = object->find(field::model); m != object->end()) {
    v.field(field_index::of(field::model), &m->second);
    v.preset_model(v.model());
  }
  // Without text, the lower bound of the serialized size, as serialized_size_lower_bound(j) counts it.
  std::uint64_t size = 2;
  for (const auto& [key, value] : *object) {
    if (!text_bytes) {
      size += key.size() + 4;
      if (const auto* str = value.get_ptr<const std::string*>()) size += str->size() + 2;
      else size += value.is_structured() ? serialized_size_lower_bound(value) : 1;
    }
    const std::size_t i = field_index::of(key);
    if (i >= request_fields.size()) {
      v.unknown_field(key);
      continue;
    }
    const std::string_view name = request_fields[i];
    if (name == field::model) continue;  // told first
    if (const std::optional<media_kind> k = media_of_field(name)) {
      v.media_begin(*k, value.type());
      if (const auto* items = value.get_ptr<const nlohmann::json::array_t*>())
        for (const nlohmann::json& e : *items) v.media_item(*k, e.get_ptr<const std::string*>(), e.type());
    } else if (name == field::model_params) {
      v.params_begin(value.type());
      if (const auto* params = value.get_ptr<const nlohmann::json::object_t*>())
        for (const auto& [pk, pv] : *params) v.param(pk, pv);
    } else {
      v.field(i, &value);
    }
  }
  v.finish(text_bytes ? *text_bytes : size, text_bytes.has_value());
}

/// Runs `body` through the validator; anything thrown (only std::bad_alloc can be) leaves the
/// report not ok and says so (code validation_incomplete).
template <class Body>
void run_guarded(report& r, Body&& body) noexcept {
  try {
    body();
  } catch (const std::bad_alloc&) { r.stop("out of memory"); } catch (const std::exception& e) {
    r.stop(e.what());
  } catch (...) { r.stop("an unknown exception"); }
}

/// The same for a parsed body.
inline void run_guarded(report& r, const nlohmann::json& j, const media_map& media, std::optional<std::uint64_t> text_bytes,
                        std::string_view text = {}, const validate_options& options = {}) noexcept {
  run_guarded(r, [&] {
    validator v(r, media, text, options);
    walk(v, j, text_bytes);
  });
}

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_READ_JSON_HPP
