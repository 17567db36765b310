// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Tests of the JSON Schema export (seedance/schema.hpp), with valijson as the validator.
//
// THE CORPUS (tests/schema/corpus.json; its path is the macro SEEDANCE_SCHEMA_CORPUS) is a JSON
// array of cases, written by hand from docs/spec.md, not from any program's output:
//
//   {
//     "name":         unique, human-readable,
//     "model":        which model's schema to validate with: the request's "model" when it is one
//                     of the nine, else an explicit id (cases with an unknown or missing model, or
//                     a body that is not an object),
//     "request":      the request body (any JSON value),
//     "schema_valid": whether the request satisfies the schema, i.e. has no error of docs/spec.md,
//     "codes":        the set (order and repetition mean nothing) of docs/spec.md ERROR codes the
//                     request violates; empty exactly when schema_valid is true,
//     "warnings":     the set of docs/spec.md WARNING codes it triggers (field_ignored, unknown_field,
//                     reference_missing, ...),
//     "valijson_valid", "valijson_note": optional; only where valijson's verdict differs from the
//                     draft-7 semantics (duration 4.0, a prompt of U+FEFF; see docs/schema.md).
//     "validate_codes", "validate_note": optional; only where seedance::validate differs from what
//                     a schema can say (duration 4.0 is duration_out_of_range to it; prompts of
//                     only U+0085 or only U+FEFF, where Unicode White_Space and ECMA-262 \s differ).
//   }
//
// Every request is otherwise clean, so that "codes" and "warnings" are COMPLETE lists and a test of
// seedance::validate can reuse the corpus as is (compare the set of codes of its error diagnostics
// with "codes" and of its warnings with "warnings", for every case, ignoring "model"):
//   * every error of the corpus is one the schema expresses (so schema_valid == codes.empty());
//   * media URLs are public https://example.com/... URLs with the extension of their kind (no
//     media_extension, url_not_public, invalid_url), prompts are short and name no @imageN tags;
//   * decisions the rules leave open: a JSON number with a zero fraction (4.0) IS an integer
//     (draft 6+ semantics); a non-integral duration (4.5) is duration_out_of_range, a non-number
//     wrong_type; image-to-video without image_urls is too_few_media (missing_field is only for
//     model and prompt); an empty media array of a kind the model takes is not field_ignored; a
//     request whose model is missing or unknown has only that error; URL schemes are
//     case-insensitive (HTTPS://... is https); a data: URI is base64_media only (an error; on image-to-video a
//     warning, the image a real one that passes the image rules).
//
// Four groups of tests:
//   corpus:  the corpus is well formed and covers every code; valijson's verdict == schema_valid;
//   shape:   nine schemas, nullopt for unknown ids, each a well-formed draft-7 document;
//   facts:   each model's schema agrees with docs/spec.md section 1, transcribed independently below;
//   agreement: seedance::validate reports exactly each case's codes and warnings.
#include <catch2/catch.hpp>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <seedance/schema.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#ifndef SEEDANCE_SCHEMA_CORPUS
#error "SEEDANCE_SCHEMA_CORPUS must name tests/schema/corpus.json"
#endif

namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// docs/spec.md, transcribed for the tests (independently of spec.hpp)
// ---------------------------------------------------------------------------------------------

/// docs/spec.md section 2: the error codes of the request (JSON level).
const std::set<std::string> error_codes{"invalid_json",
                                        "not_an_object",
                                        "missing_field",
                                        "wrong_type",
                                        "unknown_model",
                                        "prompt_empty",
                                        "prompt_too_long",
                                        "duration_out_of_range",
                                        "invalid_enum",
                                        "quality_unsupported",
                                        "media_unsupported",
                                        "too_few_media",
                                        "too_many_media",
                                        "audio_needs_visual",
                                        "web_search_unsupported",
                                        "invalid_url",
                                        "url_not_public",
                                        "callback_not_https",
                                        "callback_private_host",
                                        "callback_too_long",
                                        "base64_media",
                                        "body_too_large",
                                        "web_search_without_content_filter"};

