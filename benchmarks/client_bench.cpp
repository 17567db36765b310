// What seedance's client costs per round trip (include/seedance/client.hpp over
// include/seedance/beast_transport.hpp, docs/client.md; issue 16): `submit(body)` then
// `get_task(id)` against the in-process local double (serve.hpp) on 127.0.0.1, beside the same two
// HTTP exchanges done with less, on the same server, body bytes and headers:
//
//   BM_round_trip_beast_floor  a bare synchronous Beast client: one connection per request (as the
//                              transport does), the id found in the answer by a string search
//   BM_round_trip_transport    the protocol core's requests (create_request, task_request) sent by
//                              seedance::beast_transport, the id found the same way
//   BM_round_trip_client       seedance::client: validation, estimate, idempotency key, the
//                              transport, and the interpretation of both answers
//
//   BM_round_trip_interleaved  one round trip of each of the three per iteration, so that they share
//                              the machine's load of the moment (floor_/transport_/client_ p50, p99)
//   BM_client_without_io       the client's submit + get_task over a transport that returns the
//                              server's answers captured once: the client's own work, without I/O
//   BM_fresh_io_context_resolve what beast_transport does before each connect (twice a round trip)
//
// so the client's own overhead is the difference of the rows. Each network row runs a fixed number of
// round trips (Iterations), timed in real time (the server works on its own threads), with a server
// of its own on a fresh port. `allocs` counts every heap allocation of the process per round trip, the
// server's included (the same for each row), so the differences of `allocs` are the client side's.
// Tasks keep their real durations (each read sees a queued task); every create has its own
// Idempotency-Key.
#include <seedance/beast_transport.hpp>
#include <seedance/serve.hpp>

#include "support/run.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;

const std::string api_key = "sk-bench";
constexpr int round_trips = 1000;  // per row: 2 connections each, so 6,000 loopback connections a run

seedance::serve::server* running = nullptr;  // the server of the row being run

/// Every row has a server of its own, on a fresh port: a connection per request leaves a socket in
/// TIME_WAIT per request on the client's side, and connecting again to the same address and port while
/// thousands of those are recent slows connect() down, which would penalize the rows run later.
class row_server {
 public:
  row_server() : server_(options()) {
    server_.start();
    running = &server_;
  }
  row_server(const row_server&) = delete;
  row_server& operator=(const row_server&) = delete;
  ~row_server() {
    running = nullptr;
    server_.stop();
  }

 private:
  static seedance::serve::server_options options() {
    seedance::serve::server_options o;
    o.threads = 2;  // the machine's cores
    o.api.api_keys = {api_key};
    o.idle_timeout = 10s;
    return o;
  }
  seedance::serve::server server_;
};

/// The request every row sends: examples/requests/text-to-video.json as the client sends it (dumped).
const std::string& body_text() {
  static const std::string text = nlohmann::json::parse(seedance_bench::example_request("text-to-video")).dump();
  return text;
}

/// The task id in a create's answer (`"id":"..."`), found without parsing; empty when absent.
std::string_view id_in(std::string_view answer) {
  const std::size_t key = answer.find("\"id\"");
  if (key == std::string_view::npos) return {};
  const std::size_t open = answer.find('"', answer.find(':', key));
  const std::size_t close = open == std::string_view::npos ? open : answer.find('"', open + 1);
  if (close == std::string_view::npos) return {};
  return answer.substr(open + 1, close - open - 1);
}

/// Each round trip's time, for the median and the 99th percentile beside Benchmark's mean (on a shared
/// machine a few descheduled round trips move the mean); and the allocations since it was made.
class round_trip_log {
 public:
  explicit round_trip_log(std::size_t n) : before_(seedance_bench::allocations()) { us_.reserve(n); }
  void start() { t_ = std::chrono::steady_clock::now(); }
  void stop() { us_.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t_).count()); }
  /// Reports `allocs` (per round trip, the server's included), `p50_us` and `p99_us`.
  void report(benchmark::State& state, const std::string& prefix = "") {
    const double allocs = static_cast<double>(seedance_bench::allocations() - before_);
    state.counters[prefix + "allocs"] = benchmark::Counter(allocs / static_cast<double>(state.iterations()));
    if (us_.empty()) return;
    std::sort(us_.begin(), us_.end());
    const auto at = [&](double p) { return us_[static_cast<std::size_t>(p * static_cast<double>(us_.size() - 1) + 0.5)]; };
    state.counters[prefix + "p50_us"] = at(0.50);
    state.counters[prefix + "p99_us"] = at(0.99);
  }

 private:
  std::size_t before_;
  std::vector<double> us_;
  std::chrono::steady_clock::time_point t_;
};

