// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// Part of <seedance/estimate.hpp> (include that, not this header): a request's priced fields priced on
// a table: components, money, ranges, assumptions.
#ifndef SEEDANCE_ESTIMATE_HPP
#error "include <seedance/estimate.hpp>"
#endif
#ifndef SEEDANCE_DETAIL_ESTIMATE_PRICE_HPP
#define SEEDANCE_DETAIL_ESTIMATE_PRICE_HPP

namespace seedance::detail::estimate {

/// The reference-video URLs of a request: a few in place (a valid request has at most 3), more
/// on the heap.
class url_list {
 public:
  void push_back(std::string_view url) {
    if (size_ < small_.size()) {
      small_[size_++] = url;
      return;
    }
    if (large_.empty()) large_.assign(small_.begin(), small_.end());
    large_.push_back(url);
    ++size_;
  }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] const std::string_view* begin() const noexcept { return size_ > small_.size() ? large_.data() : small_.data(); }
  [[nodiscard]] const std::string_view* end() const noexcept { return begin() + size_; }

 private:
  std::array<std::string_view, 4> small_{};
  std::vector<std::string_view> large_;
  std::size_t size_ = 0;
};

/// The request fields the price depends on, read without throwing.
struct priced_request {
  std::string_view model;
  std::optional<long long> duration;
  std::optional<std::string_view> quality;
  url_list videos;
  std::optional<bool> content_filter;
  bool web_search = false;
};

/// An assumption's text, written into a buffer on the stack and made a string in one allocation
/// (a text longer than the buffer goes on in a string: nothing is cut).
class text_builder {
 public:
  text_builder& operator<<(std::string_view s) {
    if (spill_.empty() && s.size() <= sizeof buf_ - size_) {
      if (!s.empty()) std::memcpy(buf_ + size_, s.data(), s.size());
      size_ += s.size();
    } else {
      if (spill_.empty()) spill_.assign(buf_, size_);
      spill_ += s;
    }
    return *this;
  }
  text_builder& operator<<(long long v) {
    std::array<char, 24> b{};
    const auto r = std::to_chars(b.data(), b.data() + b.size(), v);
    return *this << std::string_view(b.data(), static_cast<std::size_t>(r.ptr - b.data()));
  }
  text_builder& operator<<(std::size_t v) { return *this << static_cast<long long>(v); }
  text_builder& operator<<(int v) { return *this << static_cast<long long>(v); }
  /// As decimal::to_string (an integer without a temporary string).
  text_builder& operator<<(const decimal& d) {
    if (d.is_integer()) return *this << static_cast<long long>(d.numerator());
    return *this << std::string_view(d.to_string());
  }
  [[nodiscard]] std::string str() const { return spill_.empty() ? std::string(buf_, size_) : spill_; }

 private:
  char buf_[480];
  std::size_t size_ = 0;
  std::string spill_;
};

/// A double from the caller's media properties as the shortest decimal that reads back as it
/// (5.1 -> "5.1"), so no binary noise enters the price. Empty for non-finite or out-of-range values.
inline std::optional<decimal> decimal_from_double(double v) noexcept {
  if (!std::isfinite(v)) return std::nullopt;
  std::array<char, 400> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed);
  if (r.ec != std::errc{}) return std::nullopt;
  return decimal::parse(std::string_view(buf.data(), static_cast<std::size_t>(r.ptr - buf.data())));
}

inline std::string credits_text(const decimal& uc) {
  const auto c = divide(uc, pricing_defaults::uc_per_credit);
  return c ? c->to_string() + " credits" : uc.to_string() + " uc";
}

inline bool money_of(const decimal& uc, const estimate_options& o, money& out) {
  const auto credits = divide(uc, pricing_defaults::uc_per_credit);
  if (!credits) return false;
  const auto cny = multiply(*credits, o.cny_per_credit);
  if (!cny) return false;
  const auto usd = divide(*cny, o.cny_per_usd);
  if (!usd) return false;
  out = {uc, *credits, *cny, *usd};
  return true;
}