/// docs/spec.md section 2: the warning codes of the request (base64_media: a warning on image-to-video, section 9).
const std::set<std::string> warning_codes{"unknown_field",           "prompt_long",    "field_ignored", "base64_media", "reference_missing",
                                          "prompt_tag_out_of_range", "media_extension"};

/// The codes the brief requires a triggering case for (each also gets a near miss that passes).
const std::vector<std::string> required_codes{"duration_out_of_range", "quality_unsupported",    "too_many_media",    "too_few_media",
                                              "media_unsupported",     "web_search_unsupported", "invalid_enum",      "wrong_type",
                                              "missing_field",         "audio_needs_visual",     "callback_too_long", "prompt_empty"};

/// docs/spec.md section 1, one row per model.
struct model_fact {
  std::string id;
  std::size_t images_min, images_max, videos_max, audios_max;
  std::vector<std::string> qualities;
  bool web_search;
};

const std::vector<std::string> all_qualities{"480p", "720p", "1080p", "4k"};
const std::vector<std::string> low_qualities{"480p", "720p"};

const std::vector<model_fact> rules_table{
    {"seedance-2.0-text-to-video", 0, 0, 0, 0, all_qualities, true},
    {"seedance-2.0-image-to-video", 1, 2, 0, 0, all_qualities, false},
    {"seedance-2.0-reference-to-video", 0, 9, 3, 3, all_qualities, false},
    {"seedance-2.0-fast-text-to-video", 0, 0, 0, 0, low_qualities, true},
    {"seedance-2.0-fast-image-to-video", 1, 2, 0, 0, low_qualities, false},
    {"seedance-2.0-fast-reference-to-video", 0, 9, 3, 3, low_qualities, false},
    {"seedance-2.0-mini-text-to-video", 0, 0, 0, 0, low_qualities, false},
    {"seedance-2.0-mini-image-to-video", 1, 2, 0, 0, low_qualities, false},
    {"seedance-2.0-mini-reference-to-video", 0, 9, 3, 3, low_qualities, false},
};

// ---------------------------------------------------------------------------------------------
// valijson
// ---------------------------------------------------------------------------------------------

/// A parsed schema, with the JSON it was parsed from.
struct compiled_schema {
  json source;
  valijson::Schema schema;
};

std::unique_ptr<compiled_schema> compile(const json& source) {
  auto out = std::make_unique<compiled_schema>();
  out->source = source;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(out->source);
  parser.populateSchema(adapter, out->schema);
  return out;
}

struct verdict {
  bool valid;
  std::string errors;  // valijson's messages, for failure reports
};

verdict validate(const valijson::Schema& schema, const json& doc) {
  valijson::Validator validator;  // strict types: the default
  valijson::ValidationResults results;
  const valijson::adapters::NlohmannJsonAdapter adapter(doc);
  verdict v{validator.validate(schema, adapter, &results), {}};
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    std::string path;
    for (const std::string& p : e.context) path += p;
    v.errors += path + ": " + e.description + "\n";
  }
  return v;
}

/// The nine schemas, parsed once.
const std::map<std::string, std::unique_ptr<compiled_schema>>& schemas() {
  static const auto all = [] {
    std::map<std::string, std::unique_ptr<compiled_schema>> out;
    const json all = seedance::json_schema_all();  // not in the for: items() of a temporary dangles
    for (const auto& [id, s] : all.items()) out.emplace(id, compile(s));
    return out;
  }();
  return all;
}

const json& corpus() {
  static const json c = [] {
    std::ifstream in(SEEDANCE_SCHEMA_CORPUS);
    if (!in) throw std::runtime_error("cannot open " + std::string(SEEDANCE_SCHEMA_CORPUS));
    return json::parse(in);
  }();
  return c;
}

std::set<std::string> as_set(const json& strings) {
  std::set<std::string> out;
  for (const json& s : strings) out.insert(s.get<std::string>());
  return out;
}

