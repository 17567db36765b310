// Tests of seedance/url.hpp: a corpus of inputs with the results the standards give for them.
//
// Every expected value below was worked out by hand from RFC 3986 (syntax), the WHATWG URL
// standard's host parser (percent-decoding, the "ends in a number" checker and the IPv4 parser with
// its octal, hex and short forms), RFC 4291 / RFC 5952 (IPv6 text forms) and the IANA special-purpose
// address registries (is_internal_host), never copied from the program's output.
#include <seedance/url.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using namespace std::string_view_literals;
using seedance::host_kind;
using seedance::url_error;

namespace {

constexpr int no_port = -1;

struct row {
  std::string_view input;
  url_error error;            // url_error::none: accepted
  std::string_view host = {}; // normalized host, when accepted
  host_kind kind = host_kind::name;
  int port = no_port;
  bool internal = false;
};

constexpr auto ok = url_error::none;
constexpr auto name = host_kind::name;
constexpr auto v4 = host_kind::ipv4;
constexpr auto v6 = host_kind::ipv6;

// clang-format off
const std::vector<row> corpus{
  // --- DNS names ----------------------------------------------------------------------------
  {"https://example.com/",                       ok, "example.com", name},
  {"https://example.com",                        ok, "example.com", name},
  {"HTTPS://EXAMPLE.COM/",                       ok, "example.com", name},
  {"https://example.com./",                      ok, "example.com", name},
  {"https://ex%61mple.com/",                     ok, "example.com", name},
  {"https://EX%41MPLE.com/",                     ok, "example.com", name},
  {"https://example%2Ecom/",                     ok, "example.com", name},
  {"https://a_b-c.example.com/",                 ok, "a_b-c.example.com", name},
  {"https://xn--fiqs8s.example/",                ok, "xn--fiqs8s.example", name},
  {"https://123.example.com/",                   ok, "123.example.com", name},
  {"https://foo.0x1g/",                          ok, "foo.0x1g", name},   // "0x1g" is not a number
  {"https://1.2.3.4x/",                          ok, "1.2.3.4x", name},   // neither is "4x"
  {"ftp://files.example.org/pub",                ok, "files.example.org", name},
  {"svn+ssh://example.com/",                     ok, "example.com", name},
  {"h-t.t+p://example.com/",                     ok, "example.com", name},
  {"https://example.com/a/b.jpg?x=1#frag",       ok, "example.com", name},
  // Names internal by definition (RFC 6761 localhost, hosts files' localhost.localdomain, ICANN's
  // private-use .internal, RFC 6762 .local, RFC 8375 home.arpa).
  {"https://localhost.localdomain/",             ok, "localhost.localdomain", name, no_port, true},
  {"https://LocalHost.LocalDomain./",            ok, "localhost.localdomain", name, no_port, true},
  {"https://db.internal/",                       ok, "db.internal", name, no_port, true},
  {"https://a.b.INTERNAL/",                      ok, "a.b.internal", name, no_port, true},
  {"https://printer.local/",                     ok, "printer.local", name, no_port, true},
  {"https://nas.home.arpa/",                     ok, "nas.home.arpa", name, no_port, true},
  {"https://x.localdomain/",                     ok, "x.localdomain", name},                 // only the alias
  {"https://internal.example.com/",              ok, "internal.example.com", name},
  {"https://notinternal/",                       ok, "notinternal", name},
  {"https://example.local.com/",                 ok, "example.local.com", name},
  {"https://home.arpa.example/",                 ok, "home.arpa.example", name},
  {"https://example.com/?a=1?b=2",               ok, "example.com", name},
  {"https://example.com/#a?b/c",                 ok, "example.com", name},
  {"https://example.com/a:b@c;d=e!$&'()*+,~",    ok, "example.com", name},
  {"https://example.com?q",                      ok, "example.com", name},
  {"https://example.com#f",                      ok, "example.com", name},
  // localhost
  {"https://localhost/",                         ok, "localhost", name, no_port, true},
  {"https://LOCALHOST./",                        ok, "localhost", name, no_port, true},
  {"https://foo.localhost/",                     ok, "foo.localhost", name, no_port, true},
  {"https://a.b.LocalHost./",                    ok, "a.b.localhost", name, no_port, true},
  {"https://%6C%6F%63%61%6C%68%6F%73%74/",       ok, "localhost", name, no_port, true},
  {"https://localhost:8080/",                    ok, "localhost", name, 8080, true},
  {"https://localhost.example.com/",             ok, "localhost.example.com", name},
  {"https://notlocalhost/",                      ok, "notlocalhost", name},
  {"https://localhostx/",                        ok, "localhostx", name},
  // --- ports ----------------------------------------------------------------------------------
  {"https://example.com:443/",                   ok, "example.com", name, 443},
  {"https://example.com:/",                      ok, "example.com", name, no_port},
  {"https://example.com:",                       ok, "example.com", name, no_port},
  {"https://example.com:0/",                     ok, "example.com", name, 0},
  {"https://example.com:65535/",                 ok, "example.com", name, 65535},
  {"https://example.com:0080/",                  ok, "example.com", name, 80},
  {"https://example.com:65536/",                 url_error::bad_port},
  {"https://example.com:99999/",                 url_error::bad_port},
  {"https://example.com:-1/",                    url_error::bad_port},
  {"https://example.com:1a/",                    url_error::bad_port},
  {"https://example.com:+80/",                   url_error::bad_port},
  {"https://example.com:80:80/",                 url_error::bad_port},
  {"https://[::1]:65536/",                       url_error::bad_port},
  // --- userinfo -------------------------------------------------------------------------------
  {"http://user:pass@example.com/",              ok, "example.com", name},
  {"https://a@127.0.0.1/",                       ok, "127.0.0.1", v4, no_port, true},
  {"https://@example.com/",                      ok, "example.com", name},
  {"https://user%40mail@example.com/",           ok, "example.com", name},
  {"https://u:p:w@example.com:8443/",            ok, "example.com", name, 8443},
  {"https://example.com@127.0.0.1/",             ok, "127.0.0.1", v4, no_port, true},
  {"https://127.0.0.1@example.com/",             ok, "example.com", name},
  {"https://a@b@example.com/",                   url_error::bad_userinfo},
  {"https://us[er@example.com/",                 url_error::bad_userinfo},
  {"https://[::1]@example.com/",                 url_error::bad_userinfo},
  // --- IPv4, every spelling the WHATWG IPv4 parser accepts -------------------------------------
  {"https://127.0.0.1/",                         ok, "127.0.0.1", v4, no_port, true},
  {"https://127.0.0.1./",                        ok, "127.0.0.1", v4, no_port, true},
  {"https://127.0.0.1:8080/",                    ok, "127.0.0.1", v4, 8080, true},
  {"https://0177.0.0.1/",                        ok, "127.0.0.1", v4, no_port, true},  // octal
  {"https://0x7f.1/",                            ok, "127.0.0.1", v4, no_port, true},  // hex, short
  {"https://0x7F.0.0.1/",                        ok, "127.0.0.1", v4, no_port, true},
  {"https://127.1/",                             ok, "127.0.0.1", v4, no_port, true},
  {"https://127.0.1/",                           ok, "127.0.0.1", v4, no_port, true},
  {"https://2130706433/",                        ok, "127.0.0.1", v4, no_port, true},  // 127 * 2^24 + 1
  {"https://0x7f000001/",                        ok, "127.0.0.1", v4, no_port, true},
  {"https://0X7F000001/",                        ok, "127.0.0.1", v4, no_port, true},
  {"https://017700000001/",                      ok, "127.0.0.1", v4, no_port, true},  // octal 32-bit
  {"https://%31%32%37.0.0.1/",                   ok, "127.0.0.1", v4, no_port, true},  // decoded first
  {"https://127.0.0.255/",                       ok, "127.0.0.255", v4, no_port, true},
  {"https://10.0.0.1/",                          ok, "10.0.0.1", v4, no_port, true},
  {"https://10.1/",                              ok, "10.0.0.1", v4, no_port, true},
  {"https://172.16.0.1/",                        ok, "172.16.0.1", v4, no_port, true},
  {"https://172.31.255.255/",                    ok, "172.31.255.255", v4, no_port, true},
  {"https://172.15.255.255/",                    ok, "172.15.255.255", v4},
  {"https://172.32.0.1/",                        ok, "172.32.0.1", v4},
  {"https://192.168.1.1/",                       ok, "192.168.1.1", v4, no_port, true},
  {"https://0300.0250.1.1/",                     ok, "192.168.1.1", v4, no_port, true},  // octal 192.168
  {"https://0xc0.0xa8.0x1.0x1/",                 ok, "192.168.1.1", v4, no_port, true},
  {"https://3232235777/",                        ok, "192.168.1.1", v4, no_port, true},
  {"https://192.169.0.1/",                       ok, "192.169.0.1", v4},
  {"https://169.254.169.254/",                   ok, "169.254.169.254", v4, no_port, true},
  {"https://0xA9FEA9FE/",                        ok, "169.254.169.254", v4, no_port, true},
  {"https://100.64.0.1/",                        ok, "100.64.0.1", v4, no_port, true},
  {"https://100.127.255.255/",                   ok, "100.127.255.255", v4, no_port, true},
  {"https://100.128.0.1/",                       ok, "100.128.0.1", v4},
  {"https://100.63.255.255/",                    ok, "100.63.255.255", v4},
  {"https://0.0.0.0/",                           ok, "0.0.0.0", v4, no_port, true},
  {"https://0/",                                 ok, "0.0.0.0", v4, no_port, true},
  {"https://00/",                                ok, "0.0.0.0", v4, no_port, true},  // octal "0"
  {"https://0x/",                                ok, "0.0.0.0", v4, no_port, true},  // "0x" is 0
  {"https://0.255.255.255/",                     ok, "0.255.255.255", v4, no_port, true},
  {"https://8.8.8.8/",                           ok, "8.8.8.8", v4},
  {"https://134744072/",                         ok, "8.8.8.8", v4},
  {"https://1.2.3.4/",                           ok, "1.2.3.4", v4},
  {"https://1.2.65535/",                         ok, "1.2.255.255", v4},
  {"https://1.16777215/",                        ok, "1.255.255.255", v4},
  {"https://93.184.216.34/",                     ok, "93.184.216.34", v4},
  {"https://255.255.255.255/",                   ok, "255.255.255.255", v4, no_port, true},
  {"https://4294967295/",                        ok, "255.255.255.255", v4, no_port, true},
  {"https://224.0.0.1/",                         ok, "224.0.0.1", v4, no_port, true},  // multicast
  {"https://239.255.255.250/",                   ok, "239.255.255.250", v4, no_port, true},
  {"https://240.0.0.1/",                         ok, "240.0.0.1", v4, no_port, true},  // reserved
  {"https://192.0.2.1/",                         ok, "192.0.2.1", v4, no_port, true},  // TEST-NET-1
  {"https://198.18.0.1/",                        ok, "198.18.0.1", v4, no_port, true}, // benchmarking
  {"https://223.255.255.255/",                   ok, "223.255.255.255", v4},
  // a host whose last label is a number must be an IPv4 address
  {"https://256.0.0.1/",                         url_error::bad_ipv4},
  {"https://1.2.3.256/",                         url_error::bad_ipv4},
  {"https://1.256.1/",                           url_error::bad_ipv4},
  {"https://1.2.65536/",                         url_error::bad_ipv4},
  {"https://1.2.3.4.5/",                         url_error::bad_ipv4},
  {"https://4294967296/",                        url_error::bad_ipv4},
  {"https://0x100000000/",                       url_error::bad_ipv4},
  {"https://08.0.0.1/",                          url_error::bad_ipv4},  // 8 is not an octal digit
  {"https://example.123/",                       url_error::bad_ipv4},
  {"https://foo.0x10/",                          url_error::bad_ipv4},
  {"https://1..2/",                              url_error::bad_ipv4},
  {"https://.127.0.0.1/",                        url_error::bad_ipv4},
  {"https://127.0.0.1../",                       url_error::bad_host},  // last label empty: a name
  // --- IPv6 -----------------------------------------------------------------------------------
  {"https://[::1]/",                             ok, "::1", v6, no_port, true},
  {"https://[::]/",                              ok, "::", v6, no_port, true},
  {"https://[0:0:0:0:0:0:0:1]/",                 ok, "::1", v6, no_port, true},
  {"https://[::1]:8443/",                        ok, "::1", v6, 8443, true},
  {"https://[::1]:/",                            ok, "::1", v6, no_port, true},
  {"https://[2001:4860:4860::8888]/",            ok, "2001:4860:4860::8888", v6},
  {"https://[2606:4700:4700:0:0:0:0:1111]/",     ok, "2606:4700:4700::1111", v6},
  {"https://[2A00:1450:4001:081D:0000:0000:0000:200E]/", ok, "2a00:1450:4001:81d::200e", v6},
  {"https://[2a00:1450:0:0:1:0:0:1]/",           ok, "2a00:1450::1:0:0:1", v6},  // first longest run
  {"https://[2a00:0:0:2:0:0:0:3]/",              ok, "2a00:0:0:2::3", v6},       // longest run
  {"https://[2a00:0:2:3:4:5:6:7]/",              ok, "2a00:0:2:3:4:5:6:7", v6},  // one 0 stays
  {"https://[1:2:3:4:5:6:7:8]/",                 ok, "1:2:3:4:5:6:7:8", v6},
  {"https://[1:2:3:4:5:6:7::]/",                 ok, "1:2:3:4:5:6:7:0", v6},
  {"https://[::2:3:4:5:6:7:8]/",                 ok, "0:2:3:4:5:6:7:8", v6},
  {"https://[2a00::]/",                          ok, "2a00::", v6},
  {"https://[2001:db8::1]/",                     ok, "2001:db8::1", v6, no_port, true},  // documentation
  {"https://[::ffff:127.0.0.1]/",                ok, "::ffff:127.0.0.1", v6, no_port, true},
  {"https://[::ffff:7f00:1]/",                   ok, "::ffff:127.0.0.1", v6, no_port, true},
  {"https://[0:0:0:0:0:FFFF:7F00:0001]/",        ok, "::ffff:127.0.0.1", v6, no_port, true},
  {"https://[::ffff:10.0.0.1]/",                 ok, "::ffff:10.0.0.1", v6, no_port, true},
  {"https://[::ffff:169.254.169.254]/",          ok, "::ffff:169.254.169.254", v6, no_port, true},
  {"https://[::ffff:8.8.8.8]/",                  ok, "::ffff:8.8.8.8", v6},
  // IPv4-translated (RFC 2765, ::ffff:0:0:0/96): the IPv4 address in the low 32 bits decides.
  // Bytes 0-7 zero, 8-9 ffff, 10-11 zero, 12-15 the address; RFC 5952 writes the zero run as "::".
  {"https://[::ffff:0:127.0.0.1]/",              ok, "::ffff:0:7f00:1", v6, no_port, true},
  {"https://[::ffff:0:a00:1]/",                  ok, "::ffff:0:a00:1", v6, no_port, true},   // 10.0.0.1
  {"https://[::ffff:0:808:808]/",                ok, "::ffff:0:808:808", v6},                // 8.8.8.8
  {"https://[::fffe:0:7f00:1]/",                 ok, "::fffe:0:7f00:1", v6},                 // not the prefix
  {"https://[::1.2.3.4]/",                       ok, "::102:304", v6, no_port, true},  // IPv4-compatible
  {"https://[64:ff9b::127.0.0.1]/",              ok, "64:ff9b::7f00:1", v6, no_port, true},  // NAT64
  {"https://[64:ff9b::8.8.8.8]/",                ok, "64:ff9b::808:808", v6},
  {"https://[2002:7f00:1::]/",                   ok, "2002:7f00:1::", v6, no_port, true},  // 6to4
  {"https://[2002:808:808::1]/",                 ok, "2002:808:808::1", v6},
  {"https://[fc00::1]/",                         ok, "fc00::1", v6, no_port, true},
  {"https://[fd12:3456:789a::1]/",               ok, "fd12:3456:789a::1", v6, no_port, true},
  {"https://[fe80::1]/",                         ok, "fe80::1", v6, no_port, true},
  {"https://[febf::1]/",                         ok, "febf::1", v6, no_port, true},
  {"https://[fec0::1]/",                         ok, "fec0::1", v6, no_port, true},
  {"https://[ff02::1]/",                         ok, "ff02::1", v6, no_port, true},
  {"https://[fbff::1]/",                         ok, "fbff::1", v6},
  {"https://[::1/",                              url_error::bad_ipv6},
  {"https://[]/",                                url_error::bad_ipv6},
  {"https://[1:2:3:4:5:6:7]/",                   url_error::bad_ipv6},
  {"https://[1:2:3:4:5:6:7:8:9]/",               url_error::bad_ipv6},
  {"https://[1:2:3:4:5:6:7:8::]/",               url_error::bad_ipv6},
  {"https://[1::2::3]/",                         url_error::bad_ipv6},
  {"https://[:::]/",                             url_error::bad_ipv6},
  {"https://[:1::2]/",                           url_error::bad_ipv6},
  {"https://[1::2:]/",                           url_error::bad_ipv6},
  {"https://[12345::]/",                         url_error::bad_ipv6},
  {"https://[g::1]/",                            url_error::bad_ipv6},
  {"https://[1.2.3.4::]/",                       url_error::bad_ipv6},
  {"https://[::ffff:127.0.0.01]/",               url_error::bad_ipv6},  // leading zero
  {"https://[::ffff:256.0.0.1]/",                url_error::bad_ipv6},
  {"https://[::ffff:127.1]/",                    url_error::bad_ipv6},
  {"https://[1:2:3:4:5:6:7:1.2.3.4]/",           url_error::bad_ipv6},
  {"https://[fe80::1%25eth0]/",                  url_error::bad_ipv6},  // zone id
  {"https://[v1.fe]/",                           url_error::bad_ipv6},  // IPvFuture
  {"https://[::1]x/",                            url_error::bad_host},
  {"https://[::1]]/",                            url_error::bad_host},
  {"https://a[b]/",                              url_error::bad_host},
  // --- not DNS names --------------------------------------------------------------------------
  {"https://exa!mple.com/",                      url_error::bad_host},
  {"https://exa*mple.com/",                      url_error::bad_host},
  {"https://a~b.com/",                           url_error::bad_host},
  {"https://a..b/",                              url_error::bad_host},
  {"https://.example.com/",                      url_error::bad_host},
  {"https://example.com../",                     url_error::bad_host},
  {"https://./",                                 url_error::bad_host},
  {"https://%2e/",                               url_error::bad_host},
  {"https://%E4%BE%8B.com/",                     url_error::bad_host},  // UTF-8, not punycode
  {"https://ex%00ample.com/",                    url_error::bad_host},
  {"https://ex%2Fample.com/",                    url_error::bad_host},
  {"https://ex%2ample.com/",                     url_error::bad_host},  // %2a is '*'
  // --- empty host -------------------------------------------------------------------------------
  {"https:///path",                              url_error::empty_host},
  {"https://",                                   url_error::empty_host},
  {"https://:80/",                               url_error::empty_host},
  {"https://user@/",                             url_error::empty_host},
  {"https://?q",                                 url_error::empty_host},
  {"https://::1/",                               url_error::empty_host},
  // --- scheme and authority -------------------------------------------------------------------
  {"",                                           url_error::empty},
  {"example.com/path",                           url_error::no_scheme},
  {"//example.com/path",                         url_error::no_scheme},
  {"/path",                                      url_error::no_scheme},
  {"://example.com/",                            url_error::no_scheme},
  {"https//example.com/",                        url_error::no_scheme},
  {"1https://example.com/",                      url_error::bad_scheme},
  {"ht_tp://example.com/",                       url_error::bad_scheme},
  {"+http://example.com/",                       url_error::bad_scheme},
  {"ht%74p://example.com/",                      url_error::bad_scheme},
  {"data:image/png;base64,iVBORw0KGgo=",         url_error::no_authority},
  {"mailto:user@example.com",                    url_error::no_authority},
  {"https:example.com",                          url_error::no_authority},
  {"https:/example.com",                         url_error::no_authority},
  {"localhost:8080",                             url_error::no_authority},
  {"urn:isbn:0451450523",                        url_error::no_authority},
  // --- characters and escapes -----------------------------------------------------------------
  {"https://example.com/%",                      url_error::bad_percent_encoding},
  {"https://example.com/%2",                     url_error::bad_percent_encoding},
  {"https://example.com/%zz",                    url_error::bad_percent_encoding},
  {"https://ex%g1.com/",                         url_error::bad_percent_encoding},
  {"https://example.com/a b",                    url_error::bad_character},
  {" https://example.com/",                      url_error::bad_character},
  {"https://example.com/ ",                      url_error::bad_character},
  {"https://ex ample.com/",                      url_error::bad_character},
  {"https://example.com/\n",                     url_error::bad_character},
  {"https://exam\tple.com/",                     url_error::bad_character},
  {"https://exa\0mple.com/"sv,                   url_error::bad_character},  // NUL
  {"https://example.com/\0"sv,                   url_error::bad_character},
  {"https://example.com/\x7f",                   url_error::bad_character},
  {"https://example.com/\xff",                   url_error::bad_character},  // invalid UTF-8
  {"https://example.com/\xc3\x28",               url_error::bad_character},  // invalid UTF-8
  {"https://example.com/caf\xc3\xa9",            url_error::bad_character},  // valid UTF-8
  {"https://\xe4\xbe\x8b.com/",                  url_error::bad_character},
  {"https://example.com/a\\b",                   url_error::bad_character},
  {"https://example.com\\@127.0.0.1/",           url_error::bad_character},
  {"https://example.com/{x}",                    url_error::bad_character},
  {"https://example.com/a|b",                    url_error::bad_character},
  {"https://example.com/\"q\"",                  url_error::bad_character},
  {"https://example.com/<a>",                    url_error::bad_character},
  {"https://example.com/a^b",                    url_error::bad_character},
  {"https://example.com/a`b",                    url_error::bad_character},
  {"https://example.com/[a]",                    url_error::bad_character},
  {"https://example.com/?a[]=1",                 url_error::bad_character},
  {"https://example.com/#a#b",                   url_error::bad_character},
  {"https://example.com/#[x]",                   url_error::bad_character},
};
// clang-format on

std::string show(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b >= 0x7f) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[b >> 4U];
      out += hex[b & 0xfU];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

// The inputs of the corpus, for the differential test against Boost.URL (url_boost_test.cpp).
namespace url_test {
std::vector<std::string_view> corpus_inputs() {
  std::vector<std::string_view> out;
  out.reserve(corpus.size());
  for (const auto& r : corpus) out.push_back(r.input);
  return out;
}
}  // namespace url_test

namespace {

std::string_view host_of(const seedance::url_view& v) { return v.host(); }
std::string_view host_of(const seedance::url_parts& u) { return u.host; }

/// Every part of two parses but the scheme (each form keeps it its own way): url_view and
/// url_parts, or two url_views.
template <class A, class B>
void check_same_parts(const A& a, const B& b) {
  CHECK(host_of(a) == host_of(b));
  CHECK(a.kind == b.kind);
  CHECK(a.ipv4 == b.ipv4);
  CHECK(a.ipv6 == b.ipv6);
  CHECK(a.port == b.port);
  CHECK(a.has_userinfo == b.has_userinfo);
  CHECK(a.userinfo == b.userinfo);
  CHECK(a.path == b.path);
  CHECK(a.query == b.query);
  CHECK(a.fragment == b.fragment);
}

}  // namespace

TEST_CASE("parse_url: corpus", "[url]") {
  REQUIRE(corpus.size() >= 80);
  std::set<std::string_view> seen;
  for (const auto& r : corpus) {
    INFO("input: " << show(r.input));
    CHECK(seen.insert(r.input).second);  // no duplicate rows
    const auto res = seedance::parse_url(r.input);
    CHECK(seedance::to_string(res.error) == seedance::to_string(r.error));
    CHECK(static_cast<bool>(res) == (r.error == url_error::none));
    CHECK(res.url.has_value() == (res.error == url_error::none));
    CHECK(res.message.empty() == (res.error == url_error::none));
    if (!res || r.error != url_error::none) continue;
    const auto& u = *res.url;
    CHECK(u.host == r.host);
    CHECK(u.kind == r.kind);
    CHECK(u.port.has_value() == (r.port != no_port));
    if (u.port && r.port != no_port) CHECK(int{*u.port} == r.port);
    CHECK(seedance::is_internal_host(u) == r.internal);
  }
}

TEST_CASE("parse_url_view: the same parts and errors as parse_url, as views", "[url]") {
  for (const auto& r : corpus) {
    INFO("input: " << show(r.input));
    const auto res = seedance::parse_url(r.input);
    seedance::url_view v;
    std::string message;
    CHECK(seedance::parse_url_view(r.input, v, &message) == res.error);
    CHECK(message == res.message);
    CHECK(seedance::parse_url_view(r.input, v) == res.error);  // without a message
    if (!res) continue;
    const auto& u = *res.url;
    check_same_parts(v, u);
    CHECK(v.scheme_is(u.scheme));
    CHECK(seedance::is_internal_host(v) == r.internal);
    // the views point into the input
    if (!v.path.empty()) {
      CHECK(v.path.data() >= r.input.data());
      CHECK(v.path.data() + v.path.size() <= r.input.data() + r.input.size());
    }
  }
  seedance::url_view v;
  REQUIRE(seedance::parse_url_view("HtTpS://h/", v) == url_error::none);
  CHECK(v.scheme == "HtTpS");
  CHECK(v.scheme_is("https"));
  CHECK_FALSE(v.scheme_is("http"));
  // A second parse into the same view forgets the first one.
  REQUIRE(seedance::parse_url_view("https://u@[::1]:8/p?q#f", v) == url_error::none);
  REQUIRE(seedance::parse_url_view("https://example.com", v) == url_error::none);
  CHECK_FALSE(v.has_userinfo);
  CHECK_FALSE(v.port);
  CHECK(v.kind == host_kind::name);
  CHECK(v.ipv6 == std::array<std::uint8_t, 16>{});
  CHECK(v.query.empty());
  CHECK(v.fragment.empty());
  // A host longer than the view's bytes once decoded: an IPv4 address with 300 leading zeros.
  const std::string zeros = "https://0" + std::string(300, '0') + "177.0.0.1/";
  REQUIRE(seedance::parse_url_view(zeros, v) == url_error::none);
  CHECK(v.host() == "127.0.0.1");
  CHECK(seedance::is_internal_host(v));
  const std::string long_name = "https://" + std::string(300, 'a') + "/";
  CHECK(seedance::parse_url_view(long_name, v) == url_error::bad_host);
}

TEST_CASE("parse_url: every error code is reached by the corpus", "[url]") {
  std::set<url_error> codes;
  for (const auto& r : corpus) codes.insert(r.error);
  // too_long is covered by its own test case below; all the others appear in the corpus.
  for (const auto e : {url_error::none, url_error::empty, url_error::no_scheme, url_error::bad_scheme, url_error::no_authority,
                       url_error::bad_userinfo, url_error::empty_host, url_error::bad_host, url_error::bad_ipv4, url_error::bad_ipv6,
                       url_error::bad_port, url_error::bad_percent_encoding, url_error::bad_character}) {
    INFO(seedance::to_string(e));
    CHECK(codes.count(e) == 1);
  }
}

TEST_CASE("parse_url: components", "[url]") {
  SECTION("all parts") {
    const auto r = seedance::parse_url("HTTPS://User:P%40ss@Example.COM:8443/a/B%20c.JPG?x=1&y=%2F#Top");
    REQUIRE(r);
    const auto& u = *r.url;
    CHECK(u.scheme == "https");
    CHECK(u.has_userinfo);
    CHECK(u.userinfo == "User:P%40ss");
    CHECK(u.host == "example.com");
    CHECK(u.port == std::optional<std::uint16_t>{8443});
    CHECK(u.path == "/a/B%20c.JPG");
    CHECK(u.query == "x=1&y=%2F");
    CHECK(u.fragment == "Top");
  }
  SECTION("no path, query or fragment") {
    const auto r = seedance::parse_url("http://example.com");
    REQUIRE(r);
    CHECK(r.url->scheme == "http");
    CHECK_FALSE(r.url->has_userinfo);
    CHECK(r.url->userinfo.empty());
    CHECK(r.url->path.empty());
    CHECK(r.url->query.empty());
    CHECK(r.url->fragment.empty());
    CHECK_FALSE(r.url->port.has_value());
  }
  SECTION("empty userinfo, query and fragment") {
    const auto r = seedance::parse_url("https://@example.com?#");
    REQUIRE(r);
    CHECK(r.url->has_userinfo);
    CHECK(r.url->userinfo.empty());
    CHECK(r.url->path.empty());
    CHECK(r.url->query.empty());
    CHECK(r.url->fragment.empty());
  }
  SECTION("query holding '?' and '/', fragment holding '?'") {
    const auto r = seedance::parse_url("https://h.example/p/q?a=/b?c#d?e/f");
    REQUIRE(r);
    CHECK(r.url->path == "/p/q");
    CHECK(r.url->query == "a=/b?c");
    CHECK(r.url->fragment == "d?e/f");
  }
  SECTION("'@' and ':' after the authority belong to the path") {
    const auto r = seedance::parse_url("https://example.com/user@127.0.0.1:80");
    REQUIRE(r);
    CHECK(r.url->host == "example.com");
    CHECK_FALSE(r.url->has_userinfo);
    CHECK_FALSE(r.url->port.has_value());
    CHECK(r.url->path == "/user@127.0.0.1:80");
  }
  SECTION("IPv4 and IPv6 numeric values") {
    const auto a = seedance::parse_url("https://0x7f.1/");
    REQUIRE(a);
    CHECK(a.url->ipv4 == 0x7f000001U);
    const auto b = seedance::parse_url("https://[2001:db8::ff00:42:8329]/");
    REQUIRE(b);
    const std::array<std::uint8_t, 16> want{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0x00, 0, 0x42, 0x83, 0x29};
    CHECK(b.url->ipv6 == want);
    CHECK(b.url->host == "2001:db8::ff00:42:8329");
    const auto c = seedance::parse_url("https://[::ffff:192.0.2.128]/");
    REQUIRE(c);
    const std::array<std::uint8_t, 16> mapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 128};
    CHECK(c.url->ipv6 == mapped);
  }
}

