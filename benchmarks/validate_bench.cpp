// seedance::validate against two JSON Schema validators, in one process, on the same inputs: the
// provider's four example requests (examples/requests/*.json, valid), a request with eight
// problems (examples/requests/invalid-eight-problems.json), and a valid image-to-video request
// with URLs of realistic length (written below: a CDN image path and a callback with a query),
// which must make no allocation either.
//
//   seedance/parsed     seedance::validate(const nlohmann::json&)
//   valijson/parsed     valijson, its nlohmann adapter, the schema exported by seedance::json_schema
//   rapidjson/parsed    RapidJSON 1.1 SchemaValidator on a parsed rapidjson::Document, same schema
//   seedance/text       seedance::validate(std::string_view): one streaming pass (SAX events, no DOM)
//   seedance/text-dom   the DOM path from text: parse_request (nlohmann's DOM) + validate(parsed, text),
//                       as validate(std::string_view) was before the streaming path (the "before")
//   nlohmann/sax-floor  nlohmann::json::sax_parse of the text with a handler that keeps nothing: the
//                       floor of any validation from text built on nlohmann's parser (issue 14's targets:
//                       seedance/text <= 1.5x it on the valid examples, <= 2.5x on the eight problems)
//   rapidjson/text      rapidjson::Document::Parse + SchemaValidator
//
// Every benchmark reports `allocs` (heap allocations per call, counted by a replaced operator new)
// and `ok` (the verdict, so that a validator that silently does nothing would show).
// RapidJSON 1.1 implements draft-04: it ignores `const` and `if`/`then` of the exported draft-07
// schema, so it does less work than the others (docs/performance.md).
#include <seedance/schema.hpp>
#include <seedance/validate.hpp>

#include "support/run.hpp"

#include <benchmark/benchmark.h>
#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <memory>
#include <string>
#include <vector>

namespace {

using seedance_bench::example_request;
using seedance_bench::run;

struct input {
  std::string name;
  std::string text;
  nlohmann::json parsed;
};

const std::vector<input>& inputs() {
  static const std::vector<input> all = [] {
    std::vector<input> v;
    for (const char* name : {"text-to-video", "image-to-video", "reference-to-video", "fast-text-to-video", "invalid-eight-problems"}) {
      std::string text = example_request(name);
      nlohmann::json parsed = nlohmann::json::parse(text);
      v.push_back({name, std::move(text), std::move(parsed)});
    }
    std::string long_urls = R"({
  "model": "seedance-2.0-image-to-video",
  "prompt": "The camera pushes in slowly on the flower; petals drift in the wind",
  "image_urls": ["https://cdn.images.example-company.com/uploads/2026/05/flower-closeup.jpg"],
  "duration": 5,
  "callback_url": "https://hooks.example-company.com/seedance/v1/callbacks/task-complete?token=abc123"
})";
    nlohmann::json parsed = nlohmann::json::parse(long_urls);
    v.push_back({"image-to-video-long-urls", std::move(long_urls), std::move(parsed)});
    return v;
  }();
  return all;
}

void seedance_parsed(benchmark::State& state, const input* in) {
  run(state, [&] { return seedance::validate(in->parsed).ok(); });
}

void seedance_text(benchmark::State& state, const input* in) {
  run(state, [&] { return seedance::validate(std::string_view(in->text)).ok(); });
}

void seedance_text_dom(benchmark::State& state, const input* in) {
  run(state, [&] {
    const seedance::parsed_request p = seedance::parse_request(in->text);
    return seedance::validate(p, in->text).ok();
  });
}

/// A SAX handler that keeps nothing.
struct nothing_kept {
  using json = nlohmann::json;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const json::string_t&) { return true; }
  bool string(json::string_t&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t, const std::string&, const json::exception&) { return false; }
};

void nlohmann_sax_floor(benchmark::State& state, const input* in) {
  run(state, [&] {
    nothing_kept h;
    return nlohmann::json::sax_parse(in->text.begin(), in->text.end(), &h);
  });
}

void valijson_parsed(benchmark::State& state, const input* in) {
  const std::string model = in->parsed.at("model").get<std::string>();
  const nlohmann::json schema_json = *seedance::json_schema(model);
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  const valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  run(state, [&] {
    const valijson::adapters::NlohmannJsonAdapter doc(in->parsed);
    return validator.validate(schema, doc, nullptr);
  });
}

struct rapid_schema {
  rapidjson::Document doc;
  std::unique_ptr<rapidjson::SchemaDocument> schema;
  explicit rapid_schema(const std::string& model) {
    doc.Parse(seedance::json_schema(model)->dump().c_str());
    schema = std::make_unique<rapidjson::SchemaDocument>(doc);
  }
};

void rapidjson_parsed(benchmark::State& state, const input* in) {
  const rapid_schema s(in->parsed.at("model").get<std::string>());
  rapidjson::Document doc;
  doc.Parse(in->text.c_str());
  run(state, [&] {
    rapidjson::SchemaValidator v(*s.schema);
    return doc.Accept(v);
  });
}

void rapidjson_text(benchmark::State& state, const input* in) {
  const rapid_schema s(in->parsed.at("model").get<std::string>());
  run(state, [&] {
    rapidjson::Document doc;
    doc.Parse(in->text.c_str());
    if (doc.HasParseError()) return false;
    rapidjson::SchemaValidator v(*s.schema);
    return doc.Accept(v);
  });
}

const bool registered = [] {
  for (const input& in : inputs()) {
    benchmark::RegisterBenchmark(("seedance/parsed/" + in.name).c_str(), seedance_parsed, &in);
    benchmark::RegisterBenchmark(("valijson/parsed/" + in.name).c_str(), valijson_parsed, &in);
    benchmark::RegisterBenchmark(("rapidjson/parsed/" + in.name).c_str(), rapidjson_parsed, &in);
    benchmark::RegisterBenchmark(("nlohmann/sax-floor/" + in.name).c_str(), nlohmann_sax_floor, &in);
    benchmark::RegisterBenchmark(("seedance/text/" + in.name).c_str(), seedance_text, &in);
    benchmark::RegisterBenchmark(("seedance/text-dom/" + in.name).c_str(), seedance_text_dom, &in);
    benchmark::RegisterBenchmark(("rapidjson/text/" + in.name).c_str(), rapidjson_text, &in);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