/// Prices a request whose fields are read; fills `res.estimate` or `res.error`.
///
/// Performance (docs/pricing.md, Measured): the table's rows are priced into small buffers
/// (pricing::access, no allocation), each end of a range is priced once, the money of equal ends is
/// computed once, and every assumption's text is written in one allocation. What is allocated is
/// what the estimate holds: the model's name, the component and assumption vectors, and the texts
/// too long for a string's own buffer.
inline void estimate_fields(const priced_request& q, const pricing_table& table, const media_map& media, const estimate_options& opt,
                            estimate_result& res) {
  const pricing_model* row = table.find(q.model);
  if (row == nullptr) {
    res.error = "the pricing table has no row for model " + detail::text::quote(q.model, detail::text::feed_value);
    return;
  }
  if (opt.cny_per_usd.is_zero() || opt.cny_per_usd.is_negative() || opt.cny_per_credit.is_negative()) {
    res.error = "the currency rates must be positive";
    return;
  }
  cost_estimate e;
  e.model = std::string(q.model);
  e.assumptions.reserve(4);
  auto note = [&](std::string text, bool inference = false) { e.assumptions.push_back({std::move(text), inference}); };

  // duration -> duration_seconds, quality -> quality
  const long long duration = q.duration.value_or(defaults::duration);
  if (!q.duration) note((text_builder{} << "duration is not set: the API's default of " << defaults::duration << " s is priced").str());
  const std::string_view quality = q.quality.value_or(to_string(defaults::quality));
  if (!q.quality) note((text_builder{} << "quality is not set: the API's default " << to_string(defaults::quality) << " is priced").str());

  // reference videos -> input_seconds, exact or a range
  const media_rules& video = rules_for(media_kind::video);
  decimal known{0};
  std::size_t unknown = 0;
  for (std::string_view url : q.videos) {
    std::optional<decimal> d;
    if (!media.empty())
      if (auto it = media.find(url); it != media.end())
        if (const auto* v = std::get_if<video_properties>(&it->second); v && v->duration && *v->duration >= 0)
          d = decimal_from_double(*v->duration);
    if (d) {
      const auto s = add(known, *d);
      if (!s) {
        res.error = "the reference videos' durations overflow";
        return;
      }
      known = *s;
    } else {
      ++unknown;
    }
  }
  decimal input_lo = known, input_hi = known;
  const decimal total_max{video.total_duration_s};
  if (unknown > 0) {
    const auto n = static_cast<std::int64_t>(unknown);
    const auto lo_sum = add(known, decimal(n * video.duration_s.min));
    const auto hi_sum = add(known, decimal(n * video.duration_s.max));
    if (!lo_sum || !hi_sum) {
      res.error = "the reference videos' durations overflow";
      return;
    }
    input_lo = *lo_sum;
    const decimal each_max = *hi_sum;
    text_builder t;
    t << "the duration of " << unknown << " of the " << q.videos.size() << " reference videos is not known: ";
    if (total_max < input_lo) {
      // No valid request has these videos (the validator says video_total_duration): the known
      // ones and the shortest the others can be already exceed the limit. Priced as sent, each
      // unknown video between the shortest and the longest a video may be; no limit on the total.
      input_hi = each_max;
      t << "the known ones last " << known << " s and each of the others at least " << video.duration_s.min << " s, together at least "
        << input_lo << " s, over the " << video.total_duration_s
        << " s allowed for all the videos together, so the provider will refuse this request; priced as sent, with each unknown video lasting "
        << video.duration_s.min << " to " << video.duration_s.max << " s: a total between " << input_lo << " s and " << input_hi << " s";
    } else {
      input_hi = each_max < total_max ? each_max : total_max;
      if (input_hi == input_lo)  // the limits leave one total: the unknown videos are as short as allowed
        t << "their total can only be " << input_lo << " s (each video lasts at least " << video.duration_s.min
          << " s, all together at most " << video.total_duration_s << " s), and that is priced";
      else
        t << "their total is taken between " << input_lo << " s and " << input_hi << " s (each video lasts " << video.duration_s.min
          << " to " << video.duration_s.max << " s, all together at most " << video.total_duration_s
          << " s; the feed bills at least the output duration), so the price is a range; give the media properties for one figure";
    }
    note(t.str());
  } else if (!q.videos.empty()) {
    text_builder t;
    t << "the reference videos last " << known << " s in all (from the media properties)";
    if (total_max < known)
      t << ", over the " << video.total_duration_s << " s allowed for all the videos together: the provider will refuse this request";
    note(t.str());
  }

  // content_filter: priced by the feed when its row declares the parameter (as the row types it)
  const pricing_parameter* filter_parameter = row->parameter(pricing_parameters::content_filter);
  const bool filter_on = q.content_filter.value_or(true);
  pricing_value filter_value = pricing_value::of_bool(filter_on);
  if (filter_parameter != nullptr) {
    if (filter_parameter->type == "integer" || filter_parameter->type == "decimal")
      filter_value = pricing_value::of(decimal(filter_on ? 1 : 0));
    else if (filter_parameter->type == "enum" || filter_parameter->type == "string")
      filter_value = pricing_value::of_text(filter_on ? "true" : "false");
  }
  std::array<pricing_variable, 5> vars{{
      {pricing_parameters::duration_seconds, pricing_value::of(decimal(duration))},
      {pricing_parameters::quality, pricing_value::of_text(quality)},
      {pricing_parameters::input_seconds, pricing_value::of(input_lo)},
      {pricing_parameters::search_count, pricing_value::of(decimal(0))},
      {pricing_parameters::content_filter, filter_value},
  }};
  const std::span<const pricing_variable> given(vars.data(), filter_parameter != nullptr ? 5 : 4);
  const auto cannot_price = [&](const std::string& why) {
    res.error = "cannot price ";
    res.error += e.model;
    res.error += ": ";
    res.error += why;
    if (why.find("no value for the variable") != std::string::npos)  // a variable no request gives
      res.error +=
          "; a request gives only duration_seconds, quality, input_seconds, search_count (and content_filter where the row "
          "declares it)";
  };
  // The row bound to `vars` once; each end priced on its own, the high end after its one
  // changed value (input_seconds) is checked again.
  const std::ptrdiff_t slots = pricing::access::slots_of(table, *row);
  pricing::access::bound_row bound(table, *row, given, slots < 0 ? 0 : static_cast<std::size_t>(slots));
  pricing::access::priced lo, hi_storage;
  const pricing::access::priced* hi = &lo;
  if (!pricing::access::bind(bound, lo.error)) return cannot_price(lo.error);
  pricing::access::price(bound, lo);
  if (!lo.ok()) return cannot_price(lo.error);
  if (input_hi != input_lo) {  // a range: the high end too
    vars[2].value = pricing_value::of(input_hi);
    if (!pricing::access::recheck(bound, 2, hi_storage.error)) return cannot_price(hi_storage.error);
    pricing::access::price(bound, hi_storage);
    if (!hi_storage.ok()) return cannot_price(hi_storage.error);
    hi = &hi_storage;
    vars[2].value = pricing_value::of(input_lo);
  }
  // The range's bounds: the ends, unless a tier, condition or step inside the range gives a lower
  // or higher price (detail/pricing/range.hpp proves the bounds, or gives a guaranteed one).
  std::int64_t min_total = lo.total_uc, max_total = hi->total_uc;
  bool ranged = false;
  for (const pricing_component& c : row->components) ranged = ranged || c.reads(pricing_parameters::input_seconds);
  if (hi != &lo && ranged) {
    const pricing::range::result b = pricing::range::bound_total(bound, vars[2], input_lo, input_hi, lo.total_uc, hi->total_uc);
    if (!b.why.empty()) return cannot_price(b.why);
    min_total = b.min_uc;
    max_total = b.max_uc;
    e.range_exact = b.exact;
    if (!b.exact) {
      text_builder t;
      t << "the price over the range of reference-video lengths is not proven exact: ";
      if (!b.bounded)
        t << "the rules could not be bounded between its ends, so the figures are the prices found at " << input_lo << " s, " << input_hi
          << " s and points between, not a guaranteed bound";
      else
        t << "a tier, condition or quantity of the feed changes inside the range in a way that could not be pinned down, so the figures are a "
             "guaranteed bound that a request may not reach";
      if (b.may_fail)
        t << "; some lengths inside the range may not be priceable by the rules (two tiers may match, or a charge may not be whole uc)";
      note(t.str());
    }
  }

  // content_filter: false -> x 1.1 on the total (an inference: the feed has no such parameter)
  if (filter_parameter != nullptr) {
    if (q.content_filter == false) note("content_filter is false: priced by the feed's own content_filter parameter (no inferred factor)");
  } else if (q.content_filter == false) {
    e.factor = pricing_defaults::content_filter_off_factor;
    note((text_builder{} << "content_filter is false: the provider's page charges " << e.factor
                         << " times the price for it, and the pricing feed has no such parameter, so the factor is applied to the total")
             .str(),
         true);
  }

  // Components; web search (a component reading search_count) is per use.
  bool has_per_use = false;
  e.components.reserve(lo.count);
  for (std::size_t i = 0; i < lo.count; ++i) {
    const component_price& a = lo[i];
    const component_price& b = (*hi)[i];
    const pricing_component& c = *a.component;
    const bool per_use = c.reads(pricing_parameters::search_count);
    if (per_use && !q.web_search) continue;  // no search requested: never billed
    cost_component out;
    out.id = c.id;
    out.unit = c.unit;
    out.quantity_min = a.quantity;
    out.quantity_max = b.quantity;
    out.rate_uc = a.applies ? a.rate_uc : c.rate_uc;
    out.rate_max_uc = b.applies ? b.rate_uc : out.rate_uc;
    const auto tier_of = [](const component_price& p) {
      return cost_tier{p.tier->sku_id, p.tier->rate_uc, p.tier->multiplier, p.tier->minimum_uc};
    };
    if (a.tier != nullptr) out.tier = tier_of(a);
    if (b.tier != a.tier && b.tier != nullptr) out.tier_max = tier_of(b);
    out.amount_min_uc = a.amount_uc;
    out.amount_max_uc = b.amount_uc;
    out.minimum_applied = a.minimum_applied || b.minimum_applied;
    out.per_use = per_use;
    if (out.minimum_applied) {
      text_builder t;
      t << c.id << ": the minimum charge of " << credits_text(a.minimum_applied ? a.minimum_uc : b.minimum_uc) << " applies";
      if (!(a.minimum_applied && b.minimum_applied)) t << " at the low end of the range";
      note(t.str());
    }
    has_per_use = has_per_use || per_use;
    e.components.push_back(std::move(out));
  }

  // Totals (equal ends: computed once)
  const auto total = [&](std::int64_t uc, money& m) {
    const auto f = multiply(decimal(uc), e.factor);
    return f && money_of(*f, opt, m);
  };
  if (!total(min_total, e.min)) {
    res.error = "the total overflows";
    return;
  }
  if (max_total == min_total) {
    e.max = e.min;
  } else if (!total(max_total, e.max)) {
    res.error = "the total overflows";
    return;
  }
  if (e.max.uc < e.min.uc) std::swap(e.min, e.max);

  if (q.web_search) {
    if (has_per_use) {
      vars[3].value = pricing_value::of(decimal(1));  // vars[2] is input_lo again
      pricing::access::priced& one = hi_storage;      // reused
      one.error.clear();
      if (!pricing::access::recheck(bound, 3, one.error)) return cannot_price(one.error);
      pricing::access::price(bound, one);
      if (!one.ok()) return cannot_price(one.error);
      for (std::size_t i = 0; i < one.count; ++i) {
        const component_price& p = one[i];
        if (!p.component->reads(pricing_parameters::search_count)) continue;
        per_use_price u;
        u.component = p.component->id;
        u.unit = p.component->unit;
        // No content-filter factor: the provider refuses web search without the filter
        // (web_search_without_content_filter, docs/spec.md section 9), so the two never meet.
        if (!money_of(decimal(p.amount_uc), opt, u.price)) {
          res.error = "the total overflows";
          return;
        }
        note((text_builder{} << "web_search is on: each search the model actually runs costs " << u.price.credits << " credits ("
                             << u.price.uc
                             << " uc); how many searches it runs is not known before the run, so the estimate has no upper bound")
                 .str());
        e.per_use.push_back(std::move(u));
      }
      e.open_upper_bound = true;
      if (q.content_filter == false)
        note(
            "web_search with content_filter false is refused by the provider (web_search_without_content_filter): priced as sent, "
            "searches without the content-filter factor");
    } else {
      note("web_search is on, but this model's pricing row has no web-search charge: none is counted");
    }
  }
  if (row->settlement_basis == std::string_view("request_then_actual"))
    note("the provider settles this model on actual use after the run (settlement basis request_then_actual): the final charge may differ",
         true);
  res.estimate = std::move(e);
}

}  // namespace seedance::detail::estimate

#endif  // SEEDANCE_DETAIL_ESTIMATE_PRICE_HPP
