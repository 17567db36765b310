// The models' traits, the runtime lookup and the Hana registry, checked against docs/spec.md
// section 1, which is written out again here as the independent expectation.
#include <catch2/catch.hpp>

#include <boost/hana/size.hpp>

#include <seedance/registry.hpp>
#include <seedance/request.hpp>

#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

using namespace seedance;

namespace {
struct expected_model {
  std::string id;
  mode m;
  tier t;
  std::size_t min_images, max_images, max_videos, max_audios;
  std::vector<quality> qualities;
  bool web_search;
};

const std::vector<quality> all4{quality::p480, quality::p720, quality::p1080, quality::p4k};
const std::vector<quality> low2{quality::p480, quality::p720};

// docs/spec.md section 1, row by row.
const std::vector<expected_model> rules_table{
    {"seedance-2.0-text-to-video", mode::text_to_video, tier::standard, 0, 0, 0, 0, all4, true},
    {"seedance-2.0-image-to-video", mode::image_to_video, tier::standard, 1, 2, 0, 0, all4, false},
    {"seedance-2.0-reference-to-video", mode::reference_to_video, tier::standard, 0, 9, 3, 3, all4, false},
    {"seedance-2.0-fast-text-to-video", mode::text_to_video, tier::fast, 0, 0, 0, 0, low2, true},
    {"seedance-2.0-fast-image-to-video", mode::image_to_video, tier::fast, 1, 2, 0, 0, low2, false},
    {"seedance-2.0-fast-reference-to-video", mode::reference_to_video, tier::fast, 0, 9, 3, 3, low2, false},
    {"seedance-2.0-mini-text-to-video", mode::text_to_video, tier::mini, 0, 0, 0, 0, low2, false},
    {"seedance-2.0-mini-image-to-video", mode::image_to_video, tier::mini, 1, 2, 0, 0, low2, false},
    {"seedance-2.0-mini-reference-to-video", mode::reference_to_video, tier::mini, 0, 9, 3, 3, low2, false},
};

bool has(const std::vector<quality>& qs, quality q) {
  for (quality x : qs)
    if (x == q) return true;
  return false;
}
}  // namespace

TEST_CASE("model_traits of every model match docs/spec.md section 1", "[models]") {
  std::size_t visited = 0;
  for (const expected_model& e : rules_table) {
    INFO(e.id);
    const bool known = visit_model(e.id, [&](auto t) {
      using M = typename decltype(t)::type;
      using tr = model_traits<M>;
      ++visited;
      CHECK(tr::id == e.id);
      CHECK(tr::mode == e.m);
      CHECK(tr::tier == e.t);
      CHECK(tr::min_images == e.min_images);
      CHECK(tr::max_images == e.max_images);
      CHECK(tr::max_videos == e.max_videos);
      CHECK(tr::max_audios == e.max_audios);
      CHECK(tr::web_search == e.web_search);
      for (quality q : {quality::p480, quality::p720, quality::p1080, quality::p4k}) { CHECK(tr::supports(q) == has(e.qualities, q)); }
    });
    CHECK(known);
  }
  CHECK(visited == rules_table.size());
}

TEST_CASE("the runtime lookup by id gives the same data as the traits", "[models]") {
  for (const expected_model& e : rules_table) {
    INFO(e.id);
    const model_info* m = find_model(e.id);
    REQUIRE(m != nullptr);
    CHECK(m->mode == e.m);
    CHECK(m->tier == e.t);
    CHECK(m->images == count_range{e.min_images, e.max_images});
    CHECK(m->videos == count_range{0, e.max_videos});
    CHECK(m->audios == count_range{0, e.max_audios});
    CHECK(m->web_search == e.web_search);
    CHECK(m->audio_needs_visual == (e.m == mode::reference_to_video));
    for (quality q : {quality::p480, quality::p720, quality::p1080, quality::p4k}) CHECK(m->supports(q) == has(e.qualities, q));
    CHECK(find_model(e.m, e.t) == m);
  }
  for (const char* bad : {"", "seedance-2.0", "seedance-2.0-text-to-video ", "SEEDANCE-2.0-TEXT-TO-VIDEO", "seedance-1.0-text-to-video",
                          "seedance-2.0-pro-text-to-video"}) {
    INFO(bad);
    CHECK(find_model(bad) == nullptr);
  }
  CHECK(find_model(static_cast<mode>(3), tier::standard) == nullptr);
  STATIC_REQUIRE(find_model("seedance-2.0-fast-image-to-video")->tier == tier::fast);
}

