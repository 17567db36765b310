// The typed request: every setter on every model, media counts in the type, the runtime paths,
// and the value semantics of the fluent API.
#include <catch2/catch.hpp>

#include <seedance/registry.hpp>
#include <seedance/request.hpp>

#include <string>
#include <type_traits>
#include <vector>

using namespace seedance;

TEST_CASE("every model: every setter that the model has sets its field", "[request]") {
  int models_seen = 0;
  for_each_model([&](auto t) {
    using M = typename decltype(t)::type;
    using tr = model_traits<M>;
    INFO(tr::id);
    ++models_seen;

    request<M> r{"a prompt"};
    CHECK(r.body().model == tr::id);
    CHECK(r.body().prompt == "a prompt");
    // Nothing but model and prompt is set on a new request.
    request_body only_model_and_prompt;
    only_model_and_prompt.model = std::string(tr::id);
    only_model_and_prompt.prompt = "a prompt";
    CHECK(r.body() == only_model_and_prompt);

    r.template duration<4>();
    CHECK(r.body().duration == 4);
    r.template duration<15>();
    CHECK(r.body().duration == 15);
    r.duration(7);
    CHECK(r.body().duration == 7);
    r.duration(99);  // run-time values are the validator's to judge
    CHECK(r.body().duration == 99);

    r.template quality<quality::p480>();
    CHECK(r.body().quality == quality::p480);
    r.template quality<quality::p720>();
    CHECK(r.body().quality == quality::p720);
    if constexpr (tr::supports(quality::p4k)) {
      r.template quality<quality::p1080>();
      CHECK(r.body().quality == quality::p1080);
      r.template quality<quality::p4k>();
      CHECK(r.body().quality == quality::p4k);
    }
    r.quality(quality::p1080);  // run-time setter, on every model
    CHECK(r.body().quality == quality::p1080);

    for (aspect_ratio a : {aspect_ratio::r16_9, aspect_ratio::r9_16, aspect_ratio::r1_1, aspect_ratio::r4_3,
                           aspect_ratio::r3_4, aspect_ratio::r21_9, aspect_ratio::adaptive}) {
      r.aspect_ratio(a);
      CHECK(r.body().aspect_ratio == a);
    }
    r.generate_audio(false);
    CHECK(r.body().generate_audio == false);
    r.content_filter(false);
    CHECK(r.body().content_filter == false);
    r.callback_url("https://example.com/hook");
    CHECK(r.body().callback_url == "https://example.com/hook");

    if constexpr (supports_web_search<M>) {
      r.web_search(true);
      CHECK(r.body().web_search == true);
      r.web_search(false);
      CHECK(r.body().web_search == false);
    } else {
      CHECK_FALSE(r.body().web_search.has_value());
    }
  });
  CHECK(models_seen == 9);
}

namespace {
template <class R>
std::vector<std::string> urls_of(const R& r, media_kind k) {
  const auto& u = r.body().urls(k);
  return u ? *u : std::vector<std::string>{};
}
}  // namespace

TEST_CASE("media: each call adds one item and counts it in the type", "[request][media]") {
  SECTION("image-to-video: first frame, then last frame") {
    auto r0 = request<models::image_to_video>{"petals"};
    auto r1 = r0.image("https://example.com/first.jpg");
    auto r2 = r1.image("https://example.com/last.jpg");
    STATIC_REQUIRE(decltype(r0)::image_count == 0);
    STATIC_REQUIRE(decltype(r1)::image_count == 1);
    STATIC_REQUIRE(decltype(r2)::image_count == 2);
    CHECK(urls_of(r2, media_kind::image) ==
          std::vector<std::string>{"https://example.com/first.jpg", "https://example.com/last.jpg"});
    // Adding from an lvalue copies: the source request is unchanged.
    CHECK_FALSE(r0.body().image_urls.has_value());
    CHECK(urls_of(r1, media_kind::image).size() == 1);
  }
  SECTION("first_frame / last_frame are the first and second image") {
    auto r = request<models::mini_image_to_video>{"petals"}
                 .first_frame("https://example.com/a.png")
                 .last_frame("https://example.com/b.png");
    STATIC_REQUIRE(decltype(r)::image_count == 2);
    CHECK(urls_of(r, media_kind::image) == std::vector<std::string>{"https://example.com/a.png", "https://example.com/b.png"});
  }
  SECTION("reference-to-video: up to 9 images, 3 videos, 3 audios") {
    auto r = request<models::fast_reference_to_video>{"ad"}
                 .image("i1").image("i2").image("i3").image("i4").image("i5").image("i6").image("i7").image("i8").image("i9")
                 .video("v1").video("v2").video("v3")
                 .audio("a1").audio("a2").audio("a3");
    STATIC_REQUIRE(decltype(r)::image_count == model_traits<models::fast_reference_to_video>::max_images);
    STATIC_REQUIRE(decltype(r)::video_count == 3);
    STATIC_REQUIRE(decltype(r)::audio_count == 3);
    CHECK(urls_of(r, media_kind::image).size() == 9);
    CHECK(urls_of(r, media_kind::image).back() == "i9");
    CHECK(urls_of(r, media_kind::video) == std::vector<std::string>{"v1", "v2", "v3"});
    CHECK(urls_of(r, media_kind::audio) == std::vector<std::string>{"a1", "a2", "a3"});
  }
  SECTION("settings survive adding media, in either order") {
    auto r = request<models::reference_to_video>{"ad"}.duration<10>().video("v1").quality<quality::p4k>().audio("a1");
    CHECK(r.body().duration == 10);
    CHECK(r.body().quality == quality::p4k);
    CHECK(urls_of(r, media_kind::video) == std::vector<std::string>{"v1"});
    CHECK(urls_of(r, media_kind::audio) == std::vector<std::string>{"a1"});
  }
}

