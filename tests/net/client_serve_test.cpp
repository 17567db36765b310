// The client (include/seedance/client.hpp on the Beast transport) and the tool's `submit` and `task`
// against the local double (include/seedance/serve.hpp) on 127.0.0.1: what is retried and what is
// not, proven by the double's own count of requests and tasks (its state), not by the client's
// word. Expected actions come from docs/spec.md (the error table), not from the client's output.
//
// No test here can reach the real API: every client and every tool run is given the double's
// address, and the tool runs with an environment made here (no inherited key or base URL).
#include <seedance/beast_transport.hpp>
#include <seedance/client.hpp>
#include <seedance/serve.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support.hpp"

namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

/// Distinctive, so that a search of every output for it means something.
const std::string key = "sk-seedance-test-7c1f04e9b2";
const std::string dog = R"({"model": "seedance-2.0-fast-text-to-video", "prompt": "a dog in the snow"})";

seedance::serve::server_options double_options() { return seedance_test::double_options(key); }

/// The double's state now: tasks created, requests per route, credits left.
json state(seedance::serve::server& s) { return s.api().state(std::chrono::system_clock::now()); }
int creates_seen(seedance::serve::server& s) { return state(s)["requests"].value("create", 0); }
int tasks_created(seedance::serve::server& s) { return state(s)["tasks_created"].get<int>(); }

/// The Beast transport, recording every request it is given (to compare retries byte for byte).
struct recording_transport {
  seedance::beast_transport inner;
  std::shared_ptr<std::vector<seedance::http_request>> sent = std::make_shared<std::vector<seedance::http_request>>();
  seedance::transport_result send(const seedance::http_request& q, const seedance::send_options& o) {
    sent->push_back(q);
    return inner.send(q, o);
  }
};

seedance::client_options client_options_for(const std::string& base_url, double time_scale = 0.001) {
  seedance::client_options o;
  o.base_url = base_url;
  o.api_key = key;
  o.timeout = 10s;
  o.time_scale = time_scale;
  return o;
}

std::string field(const seedance::http_request& q, std::string_view name) {
  for (const auto& f : q.fields)
    if (f.name == name) return f.value;
  return {};
}

/// Every request of `sent` is the same create: the same target, idempotency key and body bytes.
void check_identical_creates(const std::vector<seedance::http_request>& sent, const std::string& idempotency_key) {
  for (const seedance::http_request& q : sent) {
    CHECK(q.method == "POST");
    CHECK(q.target == "/v1/videos/generations");
    CHECK(field(q, "Idempotency-Key") == idempotency_key);
    CHECK(q.body == sent.front().body);
  }
}

}  // namespace

TEST_CASE("client on serve: a 429 is retried after Retry-After with the same key and bytes, one task", "[client][http]") {
  seedance::serve::server_options o = double_options();
  o.api.rate_limit = 1;
  seedance::serve::server s(o);
  s.start();
  // the first create takes this second's one allowed create
  seedance::client first(client_options_for(s.base_url()), seedance::beast_transport{});
  REQUIRE(first.submit(json::parse(dog)).status == seedance::submit_status::created);

  recording_transport t;
  // Retry-After is in whole seconds and the rate window is real time: no time scaling here
  seedance::basic_client<recording_transport> c(client_options_for(s.base_url(), 1.0), t);
  const seedance::submit_result r = c.submit(json::parse(dog));
  INFO(r.message);
  REQUIRE(r.status == seedance::submit_status::created);
  CHECK(r.attempts >= 2);
  REQUIRE(t.sent->size() == r.attempts);
  check_identical_creates(*t.sent, r.idempotency_key);
  CHECK(creates_seen(s) == static_cast<int>(1 + r.attempts));
  CHECK(tasks_created(s) == 2);  // the first submit's and this one's: none for the 429s
  s.stop();
}

TEST_CASE("client on serve: injected 503s are retried with the same key, each submit creates at most one task", "[client][http]") {
  seedance::serve::server_options o = double_options();
  o.api.error_rate = 0.5;
  o.api.seed = 11;
  seedance::serve::server s(o);
  s.start();
  int created = 0, retried = 0, sent = 0;
  for (int i = 0; i < 12; ++i) {
    recording_transport t;
    seedance::basic_client<recording_transport> c(client_options_for(s.base_url()), t);
    const seedance::submit_result r = c.submit(json::parse(dog));
    INFO(r.message);
    REQUIRE((r.status == seedance::submit_status::created || r.status == seedance::submit_status::retry_later));
    check_identical_creates(*t.sent, r.idempotency_key);
    if (r.status == seedance::submit_status::created) ++created;
    if (r.attempts > 1) ++retried;
    sent += static_cast<int>(t.sent->size());
  }
  REQUIRE(retried > 0);  // else this test proved nothing: choose another seed
  CHECK(created > 0);
  CHECK(tasks_created(s) == created);
  CHECK(creates_seen(s) == sent);
  s.stop();
}

