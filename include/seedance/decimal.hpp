// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Exact arithmetic for prices: `seedance::decimal`, a number read from a decimal string ("0.609",
// "12.5") and kept as an exact fraction of two 64-bit integers in lowest terms. Sums, products,
// quotients, ceilings and half-up rounding are exact; nothing passes through binary floating point.
// Every operation that could leave the representable range (or divide by zero) returns an empty
// optional instead: no overflow is undefined behaviour, nothing throws.
//
// Why a fraction and not a scaled integer: a pricing feed may divide (the Seedance rows divide by 10;
// a future row may divide by 3). A fraction keeps every such quotient exact; a scaled decimal would
// have to round somewhere before the rounding the feed asks for. Every decimal string is a fraction,
// so on the feed's own numbers this *is* exact decimal arithmetic.
#ifndef SEEDANCE_DECIMAL_HPP
#define SEEDANCE_DECIMAL_HPP

#include <bit>
#include <charconv>
#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace seedance {

namespace detail {
// 128-bit intermediates, so that a product of two 64-bit values never overflows. `__extension__`
// keeps -Wpedantic quiet: GCC and Clang both provide the type.
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

constexpr u128 magnitude(i128 v) noexcept { return v < 0 ? u128(0) - static_cast<u128>(v) : static_cast<u128>(v); }

constexpr u128 gcd128(u128 a, u128 b) noexcept {
  while (b != 0) {
    const u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// Binary GCD (Stein): shifts and subtractions, no division (a 64-bit division costs tens of cycles).
constexpr std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) noexcept {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = std::countr_zero(a | b);
  a >>= std::countr_zero(a);
  do {  // a is odd; (a, b) becomes (min, |difference|): conditional moves, no unpredictable branch
    b >>= std::countr_zero(b);
    const std::uint64_t low = a < b ? a : b;
    b = a < b ? b - a : a - b;
    a = low;
  } while (b != 0);
  return a << shift;
}

/// |v| for an int64 that is not the most negative one (a decimal's numerator never is).
constexpr std::uint64_t magnitude64(std::int64_t v) noexcept {
  return v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

inline constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();
}  // namespace detail

/// An exact rational number n/d (d > 0, lowest terms, |n| and d at most 2^63 - 1), read from and
/// written as decimal text. Regular value type; comparisons are exact.
class decimal {
 public:
  /// Zero.
  constexpr decimal() noexcept = default;
  /// The integer `v` (any int64 but the most negative one, which is clamped by one unit).
  constexpr explicit decimal(std::int64_t v) noexcept : num_(v == std::numeric_limits<std::int64_t>::min() ? -detail::i64_max : v) {}

  /// n/d in lowest terms; empty when d is 0 or the reduced fraction does not fit.
  [[nodiscard]] static constexpr std::optional<decimal> fraction(detail::i128 n, detail::i128 d) noexcept {
    if (d == 0) return std::nullopt;
    const bool negative = (n < 0) != (d < 0);
    detail::u128 un = detail::magnitude(n), ud = detail::magnitude(d);
    constexpr detail::u128 u64_max = ~std::uint64_t{0};
    // 64-bit division is several times faster than 128-bit: use it when both fit (the usual case).
    if (un <= u64_max && ud <= u64_max) {
      std::uint64_t n64 = static_cast<std::uint64_t>(un), d64 = static_cast<std::uint64_t>(ud);
      if (d64 != 1) {
        const std::uint64_t g = detail::gcd64(n64, d64);
        if (g > 1) {
          n64 /= g;
          d64 /= g;
        }
      }
      return from_reduced(negative, n64, d64);
    }
    const detail::u128 g = detail::gcd128(un, ud);
    if (g > 1) {
      un /= g;
      ud /= g;
    }
    constexpr auto max = static_cast<detail::u128>(detail::i64_max);
    if (un > max || ud > max) return std::nullopt;
    return from_reduced(negative, static_cast<std::uint64_t>(un), static_cast<std::uint64_t>(ud));
  }

  /// Reads decimal text: an optional '-', digits, optionally '.' and more digits ("12", "0.609",
  /// "-3.50"). No exponent, no '+', no spaces. Empty for anything else or for a value out of range
  /// (more than 36 significant digits, or a reduced fraction beyond 64 bits).
  [[nodiscard]] static constexpr std::optional<decimal> parse(std::string_view s) noexcept {
    std::size_t i = 0;
    bool negative = false;
    if (i < s.size() && s[i] == '-') {
      negative = true;
      ++i;
    }
    detail::i128 coef = 0;
    int scale = 0;
    int digits = 0;       // digits accumulated (after leading zeros)
    int int_digits = 0;   // digits before the point
    int frac_digits = 0;  // digits after the point
    bool point = false;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '.') {
        if (point) return std::nullopt;
        point = true;
        continue;
      }
      if (c < '0' || c > '9') return std::nullopt;
      (point ? frac_digits : int_digits) += 1;
      if (coef == 0 && c == '0') {
        if (point) ++scale;
        continue;
      }
      if (++digits > 36) return std::nullopt;
      coef = coef * 10 + (c - '0');
      if (point) ++scale;
    }
    if (int_digits == 0 || (point && frac_digits == 0)) return std::nullopt;
    // Trailing zeros after the point do not change the value: drop them before scaling.
    while (scale > 0 && coef != 0 && coef % 10 == 0) {
      coef /= 10;
      --scale;
    }
    if (coef == 0) return decimal{};
    if (scale > 36) return std::nullopt;
    detail::i128 den = 1;
    for (int k = 0; k < scale; ++k) den *= 10;
    return fraction(negative ? -coef : coef, den);
  }