TEST_CASE("parse_url: lengths", "[url]") {
  const std::string prefix = "https://example.com/";
  SECTION("url_max_length is accepted, one more byte is too_long") {
    std::string s = prefix + std::string(seedance::url_max_length - prefix.size(), 'a');
    REQUIRE(s.size() == seedance::url_max_length);
    CHECK(seedance::parse_url(s).error == url_error::none);
    s += 'a';
    const auto r = seedance::parse_url(s);
    CHECK(r.error == url_error::too_long);
    CHECK(r.message.size() < 200);
  }
  SECTION("far over the limit") {
    const std::string s(16 * 1024 * 1024, 'a');
    CHECK(seedance::parse_url(s).error == url_error::too_long);
  }
  SECTION("labels of 63 and 64 bytes; names of 253 and 254 bytes") {
    const std::string l63(63, 'a');
    CHECK(seedance::parse_url("https://" + l63 + ".example/").error == url_error::none);
    CHECK(seedance::parse_url("https://" + l63 + "a.example/").error == url_error::bad_host);
    // 4 labels of 63 bytes and 3 dots = 255 bytes; trimming gives 253 and 254.
    std::string name = l63 + "." + l63 + "." + l63 + "." + std::string(61, 'b');  // 253
    REQUIRE(name.size() == 253);
    CHECK(seedance::parse_url("https://" + name + "/").error == url_error::none);
    CHECK(seedance::parse_url("https://" + name + "./").error == url_error::none);
    CHECK(seedance::parse_url("https://" + name + "b/").error == url_error::bad_host);
  }
  SECTION("long numbers neither overflow nor take long") {
    const auto port = seedance::parse_url("https://example.com:" + std::string(5000, '0') + "80/");
    REQUIRE(port);
    CHECK(port.url->port == std::optional<std::uint16_t>{80});
    CHECK(seedance::parse_url("https://example.com:" + std::string(5000, '9') + "/").error == url_error::bad_port);
    CHECK(seedance::parse_url("https://" + std::string(5000, '9') + "/").error == url_error::bad_ipv4);
    CHECK(seedance::parse_url("https://0x" + std::string(5000, 'f') + "/").error == url_error::bad_ipv4);
    // 18446744073709551616 + 127.0.0.1 would wrap a 64-bit accumulator to 127.0.0.1.
    CHECK(seedance::parse_url("https://18446744075840258049/").error == url_error::bad_ipv4);
    const auto octal = seedance::parse_url("https://" + std::string(5000, '0') + "177.0.0.1/");
    REQUIRE(octal);
    CHECK(octal.url->host == "127.0.0.1");
    const auto hex = seedance::parse_url("https://0x" + std::string(5000, '0') + "7f.1/");
    REQUIRE(hex);
    CHECK(hex.url->host == "127.0.0.1");
  }
  SECTION("long error messages are truncated") {
    const auto r = seedance::parse_url("https://" + std::string(10000, 'a') + "!.com/");
    CHECK(r.error == url_error::bad_host);
    CHECK(r.message.size() < 300);
  }
}