TEST_CASE("client on serve: a dropped create is an unknown outcome with its key, never resent", "[client][http]") {
  using mode = seedance::serve::api_options::drop_mode;
  const mode drop_as = GENERATE(mode::close, mode::bad_gateway);  // the connection closed, or a gateway's 502
  seedance::serve::server_options o = double_options();
  o.api.drop_rate = 1;
  o.api.drop_as = drop_as;
  seedance::serve::server s(o);
  s.start();
  recording_transport t;
  seedance::basic_client<recording_transport> c(client_options_for(s.base_url()), t);
  const seedance::submit_result r = c.submit(json::parse(dog));
  CHECK(r.status == seedance::submit_status::outcome_unknown);
  CHECK(r.advice.action == seedance::error_action::outcome_unknown);
  CHECK(r.attempts == 1);
  CHECK(r.http_status == (drop_as == mode::close ? 0 : 502));
  CHECK(r.message.find(r.idempotency_key) != std::string::npos);
  CHECK(creates_seen(s) == 1);
  CHECK(tasks_created(s) == 1);  // it was created: that is why the client must not send another

  // What the advice says: resubmit with the same key only. The double finds the task.
  seedance::submit_options again;
  again.idempotency_key = r.idempotency_key;
  const seedance::submit_result replay = c.submit(json::parse(dog), again);
  CHECK(replay.status == seedance::submit_status::created);
  CHECK(tasks_created(s) == 1);
  s.stop();
}

TEST_CASE("the test environment cannot reach the real API", "[client]") {
  // tests/unit/main.cpp: no inherited key, and a base URL on this machine where nothing listens
  CHECK(std::getenv("SEEDANCE_API_KEY") == nullptr);
  CHECK(std::getenv("EVOLINK_API_KEY") == nullptr);
  REQUIRE(std::getenv("SEEDANCE_BASE_URL") != nullptr);
  const std::string base = std::getenv("SEEDANCE_BASE_URL");
  CHECK(base.starts_with("http://127.0.0.1:"));
}

TEST_CASE("client on serve: refusals send nothing", "[client][http]") {
  seedance::serve::server s(double_options());
  s.start();
  seedance::client c(client_options_for(s.base_url()), seedance::beast_transport{});
  seedance::submit_options capped;
  capped.max_credits = *seedance::decimal::parse("1");
  CHECK(c.submit(json::parse(dog), capped).status == seedance::submit_status::over_budget);
  CHECK(c.submit(json{{"model", "seedance-2.0-fast-text-to-video"}}).status == seedance::submit_status::invalid);
  CHECK(c.submit(json{{"model", "seedance-2.0-fast-text-to-video"}, {"prompt", "x"}, {"quality", "1080p"}}).status ==
        seedance::submit_status::invalid);
  CHECK(creates_seen(s) == 0);
  CHECK(tasks_created(s) == 0);
  s.stop();
}

TEST_CASE("client on serve: 401, 402, 403 and 400 are final, with their advice", "[client][http]") {
  seedance::serve::server_options o = double_options();
  o.api.api_keys = {key, "sk-fast-only"};
  o.api.key_models = {{"sk-fast-only", {"seedance-2.0-fast-text-to-video"}}};
  o.api.credits = *seedance::decimal::parse("1");
  o.api.strict = true;
  seedance::serve::server s(o);
  s.start();
  const auto submit_as = [&](const std::string& api_key, const json& body) {
    seedance::client_options co = client_options_for(s.base_url());
    co.api_key = api_key;
    seedance::client c(co, seedance::beast_transport{});
    return c.submit(body);
  };
  struct expected {
    const char* what;
    std::string api_key;
    json body;
    int status;
    seedance::error_action action;  // docs/spec.md, the error table
  };
  const json cat = {{"model", "seedance-2.0-text-to-video"}, {"prompt", "a cat"}};
  json unknown_field = json::parse(dog);
  unknown_field["colour"] = "red";  // a warning for this client, an error for the double in strict mode
  const std::vector<expected> cases{
      {"an unknown key", "sk-unknown", json::parse(dog), 401, seedance::error_action::fix_account},
      {"too few credits", key, json::parse(dog), 402, seedance::error_action::fix_account},
      {"a model the key may not use", "sk-fast-only", cat, 403, seedance::error_action::fix_account},
      {"a field the double's strict mode refuses", key, unknown_field, 400, seedance::error_action::fix_request},
  };
  for (const expected& e : cases) {
    INFO(e.what);
    const seedance::submit_result r = submit_as(e.api_key, e.body);
    INFO(r.message);
    CHECK(r.status == seedance::submit_status::failed);
    CHECK(r.http_status == e.status);
    CHECK(r.attempts == 1);
    CHECK(r.advice.action == e.action);
    CHECK_FALSE(r.advice.reason.empty());
    REQUIRE(r.error);
    CHECK_FALSE(r.error->code.empty());
    CHECK(r.message.find(key) == std::string::npos);
  }
  CHECK(tasks_created(s) == 0);
  s.stop();
}

