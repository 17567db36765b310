// seedance/client.hpp over a scripted transport: what is sent, how often, with which key, and
// what the caller is told. No network: the transport answers from a script and records requests.
#include <seedance/client.hpp>

#include <catch2/catch.hpp>

#include <deque>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using seedance::submit_status;
using seedance::task_read_status;
using namespace std::chrono_literals;

namespace {
struct step {
  step(int s, std::string b = {}, std::vector<seedance::http_field> f = {}, bool was_sent = true)
      : status(s), body(std::move(b)), fields(std::move(f)), sent(was_sent) {}
  int status = 0;  // 0: no answer (a transport failure)
  std::string body;
  std::vector<seedance::http_field> fields;
  bool sent = true;  // for a transport failure
  bool final = false;  // for a transport failure: retrying cannot help (a refused certificate)
};
seedance::submit_options with_key(std::string key) {
  seedance::submit_options o;
  o.idempotency_key = std::move(key);
  return o;
}
seedance::submit_options with_cap(seedance::decimal cap) {
  seedance::submit_options o;
  o.max_credits = cap;
  return o;
}
seedance::wait_options with_deadline(std::chrono::milliseconds d) {
  seedance::wait_options o;
  o.deadline = d;
  return o;
}

struct scripted {
  std::deque<step> script;
  std::vector<seedance::http_request> sent;
  std::vector<seedance::send_options> options;
  seedance::transport_result send(const seedance::http_request& q, const seedance::send_options& o) {
    sent.push_back(q);
    options.push_back(o);
    REQUIRE_FALSE(script.empty());
    step s = script.front();
    script.pop_front();
    seedance::transport_result r;
    if (s.status == 0) {
      r.sent = s.sent;
      r.final = s.final;
      r.error = s.final ? "TLS handshake: certificate verify failed" : "connection reset";
      return r;
    }
    r.sent = true;
    r.response = seedance::http_response{s.status, s.fields, s.body};
    return r;
  }
};
static_assert(seedance::transport<scripted>);

/// A scripted transport that also writes files: a 2xx answer's body goes to the file.
struct scripted_files : scripted {
  seedance::transport_result send_to_file(const seedance::http_request& q, const seedance::send_options& o,
                                          const std::filesystem::path& p) {
    seedance::transport_result r = send(q, o);
    if (r.response) {
      std::ofstream(p, std::ios::binary) << r.response->body;
      r.response->body.clear();
    }
    return r;
  }
};
static_assert(seedance::file_transport<scripted_files>);
static_assert(!seedance::file_transport<scripted>);

/// A WAV file by hand: 8 kHz, mono, 16-bit, 800 samples (0.1 s).
std::string tiny_wav() {
  auto le32 = [](std::uint32_t v) { return std::string{char(v & 255), char((v >> 8) & 255), char((v >> 16) & 255), char(v >> 24)}; };
  auto le16 = [](std::uint16_t v) { return std::string{char(v & 255), char(v >> 8)}; };
  const std::uint32_t data = 1600;
  return "RIFF" + le32(36 + data) + "WAVE" + "fmt " + le32(16) + le16(1) + le16(1) + le32(8000) + le32(16000) + le16(2) + le16(16) +
         "data" + le32(data) + std::string(data, '\0');
}

std::string task(std::string_view status, int progress = 0) {
  return std::string(R"({"id":"task-unified-1-abc","object":"video.generation.task","status":")") + std::string(status) +
         R"(","progress":)" + std::to_string(progress) + R"(,"task_info":{"estimated_time":10}})";
}
std::string error_body(std::string_view code) { return std::string(R"({"error":{"code":")") + std::string(code) + R"(","message":"m"}})"; }

struct fixture {
  std::vector<std::chrono::milliseconds> sleeps;
  std::chrono::steady_clock::time_point clock{};
  seedance::basic_client<scripted> client;
  explicit fixture(std::deque<step> script, std::string base = "https://api.evolink.ai")
      : client(make_options(std::move(base)), scripted{std::move(script), {}, {}}) {}
  seedance::client_options make_options(std::string base) {
    seedance::client_options o;
    o.base_url = std::move(base);
    o.api_key = "sk-secret-key";
    o.max_retries = 3;
    o.sleep = [this](std::chrono::milliseconds d) {
      sleeps.push_back(d);
      clock += d;
    };
    o.now = [this] { return clock; };
    return o;
  }
  scripted& transport() { return client.transport_ref(); }
};

const nlohmann::json valid_body = {{"model", "seedance-2.0-text-to-video"}, {"prompt", "a cat"}, {"duration", 5}, {"quality", "720p"}};
}  // namespace

