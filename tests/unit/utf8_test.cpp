// The UTF-8 decoder of detail/utf8.hpp (prompt counts, report repair) against the definition:
// a byte sequence is valid exactly when it is the encoding of one Unicode scalar value.
#include <seedance/detail/utf8.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

/// The encoding of scalar value `cp`, written from RFC 3629's table.
std::string encode(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

bool is_scalar(char32_t cp) { return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF); }

std::vector<char32_t> decode(const std::string& s, bool& ok) {
  std::vector<char32_t> cps;
  ok = seedance::detail::for_each_code_point(s, [&](char32_t c) { cps.push_back(c); });
  return cps;
}

}  // namespace

TEST_CASE("utf8: every scalar value decodes to itself", "[utf8]") {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (!is_scalar(cp)) continue;
    bool ok = false;
    const auto cps = decode(encode(cp), ok);
    if (!ok || cps.size() != 1 || cps[0] != cp) FAIL("U+" << std::hex << static_cast<unsigned long>(cp));
  }
  SUCCEED();
}

TEST_CASE("utf8: every 1-, 2- and 3-byte sequence is valid exactly when it encodes a scalar value", "[utf8]") {
  std::size_t valid = 0;
  const auto check = [&](const std::string& s) {
    bool ok = false;
    const auto cps = decode(s, ok);
    // The reference: valid iff it is one scalar's encoding (or a run of ASCII).
    bool expected = false;
    if (ok && !cps.empty()) {
      std::string again;
      for (const char32_t c : cps) again += encode(c);
      expected = again == s;
      for (const char32_t c : cps) expected = expected && is_scalar(c);
    }
    if (ok != expected) FAIL("bytes differ from the definition");
    if (seedance::detail::is_valid_utf8(s) != expected) FAIL("is_valid_utf8 differs from the definition");
    // the same within longer text, past the eight-byte ASCII step
    if (seedance::detail::is_valid_utf8("12345678" + s + "abcdefghi") != expected) FAIL("is_valid_utf8 in text differs");
    valid += ok ? 1 : 0;
  };
  for (int a = 0; a < 256; ++a) check(std::string(1, static_cast<char>(a)));
  for (int a = 0; a < 256; ++a)
    for (int b = 0; b < 256; ++b) check(std::string{static_cast<char>(a), static_cast<char>(b)});
  for (int a = 0xE0; a <= 0xEF; ++a)
    for (int b = 0; b < 256; ++b)
      for (int c = 0; c < 256; ++c) check(std::string{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
  // 128 one-byte; 128*128 two ASCII + 1,920 two-byte scalars (U+0080..U+07FF); the 63,488 values
  // U+0800..U+FFFF less the 2,048 surrogates as three bytes.
  CHECK(valid == 128 + (128 * 128 + 1920) + (63488 - 2048));
}

TEST_CASE("utf8: truncated, overlong, surrogate and out-of-range sequences fail", "[utf8]") {
  for (const std::string& bad : {std::string("\xC0\xAF"), std::string("\xE0\x80\xAF"), std::string("\xF0\x80\x80\xAF"),
                                 std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"), std::string("\xF5\x80\x80\x80"),
                                 std::string("\xE4\xB8"), std::string("\xF0\x9F\x98"), std::string("\x80"), std::string("a\xFF")}) {
    bool ok = true;
    (void)decode(bad, ok);
    CHECK_FALSE(ok);
    CHECK_FALSE(seedance::detail::is_valid_utf8(bad));
    CHECK_FALSE(seedance::detail::is_valid_utf8("0123456789" + bad));
  }
  // Every 4-byte lead with every second byte, and the boundaries of the 4-byte range.
  for (int a = 0xF0; a <= 0xF7; ++a)
    for (int b = 0; b < 256; ++b) {
      const std::string s{static_cast<char>(a), static_cast<char>(b), '\x80', '\x80'};
      bool ok = false;
      (void)decode(s, ok);
      if (seedance::detail::is_valid_utf8(s) != ok) FAIL("4-byte sequence " << a << " " << b);
    }
  CHECK(seedance::detail::is_valid_utf8("\xF0\x90\x80\x80"));   // U+10000
  CHECK(seedance::detail::is_valid_utf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  CHECK(seedance::detail::is_valid_utf8(std::string(1000, 'a') + "\xE7\x8C\xAB"));
  CHECK_FALSE(seedance::detail::is_valid_utf8(std::string(1000, 'a') + "\xE7\x8C"));
  CHECK(seedance::detail::is_valid_utf8(""));
  CHECK(seedance::detail::valid_utf8_prefix("ab\xE4\xB8\x80\xFF") == 5);
  CHECK(seedance::detail::to_valid_utf8("a\xFF"
                                        "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(seedance::detail::to_valid_utf8("\xE4\xB8") == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("utf8: all_code_points decodes valid text and stops at the first code point refused", "[utf8]") {
  std::vector<char32_t> seen;
  const auto keep = [&](char32_t c) {
    seen.push_back(c);
    return c != U'\u732B';
  };
  CHECK_FALSE(seedance::detail::all_code_points("a\xC3\xA9\xE7\x8C\xAB\xF0\x9F\x98\x80z", keep));
  CHECK(seen == std::vector<char32_t>{U'a', U'\u00E9', U'\u732B'});
  seen.clear();
  CHECK(seedance::detail::all_code_points("a\xC3\xA9\xF0\x9F\x98\x80", keep));
  CHECK(seen == std::vector<char32_t>{U'a', U'\u00E9', U'\U0001F600'});
  CHECK(seedance::detail::all_code_points("", keep));
}