TEST_CASE("runtime lists: counts become dynamic and are left to the validator", "[request][media]") {
  const std::vector<std::string> many(12, "https://example.com/x.jpg");
  auto r = request<models::reference_to_video>{"ad"}.image("https://example.com/0.jpg").images(many);
  STATIC_REQUIRE(decltype(r)::image_count == dynamic_count);
  CHECK(urls_of(r, media_kind::image).size() == 13);  // appended after the static one
  // A further static image() after a dynamic list keeps the count dynamic.
  auto r2 = r.image("https://example.com/14.jpg");
  STATIC_REQUIRE(decltype(r2)::image_count == dynamic_count);
  CHECK(urls_of(r2, media_kind::image).size() == 14);

  auto empty = request<models::image_to_video>{"p"}.images({});
  CHECK(empty.body().image_urls == std::vector<std::string>{});  // present but empty

  auto v = request<models::mini_reference_to_video>{"p"}.videos({"a", "b", "c", "d"}).audios({"x"});
  CHECK(urls_of(v, media_kind::video).size() == 4);
  CHECK(urls_of(v, media_kind::audio).size() == 1);
}

TEST_CASE("fluent setters: lvalue setters return the same object, rvalue chains move into a value",
          "[request]") {
  using T2V = request<models::text_to_video>;
  T2V r{"cat"};
  T2V& same = r.duration<6>();
  CHECK(&same == &r);
  STATIC_REQUIRE(std::is_same_v<decltype(r.duration(5)), T2V&>);
  STATIC_REQUIRE(std::is_same_v<decltype(r.quality<quality::p480>()), T2V&>);
  // On an rvalue every setter returns a request by value: a reference bound to the result of a
  // chain on a temporary extends the life of that result instead of dangling.
  STATIC_REQUIRE(std::is_same_v<decltype(T2V{"x"}.duration(5)), T2V>);
  STATIC_REQUIRE(std::is_same_v<decltype(T2V{"x"}.duration<5>()), T2V>);
  STATIC_REQUIRE(std::is_same_v<decltype(T2V{"x"}.quality(quality::p480)), T2V>);
  STATIC_REQUIRE(std::is_same_v<decltype(T2V{"x"}.quality<quality::p480>()), T2V>);
  STATIC_REQUIRE(std::is_same_v<decltype(T2V{"x"}.aspect_ratio(aspect_ratio::r1_1)), T2V>);
  STATIC_REQUIRE(std::is_same_v<decltype(T2V{"x"}.generate_audio(true)), T2V>);
  STATIC_REQUIRE(std::is_same_v<decltype(T2V{"x"}.content_filter(true)), T2V>);
  STATIC_REQUIRE(std::is_same_v<decltype(T2V{"x"}.callback_url("u")), T2V>);
  STATIC_REQUIRE(std::is_same_v<decltype(T2V{"x"}.web_search(true)), T2V>);

  const auto& kept = T2V{std::string(100, 'k')}.duration<5>().quality<quality::p1080>();
  CHECK(kept.body().prompt == std::string(100, 'k'));
  CHECK(kept.body().duration == 5);
  CHECK(kept.body().quality == quality::p1080);

  std::string long_prompt(1000, 'p');
  auto moved = request<models::reference_to_video>{long_prompt}.duration<5>().image("https://example.com/a.jpg");
  CHECK(moved.body().prompt == long_prompt);
  CHECK(moved.body().duration == 5);
}