TEST_CASE("to_string(url_error)", "[url]") {
  CHECK(seedance::to_string(url_error::none) == "none");
  CHECK(seedance::to_string(url_error::empty) == "empty");
  CHECK(seedance::to_string(url_error::too_long) == "too_long");
  CHECK(seedance::to_string(url_error::no_scheme) == "no_scheme");
  CHECK(seedance::to_string(url_error::bad_scheme) == "bad_scheme");
  CHECK(seedance::to_string(url_error::no_authority) == "no_authority");
  CHECK(seedance::to_string(url_error::bad_userinfo) == "bad_userinfo");
  CHECK(seedance::to_string(url_error::empty_host) == "empty_host");
  CHECK(seedance::to_string(url_error::bad_host) == "bad_host");
  CHECK(seedance::to_string(url_error::bad_ipv4) == "bad_ipv4");
  CHECK(seedance::to_string(url_error::bad_ipv6) == "bad_ipv6");
  CHECK(seedance::to_string(url_error::bad_port) == "bad_port");
  CHECK(seedance::to_string(url_error::bad_percent_encoding) == "bad_percent_encoding");
  CHECK(seedance::to_string(url_error::bad_character) == "bad_character");
  CHECK(seedance::to_string(static_cast<url_error>(200)).empty());
  static_assert(seedance::to_string(url_error::bad_port) == "bad_port");
}