std::vector<std::string> as_vector(const json& strings) {
  std::vector<std::string> out;
  for (const json& s : strings) out.push_back(s.get<std::string>());
  return out;
}

}  // namespace

// =============================================================================================
// corpus
// =============================================================================================

TEST_CASE("corpus: every case is well formed", "[corpus]") {
  const json& c = corpus();
  REQUIRE(c.is_array());
  CHECK(c.size() >= 60);
  std::set<std::string> names;
  for (const json& k : c) {
    REQUIRE(k.is_object());
    const std::string name = k.at("name").get<std::string>();
    INFO("case: " << name);
    CHECK(names.insert(name).second);  // unique
    CHECK(k.at("model").is_string());
    CHECK(k.contains("request"));
    REQUIRE(k.at("schema_valid").is_boolean());
    REQUIRE(k.at("codes").is_array());
    REQUIRE(k.at("warnings").is_array());
    // codes and warnings: sets of codes of docs/spec.md, of the right severity
    CHECK(as_set(k.at("codes")).size() == k.at("codes").size());
    CHECK(as_set(k.at("warnings")).size() == k.at("warnings").size());
    for (const std::string& code : as_vector(k.at("codes"))) {
      INFO("code " << code);
      CHECK(error_codes.count(code) == 1);
    }
    for (const std::string& code : as_vector(k.at("warnings"))) {
      INFO("warning " << code);
      CHECK(warning_codes.count(code) == 1);
    }
    // every error of the corpus is one the schema expresses
    CHECK(k.at("schema_valid").get<bool>() == k.at("codes").empty());
    // the schema to use: the request's own model whenever it names one of the nine
    const std::string model = k.at("model").get<std::string>();
    CHECK(seedance::find_model(model) != nullptr);
    const json& r = k.at("request");
    if (r.is_object() && r.contains("model") && r["model"].is_string() && seedance::find_model(r["model"].get<std::string>()) != nullptr) {
      CHECK(r["model"] == model);
    }
    if (k.contains("valijson_valid")) {
      CHECK(k.at("valijson_valid").is_boolean());
      CHECK(k.at("valijson_note").is_string());
    }
  }
}

TEST_CASE("corpus: covers every code, every model and the provider's examples", "[corpus]") {
  std::map<std::string, int> failing;  // code -> cases that have it
  std::map<std::string, std::pair<int, int>> per_model;  // valid, invalid
  int provider_examples = 0;
  for (const json& k : corpus()) {
    for (const std::string& code : as_vector(k.at("codes"))) ++failing[code];
    auto& [valid, invalid] = per_model[k.at("model").get<std::string>()];
    ++(k.at("schema_valid").get<bool>() ? valid : invalid);
    if (k.at("name").get<std::string>().rfind("provider example: ", 0) == 0) {
      ++provider_examples;
      INFO(k.at("name"));
      CHECK(k.at("schema_valid").get<bool>());
    }
  }
  for (const std::string& code : required_codes) {
    INFO("code " << code);
    CHECK(failing[code] >= 1);
  }
  for (const model_fact& m : rules_table) {
    INFO("model " << m.id);
    CHECK(per_model[m.id].first >= 1);
    CHECK(per_model[m.id].second >= 1);
  }
  CHECK(provider_examples == 4);
}

TEST_CASE("corpus: the boundary cases are what their names say", "[corpus]") {
  // A reformatting tool could turn 4.0 into 4: the case would then test nothing.
  auto find = [](const std::string& prefix) -> const json& {
    for (const json& k : corpus())
      if (k.at("name").get<std::string>().rfind(prefix, 0) == 0) return k;
    throw std::runtime_error("no case " + prefix);
  };
  CHECK(find("duration 4.0").at("request").at("duration").is_number_float());
  CHECK(find("duration 4 (").at("request").at("duration").is_number_integer());
  CHECK(find("callback_url of exactly 2048").at("request").at("callback_url").get<std::string>().size() == 2048);
  CHECK(find("callback_url of 2049").at("request").at("callback_url").get<std::string>().size() == 2049);
  CHECK(find("callback_url http and too long").at("request").at("callback_url").get<std::string>().size() == 2049);
  CHECK(find("reference-to-video with ten images").at("request").at("image_urls").size() == 10);
}