TEST_CASE("model ids follow the provider's naming: seedance-2.0-[tier-]mode[-YYMMDD]", "[models]") {
  for (const model_info& m : model_catalog) {
    INFO(m.id);
    const std::string tier_part = m.tier == tier::standard ? "" : std::string(to_string(m.tier)) + "-";
    const std::string base = "seedance-2.0-" + tier_part + std::string(to_string(m.mode));
    const std::string id(m.id);
    // A dated snapshot of a model is its id and "-" and six digits (such as -260615).
    const bool dated = id.size() == base.size() + 7 && id.compare(0, base.size(), base) == 0 && id[base.size()] == '-' &&
                       id.find_first_not_of("0123456789", base.size() + 1) == std::string::npos;
    CHECK((id == base || dated));
  }
}

TEST_CASE("all_models is a Hana tuple of the model types, one per row", "[models][hana]") {
  STATIC_REQUIRE(decltype(boost::hana::size(all_models))::value == model_rows.size());
  STATIC_REQUIRE(model_rows.size() == 9);  // docs/spec.md section 1 has nine models
  std::set<std::string> ids;
  std::size_t row = 0;
  for_each_model([&](auto t) {
    using M = typename decltype(t)::type;
    // Generated from the row indices: element R is model_at<R>, whose traits read row R.
    CHECK(model_traits<M>::row == row);
    CHECK(model_traits<M>::id == model_rows[row].id);
    CHECK(&model_traits<M>::info == &model_catalog[row]);
    ++row;
    ids.insert(std::string(model_traits<M>::id));
  });
  CHECK(row == model_rows.size());
  CHECK(ids.size() == rules_table.size());
  for (const expected_model& e : rules_table) CHECK(ids.count(e.id) == 1);
}

TEST_CASE("visit_model: result, and unknown ids call nothing", "[models][hana]") {
  int calls = 0;
  const bool unknown = visit_model("seedance-2.0-ultra-text-to-video", [&](auto) { ++calls; });
  CHECK_FALSE(unknown);
  CHECK(calls == 0);

  const auto max_images =
      visit_model("seedance-2.0-mini-reference-to-video", [](auto t) { return model_traits<typename decltype(t)::type>::max_images; });
  REQUIRE(max_images.has_value());
  CHECK(*max_images == 9);

  const auto none = visit_model("", [](auto) { return 1; });
  CHECK_FALSE(none.has_value());

  // Results of different types per model decay to their common type.
  const auto tierish = visit_model("seedance-2.0-fast-text-to-video", [](auto t) {
    using M = typename decltype(t)::type;
    if constexpr (model_traits<M>::web_search) return 1.5;
    else return 2;
  });
  REQUIRE(tierish.has_value());
  CHECK(*tierish == 1.5);
}

namespace {
template <class M>
constexpr bool has_web_search_setter = requires(request<M>& r) { r.web_search(true); };
template <class M>
constexpr bool has_web_search_setter_on_rvalue = requires(request<M>&& r) { std::move(r).web_search(true); };
}  // namespace