TEST_CASE("client: a create that succeeds is sent once, with the key, the idempotency key and the body", "[client]") {
  fixture f({{200, task("pending")}});
  const auto r = f.client.submit(valid_body, with_key("my-key"));
  CHECK(r.status == submit_status::created);
  REQUIRE(r.task);
  CHECK(r.task->id == "task-unified-1-abc");
  REQUIRE(r.estimate);
  CHECK(r.attempts == 1);
  REQUIRE(f.transport().sent.size() == 1);
  const auto& q = f.transport().sent[0];
  CHECK(q.field("Idempotency-Key") == std::optional<std::string_view>("my-key"));
  CHECK(q.field("Authorization") == std::optional<std::string_view>("Bearer sk-secret-key"));
  CHECK(nlohmann::json::parse(q.body) == valid_body);
  CHECK_FALSE(f.transport().options[0].fresh_connection);
}

TEST_CASE("client: invalid requests and budget refusals send nothing", "[client]") {
  fixture invalid({});
  const auto r = invalid.client.submit({{"model", "seedance-2.0-text-to-video"}, {"prompt", "a cat"}, {"duration", 99}});
  CHECK(r.status == submit_status::invalid);
  CHECK_FALSE(r.report.ok());
  CHECK(invalid.transport().sent.empty());

  fixture budget({});
  const auto b = budget.client.submit(valid_body, with_cap(seedance::decimal(1)));
  CHECK(b.status == submit_status::over_budget);
  CHECK(budget.transport().sent.empty());

  fixture plain({}, "http://api.example.com");
  const auto p = plain.client.submit(valid_body);
  CHECK(p.status == submit_status::refused);
  CHECK(p.message.find("sk-secret-key") == std::string::npos);
  CHECK(plain.transport().sent.empty());
}

TEST_CASE("client: 429 and 503 with Retry-After are retried with the same key and body on fresh connections", "[client]") {
  fixture f({{429, error_body("rate_limit_exceeded"), {{"Retry-After", "3"}}},
             {503, error_body("service_unavailable"), {{"Retry-After", "7"}}},
             {200, task("pending")}});
  const auto r = f.client.submit(valid_body);
  CHECK(r.status == submit_status::created);
  CHECK(r.attempts == 3);
  const auto& sent = f.transport().sent;
  REQUIRE(sent.size() == 3);
  CHECK(r.idempotency_key.size() == 32);
  for (const auto& q : sent) {
    CHECK(q.field("Idempotency-Key") == std::optional<std::string_view>(r.idempotency_key));
    CHECK(q.body == sent[0].body);
  }
  CHECK_FALSE(f.transport().options[0].fresh_connection);
  CHECK(f.transport().options[1].fresh_connection);
  CHECK(f.transport().options[2].fresh_connection);
  CHECK(f.sleeps == std::vector<std::chrono::milliseconds>{3000ms, 7000ms});
}

TEST_CASE("client: a create whose outcome is unknown is never resent", "[client]") {
  for (const step& s : {step{502, "bad gateway"}, step{500, error_body("internal_error")}, step{503, error_body("service_unavailable")},
                        step{504, ""}, step{0, "", {}, true}, step{200, "{not json"}}) {
    INFO(s.status << " " << s.body);
    fixture f({s});
    const auto r = f.client.submit(valid_body);
    CHECK(r.status == submit_status::outcome_unknown);
    CHECK(f.transport().sent.size() == 1);
    CHECK(r.message.find(r.idempotency_key) != std::string::npos);  // the key to look up or resend with
    CHECK(f.sleeps.empty());
  }
  // Not sent at all (connection refused): retried, then created.
  fixture unsent({{0, "", {}, false}, {200, task("pending")}});
  CHECK(unsent.client.submit(valid_body).status == submit_status::created);
  CHECK(unsent.transport().sent.size() == 2);
}