TEST_CASE("client on serve: https with the double's certificate, and refused without it", "[client][http][tls]") {
  const fs::path cert = seedance_test::certificate("localhost");
  seedance::serve::server_options o = double_options();
  o.tls_certificate_file = cert.string();
  o.tls_private_key_file = seedance_test::key_of(cert).string();
  seedance::serve::server s(o);
  s.start();
  REQUIRE(s.base_url() == "https://127.0.0.1:" + std::to_string(s.port()));

  // without the CA file the certificate is unknown: nothing reaches the API
  {
    seedance::client c(client_options_for(s.base_url()), seedance::beast_transport{});
    const seedance::submit_result r = c.submit(json::parse(dog));
    CHECK(r.status == seedance::submit_status::refused);  // the handshake failed: nothing was sent, no retry helps
    CHECK(r.attempts == 1);
    CHECK(creates_seen(s) == 0);
  }

  seedance::beast_transport_options to;
  to.ca_file = cert.string();
  seedance::client c(client_options_for(s.base_url()), seedance::beast_transport(to));
  const seedance::submit_result r = c.submit(json::parse(dog));
  INFO(r.message);
  REQUIRE(r.status == seedance::submit_status::created);
  const seedance::task_result w = c.wait(r.task->id.value_or(""), {.deadline = 20s, .on_progress = {}});
  INFO(w.message);
  REQUIRE(w.status == seedance::task_read_status::ok);
  REQUIRE(w.task->status == seedance::task_status::completed);
  REQUIRE(w.task->results.size() == 1);
  CHECK(w.task->results[0].starts_with("https://127.0.0.1:"));

  const fs::path dir = fs::temp_directory_path() / ("seedance-client-https-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const seedance::download_result d = c.download(*w.task, dir);
  INFO(d.message);
  REQUIRE(d.ok);
  REQUIRE(d.files.size() == 1);
  REQUIRE(d.files[0].probe);
  CHECK(d.files[0].probe->ok());

  // a callback is confirmed by reading the task back; a forged one is not
  CHECK(c.confirm_callback(w.body).confirmed);
  json forged = json::parse(w.body);
  forged["status"] = "failed";
  CHECK_FALSE(c.confirm_callback(forged.dump()).confirmed);
  s.stop();
  fs::remove_all(dir);
}

// --- the tool ------------------------------------------------------------------------------------

#if defined(SEEDANCE_CLI) || defined(SEEDANCE_SUBMIT_EXAMPLE)
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

/// A tool run: its exit status (-1 when killed at the time limit), standard output and error.
struct run_result {
  int status = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Every output of every run of this process, to search for the key at the end.
std::vector<std::string>& all_outputs() {
  static std::vector<std::string> outputs;
  return outputs;
}

/// Runs the tool with `args` and exactly the environment `env` (posix_spawn: safe beside the
/// server's threads), at most `limit`.
run_result run_program(const char* program, const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                       std::chrono::milliseconds limit = 60s) {
  static std::atomic<int> counter{0};
  const fs::path dir = fs::temp_directory_path() / ("seedance-client-tool-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const int n = counter++;
  const fs::path out = dir / ("out" + std::to_string(n)), err = dir / ("err" + std::to_string(n));
  std::vector<std::string> argv_s{program};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv, envp;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = env;
  env_s.push_back("PATH=/usr/bin:/bin");
  for (std::string& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, program, &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  REQUIRE(spawned == 0);
  run_result r;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  bool ended = false;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      ended = true;
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  if (!ended) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  } else if (WIFEXITED(status)) {
    r.status = WEXITSTATUS(status);
  }
  r.out = slurp(out);
  r.err = slurp(err);
  all_outputs().push_back(r.out + r.err);
  return r;
}

#ifdef SEEDANCE_CLI
run_result run_tool(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  return run_program(SEEDANCE_CLI, args, env);
}
#endif

fs::path request_file(const std::string& name, const std::string& body) {
  const fs::path dir = fs::temp_directory_path() / ("seedance-client-tool-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p) << body;
  return p;
}

/// A listener that reads one request per connection and closes without answering, as a server that
/// stops mid-request does; counts the connections it accepted.
class cutting_listener {
 public:
  cutting_listener() : acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    acceptor_.non_blocking(true);
    thread_ = std::thread([this] {
      const auto until = std::chrono::steady_clock::now() + 20s;
      while (!done_ && std::chrono::steady_clock::now() < until) {
        boost::asio::ip::tcp::socket socket(ioc_);
        boost::system::error_code ec;
        acceptor_.accept(socket, ec);
        if (ec) {
          std::this_thread::sleep_for(5ms);
          continue;
        }
        ++connections_;
        socket.non_blocking(false);
        boost::asio::streambuf b;
        boost::asio::read_until(socket, b, "\r\n\r\n", ec);  // the request's head: it was sent
        socket.close(ec);
      }
    });
  }
  ~cutting_listener() {
    done_ = true;
    thread_.join();
  }
  std::uint16_t port() const { return port_; }
  int connections() const { return connections_; }

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<bool> done_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

}  // namespace

#ifdef SEEDANCE_SUBMIT_EXAMPLE
TEST_CASE("examples/submit.cpp against the double: created within its budget, completed, downloaded", "[client][http][example]") {
  seedance::serve::server s(double_options());
  s.start();
  const fs::path dir = fs::temp_directory_path() / ("seedance-example-submit-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const run_result r =
      run_program(SEEDANCE_SUBMIT_EXAMPLE, {dir.string()}, {"SEEDANCE_BASE_URL=" + s.base_url(), "SEEDANCE_API_KEY=" + key});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.starts_with("created task-unified-"));
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += seedance::probe_file(e.path()).ok() ? 1 : 0;
  CHECK(files == 1);
  CHECK(tasks_created(s) == 1);
  // without a base URL it refuses to run (it never defaults to the paid API)
  CHECK(run_program(SEEDANCE_SUBMIT_EXAMPLE, {}, {"SEEDANCE_API_KEY=" + key}).status == 2);
  s.stop();
  fs::remove_all(dir);
}
#endif

#ifdef SEEDANCE_CLI
TEST_CASE("seedance submit on serve: refusals send nothing, 4xx exit 1 with advice, the key is never shown", "[client][http][cli]") {
  seedance::serve::server_options o = double_options();
  o.api.api_keys = {key, "sk-fast-only"};
  o.api.key_models = {{"sk-fast-only", {"seedance-2.0-fast-text-to-video"}}};
  seedance::serve::server s(o);
  s.start();
  const std::string base = s.base_url();
  const std::string good = request_file("dog.json", dog).string();
  const std::string bad = request_file("bad.json", R"({"model": "seedance-2.0-fast-text-to-video", "quality": "1080p"})").string();
  const std::string cat = request_file("cat.json", R"({"model": "seedance-2.0-text-to-video", "prompt": "a cat"})").string();

  // refused by the budget, invalid: exit 1, and nothing reached the double
  run_result r = run_tool({"submit", "--base-url", base, "--api-key", key, "--max-credits", "1", good});
  CHECK(r.status == 1);
  r = run_tool({"submit", "--base-url", base, "--api-key", key, bad});
  CHECK(r.status == 1);
  CHECK(creates_seen(s) == 0);

  // 403 (the key from SEEDANCE_API_KEY), 401 (from EVOLINK_API_KEY): exit 1 with the advice
  r = run_tool({"submit", "--base-url", base, "--format", "json", cat}, {"SEEDANCE_API_KEY=sk-fast-only"});
  CHECK(r.status == 1);
  json j = json::parse(r.out);
  REQUIRE(j.is_array());
  CHECK(j[0]["advice"]["action"] == "fix_account");
  CHECK(j[0]["task"]["error"]["code"] == "model_access_denied");
  r = run_tool({"submit", cat}, {"EVOLINK_API_KEY=sk-unknown", "SEEDANCE_BASE_URL=" + base});
  CHECK(r.status == 1);
  CHECK(r.err.find("401") != std::string::npos);
  CHECK(r.err.find("fix_account") != std::string::npos);
  CHECK(creates_seen(s) == 2);
  CHECK(tasks_created(s) == 0);

  // no key at all: a usage error, nothing sent
  r = run_tool({"submit", "--base-url", base, good});
  CHECK(r.status == 2);
  CHECK(creates_seen(s) == 2);

  // created, then read with seedance task
  r = run_tool({"submit", "--base-url", base, "--api-key", key, "--format", "json", good});
  REQUIRE(r.status == 0);
  const std::string id = json::parse(r.out)[0]["task"]["id"];
  r = run_tool({"task", "--base-url", base, "--api-key", key, "--wait", id});
  CHECK(r.status == 0);
  CHECK(r.out.find(id + ": completed") != std::string::npos);
  CHECK(tasks_created(s) == 1);
  s.stop();

  for (const std::string& output : all_outputs()) CHECK(output.find(key) == std::string::npos);
}

TEST_CASE("seedance submit on serve: a dropped create or a server gone mid-request exits 3, never sends twice", "[client][http][cli]") {
  seedance::serve::server_options o = double_options();
  o.api.drop_rate = 1;
  seedance::serve::server s(o);
  s.start();
  const std::string good = request_file("dog.json", dog).string();
  run_result r = run_tool({"submit", "--base-url", s.base_url(), "--api-key", key, "--format", "json", good});
  CHECK(r.status == 3);
  json j = json::parse(r.out);
  CHECK(j[0]["advice"]["action"] == "outcome_unknown");
  const std::string reason = j[0]["reason"];
  CHECK(creates_seen(s) == 1);
  CHECK(tasks_created(s) == 1);
  s.stop();

  // the key to resubmit with is in the message, and a resubmission with it finds the one task
  // (a new double would not know it, so this one is used again without drops)
  {
    cutting_listener cut;
    r = run_tool({"submit", "--base-url", "http://127.0.0.1:" + std::to_string(cut.port()), "--api-key", key, good});
    CHECK(r.status == 3);
    CHECK(r.err.find("outcome unknown") != std::string::npos);
    CHECK(r.err.find("idempotency key") != std::string::npos);
    std::this_thread::sleep_for(200ms);
    CHECK(cut.connections() == 1);  // sent once, never again
  }
  CHECK(reason.find("idempotency key") != std::string::npos);
  for (const std::string& output : all_outputs()) CHECK(output.find(key) == std::string::npos);
}

TEST_CASE("seedance serve --tls-cert and seedance submit --ca-file: https end to end", "[client][http][cli][tls]") {
  const fs::path cert = seedance_test::certificate("localhost");
  const fs::path dir = fs::temp_directory_path() / ("seedance-client-tls-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "out");
  const std::string good = request_file("dog.json", dog).string();

  // the double as a process, serving https; its first line is the https address
  int out[2];
  REQUIRE(::pipe(out) == 0);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, (dir / "serve.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> args{SEEDANCE_CLI,   "serve", "--port",     "0",           "--api-key", key,
                                "--time-scale", "0.001", "--tls-cert", cert.string(), "--tls-key", seedance_test::key_of(cert).string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char* envp[] = {nullptr};
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, SEEDANCE_CLI, &fa, nullptr, argv.data(), envp) == 0);
  posix_spawn_file_actions_destroy(&fa);
  ::close(out[1]);
  std::string first;
  for (char c = 0; ::read(out[0], &c, 1) == 1 && c != '\n';) first += c;
  ::close(out[0]);
  const std::string prefix = "listening on https://127.0.0.1:";
  CHECK(first.starts_with(prefix));
  if (first.starts_with(prefix)) {
    const std::string base = first.substr(std::string("listening on ").size());
    // without --ca-file: the certificate is unknown, nothing is sent, and it is not retried
    run_result r = run_tool({"submit", "--base-url", base, "--api-key", key, good});
    CHECK(r.status == 2);
    CHECK(r.err.find("nothing was sent") != std::string::npos);
    r = run_tool({"submit", "--base-url", base, "--api-key", key, "--ca-file", cert.string(), "--download", (dir / "out").string(), good});
    INFO(r.err);
    CHECK(r.status == 0);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir / "out")) files += e.is_regular_file() ? 1 : 0;
    CHECK(files == 1);
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  const std::string log = slurp(dir / "serve.log");
  CHECK(log.find("POST /v1/videos/generations 200") != std::string::npos);
  CHECK(log.find(key) == std::string::npos);
  for (const std::string& output : all_outputs()) CHECK(output.find(key) == std::string::npos);
  fs::remove_all(dir);
}
#endif  // SEEDANCE_CLI
#endif  // SEEDANCE_CLI || SEEDANCE_SUBMIT_EXAMPLE
