// seedance/protocol.hpp and seedance/budget.hpp: the client's protocol core without I/O: endpoints,
// the requests it builds, what answers mean (create vs read), and the budget checked before sending.
#include <seedance/budget.hpp>
#include <seedance/protocol.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>

using seedance::api_endpoint;
using seedance::call_outcome;
using seedance::http_response;

namespace {
api_endpoint endpoint(std::string_view url) {
  auto r = seedance::parse_endpoint(url);
  INFO(url << ": " << r.error);
  REQUIRE(r);
  return *r.endpoint;
}
http_response answer(int status, std::string body, std::vector<seedance::http_field> fields = {}) {
  http_response r;
  r.status = status;
  r.body = std::move(body);
  r.fields = std::move(fields);
  return r;
}
constexpr std::string_view task_body =
    R"({"id":"task-unified-1774857405-abc123","object":"video.generation.task","status":"pending","progress":0,"model":"seedance-2.0-text-to-video"})";
std::string error_body(std::string_view code) {
  return std::string(R"({"error":{"code":")") + std::string(code) + R"(","message":"m","type":"t"}})";
}
}  // namespace

TEST_CASE("protocol: base URLs", "[protocol]") {
  const api_endpoint provider = endpoint(seedance::api_facts::default_base_url);
  CHECK(provider.https);
  CHECK(provider.host == "api.evolink.ai");
  CHECK(provider.port == 443);
  CHECK(provider.base_path.empty());
  CHECK(provider.host_field() == "api.evolink.ai");
  CHECK_FALSE(provider.loopback);
  CHECK(provider.may_send_key());

  const api_endpoint local = endpoint("http://127.0.0.1:8080/prefix/");
  CHECK_FALSE(local.https);
  CHECK(local.port == 8080);
  CHECK(local.base_path == "/prefix");
  CHECK(local.host_field() == "127.0.0.1:8080");
  CHECK(local.loopback);
  CHECK(local.may_send_key());

  CHECK(endpoint("http://[::1]:9000").host_field() == "[::1]:9000");
  CHECK(endpoint("http://[::1]:9000").loopback);
  CHECK(endpoint("http://localhost").loopback);
  CHECK(endpoint("http://127.200.0.1").loopback);
  CHECK(endpoint("https://EXAMPLE.com:443").host_field() == "example.com");

  // Plain http elsewhere: parsed, but the key may not go there.
  const api_endpoint remote = endpoint("http://128.0.0.1");
  CHECK_FALSE(remote.loopback);
  CHECK_FALSE(remote.may_send_key());
  CHECK_FALSE(endpoint("http://localhost.example.com").loopback);

  for (std::string_view bad : {"ftp://api.evolink.ai", "https://user:pw@api.evolink.ai", "https://api.evolink.ai/?x=1",
                               "https://api.evolink.ai/#f", "api.evolink.ai", "", "https://api.evolink.ai:99999"}) {
    INFO(bad);
    const auto r = seedance::parse_endpoint(bad);
    CHECK_FALSE(r);
    CHECK_FALSE(r.error.empty());
  }
}

TEST_CASE("protocol: the create request carries the key, the idempotency key and the body as given", "[protocol]") {
  const api_endpoint ep = endpoint("https://api.evolink.ai");
  const std::string body = R"({"model":"seedance-2.0-text-to-video","prompt":"a cat"})";
  const auto r = seedance::create_request(ep, "sk-secret", body, "key-1");
  REQUIRE(r);
  const seedance::http_request& q = *r.request;
  CHECK(q.method == "POST");
  CHECK(q.target == "/v1/videos/generations");
  CHECK(q.host == "api.evolink.ai");
  CHECK(q.port == 443);
  CHECK(q.https);
  CHECK(q.body == body);
  CHECK(q.field("authorization") == std::optional<std::string_view>("Bearer sk-secret"));
  CHECK(q.field("Idempotency-Key") == std::optional<std::string_view>("key-1"));
  CHECK(q.field("content-type") == std::optional<std::string_view>("application/json"));
  CHECK(q.field("Host") == std::optional<std::string_view>("api.evolink.ai"));
  CHECK(q.field("User-Agent") == std::optional<std::string_view>("seedance/" SEEDANCE_VERSION_STRING));

  const auto prefixed = seedance::create_request(endpoint("http://127.0.0.1:8080/api"), "k", "{}", "i");
  REQUIRE(prefixed);
  CHECK(prefixed.request->target == "/api/v1/videos/generations");
  CHECK_FALSE(prefixed.request->https);
}

TEST_CASE("protocol: requests that must not be sent are refused, and the refusal never shows the key", "[protocol]") {
  const api_endpoint ep = endpoint("https://api.evolink.ai");
  const auto plain = seedance::create_request(endpoint("http://api.example.com"), "sk-secret", "{}", "k");
  CHECK_FALSE(plain);
  CHECK(plain.error == seedance::build_error::key_over_plain_http);
  CHECK(plain.message.find("sk-secret") == std::string::npos);
  CHECK(seedance::task_request(endpoint("http://api.example.com"), "sk-secret", "task-unified-1").error ==
        seedance::build_error::key_over_plain_http);

  // Header smuggling: a key with CR/LF or a space cannot split the request.
  for (std::string_view key :
       {std::string_view(""), std::string_view("a b"), std::string_view("a\r\nX-Evil: 1"), std::string_view("a\0b", 3)}) {
    const auto r = seedance::create_request(ep, key, "{}", "k");
    CHECK(r.error == seedance::build_error::bad_api_key);
    const auto i = seedance::create_request(ep, "k", "{}", key);
    CHECK(i.error == seedance::build_error::bad_idempotency_key);
  }
  CHECK(seedance::create_request(ep, std::string(256, 'a'), "{}", "k").error == seedance::build_error::bad_api_key);
  CHECK(seedance::create_request(ep, std::string(255, 'a'), "{}", "k"));
  CHECK(seedance::task_request(ep, "k", "").error == seedance::build_error::bad_task_id);
}

TEST_CASE("protocol: task reads and downloads", "[protocol]") {
  const api_endpoint ep = endpoint("https://api.evolink.ai");
  const auto r = seedance::task_request(ep, "k", "task-unified-1774857405-abc123");
  REQUIRE(r);
  CHECK(r.request->method == "GET");
  CHECK(r.request->target == "/v1/tasks/task-unified-1774857405-abc123");
  CHECK(r.request->body.empty());
  CHECK(r.request->field("Authorization") == std::optional<std::string_view>("Bearer k"));
  CHECK_FALSE(r.request->field("Idempotency-Key"));
  // An id cannot leave its path segment.
  CHECK(seedance::task_request(ep, "k", "../../v1/videos/generations?x=1 y").request->target ==
        "/v1/tasks/..%2F..%2Fv1%2Fvideos%2Fgenerations%3Fx%3D1%20y");

  const auto d = seedance::download_request("https://files.example.com:8443/v/out.mp4?sig=abc");
  REQUIRE(d);
  CHECK(d.request->host == "files.example.com");
  CHECK(d.request->port == 8443);
  CHECK(d.request->target == "/v/out.mp4?sig=abc");
  CHECK(d.request->field("Host") == std::optional<std::string_view>("files.example.com:8443"));
  CHECK_FALSE(d.request->field("Authorization"));  // never the key to a result host
  CHECK(seedance::download_request("https://files.example.com").request->target == "/");
  CHECK(seedance::download_request("ftp://files.example.com/a").error == seedance::build_error::bad_result_url);
  CHECK(seedance::download_request("https://u:p@files.example.com/a").error == seedance::build_error::bad_result_url);
}

TEST_CASE("protocol: idempotency keys are 128 random bits in hex", "[protocol]") {
  std::set<std::string> seen;
  for (int i = 0; i < 64; ++i) {
    const std::string k = seedance::new_idempotency_key();
    CHECK(k.size() == 32);
    CHECK(k.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(seedance::valid_header_key(k));
    seen.insert(k);
  }
  CHECK(seen.size() == 64);
}

TEST_CASE("protocol: what a create's answer means", "[protocol]") {
  const auto ok = seedance::interpret_create(answer(200, std::string(task_body)));
  CHECK(ok.outcome == call_outcome::ok);
  REQUIRE(ok.task);
  CHECK(ok.task->id == "task-unified-1774857405-abc123");

  // Answers that prove nothing was created: retried.
  CHECK(seedance::interpret_create(answer(429, error_body("rate_limit_exceeded"))).outcome == call_outcome::retry);
  const auto busy = seedance::interpret_create(answer(503, error_body("service_unavailable"), {{"retry-after", "7"}}));
  CHECK(busy.outcome == call_outcome::retry);
  CHECK(busy.advice.retry_after == std::chrono::seconds{7});

  // Answers after which the create may have been charged: never retried by the client.
  for (int status : {500, 502, 504}) {
    INFO(status);
    const auto r = seedance::interpret_create(answer(status, "<html>gateway</html>"));
    CHECK(r.outcome == call_outcome::outcome_unknown);
    CHECK_FALSE(r.advice.retry_after);
  }
  CHECK(seedance::interpret_create(answer(503, error_body("service_unavailable"))).outcome == call_outcome::outcome_unknown);
  CHECK(seedance::interpret_create(answer(200, "not json")).outcome == call_outcome::outcome_unknown);
  CHECK(seedance::interpret_create(answer(200, R"({"status":"pending"})")).outcome == call_outcome::outcome_unknown);

  // Final errors: the request or the account must change.
  const auto bad = seedance::interpret_create(answer(400, error_body("invalid_request")));
  CHECK(bad.outcome == call_outcome::failed);
  CHECK(bad.advice.action == seedance::error_action::fix_request);
  REQUIRE(bad.error);
  CHECK(bad.error->code == "invalid_request");
  CHECK(bad.message == "HTTP 400 invalid_request: m");
  CHECK(seedance::interpret_create(answer(401, error_body("unauthorized"))).advice.action == seedance::error_action::fix_account);
  CHECK(seedance::interpret_create(answer(402, error_body("insufficient_quota"))).outcome == call_outcome::failed);
}

TEST_CASE("protocol: a read is retried after any transient error; a lost create is outcome unknown", "[protocol]") {
  for (int status : {500, 502, 503, 504}) {
    INFO(status);
    CHECK(seedance::interpret_read(answer(status, "")).outcome == call_outcome::retry);
  }
  CHECK(seedance::interpret_read(answer(200, "{")).outcome == call_outcome::retry);
  CHECK(seedance::interpret_read(answer(404, error_body("task_not_found"))).outcome == call_outcome::failed);
  const auto done = seedance::interpret_read(answer(200, std::string(task_body)));
  CHECK(done.outcome == call_outcome::ok);

  using seedance::api_operation;
  const auto lost = seedance::interpret_transport_failure(api_operation::create, true, "timed out");
  CHECK(lost.outcome == call_outcome::outcome_unknown);
  CHECK(lost.message == "timed out (the request may have been sent)");
  CHECK(seedance::interpret_transport_failure(api_operation::create, false, "refused").outcome == call_outcome::retry);
  CHECK(seedance::interpret_transport_failure(api_operation::read, true, "reset").outcome == call_outcome::retry);
}

TEST_CASE("budget: a cap refuses before sending", "[protocol][budget]") {
  using seedance::decimal;
  const nlohmann::json body = {{"model", "seedance-2.0-text-to-video"}, {"prompt", "a cat"}, {"duration", 5}, {"quality", "720p"}};
  const auto e = seedance::estimate_cost(body);
  REQUIRE(e.ok());
  REQUIRE(e.estimate->exact());
  const decimal price = e.estimate->max.credits;
  CHECK(seedance::check_budget(e.estimate, std::nullopt));
  CHECK(seedance::check_budget(e.estimate, price));  // equal to the cap: allowed
  const auto over = seedance::check_budget(e.estimate, *subtract(price, decimal(1)));
  CHECK_FALSE(over);
  CHECK(over.reason.find("over the cap") != std::string::npos);
  CHECK_FALSE(seedance::check_budget(std::nullopt, decimal(1000000)));

  // Web search: the price is open, so no cap can be kept.
  const nlohmann::json search = {{"model", "seedance-2.0-text-to-video"}, {"prompt", "news"}, {"model_params", {{"web_search", true}}}};
  const auto s = seedance::estimate_cost(search);
  REQUIRE(s.ok());
  REQUIRE(s.estimate->open_upper_bound);
  const auto open = seedance::check_budget(s.estimate, decimal(1000000));
  CHECK_FALSE(open);
  CHECK(open.reason.find("no upper bound") != std::string::npos);
  CHECK(seedance::check_budget(s.estimate, std::nullopt));
}