/// One exchange on a connection of its own (Connection: close), as beast_transport does, bounded by 10 s.
bhttp::response<bhttp::string_body> exchange(net::io_context& ioc, const net::ip::tcp::endpoint& to,
                                             bhttp::request<bhttp::string_body>& req) {
  beast::tcp_stream stream(ioc);
  stream.expires_after(10s);
  stream.connect(to);
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res);
  beast::error_code ignored;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  return res;
}

/// The fields the protocol core sets (create_request, task_request), with the same values.
void common_fields(bhttp::request<bhttp::string_body>& req, const std::string& host) {
  req.set(bhttp::field::host, host);
  req.set(bhttp::field::user_agent, std::string(seedance::api_facts::user_agent));
  req.set(bhttp::field::accept, "application/json");
  req.set(bhttp::field::authorization, "Bearer " + api_key);
  req.set(bhttp::field::connection, "close");
}

/// The floor: one round trip with a bare synchronous Beast client; true when both answers were 200.
class floor_round_trip {
 public:
  floor_round_trip() : to_(net::ip::make_address("127.0.0.1"), running->port()), host_("127.0.0.1:" + std::to_string(running->port())) {}
  bool operator()() {
    bhttp::request<bhttp::string_body> create{bhttp::verb::post, "/v1/videos/generations", 11};
    common_fields(create, host_);
    create.set(bhttp::field::content_type, "application/json");
    create.set("Idempotency-Key", "floor-" + std::to_string(n_++));
    create.body() = body_text();
    create.prepare_payload();
    const bhttp::response<bhttp::string_body> created = exchange(ioc_, to_, create);
    const std::string_view id = id_in(created.body());
    bhttp::request<bhttp::string_body> read{bhttp::verb::get, "/v1/tasks/" + std::string(id), 11};
    common_fields(read, host_);
    read.prepare_payload();
    const bhttp::response<bhttp::string_body> task = exchange(ioc_, to_, read);
    return created.result() == bhttp::status::ok && !id.empty() && task.result() == bhttp::status::ok;
  }

 private:
  net::io_context ioc_;
  net::ip::tcp::endpoint to_;
  std::string host_;
  std::size_t n_ = 0;
};

/// The protocol core's requests over seedance::beast_transport.
class transport_round_trip {
 public:
  transport_round_trip() : ep_(seedance::parse_endpoint(running->base_url())) {}
  bool operator()() {
    if (!ep_) return false;
    const seedance::send_options o{10'000ms, false};
    const seedance::built_request create =
        seedance::create_request(*ep_.endpoint, api_key, body_text(), "transport-" + std::to_string(n_++));
    const seedance::transport_result created = transport_.send(*create.request, o);
    const std::string_view id = created.response ? id_in(created.response->body) : std::string_view{};
    const seedance::built_request read = seedance::task_request(*ep_.endpoint, api_key, id.empty() ? "none" : id);
    const seedance::transport_result task = transport_.send(*read.request, o);
    return created.response && created.response->status == 200 && !id.empty() && task.response && task.response->status == 200;
  }

 private:
  seedance::endpoint_result ep_;
  seedance::beast_transport transport_;
  std::size_t n_ = 0;
};

seedance::client_options client_options() {
  seedance::client_options co;
  co.base_url = running->base_url();
  co.api_key = api_key;
  co.timeout = 10'000ms;
  co.max_retries = 0;  // nothing to retry on loopback; a failure shows as an error, not as a slow row
  return co;
}

/// seedance::client's submit then get_task (`T`: the transport).
template <class T>
class client_round_trip {
 public:
  client_round_trip() : client_round_trip(T()) {}
  explicit client_round_trip(T transport) : client_(client_options(), std::move(transport)), body_(nlohmann::json::parse(body_text())) {}
  bool operator()() {
    const seedance::submit_result created = client_.submit(body_);
    const seedance::task_result task =
        client_.get_task(created.task && created.task->id ? std::string_view(*created.task->id) : std::string_view("none"));
    return created.status == seedance::submit_status::created && task.status == seedance::task_read_status::ok;
  }