TEST_CASE("client: a final transport failure (a refused certificate) is refused at once, never retried", "[client]") {
  step refused_certificate{0, "", {}, false};
  refused_certificate.final = true;
  fixture f({refused_certificate});
  const auto r = f.client.submit(valid_body);
  CHECK(r.status == submit_status::refused);
  CHECK(r.attempts == 1);
  CHECK(f.sleeps.empty());
  CHECK(r.message.find("nothing was sent") != std::string::npos);
  fixture g({refused_certificate});
  const auto t = g.client.get_task("task-unified-1-abc");
  CHECK(t.status == seedance::task_read_status::refused);
  CHECK(g.transport().sent.size() == 1);
}

TEST_CASE("client: final errors and exhausted retries", "[client]") {
  fixture f({{402, error_body("insufficient_quota")}});
  const auto r = f.client.submit(valid_body);
  CHECK(r.status == submit_status::failed);
  CHECK(r.http_status == 402);
  CHECK(r.advice.action == seedance::error_action::fix_account);
  REQUIRE(r.error);
  CHECK(r.error->code == "insufficient_quota");

  fixture busy({{429, ""}, {429, ""}, {429, ""}, {429, ""}});
  const auto b = busy.client.submit(valid_body);
  CHECK(b.status == submit_status::retry_later);
  CHECK(b.attempts == 4);  // the first try and max_retries (3) retries
  CHECK(busy.sleeps == std::vector<std::chrono::milliseconds>{1000ms, 2000ms, 4000ms});  // backoff without Retry-After
}

TEST_CASE("client: reads retry transient errors; wait survives a failed poll", "[client]") {
  fixture f({{503, ""}, {502, ""}, {200, task("processing", 40)}});
  const auto r = f.client.get_task("task-unified-1-abc");
  CHECK(r.status == task_read_status::ok);
  CHECK(r.attempts == 3);
  CHECK(f.transport().sent[0].target == "/v1/tasks/task-unified-1-abc");

  fixture w({{200, task("pending")},
             {500, ""},
             {500, ""},
             {500, ""},
             {500, ""},  // one whole poll fails (retries exhausted)
             {200, task("processing", 50)},
             {200, task("completed", 100)}});
  std::vector<std::string> seen;
  seedance::wait_options progress;
  progress.on_progress = [&](const seedance::video_task& t) { seen.push_back(t.status_text); };
  const auto done = w.client.wait("task-unified-1-abc", progress);
  CHECK(done.status == task_read_status::ok);
  REQUIRE(done.task);
  CHECK(done.task->status == seedance::task_status::completed);
  CHECK(seen == std::vector<std::string>{"pending", "processing", "completed"});
  CHECK(w.transport().sent.size() == 7);

  fixture missing({{404, error_body("task_not_found")}});
  CHECK(missing.client.wait("task-unified-0").status == task_read_status::failed);
  CHECK(missing.transport().sent.size() == 1);
}

TEST_CASE("client: wait polls on the schedule, scaled, and stops at the deadline", "[client]") {
  std::deque<step> pending;
  for (int i = 0; i < 50; ++i) pending.push_back({200, task("pending")});
  fixture f(pending);
  const auto r = f.client.wait("task-unified-1-abc", with_deadline(20s));
  CHECK(r.status == task_read_status::deadline_passed);
  REQUIRE(r.task);
  CHECK(r.task->status == seedance::task_status::pending);
  // estimated_time 10 s: half the time left, at least 2 s: 5, 2 (2.5 -> 2), 2, 2, then past the
  // estimate a quarter of the overrun, at least 2 s: 2, 2, 2, then 20 s would be passed.
  REQUIRE_FALSE(f.sleeps.empty());
  CHECK(f.sleeps[0] == 5000ms);
  std::chrono::milliseconds total{0};
  for (auto d : f.sleeps) total += d;
  CHECK(total <= 20s);

  std::deque<step> scaled_script{{200, task("pending")}, {200, task("completed", 100)}};
  fixture scaled(scaled_script);
  seedance::client_options o = scaled.client.options();
  o.time_scale = 0.01;
  seedance::basic_client<scripted> fast(o, scripted{scaled_script, {}, {}});
  CHECK(fast.wait("task-unified-1-abc").status == task_read_status::ok);
  CHECK(scaled.sleeps == std::vector<std::chrono::milliseconds>{50ms});  // 5 s at 0.01
}

