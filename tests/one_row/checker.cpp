// The one-row checker (see run.cmake): compiled against a copy of the headers whose model_rows has
// one row more than the repository's, a dated snapshot of mini reference-to-video, and whose feed
// prices it. Everything the library derives from the rows must know the new model. The expected
// values are the row's own (its id, mode and tier as run.cmake inserted them) and the existing
// model's behaviour, not the output under test. Prints "one-row ok" and exits 0, or names each failure.
#include <seedance/estimate.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/schema.hpp>
#include <seedance/seedance.hpp>
#include <seedance/validate.hpp>

#include <boost/hana/size.hpp>

#include <cstddef>
#include <iostream>
#include <string>
#include <string_view>
#include <type_traits>

#ifndef ROWS_BEFORE
#error "ROWS_BEFORE: the number of rows of the repository's model_rows"
#endif

namespace sd = seedance;

namespace {
int failures = 0;
void check(bool ok, const std::string& what) {
  if (!ok) {
    ++failures;
    std::cout << "FAILED: " << what << "\n";
  }
}

constexpr std::string_view new_id = "seedance-2.0-mini-reference-to-video-260615";
constexpr std::string_view base_id = "seedance-2.0-mini-reference-to-video";

// The new row, as the compiler finds it by id in the edited table.
constexpr std::size_t new_row = sd::detail::model_row_of(new_id);
using new_model = sd::model_at<new_row>;
using traits = sd::model_traits<new_model>;

nlohmann::json body(std::string_view model, std::size_t videos) {
  nlohmann::json b{{"model", model}, {"prompt", "a dancer in the rain"}, {"duration", 5}};
  b["image_urls"] = nlohmann::json::array({"https://example.com/a.jpg"});
  for (std::size_t i = 0; i < videos; ++i) b["video_urls"].push_back("https://example.com/v" + std::to_string(i) + ".mp4");
  return b;
}
}  // namespace

int main() {
  // The table: one row more, and the typed tag of the new row has its id, mode and tier.
  static_assert(sd::model_rows.size() == ROWS_BEFORE + 1, "model_rows has one row more than the repository's");
  static_assert(sd::model_catalog.size() == ROWS_BEFORE + 1, "model_catalog has one model more");
  static_assert(decltype(boost::hana::size(sd::all_models))::value == ROWS_BEFORE + 1, "all_models has one type more");
  static_assert(traits::id == new_id);
  static_assert(traits::mode == sd::mode::reference_to_video);
  static_assert(traits::tier == sd::tier::mini);
  static_assert(traits::max_videos == sd::model_traits<sd::models::mini_reference_to_video>::max_videos);
  static_assert(!std::is_same_v<new_model, sd::models::mini_reference_to_video>, "a model of its own, not an alias");
  // The named tags still find their rows by id.
  static_assert(sd::model_traits<sd::models::mini_reference_to_video>::id == base_id);
  static_assert(std::is_same_v<sd::model_at<sd::models::mini_reference_to_video::row>, sd::models::mini_reference_to_video>);
  // find_model(mode, tier) is the first row of the pair: the undated model.
  static_assert(sd::find_model(sd::mode::reference_to_video, sd::tier::mini)->id == base_id);
  check(sd::model_catalog.size() == ROWS_BEFORE + 1, "model_catalog.size() is one more than before");
  check(sd::find_model(new_id) == &sd::model_catalog[new_row], "find_model(new id) is its row");

  // visit_model finds it and hands over its tag.
  const auto visited = sd::visit_model(new_id, [](auto t) { return std::is_same_v<typename decltype(t)::type, new_model>; });
  check(visited.has_value() && *visited, "visit_model(new id) calls f with model_at<new row>");
  std::size_t seen = 0;
  sd::for_each_model([&](auto t) {
    if (sd::model_traits<typename decltype(t)::type>::id == new_id) ++seen;
  });
  check(seen == 1, "for_each_model visits the new model once");

  // Run-time validation, of JSON and of a typed request.
  const sd::report ok = sd::validate(body(new_id, 3));
  check(ok.ok() && ok.errors() == 0, "validate: a valid request for the new id has no errors");
  for (const auto& d : ok) std::cout << "  (valid request) " << d.message << "\n";
  const sd::report four = sd::validate(body(new_id, 4));
  check(four.has(sd::code::too_many_media), "validate: four videos are too_many_media");
  check(!four.has(sd::code::unknown_model), "validate: the new id is not an unknown model");
  const sd::report typed = sd::validate(sd::request<new_model>{"a dancer"}.image("https://example.com/a.jpg"));
  check(typed.ok(), "validate: a typed request<model_at<new row>> is valid");
  const nlohmann::json typed_body = sd::request<new_model>{"a dancer"}.image("https://example.com/a.jpg");
  check(typed_body.value("model", "") == new_id, "request<model_at<new row>> sends the new id");

  // The schema.
  const auto schema = sd::json_schema(new_id);
  check(schema.has_value(), "json_schema(new id) exists");
  if (schema) check(schema->dump().find(std::string(new_id)) != std::string::npos, "json_schema(new id) names it");
  check(sd::json_schema_all().contains(std::string(new_id)), "json_schema_all() has the new id");

  // The price: like mini reference-to-video's, with and without a video.
  for (std::size_t videos : {std::size_t{0}, std::size_t{2}}) {
    const sd::estimate_result a = sd::estimate_cost(body(new_id, videos));
    const sd::estimate_result b = sd::estimate_cost(body(base_id, videos));
    check(a.ok(), "estimate_cost prices the new id (" + std::to_string(videos) + " videos): " + a.error);
    check(b.ok(), "estimate_cost prices mini reference-to-video (" + std::to_string(videos) + " videos): " + b.error);
    if (a.ok() && b.ok()) {
      check(a.estimate->min.uc == b.estimate->min.uc && a.estimate->max.uc == b.estimate->max.uc &&
                a.estimate->open_upper_bound == b.estimate->open_upper_bound,
            "estimate_cost: the new id costs what mini reference-to-video costs (" + std::to_string(videos) + " videos)");
      check(a.estimate->model == new_id, "estimate_cost: the estimate names the new id");
    }
  }

  // The catalogue listing (`seedance models` iterates model_catalog; run.cmake also runs the tool).
  std::size_t listed = 0;
  for (const sd::model_info& m : sd::model_catalog) {
    if (m.id == new_id) {
      ++listed;
      check(m.mode == sd::mode::reference_to_video && m.tier == sd::tier::mini, "model_catalog: the new row's mode and tier");
      check(!m.supports(sd::quality::p1080), "model_catalog: the new row has mini's qualities");
    }
  }
  check(listed == 1, "model_catalog lists the new id once");

  if (failures != 0) {
    std::cout << failures << " failure(s)\n";
    return 1;
  }
  std::cout << "one-row ok: " << new_id << " is row " << new_row << " of " << sd::model_rows.size() << "\n";
  return 0;
}
