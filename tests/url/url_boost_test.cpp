// Differential test of seedance::parse_url against Boost.URL 1.81 (boost::urls::parse_uri).
//
// For the corpus of url_test.cpp and for generated URLs, both parsers run. Every disagreement must be
// one of the documented differences in `known_differences` below (and in docs/url.md); any other
// disagreement fails the test. Every documented difference must also be seen at least once, so the
// table cannot go stale.
#include <seedance/url.hpp>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace url_test {
std::vector<std::string_view> corpus_inputs();  // url_test.cpp
}

namespace {

using seedance::host_kind;
using seedance::url_error;

template <class S>
std::string str(const S& s) {
  return std::string(s.data(), s.size());
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/// What Boost.URL made of an input, in plain types.
struct boost_parts {
  bool ok = false;
  bool has_authority = false;
  std::string scheme;
  bool has_userinfo = false;
  std::string userinfo;
  boost::urls::host_type type = boost::urls::host_type::none;
  std::string host;  // name: decoded, lower-cased, one trailing dot removed; addresses: to_string()
  std::uint32_t ipv4 = 0;
  std::array<unsigned char, 16> ipv6{};
  bool has_port = false;
  std::string port;
  std::uint16_t port_number = 0;
  std::string path, query, fragment;
};

boost_parts boost_parse(std::string_view input) {
  boost_parts b;
  const auto r = boost::urls::parse_uri(boost::urls::string_view(input.data(), input.size()));
  if (!r) return b;
  const boost::urls::url_view u = *r;
  b.ok = true;
  b.has_authority = u.has_authority();
  b.scheme = lower(str(u.scheme()));
  b.has_userinfo = u.has_userinfo();
  b.userinfo = str(u.encoded_userinfo());
  b.type = u.host_type();
  switch (b.type) {
    case boost::urls::host_type::name: {
      b.host = lower(u.host_name());
      if (b.host.size() > 1 && b.host.back() == '.') b.host.pop_back();
      break;
    }
    case boost::urls::host_type::ipv4:
      b.ipv4 = u.host_ipv4_address().to_uint();
      b.host = u.host_ipv4_address().to_string();
      break;
    case boost::urls::host_type::ipv6:
      b.ipv6 = u.host_ipv6_address().to_bytes();
      b.host = u.host_ipv6_address().to_string();
      break;
    default: b.host = str(u.encoded_host()); break;
  }
  b.has_port = u.has_port();
  b.port = str(u.port());
  b.port_number = u.port_number();
  b.path = str(u.encoded_path());
  b.query = str(u.encoded_query());
  b.fragment = str(u.encoded_fragment());
  return b;
}

bool all_digits(std::string_view s) {
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

struct case_ {
  std::string_view input;
  const seedance::url_result& ours;
  const boost_parts& boost;
};

/// A documented difference: when it applies, and why we differ.
struct known_difference {
  std::string_view id;
  std::string_view what;
  bool (*applies)(const case_&);
};

bool ours_ok(const case_& c) { return static_cast<bool>(c.ours); }
url_error err(const case_& c) { return c.ours.error; }

// clang-format off
const std::array<known_difference, 12> known_differences{{
  {"no-authority",
   "Boost accepts a URI without an authority (data:, mailto:, urn:, \"https:x\"); we need \"//\" and a host",
   [](const case_& c) { return err(c) == url_error::no_authority && c.boost.ok && !c.boost.has_authority; }},
  {"empty-host",
   "Boost accepts an empty reg-name (\"https:///p\", \"https://:80\"); we need a host",
   [](const case_& c) { return err(c) == url_error::empty_host && c.boost.ok &&
                               c.boost.type == boost::urls::host_type::name && c.boost.host.empty(); }},
  {"dns-name",
   "Boost accepts any RFC 3986 reg-name (sub-delims, '~', empty labels, any escaped byte); we need a DNS name",
   [](const case_& c) { return err(c) == url_error::bad_host && c.boost.ok &&
                               c.boost.type == boost::urls::host_type::name; }},
  {"ipv4-spelling",
   "Boost's IPv4 is dotted decimal only; octal, hex, short, trailing-dot and escaped forms are reg-names to it, IPv4 to us (WHATWG)",
   [](const case_& c) { return ours_ok(c) && c.ours.url->kind == host_kind::ipv4 && c.boost.ok &&
                               c.boost.type == boost::urls::host_type::name; }},
  {"ends-in-number",
   "a host ending in a number that is no IPv4 address (\"1.2.3.256\", \"example.123\") is a reg-name to Boost, bad_ipv4 to us (WHATWG)",
   [](const case_& c) { return err(c) == url_error::bad_ipv4 && c.boost.ok &&
                               c.boost.type == boost::urls::host_type::name; }},
  {"port-range",
   "Boost accepts a port of any number of digits (RFC 3986 *DIGIT); we need 0..65535",
   [](const case_& c) { return err(c) == url_error::bad_port && c.boost.ok && c.boost.has_port &&
                               all_digits(c.boost.port) && !c.boost.port.empty(); }},
  {"port-wraps",
   "Boost 1.81's port_number() wraps for some ports over 65535 (\"99999\" gives 34463) instead of reporting no number",
   [](const case_& c) { return err(c) == url_error::bad_port && c.boost.ok && c.boost.port.size() == 5 &&
                               c.boost.port_number != 0 && c.boost.port > "65535"; }},
  {"empty-port",
   "\"host:\" has a port to Boost (has_port, empty text, number 0); to us it has none (RFC 3986 6.2.3: same as no port)",
   [](const case_& c) { return ours_ok(c) && !c.ours.url->port && c.boost.ok && c.boost.has_port &&
                               c.boost.port.empty(); }},
  {"ipvfuture",
   "Boost accepts IPvFuture literals (\"[v1.x]\"); we reject them as bad_ipv6",
   [](const case_& c) { return err(c) == url_error::bad_ipv6 && c.boost.ok &&
                               c.boost.type == boost::urls::host_type::ipvfuture; }},
  {"too-long",
   "Boost has no length limit; we stop at url_max_length",
   [](const case_& c) { return err(c) == url_error::too_long && c.boost.ok; }},
  {"authority-path-split",
   "Boost 1.81 ends the authority too early and returns a path that does not start with '/' (\"https://1.2.3.4x/\" gives host 1.2.3.4, path \"x/\"; \"https://a@b@example.com/\" gives host b, path \"@example.com/\"; \"https://h:-1/\" gives path \"-1/\"); RFC 3986 allows only path-abempty after an authority, so the parts cannot be compared",
   [](const case_& c) { return c.boost.ok && c.boost.has_authority && !c.boost.path.empty() &&
                               c.boost.path.front() != '/'; }},
  {"rfc5952-single-zero",
   "Boost 1.81's IPv6 to_string() uses \"::\" for a single zero group (\"2a00::2:3:4:5:6:7\"); RFC 5952 4.2.2 says it must not, so we print \"2a00:0:2:3:4:5:6:7\" (the 16 bytes agree)",
   [](const case_& c) { return ours_ok(c) && c.ours.url->kind == host_kind::ipv6 && c.boost.ok &&
                               c.boost.type == boost::urls::host_type::ipv6 && c.ours.url->host != c.boost.host &&
                               std::equal(c.ours.url->ipv6.begin(), c.ours.url->ipv6.end(), c.boost.ipv6.begin()); }},
}};
// clang-format on

/// Compares one input; returns the ids of the documented differences it shows and appends any
/// disagreement that no documented difference explains to `unexplained`.
std::vector<std::string_view> compare(std::string_view input, std::vector<std::string>& unexplained) {
  const auto ours = seedance::parse_url(input);
  const auto boost = boost_parse(input);
  const case_ c{input, ours, boost};
  std::vector<std::string_view> diffs;
  for (const auto& d : known_differences)
    if (d.applies(c)) diffs.push_back(d.id);
  const auto note = [&](const std::string& what) { unexplained.push_back(std::string(input) + " : " + what); };
  const auto has = [&](std::string_view id) {
    for (const auto d : diffs)
      if (d == id) return true;
    return false;
  };
  if (!ours && !boost.ok) return diffs;
  if (has("authority-path-split")) return diffs;  // Boost's parts are not comparable
  if (!ours || !boost.ok) {
    // One accepts, the other rejects: a documented difference must say so.
    const bool accept_diff = has("no-authority") || has("empty-host") || has("dns-name") || has("ends-in-number") || has("port-range") ||
                             has("ipvfuture") || has("too-long");
    if (!accept_diff)
      note(std::string("ours: ") + std::string(seedance::to_string(ours.error)) + ", Boost: " + (boost.ok ? "accepts" : "rejects"));
    return diffs;
  }
  const auto& u = *ours.url;
  if (u.scheme != boost.scheme) note("scheme " + u.scheme + " vs " + boost.scheme);
  if (u.has_userinfo != boost.has_userinfo || u.userinfo != boost.userinfo) note("userinfo " + u.userinfo + " vs " + boost.userinfo);
  if (u.path != boost.path) note("path " + u.path + " vs " + boost.path);
  if (u.query != boost.query) note("query " + u.query + " vs " + boost.query);
  if (u.fragment != boost.fragment) note("fragment " + u.fragment + " vs " + boost.fragment);
  const std::optional<std::uint16_t> boost_port =
      boost.has_port && !boost.port.empty() ? std::optional<std::uint16_t>{boost.port_number} : std::nullopt;
  if (u.port != boost_port) note("port");
  if (boost.has_port && boost.port.empty() && !has("empty-port")) note("empty port");
  using bt = boost::urls::host_type;
  if (u.kind == host_kind::name && boost.type == bt::name) {
    if (u.host != boost.host) note("host " + u.host + " vs " + boost.host);
  } else if (u.kind == host_kind::ipv4 && boost.type == bt::ipv4) {
    if (u.ipv4 != boost.ipv4 || u.host != boost.host) note("ipv4 " + u.host + " vs " + boost.host);
  } else if (u.kind == host_kind::ipv6 && boost.type == bt::ipv6) {
    if (!std::equal(u.ipv6.begin(), u.ipv6.end(), boost.ipv6.begin())) note("ipv6 bytes");
    if (u.host != boost.host && !has("rfc5952-single-zero")) note("ipv6 text " + u.host + " vs " + boost.host);
  } else if (!has("ipv4-spelling")) {
    note("host kind");
  }
  return diffs;
}

/// URLs built from pools of parts: every host x port x userinfo, with a scheme, path, query and
/// fragment picked by a seeded generator.
std::vector<std::string> generated_inputs() {
  const std::vector<std::string_view> schemes{"https", "HTTP", "ftp", "s3+x", "a.b-c"};
  const std::vector<std::string_view> userinfos{"", "user@", "u:p@", "%40@", "@", "a!$&'()*+,;=~:b@"};
  const std::vector<std::string_view> hosts{"example.com",
                                            "EXAMPLE.com.",
                                            "ex%61mple.com",
                                            "www%2Dx.example",
                                            "xn--bcher-kva.example",
                                            "a_b.example",
                                            "localhost",
                                            "LOCALHOST.",
                                            "127.0.0.1",
                                            "127.0.0.1.",
                                            "0177.0.0.1",
                                            "0x7f.1",
                                            "127.1",
                                            "2130706433",
                                            "0x7F000001",
                                            "%31%32%37.0.0.1",
                                            "0",
                                            "0x",
                                            "1.2.3.256",
                                            "example.123",
                                            "1.2.3.4.5",
                                            "1.2.3.4x",
                                            "1.2.3.4-a.example",
                                            "8.8.8.8",
                                            "255.255.255.255",
                                            "[::1]",
                                            "[::FFFF:127.0.0.1]",
                                            "[::ffff:7f00:1]",
                                            "[2001:db8:0:0:1:0:0:1]",
                                            "[1:0:2:3:4:5:6:7]",
                                            "[2001:DB8::]",
                                            "[::]",
                                            "[v1.x]",
                                            "[vF.a:b]",
                                            "[fe80::1%25eth0]",
                                            "[::1.2.3.4]",
                                            "a!b",
                                            "a..b",
                                            "a~b",
                                            "%E4%BE%8B.example",
                                            "",
                                            ".",
                                            "%2e"};
  const std::vector<std::string_view> ports{"", ":", ":0", ":80", ":0080", ":65535", ":65536", ":99999", ":4294967296"};
  const std::vector<std::string_view> paths{"", "/", "/a/b.jpg", "/%7Euser/", "/a:b@c", "//double", "/a;b=c,d", "/a!$&'()*+=~"};
  const std::vector<std::string_view> queries{"", "?", "?a=1&b=2", "?x=/y?z:@", "?%41"};
  const std::vector<std::string_view> fragments{"", "#", "#frag", "#a/b?c:@"};
  std::mt19937 rng(1981U);
  const auto pick = [&](const auto& v) { return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)]; };
  std::vector<std::string> out;
  for (const auto h : hosts)
    for (const auto p : ports)
      for (const auto ui : userinfos) {
        std::string s(pick(schemes));
        s += "://";
        s += ui;
        s += h;
        s += p;
        s += pick(paths);
        s += pick(queries);
        s += pick(fragments);
        out.push_back(std::move(s));
      }
  return out;
}

/// Random strings over an alphabet of URL-significant characters, after a few prefixes.
std::vector<std::string> random_inputs() {
  std::mt19937 rng(4291U);
  constexpr std::string_view alphabet = "aZ09x.:/@[]%?#-_~!;=fF+";
  const std::array<std::string_view, 6> prefixes{"", "https://", "https://[", "http://a@", "x:", "h://1.2.3.4"};
  std::uniform_int_distribution<std::size_t> ch(0, alphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> len(0, 20);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < 30000; ++i) {
    std::string s(prefixes[i % prefixes.size()]);
    for (std::size_t n = len(rng); n > 0; --n) s += alphabet[ch(rng)];
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

TEST_CASE("Boost.URL differential: every disagreement is a documented difference", "[url][boost]") {
  std::vector<std::string> inputs;
  for (const auto in : url_test::corpus_inputs()) inputs.emplace_back(in);
  for (auto& s : generated_inputs()) inputs.push_back(std::move(s));
  for (auto& s : random_inputs()) inputs.push_back(std::move(s));
  inputs.push_back("https://example.com/" + std::string(seedance::url_max_length, 'a'));

  std::map<std::string_view, std::size_t> seen;
  std::vector<std::string> unexplained;
  std::size_t both_accept = 0;
  for (const auto& in : inputs) {
    for (const auto id : compare(in, unexplained)) ++seen[id];
    both_accept += seedance::parse_url(in) && boost_parse(in).ok ? 1U : 0U;
  }
  INFO("inputs: " << inputs.size() << ", accepted by both: " << both_accept);
  for (const auto& u : unexplained) { UNSCOPED_INFO(u); }
  CHECK(unexplained.empty());
  CHECK(both_accept > 1000);  // the comparison of parts was exercised
  for (const auto& d : known_differences) {
    INFO("documented difference never observed: " << d.id << " (" << d.what << ")");
    CHECK(seen[d.id] > 0);
  }
}

TEST_CASE("Boost.URL differential: examples of each documented difference", "[url][boost]") {
  // One input per difference, with both parsers' verdicts written out.
  struct example {
    std::string_view input;
    url_error ours;
    bool boost_accepts;
  };
  const std::vector<example> examples{
      {"data:image/png;base64,iVBORw0KGgo=", url_error::no_authority, true},
      {"https:///path", url_error::empty_host, true},
      {"https://a!b.example/", url_error::bad_host, true},
      {"https://a..b/", url_error::bad_host, true},
      {"https://0177.0.0.1/", url_error::none, true},
      {"https://1.2.3.256/", url_error::bad_ipv4, true},
      {"https://example.com:65536/", url_error::bad_port, true},
      {"https://example.com:/", url_error::none, true},
      {"https://[v1.x]/", url_error::bad_ipv6, true},
      {"https://1.2.3.4x/", url_error::none, true},
      {"https://[fe80::1%25eth0]/", url_error::bad_ipv6, false},  // both reject zone ids
      {"https://a@b@example.com/", url_error::bad_userinfo, true},
      {"https://[2a00:0:2:3:4:5:6:7]/", url_error::none, true},
  };
  for (const auto& e : examples) {
    INFO(e.input);
    CHECK(seedance::parse_url(e.input).error == e.ours);
    CHECK(boost_parse(e.input).ok == e.boost_accepts);
  }
  // Boost keeps the octal spelling as a reg-name; we read the address it denotes.
  const auto b = boost_parse("https://0177.0.0.1/");
  CHECK(b.type == boost::urls::host_type::name);
  CHECK(b.host == "0177.0.0.1");
  // Boost 1.81 splits after the dotted quad and makes the rest a relative-looking path.
  const auto q = boost_parse("https://1.2.3.4x/");
  CHECK(q.type == boost::urls::host_type::ipv4);
  CHECK(q.path == "x/");
  CHECK(seedance::parse_url("https://1.2.3.4x/").url->host == "1.2.3.4x");
  const auto at = boost_parse("https://a@b@example.com/");
  CHECK(at.host == "b");
  CHECK(at.path == "@example.com/");
  // RFC 5952: a single zero group is written out.
  CHECK(seedance::parse_url("https://[2a00:0:2:3:4:5:6:7]/").url->host == "2a00:0:2:3:4:5:6:7");
  CHECK(boost_parse("https://[2a00:0:2:3:4:5:6:7]/").host == "2a00::2:3:4:5:6:7");
  // Boost 1.81 wraps 99999 to 34463 (99999 - 65536).
  const auto w = boost_parse("https://example.com:99999/");
  REQUIRE(w.ok);
  CHECK(w.port_number == 34463);
}