TEST_CASE("assert_complete: run-time lists are the validator's, static counts the compiler's", "[request][media]") {
  // Audio from a run-time list, with no image or video: compiles (the validator decides, rule
  // audio_needs_visual), whatever the list holds. A static .audio() alone does not compile
  // (tests/compile_fail/reference_audio_without_visual.cpp).
  auto audio_only = request<models::reference_to_video>{"music"}.audios({"https://example.com/a.mp3"});
  STATIC_REQUIRE(decltype(audio_only)::audio_count == dynamic_count);
  STATIC_REQUIRE(decltype(audio_only)::image_count == 0);
  STATIC_REQUIRE(decltype(audio_only)::video_count == 0);
  decltype(audio_only)::assert_complete();
  CHECK(urls_of(audio_only, media_kind::audio) == std::vector<std::string>{"https://example.com/a.mp3"});

  auto empty_audio = request<models::mini_reference_to_video>{"music"}.audios({});
  decltype(empty_audio)::assert_complete();
  CHECK(empty_audio.body().audio_urls == std::vector<std::string>{});

  // A static audio with a visual given as a run-time list (possibly empty): the validator's too.
  auto audio_and_listed_images = request<models::fast_reference_to_video>{"m"}.audio("a").images({});
  decltype(audio_and_listed_images)::assert_complete();
  auto audio_and_video = request<models::reference_to_video>{"m"}.audio("a").video("v");
  decltype(audio_and_video)::assert_complete();

  // image-to-video with its images from a run-time list (possibly empty): the validator's.
  auto listed_frames = request<models::image_to_video>{"p"}.images({});
  decltype(listed_frames)::assert_complete();
  CHECK(listed_frames.body().image_urls == std::vector<std::string>{});
}

TEST_CASE("typed(): a body becomes a typed request only where the model's type allows it", "[request]") {
  request_body b;
  b.model = "seedance-2.0-fast-text-to-video";
  b.prompt = "weather";
  b.web_search = true;
  b.duration = 6;
  b.quality = quality::p1080;  // wrong for fast, but that is a run-time value: the validator's job
  auto ok = typed<models::fast_text_to_video>(b);
  REQUIRE(ok.has_value());
  CHECK(ok->body() == b);

  CHECK_FALSE(typed<models::text_to_video>(b).has_value());  // names another model

  request_body mini = b;
  mini.model = "seedance-2.0-mini-text-to-video";
  CHECK_FALSE(typed<models::mini_text_to_video>(mini).has_value());  // web_search on a model without it
  mini.web_search = false;  // even false: the type has no web_search to hold it
  CHECK_FALSE(typed<models::mini_text_to_video>(mini).has_value());
  mini.web_search.reset();
  CHECK(typed<models::mini_text_to_video>(mini).has_value());

  request_body t2v;
  t2v.model = "seedance-2.0-text-to-video";
  t2v.prompt = "p";
  t2v.image_urls = std::vector<std::string>{"https://example.com/a.jpg"};
  CHECK_FALSE(typed<models::text_to_video>(t2v).has_value());  // images on text-to-video
  // An empty array of a kind the model does not take is only a warning (field_ignored) for the
  // validator: the typed request keeps it, so that the body comes back exactly as it was given.
  t2v.image_urls = std::vector<std::string>{};
  t2v.video_urls = std::vector<std::string>{};
  t2v.audio_urls = std::vector<std::string>{};
  const auto t = typed<models::text_to_video>(t2v);
  REQUIRE(t.has_value());
  CHECK(t->body() == t2v);
  CHECK(t->body().image_urls == std::vector<std::string>{});
  STATIC_REQUIRE(std::remove_cvref_t<decltype(*t)>::image_count == 0);  // still none in the type

  request_body i2v;
  i2v.model = "seedance-2.0-mini-image-to-video";
  i2v.prompt = "p";
  i2v.image_urls = std::vector<std::string>{"https://example.com/first.jpg"};
  i2v.video_urls = std::vector<std::string>{};
  i2v.audio_urls = std::vector<std::string>{};
  const auto i = typed<models::mini_image_to_video>(i2v);
  REQUIRE(i.has_value());
  CHECK(i->body() == i2v);
  CHECK(i->body().video_urls == std::vector<std::string>{});
  CHECK(i->body().audio_urls == std::vector<std::string>{});
  i2v.audio_urls = std::vector<std::string>{"https://example.com/a.mp3"};
  CHECK_FALSE(typed<models::mini_image_to_video>(i2v).has_value());  // audio on image-to-video

  request_body r2v;
  r2v.model = "seedance-2.0-reference-to-video";
  r2v.image_urls = std::vector<std::string>(11, "u");
  r2v.audio_urls = std::vector<std::string>{"a"};
  auto r = typed<models::reference_to_video>(r2v);
  REQUIRE(r.has_value());
  CHECK(r->body() == r2v);
}

TEST_CASE("expected_resolution uses the API's defaults", "[request][resolution]") {
  auto r = request<models::text_to_video>{"cat"};
  CHECK_FALSE(r.body().expected_resolution().has_value());  // default aspect ratio: adaptive
  r.aspect_ratio(aspect_ratio::r16_9);
  CHECK(r.body().expected_resolution() == resolution{1280, 720});  // default quality: 720p
  r.quality<quality::p4k>();
  CHECK(r.body().expected_resolution() == resolution{3840, 2160});
}
