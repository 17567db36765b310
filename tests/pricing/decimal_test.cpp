// seedance::decimal: exact parsing, checked arithmetic, rounding, text.
#include <seedance/decimal.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

using seedance::decimal;

namespace {
decimal d(const char* s) {
  const auto v = decimal::parse(s);
  REQUIRE(v.has_value());
  return *v;
}
}  // namespace

TEST_CASE("decimal: parses decimal text exactly, in lowest terms", "[decimal]") {
  CHECK(d("0.609").numerator() == 609);
  CHECK(d("0.609").denominator() == 1000);
  CHECK(d("0.465").numerator() == 93);  // 465/1000 = 93/200
  CHECK(d("0.465").denominator() == 200);
  CHECK(d("135000") == decimal(135000));
  CHECK(d("1.000") == decimal(1));
  CHECK(d("-2.50").numerator() == -5);
  CHECK(d("-2.50").denominator() == 2);
  CHECK(d("0") == decimal{});
  CHECK(d("-0") == decimal{});
  CHECK(d("000012.3400") == d("12.34"));
  CHECK(d("0.000000000000000001").denominator() == 1000000000000000000);
  CHECK(d("9223372036854775807") == decimal(std::numeric_limits<std::int64_t>::max()));
}

TEST_CASE("decimal: refuses what is not plain decimal text, or out of range", "[decimal]") {
  for (const char* bad : {"",
                          "-",
                          ".",
                          "1.",
                          ".5",
                          "+1",
                          "1e3",
                          "1E3",
                          " 1",
                          "1 ",
                          "1..2",
                          "1.2.3",
                          "0x10",
                          "1,5",
                          "--1",
                          "NaN",
                          "inf",
                          "9223372036854775808",
                          "0.0000000000000000000001",
                          "1234567890123456789012345678901234567"})
    CHECK_FALSE(decimal::parse(bad).has_value());
}

TEST_CASE("decimal: checked arithmetic is exact, and empty on overflow or division by zero", "[decimal]") {
  CHECK(*add(d("0.1"), d("0.2")) == d("0.3"));  // exact, unlike binary floating point
  CHECK(*subtract(d("0.3"), d("0.1")) == d("0.2"));
  CHECK(*multiply(d("20"), d("0.609")) == d("12.18"));
  CHECK(*multiply(d("12.18"), d("135000")) == decimal(1644300));
  CHECK(*divide(d("223"), d("10")) == d("22.3"));
  const decimal third = *divide(decimal(1), decimal(3));
  CHECK(*multiply(third, decimal(3)) == decimal(1));  // a quotient stays exact
  CHECK_FALSE(divide(decimal(1), decimal{}).has_value());
  const decimal big(std::numeric_limits<std::int64_t>::max());
  CHECK_FALSE(add(big, decimal(1)).has_value());
  CHECK_FALSE(multiply(big, decimal(2)).has_value());
  CHECK_FALSE(multiply(*divide(decimal(1), big), *divide(decimal(1), decimal(3))).has_value());
  CHECK(*subtract(big, big) == decimal{});
}

TEST_CASE("decimal: ceil, floor and half-up rounding, at the exact half", "[decimal]") {
  CHECK(d("223.4").ceil() == decimal(224));
  CHECK(d("223").ceil() == decimal(223));
  CHECK(d("-1.5").ceil() == decimal(-1));
  CHECK(d("-1.5").floor() == decimal(-2));
  CHECK(d("830371.5").round_half_up() == decimal(830372));    // exactly .5: up
  CHECK(d("830371.4999").round_half_up() == decimal(830371)); // just below: down
  CHECK(d("2.5").round_half_up() == decimal(3));              // not banker's rounding (which gives 2)
  CHECK(d("-2.5").round_half_up() == decimal(-3));            // half away from zero
  CHECK((*divide(decimal(1), decimal(3))).round_half_up() == decimal(0));
  CHECK((*divide(decimal(2), decimal(3))).round_half_up() == decimal(1));
}

TEST_CASE("decimal: text is exact, or rounded only when asked", "[decimal]") {
  CHECK(d("12.18").to_string() == "12.18");
  CHECK(d("-0.5").to_string() == "-0.5");
  CHECK(decimal(1644300).to_string() == "1644300");
  CHECK((*divide(decimal(1), decimal(3))).to_string() == "1/3");
  CHECK((*divide(d("16.443"), d("6.8"))).to_fixed(2) == "2.42");  // the worked example's USD
  CHECK((*divide(d("16.443"), d("6.8"))).to_fixed(8) == "2.41808824");
  CHECK(d("0.995").to_fixed(2) == "1.00");
  CHECK(d("-0.004").to_fixed(2) == "0.00");
  CHECK(d("7").to_fixed(3) == "7.000");
  CHECK(decimal(std::numeric_limits<std::int64_t>::max()).to_fixed(18).size() == 19 + 1 + 18);
}

TEST_CASE("decimal: to_string prints every digit of a finite expansion, however long", "[decimal]") {
  // Expected texts written out from 1/2^n = 5^n / 10^n (5^20 = 95367431640625;
  // 5^62 = 21684043449710088680149056017398834228515625), not taken from the output.
  const auto q = [](std::int64_t n, std::int64_t den) { return (*decimal::fraction(n, den)).to_string(); };
  CHECK(q(1, std::int64_t{1} << 18) == "0.000003814697265625");   // 18 places
  CHECK(q(1, std::int64_t{1} << 19) == "0.0000019073486328125");  // 19: beyond to_fixed's 18
  CHECK(q(1, std::int64_t{1} << 20) == "0.00000095367431640625");
  CHECK(q(-3, std::int64_t{1} << 20) == "-0.00000286102294921875");
  CHECK(q(1, std::int64_t{1} << 62) == "0.00000000000000000021684043449710088680149056017398834228515625");  // 62 places
  CHECK(q((std::int64_t{1} << 62) + 1, std::int64_t{1} << 62) == "1.00000000000000000021684043449710088680149056017398834228515625");
  CHECK(q(7, 7450580596923828125) == "0.000000000000000000939524096");  // 7 / 5^27
  CHECK(q(-7, 2) == "-3.5");
  CHECK(decimal(-42).to_string() == "-42");
  CHECK(decimal{}.to_string() == "0");
  // exact: the text reads back as the same value where parse can take it (up to 36 significant digits)
  const decimal x = *decimal::fraction(3, std::int64_t{1} << 25);  // 25 places, 18 significant digits
  CHECK(*decimal::parse(x.to_string()) == x);
}