TEST_CASE("corpus: valijson's verdict with the exported schema is schema_valid", "[corpus][valijson]") {
  int checked = 0;
  for (const json& k : corpus()) {
    const std::string name = k.at("name").get<std::string>();
    const auto it = schemas().find(k.at("model").get<std::string>());
    REQUIRE(it != schemas().end());
    const bool expected = k.value("valijson_valid", k.at("schema_valid").get<bool>());
    const verdict v = validate(it->second->schema, k.at("request"));
    INFO("case: " << name << "\nvalijson says:\n" << v.errors);
    CHECK(v.valid == expected);
    ++checked;
  }
  CHECK(checked == static_cast<int>(corpus().size()));
}

// =============================================================================================
// shape
// =============================================================================================

namespace {

const std::set<std::string> simple_types{"array", "boolean", "integer", "null", "number", "object", "string"};

bool is_non_negative_integer(const json& v) { return v.is_number_unsigned() || (v.is_number_integer() && v >= 0); }

/// Checks that `s` is a draft-7 schema using only the keywords the export means to use, each with
/// a value of the type draft 7 gives it. valijson (like the meta-schema) ignores unknown keywords,
/// so a misspelt "maxitems" would otherwise pass unnoticed.
void check_schema_shape(const json& s, const std::string& where, bool root) {
  INFO("at " << where);
  REQUIRE(s.is_object());
  for (const auto& [key, v] : s.items()) {
    INFO("keyword " << key);
    const std::string at = where + "/" + key;
    if (key == "$schema") {
      CHECK(root);
      CHECK(v == "http://json-schema.org/draft-07/schema#");
    } else if (key == "title" || key == "description" || key == "format") {
      CHECK(v.is_string());
      if (key == "format") CHECK(v == "uri");
    } else if (key == "type") {
      REQUIRE(v.is_string());
      CHECK(simple_types.count(v.get<std::string>()) == 1);
    } else if (key == "required") {
      REQUIRE(v.is_array());
      CHECK(as_set(v).size() == v.size());
      for (const json& name : v) {
        REQUIRE(name.is_string());
        // a required property is also described
        CHECK(s.contains("properties"));
        if (s.contains("properties")) CHECK(s["properties"].contains(name.get<std::string>()));
      }
    } else if (key == "properties") {
      REQUIRE(v.is_object());
      for (const auto& [name, sub] : v.items()) check_schema_shape(sub, at + "/" + name, false);
    } else if (key == "additionalProperties") {
      CHECK(v.is_boolean());
    } else if (key == "if" || key == "then" || key == "not" || key == "items") {
      check_schema_shape(v, at, false);
    } else if (key == "anyOf") {
      REQUIRE(v.is_array());
      CHECK(!v.empty());
      for (std::size_t i = 0; i < v.size(); ++i) check_schema_shape(v[i], at + "/" + std::to_string(i), false);
    } else if (key == "enum") {
      REQUIRE(v.is_array());
      CHECK(!v.empty());
      std::set<std::string> dumped;
      for (const json& e : v) dumped.insert(e.dump());
      CHECK(dumped.size() == v.size());
    } else if (key == "const" || key == "default") {
      CHECK(!v.is_null());
    } else if (key == "minLength" || key == "maxLength" || key == "minItems" || key == "maxItems") {
      CHECK(is_non_negative_integer(v));
    } else if (key == "minimum" || key == "maximum") {
      CHECK(v.is_number());
    } else if (key == "pattern") {
      REQUIRE(v.is_string());
      CHECK_NOTHROW(std::regex(v.get<std::string>(), std::regex::ECMAScript));
    } else {
      FAIL("keyword not expected in the export: " << key);
    }
  }
}

/// Every "default" of a property satisfies the property's own schema (a default quality outside
/// the model's enum, say, would be caught here).
void check_defaults(const json& s, const std::string& where) {
  if (!s.is_object()) return;
  if (s.contains("default")) {
    INFO("default at " << where << ": " << s["default"].dump());
    json without = s;
    without.erase("default");
    const auto c = compile(without);
    CHECK(validate(c->schema, s["default"]).valid);
  }
  for (const auto& [key, v] : s.items()) {
    if (key == "properties") {
      for (const auto& [name, sub] : v.items()) check_defaults(sub, where + "/properties/" + name);
    } else if (v.is_object()) {
      check_defaults(v, where + "/" + key);
    }
  }
}

}  // namespace

