// Lazy messages (docs/validation.md, "Lazy messages"): a report writes the validator's messages when
// its diagnostics are first read, not when they are found. The messages themselves are checked by
// the validation tests (validate_test.cpp and the others compare them); these tests check when they
// are written, that they outlive the request, copies and moves, and concurrent first reads.
#include <catch2/catch.hpp>

#include <seedance/validate.hpp>

#include <string>
#include <thread>
#include <vector>

using namespace seedance;

namespace {

/// A report with one lazy diagnostic whose writer counts its calls in `calls`.
report counted(int& calls, std::string text = "the message") {
  report r;
  r.add(code::prompt_empty, severity::error, "/prompt", detail::lazy_message([&calls, text] {
          ++calls;
          return text;
        }));
  return r;
}

std::vector<std::string> lines(const report& r) {
  std::vector<std::string> out;
  for (const diagnostic& d : r) out.push_back(to_text(d));
  return out;
}

const char* const eight_problems = R"({"model": "seedance-2.0-fast-reference-to-video", "prompt": "Follow @video1 and @image3",
  "image_urls": ["https://example.com/a.jpg", "https://127.0.0.1/b.png"],
  "video_urls": ["https://example.com/1.mp4", "https://example.com/2.mp4", "https://example.com/3.mp4", "https://example.com/4.mp4"],
  "duration": 3, "quality": "4k", "aspect_ratio": "2:1", "model_params": {"web_search": true, "websearch": 1},
  "callback_url": "http://example.com/cb", "colour": "red"})";

}  // namespace

TEST_CASE("lazy messages: written on the first read of the diagnostics, once", "[report][lazy]") {
  int calls = 0;
  const report r = counted(calls);
  CHECK(r.size() == 1);
  CHECK_FALSE(r.ok());
  CHECK(r.errors() == 1);
  CHECK(r.warnings() == 0);
  CHECK(r.has(code::prompt_empty, "/prompt"));
  CHECK(calls == 0);  // counting and looking up write nothing
  CHECK(r[0].message == "the message");
  CHECK(calls == 1);
  CHECK(r.begin()->message == "the message");
  CHECK(to_text(r) == "error[prompt_empty] /prompt: the message\n1 error, 0 warnings\n");
  CHECK(calls == 1);
}

TEST_CASE("lazy messages: invalid UTF-8 in a written message becomes U+FFFD, as in an eager one", "[report][lazy]") {
  int calls = 0;
  const report r = counted(calls, "bad \xFF byte");
  CHECK(r[0].message == "bad \xEF\xBF\xBD byte");
  report eager;
  eager.add(code::prompt_empty, severity::error, "/prompt", std::string("bad \xFF byte"));
  CHECK(eager == r);
}

TEST_CASE("lazy messages: copies and moves carry them", "[report][lazy]") {
  int calls = 0;
  report r = counted(calls);
  const report copy = r;  // written for the copy
  CHECK(calls == 1);
  CHECK(copy[0].message == "the message");
  int calls2 = 0;
  report source = counted(calls2);
  report moved = std::move(source);
  CHECK(calls2 == 0);
  CHECK(moved[0].message == "the message");
  CHECK(calls2 == 1);
  CHECK(source.empty());  // NOLINT(bugprone-use-after-move): a moved-from report is empty
  report assigned;
  int calls3 = 0;
  assigned = counted(calls3);
  CHECK(assigned == copy);
  CHECK(calls3 == 1);
}

TEST_CASE("lazy messages: read after the request and its text are gone, they are those of a report read at once", "[report][lazy]") {
  const std::vector<std::string> at_once = lines(validate(std::string_view(eight_problems)));
  REQUIRE(at_once.size() >= 10);
  report from_text, from_json;
  {
    std::string text = eight_problems;
    from_text = validate(std::string_view(text));
    auto j = nlohmann::json::parse(text);
    from_json = validate(j);
    text.assign(text.size(), 'x');  // overwritten, then freed: a message that kept a view would show it
  }
  CHECK(lines(from_text) == at_once);
  std::vector<std::string> expected_json = lines(validate(nlohmann::json::parse(eight_problems)));
  CHECK(lines(from_json) == expected_json);
  CHECK(from_text.has(code::url_not_public, "/image_urls/1"));
  for (const diagnostic& d : from_text) CHECK_FALSE(d.message.empty());
}

TEST_CASE("lazy messages: readers on several threads see the same messages", "[report][lazy]") {
  for (int round = 0; round < 20; ++round) {
    const report r = validate(std::string_view(eight_problems));
    std::vector<std::string> a, b;
    std::thread t1([&] { a = lines(r); });
    std::thread t2([&] { b = lines(r); });
    t1.join();
    t2.join();
    CHECK(a == b);
    CHECK(a.size() == r.size());
  }
}