TEST_CASE("path_extension", "[url]") {
  struct ext_row {
    std::string_view input;
    std::string_view ext;
  };
  const std::vector<ext_row> rows{
      {"https://example.com/a/b.jpg", "jpg"},
      {"https://example.com/a/b.JPG", "jpg"},
      {"https://example.com/a/b.tar.gz", "gz"},
      {"https://example.com/b.jpeg?x=1.png", "jpeg"},
      {"https://example.com/b.mp4#t=1.mov", "mp4"},
      {"https://example.com/a.mp3/b", ""},
      {"https://example.com/a/b", ""},
      {"https://example.com/a/", ""},
      {"https://example.com/", ""},
      {"https://example.com", ""},
      {"https://example.com/b.", ""},
      {"https://example.com/.webp", ""},  // a hidden file's name, no extension
      {"https://example.com/..webp", "webp"},
      {"https://example.com/b%2EPNG", "png"},
      {"https://example.com/b.%6D%70%34", "mp4"},
      {"https://example.com/x.jpg%2Fy.wav", "wav"},  // %2F does not split segments
      {"https://example.com/v.MoV", "mov"},
      {"https://example.com/b.jpg;v=1", "jpg"},  // path parameters are not part of the name
      {"https://example.com/b;v=1.png", ""},
      {"https://example.com/b.jpg;", "jpg"},
      {"https://example.com/b%3Bv.png", "png"},  // an escaped ';' is data
      {"https://example.com/a.mp4;x/b.wav;y", "wav"},
  };
  for (const auto& r : rows) {
    INFO(r.input);
    const auto p = seedance::parse_url(r.input);
    REQUIRE(p);
    CHECK(seedance::path_extension(*p.url) == r.ext);
    // path_extension_in says the same without allocating: "" is always accepted.
    const std::vector<std::string_view> only_it{r.ext}, others{"abc", "jpgx", "jp"};
    CHECK(seedance::path_extension_in(p.url->path, only_it));
    CHECK(seedance::path_extension_in(p.url->path, others) == r.ext.empty());
  }
  seedance::url_parts hand;
  hand.path = "/a%zz.WAV";  // not from parse_url: a stray '%' is kept as it is
  CHECK(seedance::path_extension(hand) == "wav");
  hand.path = "/a.w%zzv";
  CHECK(seedance::path_extension(hand) == "w%zzv");
}

