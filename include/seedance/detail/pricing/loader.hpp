// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/pricing.hpp> (include that, not this header): the loader (feed JSON to a table,
// every malformed part a load error with its pointer) and its message helpers.
#ifndef SEEDANCE_PRICING_HPP
#error "include <seedance/pricing.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_PRICING_LOADER_HPP
#define SEEDANCE_DETAIL_PRICING_LOADER_HPP

namespace seedance {

namespace detail::pricing {
/// out = v, member by member: a later 16-byte read of `out.number` then finds one 16-byte store to
/// forward from (a whole-struct copy stores 16-byte chunks across the members, and a read that
/// spans two of them stalls until they reach the cache).
inline void assign(pricing_value& out, const pricing_value& v) noexcept {
  out.type = v.type;
  out.number = v.number;
  out.text = v.text;
  out.boolean = v.boolean;
}

/// a == b for the short names, keys and values of a feed: no call into the C library.
[[nodiscard]] inline bool same_text(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

inline std::string type_name(const nlohmann::json& j) { return std::string(j.type_name()); }

/// A feed's value, for a message, without recursing into it: a string shortened, a number,
/// boolean or null as written, an array or object by its type alone. (dump() would recurse once per
/// level of nesting: a feed's 2,000,000-level array must not overflow the stack of a message.)
inline std::string describe(const nlohmann::json& j) {
  if (j.is_string()) return detail::text::quote(j.get_ref<const std::string&>(), detail::text::feed_value);
  if (j.is_number() || j.is_boolean() || j.is_null()) return j.dump();  // a scalar: no recursion
  return j.is_array() ? "an array" : j.is_object() ? "an object" : "a binary value";
}

/// Whether a constant's text is written as a number: an optional sign, digits with at most one
/// '.', an optional exponent ("0.99999999999999999999", "+1", "1e3", ".5"). "4k" and "720p" are not.
[[nodiscard]] inline bool looks_numeric(std::string_view s) noexcept {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  bool digits = false, point = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') digits = true;
    else if (s[i] == '.' && !point) point = true;
    else break;
  }
  if (!digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t exponent = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == exponent) return false;
  }
  return i == s.size();
}

inline std::string op_list() { return text::join(enum_strings<pricing_op>::values, ", "); }
}  // namespace detail::pricing

/// Builds a table from parsed JSON; stops at the first problem.
class pricing_loader {
 public:
  explicit pricing_loader(pricing_table& t) : t_(t) {}

  bool load(const nlohmann::json& feed) {
    if (feed.is_object() && feed.contains("models")) {
      if (auto meta = feed.find("meta"); meta != feed.end() && meta->is_object()) {
        if (auto v = meta->find("schema_version"); v != meta->end()) {
          if (!v->is_string() || v->get_ref<const std::string&>() != "2")
            return fail("/meta/schema_version",
                        "schema_version " + detail::pricing::describe(*v) + " is not supported (this library reads version \"2\")");
          t_.schema_version_ = "2";
        }
        if (auto v = meta->find("updated_at");
            v != meta->end() && v->is_string() && v->get_ref<const std::string&>().size() <= pricing_limits::max_text)
          t_.updated_at_ = v->get_ref<const std::string&>();
      }
      const nlohmann::json& models = feed["models"];
      if (!models.is_array()) return fail("/models", "models must be an array, not " + detail::pricing::type_name(models));
      return rows(models, "/models");
    }
    if (feed.is_array()) return rows(feed, "");
    if (feed.is_object() && feed.contains("model_id")) return row(feed, "");
    return fail("", "not a pricing-rules feed: expected an object with \"models\", an array of model rows, or one model row");
  }

  std::string error;
  std::string path;

 private:
  bool fail(std::string p, std::string msg) {
    path = std::move(p);
    error = std::move(msg);
    return false;
  }

  bool rows(const nlohmann::json& arr, const std::string& p) {
    for (std::size_t i = 0; i < arr.size(); ++i)
      if (!row(arr[i], p + "/" + std::to_string(i))) return false;
    return true;
  }