TEST_CASE("shape: one schema per model, keyed by id, none for unknown ids", "[shape]") {
  const json all = seedance::json_schema_all();
  REQUIRE(all.is_object());
  CHECK(all.size() == 9);
  for (const model_fact& m : rules_table) {
    INFO("model " << m.id);
    REQUIRE(all.contains(m.id));
    const std::optional<json> one = seedance::json_schema(m.id);
    REQUIRE(one.has_value());
    CHECK(*one == all[m.id]);
  }
  CHECK_FALSE(seedance::json_schema("").has_value());
  CHECK_FALSE(seedance::json_schema("seedance-2.0-ultra-text-to-video").has_value());
  CHECK_FALSE(seedance::json_schema("SEEDANCE-2.0-TEXT-TO-VIDEO").has_value());
  CHECK_FALSE(seedance::json_schema("seedance-2.0-text-to-video ").has_value());
}

TEST_CASE("shape: each schema is a well-formed draft-7 document that valijson parses", "[shape][valijson]") {
  const json all = seedance::json_schema_all();
  for (const auto& [id, s] : all.items()) {
    INFO("model " << id);
    CHECK_NOTHROW(compile(s));
    check_schema_shape(s, "#", true);
    check_defaults(s, "#");
    CHECK(s.at("title").get<std::string>().find(id) != std::string::npos);
    CHECK(!s.at("description").get<std::string>().empty());
    for (const auto& [name, p] : s.at("properties").items()) {
      INFO("property " << name);
      CHECK(p.contains("description"));
    }
  }
}

// =============================================================================================
// facts: docs/spec.md section 1 and §2, from the table transcribed above (not from spec.hpp)
// =============================================================================================

