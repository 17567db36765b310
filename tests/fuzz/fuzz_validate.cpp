// libFuzzer target: seedance::validate on arbitrary bytes as JSON text. Any exception, crash,
// sanitizer report or a report that breaks its own invariants (parse_request + validate(parsed)
// giving another report, more diagnostics than the caps allow) is a finding.
#include <seedance/validate.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const seedance::report r = seedance::validate(text);  // noexcept: an escaping exception aborts
  std::size_t errors = 0;
  for (const seedance::diagnostic& d : r) {
    if (d.message.empty() || seedance::to_string(d.code).empty()) std::abort();
    if (!d.path.empty() && d.path.front() != '/') std::abort();  // an RFC 6901 pointer or ""
    errors += d.severity == seedance::severity::error ? 1U : 0U;
  }
  if (r.ok() != (errors == 0 && r.complete())) std::abort();
  // Reading once and validating the parsed request is the same as validating the text.
  if (!(seedance::validate(seedance::parse_request(text), text) == r)) std::abort();
  // The report is bounded: at most max_repeats + 1 diagnostics of one code per group, so at most
  // (48 codes x 6 groups + duplicates) x 17 in all; much less in practice.
  if (r.size() > 6 * seedance::code_catalogue.size() * (seedance::validation_bounds::max_repeats + 1)) std::abort();
  (void)seedance::to_text(r);
  const nlohmann::json j = r;
  (void)j.dump();  // throws on invalid UTF-8: the JSON rendering must never hold any
  return 0;
}