  [[nodiscard]] constexpr std::int64_t numerator() const noexcept { return num_; }
  [[nodiscard]] constexpr std::int64_t denominator() const noexcept { return den_; }
  [[nodiscard]] constexpr bool is_integer() const noexcept { return den_ == 1; }
  [[nodiscard]] constexpr bool is_negative() const noexcept { return num_ < 0; }
  [[nodiscard]] constexpr bool is_zero() const noexcept { return num_ == 0; }

  /// The largest integer not above / the smallest integer not below this value (always fit).
  [[nodiscard]] constexpr decimal floor() const noexcept {
    if (den_ == 1) return *this;
    std::int64_t q = num_ / den_;
    if (num_ % den_ != 0 && num_ < 0) --q;
    return decimal(q);
  }
  [[nodiscard]] constexpr decimal ceil() const noexcept {
    if (den_ == 1) return *this;
    std::int64_t q = num_ / den_;
    if (num_ % den_ != 0 && num_ > 0) ++q;
    return decimal(q);
  }
  /// Rounds to an integer, halves away from zero (2.5 -> 3, -2.5 -> -3, 2.4999 -> 2).
  [[nodiscard]] constexpr decimal round_half_up() const noexcept {
    if (den_ == 1) return *this;
    // floor((2m + d) / 2d) = q + (2r >= d ? 1 : 0) for m = qd + r; r < d < 2^63, so 2r fits.
    const std::uint64_t m = detail::magnitude64(num_), d = static_cast<std::uint64_t>(den_);
    const std::uint64_t r = m % d;
    const auto q = static_cast<std::int64_t>(m / d + (2 * r >= d ? 1 : 0));
    return decimal(num_ < 0 ? -q : q);
  }
  /// The value as an int64 when it is an integer.
  [[nodiscard]] constexpr std::optional<std::int64_t> to_integer() const noexcept {
    if (den_ != 1) return std::nullopt;
    return num_;
  }

  friend constexpr bool operator==(const decimal&, const decimal&) = default;
  friend constexpr std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept {
    if (a.den_ == b.den_) return a.num_ <=> b.num_;  // integers, mostly
    const detail::i128 l = static_cast<detail::i128>(a.num_) * b.den_;
    const detail::i128 r = static_cast<detail::i128>(b.num_) * a.den_;
    return l < r ? std::strong_ordering::less : l > r ? std::strong_ordering::greater : std::strong_ordering::equal;
  }

