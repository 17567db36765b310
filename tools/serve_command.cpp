// seedance: the command-line tool. `seedance serve` (docs/serve.md): the options, the access log,
// the signals; the server itself is the library's (include/seedance/serve.hpp).
#include "serve_command.hpp"

#include "common.hpp"  // exit statuses

#include <seedance/serve.hpp>

#include <nlohmann/json.hpp>

#include <csignal>
#include <pthread.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace seedance_tool {

namespace {
std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return s;
}

std::string rate_check(const std::string& s) {
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    if (used == s.size() && v >= 0 && v <= 1) return {};
  } catch (...) {}
  return "expected a fraction between 0 and 1";
}
}  // namespace

struct serve_command::settings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::vector<std::string> api_keys;
  std::vector<std::string> key_models;  // KEY=MODEL[,MODEL...]
  std::string credits;
  unsigned rate_limit = 0;
  double time_scale = 1.0;
  std::uint64_t seed = 0;
  double fail_rate = 0, error_rate = 0, drop_rate = 0;
  std::string drop_as = "close";
  bool strict = false;
  bool allow_local_callbacks = false;
  std::string pricing;
  std::string result_file;
  std::string tls_cert, tls_key;
  std::string log = "text";
  unsigned threads = 4;
};

serve_command::serve_command(CLI::App& app) : settings_(std::make_unique<settings>()) {
  settings& s = *settings_;
  command_ = app.add_subcommand("serve", "run a local double of the Seedance 2.0 API (docs/serve.md)");
  command_->add_option("--host", s.host, "the address to listen on (default 127.0.0.1)");
  command_->add_option("--port", s.port, "the port (default 8080; 0 picks a free one)");
  command_->add_option("--api-key", s.api_keys, "accept only this key (repeatable; default: any non-empty key)");
  command_->add_option("--key-models", s.key_models, "KEY=MODEL[,MODEL...]: this key may use only these models (repeatable)")
      ->check([](const std::string& v) {
        return v.find('=') == std::string::npos ? std::string("expected KEY=MODEL[,MODEL...]") : std::string();
      });
  command_->add_option("--credits", s.credits, "the account's credits (default: unlimited)")->check([](const std::string& v) {
    const auto d = seedance::decimal::parse(v);
    return d && *d >= seedance::decimal(0) ? std::string() : std::string("expected a number of credits >= 0");
  });
  command_->add_option("--rate-limit", s.rate_limit, "creates per second per key, then 429 (default: no limit)");
  command_->add_option("--time-scale", s.time_scale, "multiply every task duration by this (0.01: a 165 s job takes 1.65 s)")
      ->check(CLI::PositiveNumber);
  command_->add_option("--seed", s.seed, "the seed of every deterministic outcome (default 0)");
  command_->add_option("--fail-rate", s.fail_rate, "the fraction of tasks that fail")->check(rate_check);
  command_->add_option("--error-rate", s.error_rate, "the fraction of creates answered 503 before anything is created")->check(rate_check);
  command_->add_option("--drop-rate", s.drop_rate, "the fraction of creates that create the task and drop the connection")
      ->check(rate_check);
  command_->add_option("--drop-as", s.drop_as, "how --drop-rate loses the answer: close (the connection) or 502 (a gateway's page)")
      ->check(CLI::IsMember({"close", "502"}));
  command_->add_flag("--strict", s.strict, "validate in strict mode (unknown_field and field_ignored are errors)");
  command_->add_flag("--allow-local-callbacks", s.allow_local_callbacks,
                     "accept callback_url on 127.0.0.1 and localhost (callbacks go to those only)");
  command_->add_option("--pricing", s.pricing, "a pricing-rules feed (JSON) instead of the built-in table");
  command_->add_option("--result-file", s.result_file, "the video every completed task returns (default: a built-in 1 s MP4)");
  command_->add_option("--log", s.log, "the access log on standard error: text, json or off")
      ->check(CLI::IsMember({"text", "json", "off"}));
  CLI::Option* cert = command_->add_option("--tls-cert", s.tls_cert, "serve https with this PEM certificate chain (needs --tls-key)")
                          ->check(CLI::ExistingFile);
  CLI::Option* key = command_->add_option("--tls-key", s.tls_key, "the PEM private key of --tls-cert")->check(CLI::ExistingFile);
  cert->needs(key);
  key->needs(cert);
  command_->add_option("--threads", s.threads, "server threads (default 4)")->check(CLI::Range(1u, 64u));
}

