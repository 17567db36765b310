// The text toolkit (detail/text.hpp) that every message of the library is written with: each
// function against strings derived by hand from its definition.
#include <seedance/detail/text.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace text = seedance::detail::text;
using namespace std::string_literals;

TEST_CASE("text::quote: the validator's quoting escapes and cuts at 80 bytes with the size", "[text]") {
  CHECK(text::quote("abc", text::request_value) == "\"abc\"");
  CHECK(text::quote("", text::request_value) == "\"\"");
  // control bytes, '"' and '\\' as \xHH in upper-case hex
  CHECK(text::quote("a\tb", text::request_value) == "\"a\\x09b\"");
  CHECK(text::quote("say \"hi\"", text::request_value) == "\"say \\x22hi\\x22\"");
  CHECK(text::quote("back\\slash", text::request_value) == "\"back\\x5Cslash\"");
  CHECK(text::quote("\x7f", text::request_value) == "\"\\x7F\"");
  // UTF-8 is kept as it is
  CHECK(text::quote("caf\xC3\xA9", text::request_value) == "\"caf\xC3\xA9\"");
  // exactly 80 bytes: whole, no size; 81 bytes: 80 shown, "...", and the size
  const std::string eighty(80, 'x');
  CHECK(text::quote(eighty, text::request_value) == "\"" + eighty + "\"");
  CHECK(text::quote(eighty + "y", text::request_value) == "\"" + eighty + "...\" (81 bytes)");
}

TEST_CASE("text::quote: the feed's quoting cuts at 40 bytes and shows control bytes as '?'", "[text]") {
  CHECK(text::quote("4002-1080p", text::feed_value) == "\"4002-1080p\"");
  CHECK(text::quote("a\nb\x7f", text::feed_value) == "\"a?b?\"");
  CHECK(text::quote("a\"b", text::feed_value) == "\"a\"b\"");  // not escaped
  const std::string forty(40, 'f');
  CHECK(text::quote(forty, text::feed_value) == "\"" + forty + "\"");
  CHECK(text::quote(forty + "gh", text::feed_value) == "\"" + forty + "...\"");  // no size
}

TEST_CASE("text::quote: the URL parser's quoting uses single quotes and cuts at 64 bytes", "[text]") {
  CHECK(text::quote("exa mple", text::url_part) == "'exa mple'");
  CHECK(text::quote("a\tb", text::url_part) == "'a\tb'");  // kept
  const std::string sixty_four(64, 'u');
  CHECK(text::quote(sixty_four, text::url_part) == "'" + sixty_four + "'");
  CHECK(text::quote(sixty_four + "v", text::url_part) == "'" + sixty_four + "...'");
}

TEST_CASE("text::quote: names are quoted whole", "[text]") {
  CHECK(text::quote("moov", text::name) == "'moov'");
  CHECK(text::quote(std::string(500, 'n'), text::name) == "'" + std::string(500, 'n') + "'");
  CHECK(text::quote("model_id", text::field_name) == "\"model_id\"");
  // a style of one's own
  CHECK(text::quote("abcdef", text::quoting{'`', 3, text::unprintable::kept, true}) == "`abc...` (6 bytes)");
}

TEST_CASE("text::shorten cuts without quotes", "[text]") {
  CHECK(text::shorten("12345", 5) == "12345");
  CHECK(text::shorten("123456", 5) == "12345...");
  CHECK(text::shorten("", 0).empty());
}

TEST_CASE("text::hex: digits, bytes", "[text]") {
  CHECK(text::hex_digit(0) == '0');
  CHECK(text::hex_digit(10) == 'a');
  CHECK(text::hex_digit(15, true) == 'F');
  CHECK(text::hex2(0x0a) == "0a");
  CHECK(text::hex2(0xd8, true) == "D8");
  CHECK(text::hex_byte(0) == "0x00");
  CHECK(text::hex_byte(0xff) == "0xff");
  CHECK(text::is_hex('a'));
  CHECK(text::is_hex('F'));
  CHECK(text::is_hex('9'));
  CHECK_FALSE(text::is_hex('g'));
  CHECK_FALSE(text::is_hex('%'));
  CHECK(text::hex_value('c') == 12);
  CHECK(text::hex_value('C') == 12);
  CHECK(text::hex_value('7') == 7);
}

TEST_CASE("text::pointer_token: RFC 6901's escapes, '~' before '/'", "[text]") {
  CHECK(text::pointer_token("model") == "model");
  CHECK(text::pointer_token("a/b") == "a~1b");
  CHECK(text::pointer_token("m~n") == "m~0n");
  CHECK(text::pointer_token("~1") == "~01");  // not "~1": the '~' is escaped first
  CHECK(text::pointer_token("/~/").size() == 6);
  CHECK(text::pointer_token("/~/") == "~1~0~1");
  std::string p = "/values/";
  text::append_pointer_token(p, "1080p/4k");
  CHECK(p == "/values/1080p~14k");
}

TEST_CASE("text::percent_decode: two hex digits make a byte, anything else stays", "[text]") {
  CHECK(text::percent_decoded("a%20b") == "a b");
  CHECK(text::percent_decoded("%e4%B8%AD") == "\xE4\xB8\xAD");  // either case
  CHECK(text::percent_decoded("100%") == "100%");
  CHECK(text::percent_decoded("%2") == "%2");
  CHECK(text::percent_decoded("%zz%41") == "%zzA");
  CHECK(text::percent_decoded("%00").size() == 1);
  std::string out = "x";
  text::percent_decode("%2F", out);
  CHECK(out == "x/");
  std::vector<char> bytes;
  text::percent_decode_each("%41b", [&](char c) { bytes.push_back(c); });
  CHECK(bytes == std::vector<char>{'A', 'b'});
}

TEST_CASE("text::append_utf8: RFC 3629's encodings at each length", "[text]") {
  const auto enc = [](char32_t cp) {
    std::string s;
    text::append_utf8(s, cp);
    return s;
  };
  CHECK(enc(U'A') == "A");
  CHECK(enc(0x7F) == "\x7F");
  CHECK(enc(0x80) == "\xC2\x80");
  CHECK(enc(0xE9) == "\xC3\xA9");      // é
  CHECK(enc(0x7FF) == "\xDF\xBF");
  CHECK(enc(0x800) == "\xE0\xA0\x80");
  CHECK(enc(0x4E2D) == "\xE4\xB8\xAD");  // 中
  CHECK(enc(0xFFFF) == "\xEF\xBF\xBF");
  CHECK(enc(0x10000) == "\xF0\x90\x80\x80");
  CHECK(enc(0x1F600) == "\xF0\x9F\x98\x80");  // 😀
  CHECK(enc(0x10FFFF) == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("text::join and join_and", "[text]") {
  const std::vector<std::string_view> none;
  const std::vector<std::string_view> one{"a"};
  const std::vector<std::string_view> two{"a", "b"};
  const std::vector<std::string_view> three{"a", "b", "c"};
  CHECK(text::join(none, ", ").empty());
  CHECK(text::join(one, ", ") == "a");
  CHECK(text::join(three, ", ") == "a, b, c");
  CHECK(text::join(three, "|") == "a|b|c");
  const std::array<std::string_view, 2> arr{"x", "y"};
  CHECK(text::join(arr, " / ") == "x / y");
  CHECK(text::join_and(none).empty());
  CHECK(text::join_and(one) == "a");
  CHECK(text::join_and(two) == "a and b");
  CHECK(text::join_and(three) == "a, b and c");
}