  // Checked arithmetic: empty on overflow or division by zero.
  // The results are the same as fraction(exact numerator, exact denominator) -- the one lowest-terms
  // value, or empty when it does not fit -- computed without the general 128-bit reduction where a
  // cheaper way exists: integers add without any GCD; a product or quotient cancels across
  // (Knuth, TAOCP 4.5.1), which keeps the operands of its two GCDs small, and one of them is 1
  // when an operand is an integer.
  [[nodiscard]] friend constexpr std::optional<decimal> add(const decimal& a, const decimal& b) noexcept {
    if (a.den_ == 1 && b.den_ == 1) return from_integer(static_cast<detail::i128>(a.num_) + b.num_);
    if (a.den_ == b.den_) return fraction(static_cast<detail::i128>(a.num_) + b.num_, a.den_);
    // |a.num * b.den| < 2^126: the sum of two fits in a signed 128-bit integer.
    return fraction(static_cast<detail::i128>(a.num_) * b.den_ + static_cast<detail::i128>(b.num_) * a.den_,
                    static_cast<detail::i128>(a.den_) * b.den_);
  }
  [[nodiscard]] friend constexpr std::optional<decimal> subtract(const decimal& a, const decimal& b) noexcept {
    if (a.den_ == 1 && b.den_ == 1) return from_integer(static_cast<detail::i128>(a.num_) - b.num_);
    if (a.den_ == b.den_) return fraction(static_cast<detail::i128>(a.num_) - b.num_, a.den_);
    return fraction(static_cast<detail::i128>(a.num_) * b.den_ - static_cast<detail::i128>(b.num_) * a.den_,
                    static_cast<detail::i128>(a.den_) * b.den_);
  }
  [[nodiscard]] friend constexpr std::optional<decimal> multiply(const decimal& a, const decimal& b) noexcept {
    return product(a.num_ < 0, detail::magnitude64(a.num_), static_cast<std::uint64_t>(a.den_), b.num_ < 0, detail::magnitude64(b.num_),
                   static_cast<std::uint64_t>(b.den_));
  }
  [[nodiscard]] friend constexpr std::optional<decimal> divide(const decimal& a, const decimal& b) noexcept {
    if (b.num_ == 0) return std::nullopt;
    // a / b = a x (b.den / b.num), and b.den / |b.num| is in lowest terms too.
    return product(a.num_ < 0, detail::magnitude64(a.num_), static_cast<std::uint64_t>(a.den_), b.num_ < 0,
                   static_cast<std::uint64_t>(b.den_), detail::magnitude64(b.num_));
  }

  /// Exact decimal text: every digit of the expansion when the value has a finite one ("12.18",
  /// "-0.5", "3"; 1/2^20 is "0.00000095367431640625": up to 62 places, as many as a denominator
  /// below 2^63 can need); otherwise the exact fraction ("1/3"). Never rounds.
  [[nodiscard]] std::string to_string() const {
    if (den_ == 1) return u128_text(detail::magnitude(num_), num_ < 0);
    // Finite expansion <=> the denominator has no prime factor but 2 and 5.
    std::int64_t d = den_;
    const int twos = std::countr_zero(static_cast<std::uint64_t>(d));
    d >>= twos;
    int fives = 0;
    while (d % 5 == 0) {
      d /= 5;
      ++fives;
    }
    if (d != 1) return std::to_string(num_) + "/" + std::to_string(den_);
    const int places = twos > fives ? twos : fives;
    if (places <= 18) return to_fixed(places);  // exact: 10^places is a multiple of the denominator
    // More places than to_fixed's 128-bit scaling holds: long division, one digit at a time (the
    // remainder stays below the denominator, so 10 x remainder < 2^67 fits in 128 bits). The
    // expansion ends after exactly `places` digits.
    const std::uint64_t m = detail::magnitude64(num_), den = static_cast<std::uint64_t>(den_);
    std::string out = u128_text(m / den, num_ < 0);
    out += '.';
    detail::u128 r = m % den;
    for (int k = 0; k < places; ++k) {
      r *= 10;
      out += static_cast<char>('0' + static_cast<int>(r / den));
      r %= den;
    }
    return out;
  }