  // A string field that must be present.
  bool text_field(const nlohmann::json& obj, std::string_view key, const std::string& p, std::string& out) {
    auto it = obj.find(key);
    if (it == obj.end()) return fail(p, "missing " + detail::text::quote(key, detail::text::field_name));
    if (!it->is_string())
      return fail(p + "/" + std::string(key), std::string(key) + " must be a string, not " + detail::pricing::type_name(*it));
    if (it->get_ref<const std::string&>().size() > pricing_limits::max_text)
      return fail(p + "/" + std::string(key),
                  std::string(key) + " is longer than " + std::to_string(pricing_limits::max_text) + " characters");
    out = it->get_ref<const std::string&>();
    return true;
  }
  // An informational string: read when it is a string, otherwise ignored.
  static void info_field(const nlohmann::json& obj, std::string_view key, std::string& out) {
    if (auto it = obj.find(key); it != obj.end() && it->is_string() && it->get_ref<const std::string&>().size() <= pricing_limits::max_text)
      out = it->get_ref<const std::string&>();
  }

  // A decimal written as a string ("0.609"), or as a JSON integer. Binary floating point is refused.
  bool number(const nlohmann::json& j, const std::string& p, decimal& out) {
    if (j.is_string()) {
      const std::string& s = j.get_ref<const std::string&>();
      if (auto d = decimal::parse(s)) {
        out = *d;
        return true;
      }
      return fail(p, detail::text::quote(s, detail::text::feed_value) +
                         " is not a decimal number within range (digits with an optional '-' and '.')");
    }
    if (j.is_number_integer()) {
      if (j.is_number_unsigned()) {
        const auto u = j.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(detail::i64_max)) return fail(p, "the number " + j.dump() + " is out of range");
        out = decimal(static_cast<std::int64_t>(u));
        return true;
      }
      const auto v = j.get<std::int64_t>();
      if (v == std::numeric_limits<std::int64_t>::min()) return fail(p, "the number " + j.dump() + " is out of range");
      out = decimal(v);
      return true;
    }
    if (j.is_number_float())
      return fail(p, "the number " + j.dump() + " must be written as a decimal string (binary floating point is not exact)");
    return fail(p, "expected a decimal string, not " + detail::pricing::type_name(j));
  }

  // {"uc": "..."} inside rate / minimum_charge.
  bool uc_amount(const nlohmann::json& obj, const std::string& p, decimal& out) {
    if (!obj.is_object()) return fail(p, "must be an object with \"uc\", not " + detail::pricing::type_name(obj));
    auto it = obj.find("uc");
    if (it == obj.end()) return fail(p, "missing \"uc\"");
    if (!number(*it, p + "/uc", out)) return false;
    if (out.is_negative()) return fail(p + "/uc", "a negative amount " + out.to_string() + " uc");
    return true;
  }

  bool row(const nlohmann::json& r, const std::string& p) {
    if (!r.is_object()) return fail(p, "a model row must be an object, not " + detail::pricing::type_name(r));
    std::string id;
    if (!text_field(r, "model_id", p, id)) return false;
    if (find_model(id) == nullptr) {  // not a model of the table: ignored, not even read
      ++t_.ignored_;
      return true;
    }
    if (t_.find(id) != nullptr)
      return fail(p + "/model_id", "model " + detail::text::quote(id, detail::text::feed_value) + " appears twice");
    pricing_model m;
    m.model_id = std::move(id);
    row_ = pricing_table::row_index{};
    slot_of_.clear();
    info_field(r, "settlement_basis", m.settlement_basis);
    info_field(r, "pricing_status", m.pricing_status);
    if (auto it = r.find("parameters"); it != r.end()) {
      if (!it->is_array()) return fail(p + "/parameters", "parameters must be an array");
      if (it->size() > pricing_limits::max_parameters)
        return fail(p + "/parameters", "more than " + std::to_string(pricing_limits::max_parameters) + " parameters");
      for (std::size_t i = 0; i < it->size(); ++i) {
        pricing_parameter prm;
        if (!parameter((*it)[i], p + "/parameters/" + std::to_string(i), prm)) return false;
        const std::uint32_t s = intern(prm.name);
        if (row_.slots[s].parameter < 0) declare(row_.slots[s], prm, static_cast<std::int32_t>(i));
        m.parameters.push_back(std::move(prm));
      }
    }
    auto comps = r.find("components");
    if (comps == r.end()) return fail(p, "missing \"components\"");
    if (!comps->is_array() || comps->empty()) return fail(p + "/components", "components must be a non-empty array");
    if (comps->size() > pricing_limits::max_components)
      return fail(p + "/components", "more than " + std::to_string(pricing_limits::max_components) + " components");
    for (std::size_t i = 0; i < comps->size(); ++i) {
      pricing_component c;
      if (!component((*comps)[i], p + "/components/" + std::to_string(i), c)) return false;
      m.components.push_back(std::move(c));
    }
    t_.models_.push_back(std::move(m));
    t_.rows_.push_back(std::move(row_));
    return true;
  }

  // The slot of `name` in the row being loaded (a new one the first time).
  std::uint32_t intern(const std::string& name) {
    const auto [it, added] = slot_of_.try_emplace(name, static_cast<std::uint32_t>(row_.slots.size()));
    if (added) row_.slots.push_back({name, -1, pricing_table::parameter_kind::none, pricing_table::default_kind::none, decimal{}});
    return it->second;
  }

  // Records the first parameter declaring a slot's name: its kind and its default, read as the
  // evaluation reads it (a number for integer and decimal parameters, else a text).
  static void declare(pricing_table::slot& s, const pricing_parameter& prm, std::int32_t index) {
    using kind = pricing_table::parameter_kind;
    s.parameter = index;
    s.kind = prm.type == "integer"   ? kind::integer
             : prm.type == "decimal" ? kind::decimal
             : prm.type == "enum"    ? kind::enumeration
                                     : kind::other;
    if (!prm.default_value) {
      s.fallback = pricing_table::default_kind::none;
    } else if (s.kind == kind::integer || s.kind == kind::decimal) {
      if (auto d = decimal::parse(*prm.default_value)) {
        s.fallback = pricing_table::default_kind::number;
        s.default_number = *d;
      } else {
        s.fallback = pricing_table::default_kind::not_a_number;
      }
    } else {
      s.fallback = pricing_table::default_kind::text;
    }
  }

  bool parameter(const nlohmann::json& j, const std::string& p, pricing_parameter& out) {
    if (!j.is_object()) return fail(p, "a parameter must be an object");
    if (!text_field(j, "name", p, out.name)) return false;
    info_field(j, "type", out.type);
    if (auto it = j.find("default"); it != j.end()) {
      if (it->is_string() && it->get_ref<const std::string&>().size() <= pricing_limits::max_text)
        out.default_value = it->get<std::string>();
      else if (it->is_number_integer()) out.default_value = it->dump();
      else return fail(p + "/default", "default must be a string");
    }
    for (const char* bound : {"minimum", "maximum"}) {
      if (auto it = j.find(bound); it != j.end()) {
        decimal d;
        if (!number(*it, p + "/" + bound, d)) return false;
        (bound[1] == 'i' ? out.minimum : out.maximum) = d;
      }
    }
    if (auto it = j.find("values"); it != j.end()) {
      if (!it->is_array() || it->size() > pricing_limits::max_lookup_entries)
        return fail(p + "/values", "values must be an array of strings");
      for (std::size_t i = 0; i < it->size(); ++i) {
        const nlohmann::json& v = (*it)[i];
        if (!v.is_string() || v.get_ref<const std::string&>().size() > pricing_limits::max_text)
          return fail(p + "/values/" + std::to_string(i), "values must be strings");
        out.values.push_back(v.get<std::string>());
      }
    }
    return true;
  }

  bool component(const nlohmann::json& j, const std::string& p, pricing_component& c) {
    if (!j.is_object()) return fail(p, "a component must be an object");
    if (!text_field(j, "id", p, c.id)) return false;
    info_field(j, "role", c.role);
    info_field(j, "unit", c.unit);
    info_field(j, "billing_rule", c.billing_rule);
    info_field(j, "effective_at", c.effective_at);
    info_field(j, "sku_id", c.sku_id);
    if (!status_field(j, p, c.pricing_status)) return false;
    auto rate = j.find("rate");
    if (rate == j.end()) return fail(p, "missing \"rate\"");
    if (!uc_amount(*rate, p + "/rate", c.rate_uc)) return false;
    if (auto it = j.find("minimum_charge"); it != j.end())
      if (!uc_amount(*it, p + "/minimum_charge", c.minimum_uc)) return false;
    auto rounding = j.find("rounding");
    if (rounding == j.end()) return fail(p, "missing \"rounding\"");
    if (!rounding->is_object()) return fail(p + "/rounding", "rounding must be an object");
    std::string mode;
    if (!text_field(*rounding, "mode", p + "/rounding", mode)) return false;
    const auto r = parse<pricing_rounding>(mode);
    if (!r)
      return fail(p + "/rounding/mode",
                  "rounding mode " + detail::text::quote(mode, detail::text::feed_value) + " is not supported (half_up, ceil, floor)");
    c.rounding = *r;
    if (auto it = rounding->find("point"); it != rounding->end()) {  // absent: per_component_subtotal
      const auto point = it->is_string() ? parse<pricing_rounding_point>(it->get_ref<const std::string&>()) : std::nullopt;
      if (!point)
        return fail(p + "/rounding/point", "rounding point " + detail::pricing::describe(*it) +
                                               " is not supported (per_component_subtotal, per_quantity, per_tier)");
      c.point = *point;
    }
    // billing_unit_size: the provider's own estimator ignores it (a quantity rule already counts in
    // the billed unit); read for information, a positive integer, never applied.
    if (auto it = j.find("billing_unit_size"); it != j.end() && !it->is_null()) {
      if (!it->is_number_integer() ||
          (it->is_number_unsigned() ? it->get<std::uint64_t>() > static_cast<std::uint64_t>(detail::i64_max) : it->get<std::int64_t>() < 1))
        return fail(p + "/billing_unit_size",
                    "billing_unit_size " + detail::pricing::describe(*it) + " is not supported (a positive integer)");
      c.billing_unit_size = it->get<std::int64_t>();
    }
    auto q = j.find("quantity_rule");
    if (q == j.end()) return fail(p, "missing \"quantity_rule\"");
    std::size_t count = 0;
    if (!expr(*q, p + "/quantity_rule", 1, count, c.quantity, c.variables)) return false;
    if (auto it = j.find("condition"); it != j.end() && !it->is_null()) {
      std::uint32_t root = 0;
      count = 0;
      if (!expr(*it, p + "/condition", 1, count, root, c.variables)) return false;
      c.condition = root;
    }
    if (auto it = j.find("tiers"); it != j.end() && !it->is_null()) {
      if (!it->is_array()) return fail(p + "/tiers", "tiers must be an array, not " + detail::pricing::type_name(*it));
      if (it->size() > pricing_limits::max_tiers)
        return fail(p + "/tiers", "more than " + std::to_string(pricing_limits::max_tiers) + " tiers");
      for (std::size_t i = 0; i < it->size(); ++i) {
        pricing_tier t;
        if (!tier((*it)[i], p + "/tiers/" + std::to_string(i), t, c.variables)) return false;
        c.tiers.push_back(std::move(t));
      }
    }
    return true;
  }

  // pricing_status: a string when present (absent: available).
  bool status_field(const nlohmann::json& j, const std::string& p, std::string& out) {
    auto it = j.find("pricing_status");
    if (it == j.end() || it->is_null()) return true;
    if (!it->is_string() || it->get_ref<const std::string&>().size() > pricing_limits::max_text)
      return fail(p + "/pricing_status", "pricing_status must be a string, not " + detail::pricing::describe(*it));
    out = it->get_ref<const std::string&>();
    return true;
  }

  // {"when", "sku_id", "rate", "minimum_charge", "pricing_status", "multiplier"}
  bool tier(const nlohmann::json& j, const std::string& p, pricing_tier& t, std::vector<std::string>& vars) {
    if (!j.is_object()) return fail(p, "a tier must be an object, not " + detail::pricing::type_name(j));
    auto when = j.find("when");
    if (when == j.end()) return fail(p, "missing \"when\"");
    std::size_t count = 0;
    if (!expr(*when, p + "/when", 1, count, t.when, vars)) return false;
    info_field(j, "sku_id", t.sku_id);
    auto rate = j.find("rate");
    if (rate == j.end()) return fail(p, "missing \"rate\"");
    if (!uc_amount(*rate, p + "/rate", t.rate_uc)) return false;
    if (auto it = j.find("minimum_charge"); it != j.end() && !it->is_null())
      if (!uc_amount(*it, p + "/minimum_charge", t.minimum_uc)) return false;
    if (auto it = j.find("multiplier"); it != j.end() && !it->is_null()) {
      if (!number(*it, p + "/multiplier", t.multiplier)) return false;
      if (t.multiplier.is_negative() || t.multiplier.is_zero())
        return fail(p + "/multiplier", "the multiplier " + t.multiplier.to_string() + " is not positive");
    }
    return status_field(j, p, t.pricing_status);
  }

  bool expr(const nlohmann::json& j, const std::string& p, std::size_t depth, std::size_t& count, std::uint32_t& out,
            std::vector<std::string>& vars) {
    if (depth > pricing_limits::max_depth)
      return fail(p, "the expression is nested more than " + std::to_string(pricing_limits::max_depth) + " levels deep");
    if (++count > pricing_limits::max_nodes)
      return fail(p, "the expression has more than " + std::to_string(pricing_limits::max_nodes) + " nodes");
    if (!j.is_object()) return fail(p, "an expression must be an object with \"op\", not " + detail::pricing::type_name(j));
    std::string op_name;
    if (!text_field(j, "op", p, op_name)) return false;
    const auto op = parse<pricing_op>(op_name);
    if (!op)
      return fail(p + "/op", "unknown operator " + detail::text::quote(op_name, detail::text::feed_value) +
                                 " (known: " + detail::pricing::op_list() + ")");
    pricing_table::node n;
    n.op = *op;
    switch (*op) {
      case pricing_op::variable: {
        if (!text_field(j, "name", p, n.text)) return false;
        n.slot = intern(n.text);
        bool seen = false;
        for (const std::string& v : vars) seen = seen || v == n.text;
        if (!seen) vars.push_back(n.text);
        break;
      }
      case pricing_op::constant: {
        auto it = j.find("value");
        if (it == j.end()) return fail(p, "missing \"value\"");
        if (it->is_string()) {
          if (it->get_ref<const std::string&>().size() > pricing_limits::max_text) return fail(p + "/value", "the constant is too long");
          n.text = it->get<std::string>();
          if (auto d = decimal::parse(n.text)) {
            n.number = *d;
            n.is_number = true;
          } else if (detail::pricing::looks_numeric(n.text)) {
            // Meant as a number: kept as a text it would fail later with a misleading message, or
            // never (in an untaken branch). Plain decimal text that decimal::parse refuses is out
            // of range; anything else ("1e3", "+1", ".5") is a notation the feed does not use.
            const std::string_view t = n.text;
            const std::string_view body = t.substr(t.front() == '-' ? 1 : 0);
            const bool plain =
                t.find_first_of("+eE") == std::string_view::npos && !body.empty() && body.front() != '.' && body.back() != '.';
            return fail(p + "/value",
                        "the constant " + detail::text::quote(t, detail::text::feed_value) +
                            (plain ? " does not fit the exact range (64-bit numerator and denominator, at most 36 significant digits)"
                                   : " looks like a number but is not plain decimal text (digits with an optional '-' and '.')"));
          }
        } else {
          if (!number(*it, p + "/value", n.number)) return false;
          n.is_number = true;
          n.text = n.number.to_string();
        }
        break;
      }
      case pricing_op::lookup: {
        auto key = j.find("key");
        if (key == j.end()) return fail(p, "missing \"key\"");
        if (!expr(*key, p + "/key", depth + 1, count, n.key, vars)) return false;
        auto values = j.find("values");
        if (values == j.end()) return fail(p, "missing \"values\"");
        if (!values->is_object() || values->empty()) return fail(p + "/values", "values must be a non-empty object");
        if (values->size() > pricing_limits::max_lookup_entries)
          return fail(p + "/values", "more than " + std::to_string(pricing_limits::max_lookup_entries) + " entries");
        n.first = static_cast<std::uint32_t>(t_.entries_.size());
        for (auto it = values->begin(); it != values->end(); ++it) {
          if (it.key().size() > pricing_limits::max_text) return fail(p + "/values", "a key is too long");
          decimal d;
          if (!number(it.value(), p + "/values/" + detail::text::pointer_token(it.key()), d)) return false;
          t_.entries_.push_back({it.key(), d});
        }
        n.count = static_cast<std::uint32_t>(values->size());
        break;
      }
      default: {
        auto args = j.find("args");
        if (args == j.end()) return fail(p, "missing \"args\"");
        if (!args->is_array()) return fail(p + "/args", "args must be an array");
        const std::size_t k = args->size();
        // The provider's arities, and 1..64 for add, multiply, max, min, and, or (the provider:
        // 2..32; one argument has always loaded here).
        std::size_t lo = 1, hi = pricing_limits::max_args;
        switch (*op) {
          case pricing_op::divide:
          case pricing_op::subtract:
          case pricing_op::gt:
          case pricing_op::gte:
          case pricing_op::lt:
          case pricing_op::lte:
          case pricing_op::eq:
          case pricing_op::neq: lo = hi = 2; break;
          case pricing_op::ceil:
          case pricing_op::floor:
          case pricing_op::not_: lo = hi = 1; break;
          case pricing_op::clamp:
          case pricing_op::if_: lo = hi = 3; break;
          default: break;
        }
        if (k < lo || k > hi)
          return fail(p + "/args", op_name + " takes " + (lo == hi ? std::to_string(lo) : std::to_string(lo) + ".." + std::to_string(hi)) +
                                       " arguments, not " + std::to_string(k));
        std::array<std::uint32_t, pricing_limits::max_args> children{};
        for (std::size_t i = 0; i < k; ++i)
          if (!expr((*args)[i], p + "/args/" + std::to_string(i), depth + 1, count, children[i], vars)) return false;
        n.first = static_cast<std::uint32_t>(t_.args_.size());
        n.count = static_cast<std::uint32_t>(k);
        t_.args_.insert(t_.args_.end(), children.begin(), children.begin() + static_cast<std::ptrdiff_t>(k));
        break;
      }
    }
    out = static_cast<std::uint32_t>(t_.nodes_.size());
    t_.nodes_.push_back(std::move(n));
    return true;
  }

  pricing_table& t_;
  pricing_table::row_index row_;                                 // of the row being loaded
  std::unordered_map<std::string, std::uint32_t> slot_of_;      // its names' slots
};