TEST_CASE("facts: each schema says what docs/spec.md says of its model", "[facts]") {
  for (const model_fact& m : rules_table) {
    INFO("model " << m.id);
    json s = *seedance::json_schema(m.id);  // not const: operator[] of a missing key gives null
    json& p = s["properties"];

    CHECK(s["type"] == "object");
    CHECK(s["additionalProperties"] == true);  // unknown fields: only the warning unknown_field
    CHECK(p["model"]["const"] == m.id);
    CHECK(p["model"]["type"] == "string");

    std::set<std::string> required = as_set(s["required"]);
    std::set<std::string> expected_required{"model", "prompt"};
    if (m.images_min > 0) expected_required.insert("image_urls");
    CHECK(required == expected_required);

    CHECK(p["prompt"]["type"] == "string");
    CHECK(p["prompt"]["minLength"] == 1);

    // media counts
    const std::vector<std::pair<std::string, std::size_t>> maxima{
        {"image_urls", m.images_max}, {"video_urls", m.videos_max}, {"audio_urls", m.audios_max}};
    for (const auto& [name, max] : maxima) {
      INFO(name);
      CHECK(p[name]["type"] == "array");
      CHECK(p[name]["items"]["type"] == "string");
      CHECK(p[name]["maxItems"] == max);
    }
    if (m.images_min > 0) {
      CHECK(p["image_urls"]["minItems"] == m.images_min);
    } else {
      CHECK_FALSE(p["image_urls"].contains("minItems"));
    }
    // audio_needs_visual: only reference-to-video takes audio, and it needs a visual there;
    // web_search_without_content_filter: only the models with web search (section 9)
    CHECK(s.contains("if") == (m.audios_max > 0 || m.web_search));
    CHECK(s.contains("then") == (m.audios_max > 0 || m.web_search));
    CHECK_FALSE(s.contains("allOf"));  // no model has both
    // data: URIs: refused by the schema everywhere but in image-to-video's images (section 9)
    for (const auto& [name, max] : maxima) {
      INFO(name);
      const bool data_ok = name == "image_urls" && m.images_min > 0;
      CHECK(p[name]["items"].contains("not") == !data_ok);
    }

    // qualities, exactly and in order
    CHECK(as_vector(p["quality"]["enum"]) == m.qualities);
    CHECK(p["quality"]["default"] == "720p");

    // docs/spec.md section 2 and §4: the same for all models
    CHECK(p["duration"]["type"] == "integer");
    CHECK(p["duration"]["minimum"] == 4);
    CHECK(p["duration"]["maximum"] == 15);
    CHECK(p["duration"]["default"] == 5);
    CHECK(as_vector(p["aspect_ratio"]["enum"]) == std::vector<std::string>{"16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"});
    CHECK(p["aspect_ratio"]["default"] == "adaptive");
    CHECK(p["generate_audio"]["type"] == "boolean");
    CHECK(p["generate_audio"]["default"] == true);
    CHECK(p["content_filter"]["type"] == "boolean");
    CHECK(p["content_filter"]["default"] == true);
    CHECK(p["callback_url"]["type"] == "string");
    CHECK(p["callback_url"]["maxLength"] == 2048);
    CHECK(p["callback_url"]["format"] == "uri");

    // web search: true only where docs/spec.md says yes; false is always accepted (field_ignored)
    json& web = p["model_params"]["properties"]["web_search"];
    CHECK(p["model_params"]["type"] == "object");
    CHECK(web["type"] == "boolean");
    CHECK(web["default"] == false);
    CHECK(web.contains("const") == !m.web_search);
    if (!m.web_search) CHECK(web["const"] == false);
  }
}

TEST_CASE("facts: counts at and past each model's limits", "[facts][valijson]") {
  // Generated here from rules_table: n URLs of a kind, for n in 0..max+1, alone or with one image.
  for (const model_fact& m : rules_table) {
    const auto& schema = schemas().at(m.id)->schema;
    const std::vector<std::tuple<std::string, std::string, std::size_t>> kinds{
        {"image_urls", ".jpg", m.images_max}, {"video_urls", ".mp4", m.videos_max}, {"audio_urls", ".mp3", m.audios_max}};
    for (const auto& [name, ext, max] : kinds) {
      for (std::size_t n = 0; n <= max + 1; ++n) {
        json r = {{"model", m.id}, {"prompt", "a fox"}};
        json urls = json::array();
        for (std::size_t i = 0; i < n; ++i) urls.push_back("https://example.com/m" + std::to_string(i) + ext);
        r[name] = urls;
        // image-to-video needs an image; reference audio needs a visual: give one image
        if (name != "image_urls" && m.images_max > 0) r["image_urls"] = {"https://example.com/first.jpg"};
        const bool ok = n <= max && (name != "image_urls" || n >= m.images_min);
        INFO("model " << m.id << ", " << n << " " << name << "\n" << r.dump());
        CHECK(validate(schema, r).valid == ok);
      }
    }
  }
}