TEST_CASE("client: download streams each result to a safe name, without the key, and probes it", "[client]") {
  const auto dir = std::filesystem::temp_directory_path() / ("seedance-client-test-" + std::to_string(std::random_device{}()));
  std::vector<std::chrono::milliseconds> sleeps;
  seedance::client_options o;
  o.api_key = "sk-secret-key";
  o.sleep = [&](std::chrono::milliseconds d) { sleeps.push_back(d); };
  seedance::basic_client<scripted_files> c(o, scripted_files{});
  c.transport_ref().script = {{200, tiny_wav()}, {503, ""}, {200, tiny_wav()}};
  seedance::video_task t =
      *seedance::parse_task(
           std::string_view(
               R"({"id":"task-unified-1-abc","status":"completed","results":["https://cdn.example.com/a/out.wav?sig=1","https://cdn.example.com/b/out.wav"]})"))
           .value;
  const auto r = c.download(t, dir);
  INFO(r.message);
  CHECK(r.ok);
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].file == dir / "task-unified-1-abc-1.wav");
  CHECK(r.files[1].file == dir / "task-unified-1-abc-2.wav");
  for (const auto& f : r.files) {
    CHECK(f.ok);
    CHECK(std::filesystem::file_size(f.file) == tiny_wav().size());
    REQUIRE(f.probe);
    REQUIRE(f.probe->audio());
    CHECK_FALSE(std::filesystem::exists(std::filesystem::path(f.file).concat(".part")));
  }
  const auto& sent = c.transport_ref().sent;
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].host == "cdn.example.com");
  CHECK(sent[0].target == "/a/out.wav?sig=1");
  for (const auto& q : sent) CHECK_FALSE(q.field("Authorization"));  // never the key to a result host
  CHECK(sleeps.size() == 1);  // the 503 was retried

  // A 404 and a file that is not media: reported, and the first leaves no file behind.
  c.transport_ref().script = {{404, "gone"}, {200, "not media at all"}};
  const auto bad = c.download(t, dir / "second");
  CHECK_FALSE(bad.ok);
  REQUIRE(bad.files.size() == 2);
  CHECK_FALSE(bad.files[0].ok);
  CHECK_FALSE(std::filesystem::exists(bad.files[0].file));
  CHECK(bad.files[0].message.find("HTTP 404") != std::string::npos);
  CHECK_FALSE(bad.files[1].ok);
  CHECK(bad.files[1].message.find("does not probe as media") != std::string::npos);

  seedance::video_task pending = t;
  pending.status = seedance::task_status::pending;
  CHECK_FALSE(c.download(pending, dir).ok);
  std::filesystem::remove_all(dir);
}

TEST_CASE("client: result file names cannot escape the directory", "[client]") {
  using seedance::detail::client::result_file_name;
  CHECK(result_file_name("task-unified-1-abc", 1, 1, "https://x.example/v.mp4") == "task-unified-1-abc.mp4");
  CHECK(result_file_name("../../etc", 1, 1, "https://x.example/v") == "_._.._etc.mp4");
  CHECK(result_file_name("a/b\\c", 2, 3, "https://x.example/v.MOV") == "a_b_c-2.mov");  // extensions are lower-cased
  CHECK(result_file_name("", 1, 1, "https://x.example/v.mp4%2F..") == "result.mp4");
  CHECK(result_file_name(std::string(300, 'x'), 1, 1, "https://x.example/v.webm").size() == 96 + 5);
}

TEST_CASE("client: a callback is confirmed only by reading the task back", "[client]") {
  const std::string callback =
      R"({"id":"task-unified-1-abc","status":"completed","progress":100,"results":["https://cdn.example.com/out.mp4"]})";
  fixture same({{200, callback}});
  const auto ok = same.client.confirm_callback(callback);
  CHECK(ok.confirmed);
  CHECK(same.transport().sent.at(0).target == "/v1/tasks/task-unified-1-abc");

  fixture differs({{200, task("processing", 50)}});
  const auto no = differs.client.confirm_callback(callback);
  CHECK_FALSE(no.confirmed);
  CHECK(no.message.find("processing") != std::string::npos);

  fixture other_urls({{200, R"({"id":"task-unified-1-abc","status":"completed","results":["https://evil.example/x.mp4"]})"}});
  CHECK_FALSE(other_urls.client.confirm_callback(callback).confirmed);

  fixture garbage({});
  CHECK_FALSE(garbage.client.confirm_callback("{not json").confirmed);
  CHECK(garbage.transport().sent.empty());
}
