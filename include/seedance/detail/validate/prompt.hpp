// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/validate.hpp> (include that, not this header): the prompt's rules (the validator's members): blankness, length bounds, tags.
#ifndef SEEDANCE_VALIDATE_HPP
#error "include <seedance/validate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_VALIDATE_PROMPT_HPP
#define SEEDANCE_DETAIL_VALIDATE_PROMPT_HPP

namespace seedance::detail::validate {

inline void validator::check_prompt() {
  const std::string* value = required_string(field::prompt, "a string");
  if (!value) return;
  const std::string& p = *value;
  const auto path = [&] { return pointer(field::prompt); };
  // A short prompt can be neither too long nor over the recommendation: only validity and
  // blankness are looked at (the usual case, in one cheap pass).
  prompt_stats st;
  if (p.size() <= prompt_bounds::quick_bytes) {
    st.bytes = p.size();
    st.valid_utf8 = strings_utf8_ || is_valid_utf8(p);
    // Decoding stops at the first character that is not white space: at once, for most prompts.
    st.blank = st.valid_utf8 && all_code_points(p, [&](char32_t c) {
                 ++st.code_points;
                 return is_white_space(c);
               });
  } else {
    st = measure_prompt(p);
  }
  if (!st.valid_utf8) {
    add(code::invalid_utf8, path(), "the prompt is not valid UTF-8");
    return;
  }
  if (st.blank) {
    add(code::prompt_empty, path(), [empty = p.empty(), n = st.code_points] {
      return empty ? std::string("the prompt is empty") : "the prompt has only white space (" + std::to_string(n) + " characters)";
    });
    return;
  }
  if (st.min_tokens() > limits::prompt_max_tokens) {
    add(code::prompt_too_long, path(), [n = st.min_tokens()] {
      return "the prompt is at least " + std::to_string(n) + " tokens long for any tokenizer, over the " +
             std::to_string(limits::prompt_max_tokens) + "-token limit";
    });
  } else if (st.over_recommendation()) {
    add(code::prompt_long, path(), [cjk = st.cjk, words = st.words] {
      return "the prompt has " + std::to_string(cjk) + " CJK characters and " + std::to_string(words) + " words, over the recommended " +
             std::to_string(limits::prompt_recommended_cjk_chars) + " CJK characters or " +
             std::to_string(limits::prompt_recommended_words) + " words";
    });
  }
  check_prompt_tags(p);
}

inline prompt_stats validator::measure_prompt(std::string_view p) {
  prompt_stats st;
  st.bytes = p.size();
  bool in_run = false, in_word = false, word_has_alnum = false;
  const auto end_word = [&] {
    if (in_word && word_has_alnum) ++st.words;
    in_word = false;
    word_has_alnum = false;
  };
  st.valid_utf8 = for_each_code_point(p, [&](char32_t c) {
    ++st.code_points;
    if (is_white_space(c)) {
      in_run = false;
      end_word();
      return;
    }
    st.blank = false;
    if (!in_run) {
      ++st.runs;
      in_run = true;
    }
    if (is_cjk(c) || is_invisible_format(c)) {
      st.cjk += is_cjk(c) ? 1 : 0;
      end_word();
      return;
    }
    in_word = true;
    if (is_word_char(c)) word_has_alnum = true;
  });
  end_word();
  return st;
}

inline void validator::check_prompt_tags(std::string_view p) {
  // @image3, @video1, @audio2: 1-based references to the arrays, case-insensitive. Each tag is
  // reported once (among the first max_repeats, a bounded list); later ones are counted.
  std::size_t at = p.find('@');
  if (at == std::string_view::npos) return;
  std::array<std::pair<media_kind, std::uint64_t>, validation_bounds::max_repeats> reported{};
  std::size_t n_reported = 0;
  for (; at != std::string_view::npos; at = p.find('@', at + 1)) {
    // An '@' inside an e-mail address or a word (foo@image2.com) is not a tag: the byte before
    // it may not be an ASCII letter or digit or one of ._%+- (what an address's local part ends in).
    if (at > 0) {
      const char b = p[at - 1];
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '.' || b == '_' || b == '%' || b == '+' ||
          b == '-')
        continue;
    }
    for (media_kind k : kinds) {
      const std::string_view word = to_string(k);
      if (!iequals_prefix(p.substr(at + 1), word)) continue;
      const std::size_t first = at + 1 + word.size();
      std::size_t i = first;
      std::uint64_t n = 0;  // saturates: any number past 10^18 is out of range alike
      for (; i < p.size() && p[i] >= '0' && p[i] <= '9'; ++i)
        n = n < 100'000'000'000'000'000ULL ? n * 10 + static_cast<unsigned>(p[i] - '0') : n;
      const std::size_t digits = i - first;
      if (digits == 0) continue;
      const auto ki = static_cast<std::size_t>(k);
      if (!count_known_[ki] || (n >= 1 && n <= count_[ki])) continue;
      const auto tag = std::make_pair(k, n);
      if (std::find(reported.begin(), reported.begin() + static_cast<std::ptrdiff_t>(n_reported), tag) !=
          reported.begin() + static_cast<std::ptrdiff_t>(n_reported))
        continue;
      if (!room(group::prompt_tags, code::prompt_tag_out_of_range)) continue;
      reported[n_reported++] = tag;
      add(code::prompt_tag_out_of_range, pointer(field::prompt), [k, number = std::string(p.substr(first, digits)), count = count_[ki]] {
        return "the prompt names @" + std::string(to_string(k)) + number + " but " + std::string(urls_field(k)) + " has " +
               std::to_string(count) + (count == 1 ? " entry" : " entries") + " (tags are 1-based)";
      });
    }
  }
}

}  // namespace seedance::detail::validate

#endif  // SEEDANCE_DETAIL_VALIDATE_PROMPT_HPP
