// The local double under load (include/seedance/serve.hpp, docs/serve.md; issue 15): requests per
// second and the p50/p99 latency of creates (POST /v1/videos/generations) and of task reads
// (GET /v1/tasks/{id}), with N clients each on one keep-alive connection to 127.0.0.1.
//
// Bounded: every benchmark starts its own server on a free port, sends a fixed number of requests
// (its second argument, shared among the clients), stops the server, and runs once (Iterations(1);
// the time is the batch's wall time, UseManualTime). Counters: `req/s`, `p50_ms`, `p99_ms` (over every
// request of the batch), `errors` (answers other than 200, or a connection that failed: then the
// benchmark reports an error instead of figures).
#include <seedance/serve.hpp>

#include "support/run.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <latch>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

const std::string api_key = "sk-bench";

/// The server's options: loopback, a free port, the machine's two cores; tasks keep their real
/// durations (reads see queued or running tasks, as a client polling does).
seedance::serve::server_options options() {
  seedance::serve::server_options o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.threads = 2;
  o.api.api_keys = {api_key};
  o.idle_timeout = 10s;
  return o;
}

/// One keep-alive connection with synchronous requests, each exchange bounded by 10 s.
class connection {
 public:
  explicit connection(std::uint16_t port) : stream_(ioc_) {
    stream_.expires_after(10s);
    stream_.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }
  /// Sends `req` and reads the answer into `res`.
  void exchange(const bhttp::request<bhttp::string_body>& req, bhttp::response<bhttp::string_body>& res) {
    stream_.expires_after(10s);
    bhttp::write(stream_, req);
    res = {};
    bhttp::read(stream_, buffer_, res);
  }

 private:
  net::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

bhttp::request<bhttp::string_body> create_task(const std::string& body, const std::string& idempotency_key) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/v1/videos/generations", 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::authorization, "Bearer " + api_key);
  req.set(bhttp::field::content_type, "application/json");
  req.set("Idempotency-Key", idempotency_key);
  req.body() = body;
  req.prepare_payload();
  return req;
}

bhttp::request<bhttp::string_body> read_task(const std::string& id) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/v1/tasks/" + id, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::authorization, "Bearer " + api_key);
  req.prepare_payload();
  return req;
}

/// What one batch measured.
struct batch {
  double seconds = 0;
  std::vector<double> latencies_ms;  // every request's, sorted
  std::vector<std::string> ids;      // the created tasks' ids, when `keep_ids`
  std::size_t errors = 0;
  std::string failure;               // a connection that failed (then the figures are not reported)
};

/// `clients` threads, each on its own connection, send `each` requests (`make(client, index)`); the
/// clock starts once every client is connected.
template <class Make>
batch run_batch(std::uint16_t port, int clients, int each, bool keep_ids, Make make) {
  std::vector<std::vector<double>> lat(static_cast<std::size_t>(clients));
  std::vector<std::vector<std::string>> ids(static_cast<std::size_t>(clients));
  std::vector<std::string> failures(static_cast<std::size_t>(clients));
  std::atomic<std::size_t> errors{0};
  std::latch ready(clients + 1);
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i)
    threads.emplace_back([&, i] {
      const auto at = static_cast<std::size_t>(i);
      std::optional<connection> c;
      try {
        c.emplace(port);
      } catch (const std::exception& e) { failures[at] = e.what(); }
      ready.arrive_and_wait();
      if (!c) return;
      lat[at].reserve(static_cast<std::size_t>(each));
      bhttp::response<bhttp::string_body> res;
      try {
        for (int j = 0; j < each; ++j) {
          const bhttp::request<bhttp::string_body> req = make(i, j);
          const clock_type::time_point t = clock_type::now();
          c->exchange(req, res);
          lat[at].push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t).count());
          if (res.result() != bhttp::status::ok) errors.fetch_add(1, std::memory_order_relaxed);
          else if (keep_ids) ids[at].push_back(nlohmann::json::parse(res.body()).at("id").get<std::string>());
        }
      } catch (const std::exception& e) { failures[at] = e.what(); }
    });
  ready.arrive_and_wait();
  const clock_type::time_point start = clock_type::now();
  for (std::thread& t : threads) t.join();
  batch b;
  b.seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  for (std::size_t i = 0; i < lat.size(); ++i) {
    b.latencies_ms.insert(b.latencies_ms.end(), lat[i].begin(), lat[i].end());
    b.ids.insert(b.ids.end(), ids[i].begin(), ids[i].end());
    if (b.failure.empty()) b.failure = failures[i];
  }
  std::sort(b.latencies_ms.begin(), b.latencies_ms.end());
  b.errors = errors.load();
  return b;
}

/// The nearest-rank percentile `p` (0 to 1) of sorted `v`.
double percentile(const std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

/// Reports `b` on `state` (or its failure).
void report(benchmark::State& state, const batch& b) {
  if (!b.failure.empty()) return state.SkipWithError(b.failure.c_str());
  if (b.errors > 0) state.SkipWithError("some answers were not 200 (see the errors counter)");
  state.counters["req/s"] = static_cast<double>(b.latencies_ms.size()) / b.seconds;
  state.counters["p50_ms"] = percentile(b.latencies_ms, 0.50);
  state.counters["p99_ms"] = percentile(b.latencies_ms, 0.99);
  state.counters["errors"] = static_cast<double>(b.errors);
}

const std::string& body() {
  static const std::string text = seedance_bench::example_request("text-to-video");
  return text;
}

/// Creates: range(0) clients, range(1) requests in all; each with its own Idempotency-Key.
void BM_serve_create(benchmark::State& state) {
  const int clients = static_cast<int>(state.range(0)), each = static_cast<int>(state.range(1)) / clients;
  seedance::serve::server s(options());
  s.start();
  batch b;
  for (auto _ : state) {
    b = run_batch(s.port(), clients, each, false,
                  [](int i, int j) { return create_task(body(), "bench-create-" + std::to_string(i) + "-" + std::to_string(j)); });
    state.SetIterationTime(b.seconds);
  }
  s.stop();
  report(state, b);
}

/// Task reads: the tasks are created first (not measured), then each is read once.
void BM_serve_read(benchmark::State& state) {
  const int clients = static_cast<int>(state.range(0)), each = static_cast<int>(state.range(1)) / clients;
  seedance::serve::server s(options());
  s.start();
  const batch made = run_batch(s.port(), clients, each, true, [](int i, int j) {
    return create_task(body(), "bench-read-" + std::to_string(i) + "-" + std::to_string(j));
  });
  if (!made.failure.empty() || made.ids.size() != static_cast<std::size_t>(clients * each)) {
    s.stop();
    return state.SkipWithError("the tasks to read could not be created");
  }
  batch b;
  for (auto _ : state) {
    b = run_batch(s.port(), clients, each, false,
                  [&](int i, int j) { return read_task(made.ids[static_cast<std::size_t>(i * each + j)]); });
    state.SetIterationTime(b.seconds);
  }
  s.stop();
  report(state, b);
}

// 500 beside 2000: the server's cost per request grows with the tasks still running (see docs/performance.md).
/// The rows of both benchmarks: clients x requests, one run each, timed by hand.
void rows(benchmark::internal::Benchmark* b) {
  b->ArgNames({"clients", "requests"})
      ->Args({1, 500})
      ->Args({1, 2000})
      ->Args({4, 2000})
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
}
BENCHMARK(BM_serve_create)->Apply(rows);
BENCHMARK(BM_serve_read)->Apply(rows);

}  // namespace

BENCHMARK_MAIN();