TEST_CASE("is_internal_host on parts built by hand", "[url]") {
  seedance::url_parts u;
  u.kind = host_kind::name;
  for (const auto* h : {"localhost", "LocalHost", "localhost.", "x.localhost", "x.LOCALHOST."}) {
    INFO(h);
    u.host = h;
    CHECK(seedance::is_internal_host(u));
  }
  for (const auto* h : {"", ".", "localhost..", "xlocalhost", "localhost.com", "example.com"}) {
    INFO(h);
    u.host = h;
    CHECK_FALSE(seedance::is_internal_host(u));
  }
  // kind, not the text, decides for addresses.
  u.host = "localhost";
  u.kind = host_kind::ipv4;
  u.ipv4 = 0x08080808U;
  CHECK_FALSE(seedance::is_internal_host(u));
  u.ipv4 = 0xac1fffffU;  // 172.31.255.255
  CHECK(seedance::is_internal_host(u));
  u.ipv4 = 0xac200000U;  // 172.32.0.0
  CHECK_FALSE(seedance::is_internal_host(u));
  u.kind = host_kind::ipv6;
  u.ipv6 = {0x20, 0x01, 0x48, 0x60, 0x48, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0x88, 0x88};
  CHECK_FALSE(seedance::is_internal_host(u));
  u.ipv6[0] = 0xfd;
  CHECK(seedance::is_internal_host(u));
}

