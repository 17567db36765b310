// seedance/beast_transport.hpp against small servers on 127.0.0.1 (plain and TLS, with
// certificates made by `openssl` at test time): answers, lost answers, refused connections,
// timeouts, certificate and host-name verification, and the client end to end.
#include <seedance/beast_transport.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include <unistd.h>

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

namespace {
enum class behaviour { answer, drop_after_request, stall };

/// Serves exactly `connections` connections on 127.0.0.1 (an ephemeral port), then stops.
/// Records the last request's fields and body.
class test_server {
 public:
  test_server(behaviour b, int connections, net::ssl::context* tls = nullptr)
      : acceptor_(ioc_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)), behaviour_(b), tls_(tls) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this, connections] {
      for (int i = 0; i < connections; ++i) serve_one();
    });
  }
  ~test_server() { thread_.join(); }
  std::uint16_t port() const { return port_; }
  std::string last_body;
  std::string last_idempotency_key;
  std::string last_target;

 private:
  void serve_one() {
    tcp::socket socket(ioc_);
    boost::system::error_code ec;
    acceptor_.accept(socket, ec);
    if (ec) return;
    if (tls_ != nullptr) {
      boost::beast::ssl_stream<tcp::socket> s(std::move(socket), *tls_);
      s.handshake(net::ssl::stream_base::server, ec);
      if (!ec) handle(s);
    } else {
      handle(socket);
    }
  }
  template <class Stream>
  void handle(Stream& s) {
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> req;
    boost::system::error_code ec;
    http::read(s, buffer, req, ec);
    if (ec) return;
    last_body = req.body();
    last_idempotency_key = std::string(req["Idempotency-Key"]);
    last_target = std::string(req.target());
    if (behaviour_ == behaviour::drop_after_request) return;
    if (behaviour_ == behaviour::stall) {
      std::this_thread::sleep_for(600ms);
      return;
    }
    http::response<http::string_body> res{http::status::ok, 11};
    res.set(http::field::content_type, "application/json");
    res.set("X-Echo-Auth", std::string(req[http::field::authorization]));
    res.body() = R"({"id":"task-unified-1-abc","object":"video.generation.task","status":"pending","progress":0})";
    res.prepare_payload();
    http::write(s, res, ec);
  }

  net::io_context ioc_;
  tcp::acceptor acceptor_;
  behaviour behaviour_;
  net::ssl::context* tls_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

net::ssl::context server_context(const std::string& name) {
  const auto cert = seedance_test::certificate(name);
  net::ssl::context ctx(net::ssl::context::tls_server);
  ctx.use_certificate_chain_file(cert.string());
  ctx.use_private_key_file((cert.parent_path() / (name + ".key")).string(), net::ssl::context::pem);
  return ctx;
}

seedance::http_request get(std::uint16_t port, bool https = false, std::string host = "127.0.0.1") {
  seedance::http_request q;
  q.method = "GET";
  q.target = "/v1/tasks/task-unified-1-abc";
  q.host = std::move(host);
  q.port = port;
  q.https = https;
  q.fields = {{"Host", "127.0.0.1"}, {"Authorization", "Bearer k"}};
  return q;
}
}  // namespace

TEST_CASE("net: an answer over plain http", "[net]") {
  test_server server(behaviour::answer, 1);
  seedance::beast_transport t;
  const auto r = t.send(get(server.port()), {});
  INFO(r.error);
  REQUIRE(r.response);
  CHECK(r.response->status == 200);
  CHECK(r.response->field("x-echo-auth") == std::optional<std::string_view>("Bearer k"));
  CHECK(seedance::interpret_read(*r.response).outcome == seedance::call_outcome::ok);
  CHECK(r.sent);
}

TEST_CASE("net: a host name is resolved (localhost), an address literal connects directly", "[net]") {
  test_server server(behaviour::answer, 2);
  seedance::beast_transport t;
  for (const char* host : {"localhost", "127.0.0.1"}) {
    INFO(host);
    const auto r = t.send(get(server.port(), false, host), {});
    INFO(r.error);
    REQUIRE(r.response);
    CHECK(r.response->status == 200);
  }
}