TEST_CASE("facts: quality, web search and audio_needs_visual per model", "[facts][valijson]") {
  for (const model_fact& m : rules_table) {
    const auto& schema = schemas().at(m.id)->schema;
    json base = {{"model", m.id}, {"prompt", "a fox"}};
    if (m.images_min > 0) base["image_urls"] = {"https://example.com/first.jpg"};
    INFO("model " << m.id);
    for (const std::string& q : all_qualities) {
      json r = base;
      r["quality"] = q;
      const bool ok = std::find(m.qualities.begin(), m.qualities.end(), q) != m.qualities.end();
      INFO("quality " << q);
      CHECK(validate(schema, r).valid == ok);
    }
    for (const bool on : {true, false}) {
      json r = base;
      r["model_params"] = {{"web_search", on}};
      INFO("web_search " << on);
      CHECK(validate(schema, r).valid == (!on || m.web_search));
    }
    if (m.audios_max > 0) {
      json audio_only = base;
      audio_only["audio_urls"] = {"https://example.com/a.mp3"};
      CHECK_FALSE(validate(schema, audio_only).valid);
      for (const char* visual : {"image_urls", "video_urls"}) {
        json r = audio_only;
        r[visual] = {std::string("https://example.com/v") + (visual[0] == 'i' ? ".jpg" : ".mp4")};
        INFO("with " << visual);
        CHECK(validate(schema, r).valid);
      }
    }
  }
}

// =============================================================================================
// valijson's behaviour that docs/schema.md reports (pinned, so that a change is noticed)
// =============================================================================================

TEST_CASE("valijson: findings reported in docs/schema.md", "[valijson]") {
  const auto& t2v = schemas().at("seedance-2.0-text-to-video")->schema;
  const json base = {{"model", "seedance-2.0-text-to-video"}, {"prompt", "a fox"}};

  SECTION("type integer rejects 4.0 (strict types; draft 6+ would accept it)") {
    json r = base;
    r["duration"] = 4.0;
    CHECK_FALSE(validate(t2v, r).valid);
    r["duration"] = 4;
    CHECK(validate(t2v, r).valid);
  }
  SECTION("format uri is not checked") {
    json r = base;
    r["callback_url"] = "https://exa mple.com/not a uri";
    CHECK(validate(t2v, r).valid);
    json i2v = {{"model", "seedance-2.0-image-to-video"}, {"prompt", "a fox"}, {"image_urls", {"not a url"}}};
    CHECK(validate(schemas().at("seedance-2.0-image-to-video")->schema, i2v).valid);
  }
  SECTION("pattern matches bytes: a prompt of U+3000 IDEOGRAPHIC SPACE passes \\S") {
    json r = base;
    r["prompt"] = "\xE3\x80\x80";
    CHECK(validate(t2v, r).valid);
  }
  SECTION("maxLength counts code points, not bytes") {
    json r = base;
    // 2048 characters of which one is a 3-byte CJK character: 2050 bytes
    std::string url = "https://example.com/\xE7\x8C\xAB";
    url += std::string(2048 - 21, 'a');
    r["callback_url"] = url;
    CHECK(validate(t2v, r).valid);
    r["callback_url"] = url + "a";
    CHECK_FALSE(validate(t2v, r).valid);
  }
}

// =============================================================================================
// agreement: seedance::validate and the exported schema say the same of every corpus case
// =============================================================================================

#include <seedance/validate.hpp>

TEST_CASE("agreement: seedance::validate reports exactly the corpus's codes and warnings", "[corpus][agreement]") {
  int checked = 0;
  for (const json& k : corpus()) {
    const std::string name = k.at("name").get<std::string>();
    const seedance::report r = seedance::validate(k.at("request"));
    std::set<std::string> errors, warnings;
    for (const seedance::diagnostic& d : r)
      (d.severity == seedance::severity::error ? errors : warnings).insert(std::string(seedance::to_string(d.code)));
    // Where the validator is stricter than any schema can be, the case says so (validate_codes).
    const std::set<std::string> expected = as_set(k.value("validate_codes", k.at("codes")));
    INFO("case: " << name << "\n" << seedance::to_text(r));
    CHECK(errors == expected);
    CHECK(warnings == as_set(k.at("warnings")));
    CHECK(r.ok() == expected.empty());
    if (k.contains("validate_codes")) CHECK(k.at("validate_note").is_string());
    ++checked;
  }
  CHECK(checked == static_cast<int>(corpus().size()));
}