serve_command::~serve_command() = default;

bool serve_command::parsed() const { return command_ != nullptr && command_->parsed(); }

int serve_command::run() {
  const settings& s = *settings_;
  seedance::serve::server_options o;
  o.host = s.host;
  o.port = s.port;
  o.threads = s.threads;
  o.api.api_keys = s.api_keys;
  for (const std::string& km : s.key_models) {
    const std::size_t eq = km.find('=');
    std::set<std::string>& models = o.api.key_models[km.substr(0, eq)];
    std::stringstream list(km.substr(eq + 1));
    for (std::string m; std::getline(list, m, ',');)
      if (!m.empty()) models.insert(m);
  }
  if (!s.credits.empty()) o.api.credits = seedance::decimal::parse(s.credits);
  o.api.rate_limit = s.rate_limit;
  o.api.time_scale = s.time_scale;
  o.api.seed = s.seed;
  o.api.fail_rate = s.fail_rate;
  o.api.error_rate = s.error_rate;
  o.api.drop_rate = s.drop_rate;
  o.api.drop_as =
      s.drop_as == "502" ? seedance::serve::api_options::drop_mode::bad_gateway : seedance::serve::api_options::drop_mode::close;
  o.api.strict = s.strict;
  o.api.allow_local_callbacks = s.allow_local_callbacks;
  if (!s.pricing.empty()) {
    const auto feed = read_file(s.pricing);
    if (!feed) {
      std::cerr << "seedance: serve: cannot read " << s.pricing << "\n";
      return exit_usage;
    }
    o.api.pricing_feed = *feed;
  }
  if (!s.result_file.empty()) {
    const auto video = read_file(s.result_file);
    if (!video) {
      std::cerr << "seedance: serve: cannot read " << s.result_file << "\n";
      return exit_usage;
    }
    o.api.result_file = *video;
  }
  o.tls_certificate_file = s.tls_cert;
  o.tls_private_key_file = s.tls_key;
  static std::mutex log_mutex;
  if (s.log != "off") {
    const bool as_json = s.log == "json";
    o.access_log = [as_json](const seedance::serve::access_entry& e) {
      const double ms = static_cast<double>(e.elapsed.count()) / 1000.0;
      std::string line;
      if (as_json) {
        line = nlohmann::json{{"method", e.method}, {"target", e.target}, {"status", e.status},
                              {"bytes", e.bytes},   {"ms", ms},           {"dropped", e.dropped}}
                   .dump();
      } else {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f", ms);
        line = e.method + " " + e.target + " " + std::to_string(e.status) + " " + std::to_string(e.bytes) + " " + buf + "ms" +
               (e.dropped ? " dropped" : "");
      }
      const std::lock_guard lock(log_mutex);
      std::cerr << line << "\n";
    };
  }

  // SIGINT and SIGTERM are blocked in every thread (the server's threads inherit the mask) and
  // awaited here.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::optional<seedance::serve::server> server;
  try {
    server.emplace(o);
    server->start();
  } catch (const std::exception& e) {
    std::cerr << "seedance: serve: cannot listen on " << s.host << ":" << s.port << ": " << e.what() << "\n";
    return exit_usage;
  }
  std::cout << "listening on " << server->base_url() << std::endl;  // flushed: scripts read it
  int received = 0;
  sigwait(&signals, &received);
  std::cerr << "seedance: serve: " << (received == SIGINT ? "SIGINT" : "SIGTERM") << ": stopping\n";
  server->stop();
  return exit_ok;
}

}  // namespace seedance_tool
