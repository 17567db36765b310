// The typed request: every setter on every model, media counts in the type, the runtime paths,
// and the value semantics of the fluent API.
#include <catch2/catch.hpp>

#include <seedance/registry.hpp>
#include <seedance/request.hpp>

#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
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

    for (aspect_ratio a : {aspect_ratio::r16_9, aspect_ratio::r9_16, aspect_ratio::r1_1, aspect_ratio::r4_3, aspect_ratio::r3_4,
                           aspect_ratio::r21_9, aspect_ratio::adaptive}) {
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
    CHECK(urls_of(r2, media_kind::image) == std::vector<std::string>{"https://example.com/first.jpg", "https://example.com/last.jpg"});
    // Adding from an lvalue copies: the source request is unchanged.
    CHECK_FALSE(r0.body().image_urls.has_value());
    CHECK(urls_of(r1, media_kind::image).size() == 1);
  }
  SECTION("first_frame / last_frame are the first and second image") {
    auto r =
        request<models::mini_image_to_video>{"petals"}.first_frame("https://example.com/a.png").last_frame("https://example.com/b.png");
    STATIC_REQUIRE(decltype(r)::image_count == 2);
    CHECK(urls_of(r, media_kind::image) == std::vector<std::string>{"https://example.com/a.png", "https://example.com/b.png"});
  }
  SECTION("reference-to-video: up to 9 images, 3 videos, 3 audios") {
    auto r = request<models::fast_reference_to_video>{"ad"}
                 .image("i1")
                 .image("i2")
                 .image("i3")
                 .image("i4")
                 .image("i5")
                 .image("i6")
                 .image("i7")
                 .image("i8")
                 .image("i9")
                 .video("v1")
                 .video("v2")
                 .video("v3")
                 .audio("a1")
                 .audio("a2")
                 .audio("a3");
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

TEST_CASE("fluent setters: lvalue setters return the same object, rvalue chains move into a value", "[request]") {
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

  // Web search with the content filter off: a pair of run-time values, which the type that typed()
  // returns (it knows no on/off value) can hold, as run-time setters make it; the runtime
  // validator reports it (web_search_without_content_filter), as it does a wrong quality.
  request_body searched = b;
  searched.content_filter = false;
  const auto kept_pair = typed<models::fast_text_to_video>(searched);
  REQUIRE(kept_pair.has_value());
  CHECK(kept_pair->body() == searched);
  STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(*kept_pair)>::known, known_flags<>>);

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

namespace {
// What a function written for `request<M, I, V, A>` sees (validate, estimate_cost and to_json are
// written so): a request whose type knows an on/off value must still be accepted, as its base.
template <model_type M, std::size_t I, std::size_t V, std::size_t A>
const request_body& body_of_plain(const request<M, I, V, A>& r) {
  return r.body();
}

using on_unknown = known_flags<known_flag::on, known_flag::unknown>;
using off_unknown = known_flags<known_flag::off, known_flag::unknown>;
using unknown_on = known_flags<known_flag::unknown, known_flag::on>;
using unknown_off = known_flags<known_flag::unknown, known_flag::off>;
}  // namespace

TEST_CASE("web search and the content filter: the static forms set the field and record it in the type", "[request][web_search]") {
  int web_search_models = 0;
  for_each_model([&](auto t) {
    using M = typename decltype(t)::type;
    INFO(model_traits<M>::id);
    using plain = request<M>;
    STATIC_REQUIRE(std::is_same_v<typename plain::known, known_flags<>>);
    STATIC_REQUIRE(std::is_same_v<request<M, 0, 0, 0, known_flags<known_flag::unknown, known_flag::unknown>>, plain>);

    // The content filter's static forms exist on every model; web search's only where the model
    // has it (rule web_search_unsupported), like the run-time setter.
    STATIC_REQUIRE(requires(plain r) { r.template content_filter<false>(); });
    STATIC_REQUIRE(requires(const plain& r) { r.template content_filter<true>(); });
    STATIC_REQUIRE(requires(plain r) { r.template web_search<true>(); } == supports_web_search<M>);
    STATIC_REQUIRE(requires(plain r) { std::move(r).template web_search<false>(); } == supports_web_search<M>);
    STATIC_REQUIRE(requires(plain r) { r.web_search(true); } == supports_web_search<M>);

    const plain r{"a prompt"};
    const auto cf_on = r.template content_filter<true>();
    const auto cf_off = r.template content_filter<false>();
    STATIC_REQUIRE(std::is_same_v<decltype(cf_on), const request<M, 0, 0, 0, unknown_on>>);
    STATIC_REQUIRE(std::is_same_v<decltype(cf_off), const request<M, 0, 0, 0, unknown_off>>);
    // The same body as the run-time setter gives.
    CHECK(cf_on.body() == plain{"a prompt"}.content_filter(true).body());
    CHECK(cf_off.body() == plain{"a prompt"}.content_filter(false).body());
    CHECK(cf_on.body().content_filter == true);
    CHECK(cf_off.body().content_filter == false);
    CHECK_FALSE(r.body().content_filter.has_value());  // from an lvalue: a copy, the source unchanged

    if constexpr (supports_web_search<M>) {
      ++web_search_models;
      const auto ws_on = r.template web_search<true>();
      const auto ws_off = r.template web_search<false>();
      STATIC_REQUIRE(std::is_same_v<decltype(ws_on), const request<M, 0, 0, 0, on_unknown>>);
      STATIC_REQUIRE(std::is_same_v<decltype(ws_off), const request<M, 0, 0, 0, off_unknown>>);
      CHECK(ws_on.body() == plain{"a prompt"}.web_search(true).body());
      CHECK(ws_off.body() == plain{"a prompt"}.web_search(false).body());
      CHECK(ws_on.body().web_search == true);
      CHECK(ws_off.body().web_search == false);
      CHECK_FALSE(ws_on.body().content_filter.has_value());  // unset: the API's default, on
      CHECK_FALSE(r.body().web_search.has_value());

      // Every pair but (web search on, filter off) compiles, in either order; that one is
      // tests/compile_fail/web_search_true_content_filter_false.cpp and its reverse.
      const auto on_on = r.template web_search<true>().template content_filter<true>();
      const auto on_on_reversed = r.template content_filter<true>().template web_search<true>();
      const auto off_off = r.template web_search<false>().template content_filter<false>();
      const auto off_off_reversed = r.template content_filter<false>().template web_search<false>();
      const auto off_on = r.template web_search<false>().template content_filter<true>();
      STATIC_REQUIRE(
          std::is_same_v<std::remove_cvref_t<decltype(on_on)>, request<M, 0, 0, 0, known_flags<known_flag::on, known_flag::on>>>);
      STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(on_on)>, std::remove_cvref_t<decltype(on_on_reversed)>>);
      STATIC_REQUIRE(
          std::is_same_v<std::remove_cvref_t<decltype(off_off)>, request<M, 0, 0, 0, known_flags<known_flag::off, known_flag::off>>>);
      CHECK(on_on == on_on_reversed);  // the same body, whatever the order
      CHECK(off_off == off_off_reversed);
      request_body both = plain{"a prompt"}.body();
      both.web_search = true;
      both.content_filter = true;
      CHECK(on_on.body() == both);
      both.web_search = false;
      both.content_filter = false;
      CHECK(off_off.body() == both);
      CHECK(off_on.body().web_search == false);
      CHECK(off_on.body().content_filter == true);
    }
  });
  CHECK(web_search_models == 2);
}