TEST_CASE("parse_url: random input never throws and keeps its invariants", "[url]") {
  std::mt19937 rng(20260802U);
  constexpr std::string_view alphabet = "ahx0179.:/@[]%?#-_~!*fF \t\0\x80\xff"sv;
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> length(0, 24);
  const std::string_view prefixes[] = {"", "https://", "http://[", "https://a@", "x:"};
  for (int i = 0; i < 20000; ++i) {
    std::string s(prefixes[static_cast<std::size_t>(i) % std::size(prefixes)]);
    for (std::size_t n = length(rng); n > 0; --n) s += alphabet[pick(rng)];
    INFO(show(s));
    seedance::url_result r;
    REQUIRE_NOTHROW(r = seedance::parse_url(s));
    REQUIRE(r.url.has_value() == (r.error == url_error::none));
    REQUIRE(r.message.empty() == (r.error == url_error::none));
    if (!r) continue;
    const auto& u = *r.url;
    REQUIRE_FALSE(u.host.empty());
    // The normalized host is itself a host that parses to the same thing.
    const auto again = seedance::parse_url("https://" + (u.kind == host_kind::ipv6 ? "[" + u.host + "]" : u.host) + "/");
    REQUIRE(again);
    CHECK(again.url->host == u.host);
    CHECK(again.url->kind == u.kind);
    CHECK(again.url->ipv4 == u.ipv4);
    CHECK(again.url->ipv6 == u.ipv6);
    seedance::url_view v;
    REQUIRE(seedance::parse_url_view(s, v) == url_error::none);
    CHECK(v.host() == u.host);
    CHECK(v.path == u.path);
  }
}