TEST_CASE("net: no answer: refused (not sent), dropped and stalled (sent)", "[net]") {
  std::uint16_t closed_port = 0;
  {
    net::io_context ioc;
    tcp::acceptor a(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    closed_port = a.local_endpoint().port();
  }
  seedance::beast_transport t;
  const auto refused = t.send(get(closed_port), {});
  CHECK_FALSE(refused.response);
  CHECK_FALSE(refused.sent);
  CHECK_FALSE(refused.error.empty());
  CHECK_FALSE(refused.final);  // a refused connection may be a server restarting: worth a retry

  test_server dropping(behaviour::drop_after_request, 1);
  const auto dropped = t.send(get(dropping.port()), {});
  CHECK_FALSE(dropped.response);
  CHECK(dropped.sent);

  test_server stalling(behaviour::stall, 1);
  seedance::send_options quick;
  quick.timeout = 200ms;
  const auto start = std::chrono::steady_clock::now();
  const auto stalled = t.send(get(stalling.port()), quick);
  CHECK_FALSE(stalled.response);
  CHECK(stalled.sent);
  CHECK(std::chrono::steady_clock::now() - start < 550ms);  // the deadline, not the server, ended it
}

TEST_CASE("net: https verifies the certificate and the host name", "[net]") {
  auto good = server_context("localhost");
  {
    test_server server(behaviour::answer, 1, &good);
    seedance::beast_transport t({seedance_test::certificate("localhost").string()});
    const auto r = t.send(get(server.port(), true), {});
    INFO(r.error);
    REQUIRE(r.response);
    CHECK(r.response->status == 200);
  }
  {
    // The system store does not know the self-signed certificate: refused before sending.
    test_server server(behaviour::answer, 1, &good);
    seedance::beast_transport t;
    const auto r = t.send(get(server.port(), true), {});
    CHECK_FALSE(r.response);
    CHECK_FALSE(r.sent);
    CHECK(r.error.find("TLS handshake") != std::string::npos);
    CHECK(r.final);  // retrying cannot make the certificate known
  }
  {
    // A trusted certificate for another host name: refused.
    auto wrong = server_context("wrong.example");
    test_server server(behaviour::answer, 1, &wrong);
    seedance::beast_transport t({seedance_test::certificate("wrong.example").string()});
    const auto r = t.send(get(server.port(), true), {});
    CHECK_FALSE(r.response);
    CHECK_FALSE(r.sent);
    CHECK(r.final);
  }
}

TEST_CASE("net: the client end to end on the Beast transport", "[net]") {
  test_server server(behaviour::answer, 1);
  seedance::client_options o;
  o.base_url = "http://127.0.0.1:" + std::to_string(server.port());
  o.api_key = "sk-test";
  seedance::client c(o, seedance::beast_transport{});
  seedance::submit_options so;
  so.idempotency_key = "idem-1";
  const auto r = c.submit({{"model", "seedance-2.0-text-to-video"}, {"prompt", "a cat"}}, so);
  INFO(r.message);
  CHECK(r.status == seedance::submit_status::created);
  CHECK(server.last_idempotency_key == "idem-1");
  CHECK(server.last_target == "/v1/videos/generations");
  CHECK(nlohmann::json::parse(server.last_body)["prompt"] == "a cat");
}

TEST_CASE("net: an answer streamed into a file", "[net]") {
  test_server server(behaviour::answer, 2);
  const auto file = std::filesystem::temp_directory_path() / ("seedance-net-download-" + std::to_string(::getpid()));
  seedance::beast_transport t;
  const auto r = t.send_to_file(get(server.port()), {}, file);
  INFO(r.error);
  REQUIRE(r.response);
  CHECK(r.response->status == 200);
  CHECK(r.response->body.empty());
  std::ifstream in(file, std::ios::binary);
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(nlohmann::json::parse(written)["id"] == "task-unified-1-abc");

  // A body over the download bound: no answer.
  seedance::beast_transport small({"", std::uint64_t{64} << 20, 16});
  const auto over = small.send_to_file(get(server.port()), {}, file);
  CHECK_FALSE(over.response);
  CHECK(over.error.find("reading the answer") != std::string::npos);
  std::filesystem::remove(file);
}
