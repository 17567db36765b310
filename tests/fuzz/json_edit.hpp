// Structure-aware fuzzing of JSON documents: the fuzzer's bytes are read as an edit script on a
// known-good document, so that coverage guidance explores documents that parse and are almost
// right (what a loader's checks are for) instead of text that the JSON parser refuses.
//
// Script: a sequence of edits of 3 bytes each (at most 8 edits; the rest of the input, if any, is a
// string operand): byte 0 and 1 pick a node (an index into the document's values in pre-order,
// modulo their number), byte 2 picks what to do with it: drop it (a key of an object, an element
// of an array), or replace it by one of a fixed list of hostile values, an integer or a string
// made of the script's bytes, or a copy of another node.
#ifndef SEEDANCE_FUZZ_JSON_EDIT_HPP
#define SEEDANCE_FUZZ_JSON_EDIT_HPP

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <span>
#include <string>
#include <vector>

namespace json_edit {

inline void collect(nlohmann::json& j, std::vector<nlohmann::json*>& out) {
  out.push_back(&j);
  if (j.is_structured())
    for (auto& child : j) collect(child, out);
}

inline const std::vector<nlohmann::json>& replacements() {
  using nlohmann::json;
  static const std::vector<json> values = {
      nullptr,
      0,
      -1,
      1.5,
      true,
      false,
      "x",
      "",
      "-5",
      "0",
      "0.5",
      "1e5",
      "9223372036854775807",
      "0.0000000000000000001",
      "720p",
      "4k",
      "half_up",
      "ceil",
      "uc",
      json::array(),
      json::object(),
      18446744073709551615ULL,
      -9223372036854775807LL - 1,
      1e308,
      json{{"op", "pow"}, {"args", json::array()}},
      json{{"op", "constant"}, {"value", "3"}},
      json{{"op", "variable"}, {"name", "quality"}},
      json{{"op", "variable"}, {"name", "input_seconds"}},
      json{{"op", "divide"}, {"args", {{{"op", "constant"}, {"value", "1"}}, {{"op", "constant"}, {"value", "0"}}}}},
      json{{"op", "multiply"}, {"args", {{{"op", "constant"}, {"value", "9223372036854775807"}}, {{"op", "constant"}, {"value", "10"}}}}},
      json{{"op", "eq"}, {"args", {{{"op", "variable"}, {"name", "quality"}}, {{"op", "constant"}, {"value", "720p"}}}}},
      json{{"op", "lookup"}, {"key", {{"op", "variable"}, {"name", "duration_seconds"}}}, {"values", {{"11", "2"}, {"5", "1"}}}},
      json{{"op", "clamp"},
           {"args", {{{"op", "constant"}, {"value", "5"}}, {{"op", "constant"}, {"value", "9"}}, {{"op", "constant"}, {"value", "1"}}}}},
      json{{"op", "if"}, {"args", {{{"op", "constant"}, {"value", "1"}}, {{"op", "constant"}, {"value", "1"}}}}},
  };
  return values;
}

/// Applies the script in `bytes` to `doc`.
inline void apply(nlohmann::json& doc, std::span<const std::uint8_t> bytes) {
  constexpr std::size_t edit_size = 3, max_edits = 8;
  const std::size_t edits = bytes.size() / edit_size < max_edits ? bytes.size() / edit_size : max_edits;
  const std::span<const std::uint8_t> rest = bytes.subspan(edits * edit_size);
  std::vector<nlohmann::json*> nodes;
  for (std::size_t e = 0; e < edits; ++e) {
    const std::uint8_t* b = bytes.data() + e * edit_size;
    nodes.clear();
    collect(doc, nodes);
    const std::size_t pick = (static_cast<std::size_t>(b[0]) << 8 | b[1]) % nodes.size();
    nlohmann::json& target = *nodes[pick];
    const auto& values = replacements();
    const unsigned op = b[2];
    if (op == 0 || op == 1) {  // drop the first (0) or the last (1) member or element of the node
      if (target.is_object() && !target.empty()) target.erase(op == 0 ? target.begin() : std::prev(target.end()));
      if (target.is_array() && !target.empty()) target.erase(op == 0 ? target.begin() : std::prev(target.end()));
    } else if (op == 2) {  // an integer made of the remaining bytes (up to 8)
      std::int64_t v = 0;
      std::memcpy(&v, rest.data(), rest.size() < sizeof v ? rest.size() : sizeof v);
      target = v;
    } else if (op == 3) {  // a string made of the remaining bytes (may be invalid UTF-8)
      target = std::string(reinterpret_cast<const char*>(rest.data()), rest.size());
    } else if (op == 4) {  // a copy of another node (a subtree where a leaf was, and so on)
      const nlohmann::json copy = *nodes[(pick * 7 + 3) % nodes.size()];
      target = copy;
    } else if (op == 5 && target.is_array()) {  // one more element: a copy of its first
      if (!target.empty()) target.push_back(nlohmann::json(target.front()));
    } else {
      target = values[(op - 6U) % values.size()];
    }
  }
}

}  // namespace json_edit

#endif  // SEEDANCE_FUZZ_JSON_EDIT_HPP