namespace detail::pricing {
/// A load (from_json, parse) that an exception stopped: no table, and the exception's message in
/// the reason.
inline void load_failed(pricing_load_result& r, const std::exception& e) noexcept {
  r.table.reset();
  try {
    r.error = std::string("the feed could not be loaded: ") + e.what();
  } catch (...) {}
}
}  // namespace detail::pricing

inline pricing_load_result pricing_table::from_json(const nlohmann::json& feed) noexcept {
  pricing_load_result r;
  try {
    pricing_table t;
    pricing_loader loader(t);
    if (loader.load(feed)) {
      r.table = std::move(t);
    } else {
      r.error = std::move(loader.error);
      r.error_path = std::move(loader.path);
    }
  } catch (const std::exception& e) { detail::pricing::load_failed(r, e); }
  return r;
}

inline pricing_load_result pricing_table::parse(std::string_view text) noexcept {
  pricing_load_result r;
  try {
    if (text.size() > pricing_limits::max_feed_bytes) {
      r.error =
          "the feed is " + std::to_string(text.size()) + " bytes, over the limit of " + std::to_string(pricing_limits::max_feed_bytes);
      return r;
    }
    if (const std::size_t nul = detail::nul_offset(text); nul != std::string_view::npos) {
      r.error = "the feed is not valid JSON: " + detail::nul_reason(nul);
      return r;
    }
    if (const std::size_t at = detail::nesting_overflow(text, pricing_limits::max_json_depth); at != std::string_view::npos) {
      r.error = "the feed nests arrays and objects more than " + std::to_string(pricing_limits::max_json_depth) +
                " levels deep (at byte offset " + std::to_string(at) + "); it was not parsed";
      return r;
    }
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      r.error = "the feed is not valid JSON";
      return r;
    }
    return from_json(j);
  } catch (const std::exception& e) { detail::pricing::load_failed(r, e); }
  return r;
}

}  // namespace seedance

#endif  // SEEDANCE_DETAIL_PRICING_LOADER_HPP