TEST_CASE("parse_url_view: the one-pass reader of the usual URL gives what the full parser gives", "[url]") {
  // detail::url::parse_common takes the usual shape (lower-case scheme, plain DNS name, no '%')
  // and leaves everything else to parse_parts. Wherever it accepts, every part must be the full
  // parser's; the inputs combine the edges of each part.
  const std::vector<std::string_view> schemes{"https", "http", "h", "HTTPS", "ftp", "h1", "", "https:"};
  const std::vector<std::string_view> hosts{
      "example.com", "cdn.example.com", "EXAMPLE.com", "a-b_c.d", "a",           "localhost", "x..y",     ".a",
      "a.",          "1.2.3.4",         "a.1",         "a.0x1f",  "a.b1",        "a.1b",      "",         "a:443",
      "u@a.b",       "[::1]",           "a%2eb",       "a b",     "\xC3\xA4.de", "127.0.0.1", "0.0.0.0",  "255.255.255.255",
      "256.1.1.1",   "01.2.3.4",        "1.2.3.04",    "1.2.3",   "1.2.3.4.5",   "1..2.3",    "1.2.3.4.", "0x7f.0.0.1",
      "1.2.3.1000",  "a.b.1.2"};
  const std::vector<std::string_view> rests{"",         "/",      "/a/b.jpg", "/a%2e", "/a;v=1", "/a b", "/\xC3\xA4",
                                            "?q=1",     "/p?q#f", "#f",       "/p#f%", "?q%20",  "/p?",  "/p#",
                                            "/p?q?r/s", "/p#f#g", "/p?a=b#c", "/[x]",  "/p|q"};
  std::vector<std::string> inputs;
  for (const auto s : schemes)
    for (const auto h : hosts)
      for (const auto r : rests) inputs.push_back(std::string(s) + "://" + std::string(h) + std::string(r));
  inputs.push_back("https://" + std::string(63, 'a') + ".com/x.jpg");   // the longest label
  inputs.push_back("https://" + std::string(64, 'a') + ".com/x.jpg");   // one too long
  std::string long_host;
  while (long_host.size() < 251) long_host += "abcdefghi.";
  long_host.resize(253);
  for (const std::size_t n : {251, 252, 253}) inputs.push_back("https://" + long_host.substr(0, n) + "/x.jpg");
  for (const std::size_t n : {253, 254, 255}) inputs.push_back("https://" + std::string(n, 'a') + "/x.jpg");
  std::size_t fast = 0;
  for (const std::string& in : inputs) {
    INFO(in);
    seedance::url_view quick, full;
    if (!seedance::detail::url::parse_common(in, quick)) continue;
    ++fast;
    REQUIRE(seedance::detail::url::parse_parts(in, full, nullptr) == url_error::none);
    CHECK(in.find('%') == std::string::npos);  // so parse() runs no byte check after the parts
    CHECK(quick.scheme == full.scheme);
    check_same_parts(quick, full);
  }
  // What the one-pass reader must take (the shapes above that are usual), and must leave.
  CHECK(fast >= 3 * 8 * 10);
  for (const std::string_view usual : {"https://example.com/a/b.jpg", "http://cdn.example.com/p?q=1#f", "https://a-b_c.d", "https://a.b1/x",
                                       "https://127.0.0.1/b.png", "http://10.0.0.1/cb"}) {
    seedance::url_view u;
    CHECK(seedance::detail::url::parse_common(usual, u));
  }
  for (const std::string_view other :
       {"HTTPS://example.com/", "https://a.1/x", "https://a.0x1f/", "https://a:443/", "https://u@a.b/", "https://[::1]/", "https://a./",
        "https://x..y/", "https://a/%41", "https://a/b?%41", "https://01.2.3.4/", "https://1.2.3/", "https://256.1.1.1/"}) {
    seedance::url_view u;
    CHECK_FALSE(seedance::detail::url::parse_common(other, u));
  }
}