 private:
  seedance::basic_client<T> client_;
  nlohmann::json body_;
};

/// One row: `round_trips` of `Trip`, timed one by one.
template <class Trip>
void BM_round_trip(benchmark::State& state) {
  const row_server server;
  Trip trip;
  std::size_t failures = 0;
  round_trip_log log(round_trips);
  for (auto _ : state) {
    log.start();
    if (!trip()) ++failures;
    log.stop();
  }
  log.report(state);
  if (failures > 0) state.SkipWithError("a create or a read did not succeed");
}

/// The three in turn, one round trip of each per iteration, so that they share the machine's load of
/// the moment: `floor_p50_us`, `transport_p50_us`, `client_p50_us` (and p99) are the figures to compare
/// on a busy machine (the row's own time is the sum of the three).
void BM_round_trip_interleaved(benchmark::State& state) {
  const row_server server;
  floor_round_trip floor_trip;
  transport_round_trip transport_trip;
  client_round_trip<seedance::beast_transport> client_trip;
  std::size_t failures = 0;
  round_trip_log floor_log(round_trips), transport_log(round_trips), client_log(round_trips);
  for (auto _ : state) {
    floor_log.start();
    if (!floor_trip()) ++failures;
    floor_log.stop();
    transport_log.start();
    if (!transport_trip()) ++failures;
    transport_log.stop();
    client_log.start();
    if (!client_trip()) ++failures;
    client_log.stop();
  }
  floor_log.report(state, "floor_");
  transport_log.report(state, "transport_");
  client_log.report(state, "client_");
  state.counters.erase("floor_allocs");
  state.counters.erase("transport_allocs");
  state.counters.erase("client_allocs");
  if (failures > 0) state.SkipWithError("a create or a read did not succeed");
}

/// A transport that answers every create and every read with the answers the server gave once (no
/// I/O): `submit` + `get_task` through it is the client's own work per round trip (validation,
/// estimate, idempotency key, building both requests, interpreting both answers).
struct canned_transport {
  std::shared_ptr<const seedance::transport_result> created, read;
  seedance::transport_result send(const seedance::http_request& q, const seedance::send_options&) const {
    return q.method == "POST" ? *created : *read;
  }
};

void BM_client_without_io(benchmark::State& state) {
  const row_server server;
  const seedance::endpoint_result ep = seedance::parse_endpoint(running->base_url());
  seedance::beast_transport real;
  const seedance::send_options o{10'000ms, false};
  canned_transport canned;
  canned.created = std::make_shared<const seedance::transport_result>(
      real.send(*seedance::create_request(*ep.endpoint, api_key, body_text(), "canned").request, o));
  const std::string_view id = canned.created->response ? id_in(canned.created->response->body) : std::string_view{};
  canned.read = std::make_shared<const seedance::transport_result>(
      real.send(*seedance::task_request(*ep.endpoint, api_key, id.empty() ? "none" : id).request, o));
  client_round_trip<canned_transport> trip(canned);
  seedance_bench::run(state, trip);
}

/// Not a round trip: what beast_transport does before connecting, twice per round trip (a fresh
/// io_context and an async_resolve of the numeric host; Asio runs a resolver on a thread of its own
/// for each io_context), to attribute part of the transport row's difference from the floor.
void BM_fresh_io_context_resolve(benchmark::State& state) {
  const row_server server;
  const std::string port = std::to_string(running->port());
  std::size_t failures = 0;
  for (auto _ : state) {
    net::io_context ioc;
    net::ip::tcp::resolver resolver(ioc);
    std::size_t found = 0;
    resolver.async_resolve("127.0.0.1", port, [&](const beast::error_code& e, const net::ip::tcp::resolver::results_type& r) {
      if (!e) found = r.size();
    });
    ioc.run();
    if (found == 0) ++failures;
  }
  if (failures > 0) state.SkipWithError("127.0.0.1 did not resolve");
}

BENCHMARK(BM_round_trip<floor_round_trip>)
    ->Name("BM_round_trip_beast_floor")
    ->Iterations(round_trips)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_round_trip<transport_round_trip>)
    ->Name("BM_round_trip_transport")
    ->Iterations(round_trips)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_round_trip<client_round_trip<seedance::beast_transport>>)
    ->Name("BM_round_trip_client")
    ->Iterations(round_trips)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_round_trip_interleaved)->Iterations(round_trips / 2)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_client_without_io)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_fresh_io_context_resolve)->Iterations(2 * round_trips)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