  /// Decimal text rounded half away from zero to `places` digits after the point (0..18), with
  /// exactly that many digits: to_fixed(2) of 2.41808... is "2.42".
  [[nodiscard]] std::string to_fixed(int places) const {
    if (places < 0) places = 0;
    if (places > 18) places = 18;
    detail::u128 scale = 1;
    for (int k = 0; k < places; ++k) scale *= 10;
    const detail::u128 m = detail::magnitude(num_);
    const auto d = static_cast<detail::u128>(den_);
    // round(m * scale / d) = whole * scale + round(rem * scale / d): rem < d < 2^63 and
    // scale <= 10^18 < 2^60, so 2 * rem * scale + d < 2^125.
    const detail::u128 whole = m / d, rem = m % d;
    const detail::u128 frac_scaled = (2 * rem * scale + d) / (2 * d);
    detail::u128 total_int = whole, total_frac = frac_scaled;
    if (total_frac >= scale) {  // carried into the integer part
      total_int += 1;
      total_frac -= scale;
    }
    std::string digits_int = u128_text(total_int);
    std::string out = (num_ < 0 && (total_int != 0 || total_frac != 0)) ? "-" : "";
    out += digits_int;
    if (places > 0) {
      std::string f = u128_text(total_frac);
      out += '.';
      out.append(static_cast<std::size_t>(places) - f.size(), '0');
      out += f;
    }
    return out;
  }

 private:
  // n/d with n and d already coprime and d > 0: the value when both fit.
  [[nodiscard]] static constexpr std::optional<decimal> from_reduced(bool negative, std::uint64_t n, std::uint64_t d) noexcept {
    constexpr auto max = static_cast<std::uint64_t>(detail::i64_max);
    if (n > max || d > max) return std::nullopt;
    decimal r;
    r.num_ = negative ? -static_cast<std::int64_t>(n) : static_cast<std::int64_t>(n);
    r.den_ = static_cast<std::int64_t>(d);
    return r;
  }
  // An integer result of integer operands: |v| < 2^64.
  [[nodiscard]] static constexpr std::optional<decimal> from_integer(detail::i128 v) noexcept {
    if (v > detail::i64_max || v < -detail::i64_max) return std::nullopt;
    decimal r;
    r.num_ = static_cast<std::int64_t>(v);
    return r;
  }
  // (an/ad) x (bn/bd) for coprime pairs (an, ad) and (bn, bd), ad and bd > 0, all below 2^63.
  [[nodiscard]] static constexpr std::optional<decimal> product(bool a_negative, std::uint64_t an, std::uint64_t ad, bool b_negative,
                                                                std::uint64_t bn, std::uint64_t bd) noexcept {
    if (an == 0 || bn == 0) return decimal{};
    if (bd != 1 && an != 1) {
      if (const std::uint64_t g = detail::gcd64(an, bd); g != 1) {
        an /= g;
        bd /= g;
      }
    }
    if (ad != 1 && bn != 1) {
      if (const std::uint64_t g = detail::gcd64(bn, ad); g != 1) {
        bn /= g;
        ad /= g;
      }
    }
    // Now gcd(an x bn, ad x bd) = 1: the product is in lowest terms; it only has to fit.
    const detail::u128 n = static_cast<detail::u128>(an) * bn, d = static_cast<detail::u128>(ad) * bd;
    constexpr auto max = static_cast<detail::u128>(detail::i64_max);
    if (n > max || d > max) return std::nullopt;
    return from_reduced(a_negative != b_negative, static_cast<std::uint64_t>(n), static_cast<std::uint64_t>(d));
  }

  // The digits of `v`, after a '-' when `negative`.
  static std::string u128_text(detail::u128 v, bool negative = false) {
    char buf[48];
    buf[0] = '-';
    char* const first = buf + 1;
    if (v <= ~std::uint64_t{0}) {  // 64-bit division: no call into the 128-bit runtime per digit
      const auto r = std::to_chars(first, buf + sizeof buf, static_cast<std::uint64_t>(v));
      return std::string(negative ? buf : first, r.ptr);
    }
    char* i = buf + sizeof buf;
    while (v != 0 && i > first) {
      *--i = static_cast<char>('0' + static_cast<int>(v % 10));
      v /= 10;
    }
    if (negative) *--i = '-';
    return std::string(i, buf + sizeof buf);
  }

  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

}  // namespace seedance

#endif  // SEEDANCE_DECIMAL_HPP