TEST_CASE("web search and the content filter: a run-time setter drops what the type knew", "[request][web_search]") {
  using M = models::text_to_video;
  using plain = request<M>;

  // Both at run time: the type knows nothing, so the pair the API refuses compiles; the runtime
  // validator reports it (web_search_without_content_filter).
  auto both_runtime = plain{"weather"}.web_search(true).content_filter(false);
  STATIC_REQUIRE(std::is_same_v<decltype(both_runtime), plain>);
  CHECK(both_runtime.body().web_search == true);
  CHECK(both_runtime.body().content_filter == false);

  // One side static, the other at run time: the type cannot know the pair either.
  auto ws_static = plain{"weather"}.web_search<true>().content_filter(false);
  STATIC_REQUIRE(std::is_same_v<decltype(ws_static), request<M, 0, 0, 0, on_unknown>>);
  CHECK(ws_static.body().web_search == true);
  CHECK(ws_static.body().content_filter == false);
  auto cf_static = plain{"weather"}.content_filter<false>().web_search(true);
  STATIC_REQUIRE(std::is_same_v<decltype(cf_static), request<M, 0, 0, 0, unknown_off>>);
  CHECK(cf_static.body().web_search == true);
  CHECK(cf_static.body().content_filter == false);

  // A run-time setter after the static form of the same field forgets that field's value, so a
  // later static form of the other field compiles whatever the run-time value was.
  auto forgot = plain{"weather"}.web_search<true>().web_search(true);
  STATIC_REQUIRE(std::is_same_v<decltype(forgot), plain>);
  auto then_off = std::move(forgot).content_filter<false>();
  STATIC_REQUIRE(std::is_same_v<decltype(then_off), request<M, 0, 0, 0, unknown_off>>);
  CHECK(then_off.body().web_search == true);
  CHECK(then_off.body().content_filter == false);

  // Both known, then both set at run time: the plain request again, with the run-time values.
  auto known_both = plain{"weather"}.web_search<false>().content_filter<true>();
  auto half = known_both.web_search(true);  // from an lvalue: a copy that no longer knows web search
  STATIC_REQUIRE(std::is_same_v<decltype(half), request<M, 0, 0, 0, unknown_on>>);
  CHECK(half.body().web_search == true);
  CHECK(known_both.body().web_search == false);  // the source keeps its value and its type
  STATIC_REQUIRE(std::is_same_v<decltype(known_both)::known, known_flags<known_flag::off, known_flag::on>>);
  auto none = std::move(half).content_filter(false);
  STATIC_REQUIRE(std::is_same_v<decltype(none), plain>);
  CHECK(none.body().web_search == true);
  CHECK(none.body().content_filter == false);

  // On a request that knows neither value, the run-time setters are the old ones: `request&` on
  // an lvalue (the same object), the request by value on an rvalue.
  plain p{"weather"};
  STATIC_REQUIRE(std::is_same_v<decltype(p.web_search(true)), plain&>);
  STATIC_REQUIRE(std::is_same_v<decltype(p.content_filter(true)), plain&>);
  CHECK(&p.content_filter(false) == &p);
  CHECK(p.body().content_filter == false);
  // A request that knows only the other field keeps `request&` for this one.
  auto knows_ws = plain{"weather"}.web_search<true>();
  STATIC_REQUIRE(std::is_same_v<decltype(knows_ws.content_filter(true)), decltype(knows_ws)&>);
  CHECK(&knows_ws.content_filter(true) == &knows_ws);
  CHECK(knows_ws.body().content_filter == true);
}

