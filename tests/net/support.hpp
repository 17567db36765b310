// What the network tests share: certificates, self-signed and made by the `openssl` command at test
// time (once per test process and name, never stored in the repository), and the options of an
// in-process double for HTTP round trips.
#ifndef SEEDANCE_TEST_NET_SUPPORT_HPP
#define SEEDANCE_TEST_NET_SUPPORT_HPP

#include <seedance/serve.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace seedance_test {

/// A self-signed certificate for `name` (a DNS name; for "localhost" also the IP 127.0.0.1), its key
/// beside it (`key_of`).
inline std::filesystem::path certificate(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("seedance-net-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto cert = dir / (name + ".pem");
  if (!std::filesystem::exists(cert)) {
    const std::string san = name == "localhost" ? "subjectAltName=DNS:localhost,IP:127.0.0.1" : "subjectAltName=DNS:" + name;
    const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=" + name + " -addext '" + san + "' -keyout '" +
                            (dir / (name + ".key")).string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
  }
  return cert;
}

/// The private key of `certificate(name)`.
inline std::filesystem::path key_of(const std::filesystem::path& cert) { return cert.parent_path() / (cert.stem().string() + ".key"); }

/// A double for HTTP round trips: 2 threads, jobs 1000 times shorter, only `key` accepted, idle
/// connections closed after 5 s.
inline seedance::serve::server_options double_options(const std::string& key) {
  seedance::serve::server_options o;
  o.threads = 2;
  o.api.time_scale = 0.001;
  o.api.api_keys = {key};
  o.idle_timeout = std::chrono::seconds{5};
  return o;
}

}  // namespace seedance_test

#endif  // SEEDANCE_TEST_NET_SUPPORT_HPP