TEST_CASE("web_search() exists exactly on the models with web search", "[models][requires]") {
  STATIC_REQUIRE(has_web_search_setter<models::text_to_video>);
  STATIC_REQUIRE(has_web_search_setter<models::fast_text_to_video>);
  STATIC_REQUIRE_FALSE(has_web_search_setter<models::mini_text_to_video>);
  STATIC_REQUIRE_FALSE(has_web_search_setter<models::image_to_video>);
  STATIC_REQUIRE_FALSE(has_web_search_setter<models::reference_to_video>);
  STATIC_REQUIRE_FALSE(has_web_search_setter_on_rvalue<models::mini_reference_to_video>);
  // And the same answer for every model, from docs/spec.md's table as written out above.
  int seen = 0;
  for_each_model([&](auto t) {
    using M = typename decltype(t)::type;
    INFO(model_traits<M>::id);
    for (const expected_model& e : rules_table) {
      if (e.id != model_traits<M>::id) continue;
      ++seen;
      CHECK(has_web_search_setter<M> == e.web_search);
      CHECK(has_web_search_setter_on_rvalue<M> == e.web_search);
      CHECK(supports_web_search<M> == e.web_search);
    }
  });
  CHECK(seen == static_cast<int>(rules_table.size()));
}

TEST_CASE("model_type accepts the model tags and nothing else", "[models][requires]") {
  struct fake_model {};
  STATIC_REQUIRE(model_type<models::mini_image_to_video>);
  STATIC_REQUIRE_FALSE(model_type<int>);
  STATIC_REQUIRE_FALSE(model_type<fake_model>);
  STATIC_REQUIRE_FALSE(model_type<models::text_to_video*>);
}

namespace {
// Each named tag, with the id docs/spec.md section 1 gives its model.
template <class M>
void check_named_tag(std::string_view id) {
  INFO(id);
  constexpr std::size_t r = M::row;
  STATIC_REQUIRE(std::is_same_v<model_at<r>, M>);
  STATIC_REQUIRE(model_traits<M>::row == r);
  CHECK(model_traits<M>::id == id);
  CHECK(model_rows[r].id == id);
  const auto visited_row = visit_model(id, [](auto t) { return model_traits<typename decltype(t)::type>::row; });
  REQUIRE(visited_row.has_value());
  CHECK(*visited_row == r);
  // visit_model hands over the named tag itself, not another type of the same row.
  const bool same = *visit_model(id, [](auto t) { return std::is_same_v<typename decltype(t)::type, M>; });
  CHECK(same);
}
}  // namespace

TEST_CASE("the named tags are model_at of the rows their ids name", "[models]") {
  check_named_tag<models::text_to_video>("seedance-2.0-text-to-video");
  check_named_tag<models::image_to_video>("seedance-2.0-image-to-video");
  check_named_tag<models::reference_to_video>("seedance-2.0-reference-to-video");
  check_named_tag<models::fast_text_to_video>("seedance-2.0-fast-text-to-video");
  check_named_tag<models::fast_image_to_video>("seedance-2.0-fast-image-to-video");
  check_named_tag<models::fast_reference_to_video>("seedance-2.0-fast-reference-to-video");
  check_named_tag<models::mini_text_to_video>("seedance-2.0-mini-text-to-video");
  check_named_tag<models::mini_image_to_video>("seedance-2.0-mini-image-to-video");
  check_named_tag<models::mini_reference_to_video>("seedance-2.0-mini-reference-to-video");
  // The lookup the tags use.
  STATIC_REQUIRE(detail::model_row_of("seedance-2.0-text-to-video") == 0);
  STATIC_REQUIRE(detail::model_row_of("seedance-2.0-fast-image-to-video") == models::fast_image_to_video::row);
  STATIC_REQUIRE(detail::model_row_of("seedance-2.0-mini-reference-to-video") == model_rows.size() - 1);
  // A row's base tag is a model type of that row too (model_at gives the named tag).
  STATIC_REQUIRE(model_type<detail::model_tag<0>>);
  STATIC_REQUIRE(model_traits<detail::model_tag<0>>::id == "seedance-2.0-text-to-video");
}
