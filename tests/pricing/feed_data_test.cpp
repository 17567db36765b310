// The feed is data: data/pricing-rules-seedance-2.0.json (its path is the macro
// SEEDANCE_PRICING_FEED) is the provider's pricing-rules feed, and pricing_data.hpp embeds it as a raw
// string literal (cmake/embed_pricing_feed.cmake writes the literal from the file). These tests fail
// when one of the two is edited without the other.
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#ifndef SEEDANCE_PRICING_FEED
#error "SEEDANCE_PRICING_FEED must name data/pricing-rules-seedance-2.0.json"
#endif

namespace {

std::string read_feed_file() {
  std::ifstream in(SEEDANCE_PRICING_FEED, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("feed data: the embedded feed parses to the same JSON as the data file", "[pricing][feed]") {
  const std::string file = read_feed_file();
  const nlohmann::json from_file = nlohmann::json::parse(file, nullptr, false);
  REQUIRE_FALSE(from_file.is_discarded());
  const nlohmann::json embedded = nlohmann::json::parse(seedance::default_pricing_feed, nullptr, false);
  REQUIRE_FALSE(embedded.is_discarded());
  CHECK(embedded == from_file);
  // What the file is, written here from the feed's own description (docs/spec.md section 6): the
  // nine Seedance 2.0 rows of schema version 2, snapshot of 2026-10-10.
  CHECK(from_file.at("meta").at("schema_version") == "2");
  CHECK(from_file.at("meta").at("updated_at") == "2026-10-10T06:52:34Z");
  CHECK(from_file.at("models").size() == 9);
}

TEST_CASE("feed data: the embedded literal is the data file byte for byte", "[pricing][feed]") {
  // The generator copies the file verbatim, so a difference in white space alone means that one
  // of the two was edited by hand.
  CHECK(read_feed_file() == std::string(seedance::default_pricing_feed));
}

TEST_CASE("feed data: the data file loads as the default table does", "[pricing][feed]") {
  const seedance::pricing_load_result r = seedance::pricing_table::parse(read_feed_file());
  REQUIRE(r.ok());
  const seedance::pricing_table& shipped = seedance::default_pricing();
  REQUIRE(r.table->models().size() == shipped.models().size());
  CHECK(r.table->updated_at() == shipped.updated_at());
  for (const seedance::pricing_model& m : r.table->models()) CHECK(shipped.find(m.model_id) != nullptr);
}