TEST_CASE("web search and the content filter: what the type knows survives the other setters and media", "[request][web_search]") {
  using T2V = models::text_to_video;
  auto r = request<T2V>{"weather"}
               .web_search<true>()
               .duration<8>()
               .quality<quality::p1080>()
               .aspect_ratio(aspect_ratio::r16_9)
               .generate_audio(false)
               .callback_url("https://example.com/hook")
               .duration(9)
               .quality(quality::p720);
  STATIC_REQUIRE(std::is_same_v<decltype(r), request<T2V, 0, 0, 0, on_unknown>>);
  auto& same = r.duration<5>();  // lvalue setters that keep the type still return the same object
  CHECK(&same == &r);
  CHECK(r.body().web_search == true);
  CHECK(r.body().duration == 5);
  CHECK(r.body().quality == quality::p720);
  CHECK(r.body().generate_audio == false);

  // Media change the counts and keep the known values (reference-to-video has no web search).
  auto ref = request<models::reference_to_video>{"ad"}
                 .content_filter<false>()
                 .image("https://example.com/a.jpg")
                 .video("https://example.com/v.mp4")
                 .audios({"https://example.com/a.mp3"});
  STATIC_REQUIRE(std::is_same_v<decltype(ref), request<models::reference_to_video, 1, 1, dynamic_count, unknown_off>>);
  decltype(ref)::assert_complete();
  CHECK(ref.body().content_filter == false);
  CHECK(urls_of(ref, media_kind::image) == std::vector<std::string>{"https://example.com/a.jpg"});

  auto frames = request<models::fast_image_to_video>{"petals"}
                    .first_frame("https://example.com/a.jpg")
                    .content_filter<true>()
                    .last_frame("https://example.com/b.jpg");
  STATIC_REQUIRE(std::is_same_v<decltype(frames), request<models::fast_image_to_video, 2, 0, 0, unknown_on>>);
  CHECK(frames.body().content_filter == true);
  CHECK(urls_of(frames, media_kind::image).size() == 2);
}

TEST_CASE("web search and the content filter: a request that knows a value is still a request<M, I, V, A>", "[request][web_search]") {
  using T2V = models::text_to_video;
  auto known = request<T2V>{"weather"}.web_search<true>().content_filter<true>().duration<6>();
  using K = decltype(known);
  STATIC_REQUIRE(std::is_base_of_v<request<T2V>, K>);
  STATIC_REQUIRE(K::image_count == 0);
  // A function template written for four parameters deduces them from the base.
  const request_body& seen = body_of_plain(known);
  CHECK(&seen == &known.body());
  CHECK(seen.web_search == true);
  CHECK(seen.content_filter == true);
  CHECK(seen.duration == 6);
  auto ref = request<models::reference_to_video>{"ad"}.content_filter<true>().image("https://example.com/a.jpg");
  CHECK(body_of_plain(ref).image_urls == std::vector<std::string>{"https://example.com/a.jpg"});

  // Only the request that knows nothing is made from a prompt: the others come from the static
  // forms, so that the type never claims a value the body does not hold.
  STATIC_REQUIRE(std::is_constructible_v<request<T2V>, std::string>);
  STATIC_REQUIRE_FALSE(std::is_constructible_v<K, std::string>);
  STATIC_REQUIRE_FALSE(std::is_constructible_v<request<T2V, 0, 0, 0, on_unknown>, std::string>);

  // Equality compares bodies, among requests of one type.
  auto twin = request<T2V>{"weather"}.content_filter<true>().web_search<true>().duration<6>();
  STATIC_REQUIRE(std::is_same_v<decltype(twin), K>);
  CHECK(twin == known);
  CHECK_FALSE(twin.duration<7>() == known);
}

TEST_CASE("expected_resolution uses the API's defaults", "[request][resolution]") {
  auto r = request<models::text_to_video>{"cat"};
  CHECK_FALSE(r.body().expected_resolution().has_value());  // default aspect ratio: adaptive
  r.aspect_ratio(aspect_ratio::r16_9);
  CHECK(r.body().expected_resolution() == resolution{1280, 720});  // default quality: 720p
  r.quality<quality::p4k>();
  CHECK(r.body().expected_resolution() == resolution{3840, 2160});
}
