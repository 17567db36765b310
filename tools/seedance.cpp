// seedance: the command-line tool. Checks request files before they cost money, estimates their cost,
// probes media files, and prints the models and their JSON Schemas. docs/cli.md is its manual; the
// commands, options and JSON shapes are a contract.
//
//   seedance check  [--format text|json] [--media URL=PATH]... [--media-dir DIR] [--pricing FILE] FILE...
//   seedance cost   [--format text|json] [--media URL=PATH]... [--media-dir DIR] [--pricing FILE] FILE...
//   seedance probe  [--format text|json] FILE...
//   seedance models [--format text|json]
//   seedance schema [MODEL_ID]
//
// Exit status: 0 every file valid (warnings allowed) / every probe succeeded; 1 some file invalid or
// some probe failed; 2 usage error or a file that cannot be read.
#include <seedance/estimate.hpp>
#include <seedance/pricing.hpp>
#include <seedance/pricing_data.hpp>
#include <seedance/probe.hpp>
#include <seedance/schema.hpp>
#include <seedance/validate.hpp>
#include <seedance/version.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// --- exit status -----------------------------------------------------------------------------------

constexpr int exit_ok = 0;
constexpr int exit_invalid = 1;
constexpr int exit_usage = 2;

/// The run's status: the worst seen.
struct status {
  int value = exit_ok;
  void at_least(int s) { value = std::max(value, s); }
};

// --- output style ------------------------------------------------------------------------------------

/// Colour only on a terminal, and never when NO_COLOR is set to something (https://no-color.org).
struct style {
  bool colour = false;
  static style for_stdout() {
    const char* no_color = std::getenv("NO_COLOR");
    return {isatty(STDOUT_FILENO) == 1 && !(no_color && *no_color)};
  }
  [[nodiscard]] std::string paint(std::string_view text, std::string_view sgr) const {
    if (!colour) return std::string(text);
    return "\x1b[" + std::string(sgr) + "m" + std::string(text) + "\x1b[0m";
  }
  [[nodiscard]] std::string severity(seedance::severity s) const {
    const std::string_view name = seedance::to_string(s);
    return paint(name, s == seedance::severity::error ? "1;31" : "1;35");
  }
  [[nodiscard]] std::string bold(std::string_view text) const { return paint(text, "1"); }
};

// --- reading input, bounded ---------------------------------------------------------------------------

struct input {
  std::string name;                 // as given ("-" is standard input)
  std::string bytes;                // at most `limit` bytes
  bool too_large = false;           // more than `limit` bytes
  std::optional<std::uint64_t> size;  // the file's size when the file system knows it
  std::string error;                // non-empty: could not be read (exit 2)
};

/// Reads `name` ("-": standard input), never more than `limit` + 1 bytes. A directory, a missing
/// file or a read error is an error. A FIFO without a writer reads as empty instead of blocking.
input read_input(const std::string& name, std::size_t limit) {
  input in;
  in.name = name;
  int fd = STDIN_FILENO;
  if (name != "-") {
    fd = ::open(name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      in.error = std::string("cannot open: ") + std::strerror(errno);
      return in;
    }
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      in.error = "is a directory";
      if (fd != STDIN_FILENO) ::close(fd);
      return in;
    }
    if (S_ISREG(st.st_mode)) in.size = static_cast<std::uint64_t>(st.st_size);
  }
  if (fd != STDIN_FILENO) {
    // Opened without blocking (a FIFO without a writer would block open()); read normally.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  }
  if (in.size && *in.size > limit) {
    in.too_large = true;  // not read at all
  } else {
    std::string buf;
    char chunk[1 << 16];
    while (buf.size() <= limit) {
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        in.error = std::string("cannot read: ") + std::strerror(errno);
        break;
      }
      buf.append(chunk, static_cast<std::size_t>(n));
    }
    if (buf.size() > limit) {
      in.too_large = true;
      buf.clear();
      buf.shrink_to_fit();
    }
    in.bytes = std::move(buf);
  }
  if (fd != STDIN_FILENO) ::close(fd);
  return in;
}

void complain(const std::string& file, const std::string& what) {
  std::cerr << "seedance: " << file << ": " << what << "\n";
}

// --- media mapping -------------------------------------------------------------------------------------

struct media_options {
  std::vector<std::string> mappings;  // URL=PATH
  std::string dir;
};

/// The last path segment of a URL, percent-decoded; empty when the URL does not parse or ends in '/'.
std::string last_segment(std::string_view url) {
  const seedance::url_result u = seedance::parse_url(url);
  if (!u) return {};
  const std::string& path = u.url->path;
  const auto slash = path.rfind('/');
  const std::string_view seg = std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1);
  const auto hex = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  };
  std::string out;
  for (std::size_t i = 0; i < seg.size(); ++i) {
    // parse_url has checked that every '%' starts an escape of two hex digits
    if (seg[i] == '%' && i + 2 < seg.size() && hex(seg[i + 1]) >= 0 && hex(seg[i + 2]) >= 0) {
      out += static_cast<char>(hex(seg[i + 1]) * 16 + hex(seg[i + 2]));
      i += 2;
    } else {
      out += seg[i];
    }
  }
  if (out == "." || out == ".." || out.find('/') != std::string::npos || out.find('\0') != std::string::npos) return {};
  return out;
}

/// The media URLs of a request, with the kind of the array they are in.
std::vector<std::pair<std::string, seedance::media_kind>> media_urls(const json& body) {
  std::vector<std::pair<std::string, seedance::media_kind>> out;
  if (!body.is_object()) return out;
  for (const seedance::media_kind k : {seedance::media_kind::image, seedance::media_kind::video, seedance::media_kind::audio}) {
    const auto it = body.find(std::string(seedance::urls_field(k)));
    if (it == body.end() || !it->is_array()) continue;
    for (const json& u : *it)
      if (u.is_string()) out.emplace_back(u.get<std::string>(), k);
  }
  return out;
}

/// The properties of a probed file, for the validator. A file that is not one of the formats the
/// probe reads is still media of the array's kind, of format "other": the rules reject it.
std::optional<seedance::media_properties> properties_of(const seedance::probe_result& p, seedance::media_kind kind) {
  if (auto props = p.properties()) return props;
  const seedance::probe_error* e = p.error();
  if (!e || e->code != seedance::probe_errc::unrecognized_format) return std::nullopt;
  switch (kind) {
    case seedance::media_kind::image: return seedance::image_properties{seedance::media_format::other, {}, {}, p.bytes};
    case seedance::media_kind::video:
      return seedance::video_properties{seedance::media_format::other, {}, {}, {}, {}, p.bytes};
    case seedance::media_kind::audio: return seedance::audio_properties{seedance::media_format::other, {}, p.bytes};
  }
  return std::nullopt;
}

/// Builds the media map of one request from --media and --media-dir; problems go to stderr.
/// Returns false when a mapped file cannot be read (exit 2).
bool build_media(const json& body, const media_options& opt, seedance::media_map& out, const std::string& file) {
  std::map<std::string, std::string, std::less<>> explicit_paths;
  for (const std::string& m : opt.mappings) {
    const auto eq = m.rfind('=');
    explicit_paths[m.substr(0, eq)] = m.substr(eq + 1);
  }
  bool ok = true;
  for (const auto& [url, kind] : media_urls(body)) {
    if (out.count(url)) continue;
    std::string path;
    if (const auto it = explicit_paths.find(url); it != explicit_paths.end()) {
      path = it->second;
    } else if (!opt.dir.empty()) {
      const std::string seg = last_segment(url);
      if (seg.empty()) continue;
      std::error_code ec;
      const fs::path candidate = fs::path(opt.dir) / seg;
      if (!fs::is_regular_file(candidate, ec)) continue;
      path = candidate.string();
    } else {
      continue;
    }
    const seedance::probe_result p = seedance::probe_file(path);
    if (const seedance::probe_error* e = p.error(); e && e->code == seedance::probe_errc::io_error) {
      complain(path, "cannot read the media file mapped to " + url + ": " + e->message);
      ok = false;
      continue;
    }
    if (auto props = properties_of(p, kind)) {
      out.emplace(url, std::move(*props));
    } else if (const seedance::probe_error* e2 = p.error()) {
      complain(file, "media " + url + " (" + path + ") not checked: " + std::string(seedance::to_string(e2->code)) + ": " +
                         e2->message);
    }
  }
  return ok;
}

// --- pricing -----------------------------------------------------------------------------------------------

/// The table to price with: the built-in one, or --pricing FILE. Empty optional: load error (reported).
std::optional<seedance::pricing_table> load_pricing(const std::string& file) {
  if (file.empty()) return seedance::default_pricing();
  const input in = read_input(file, seedance::pricing_limits::max_feed_bytes);
  if (!in.error.empty()) {
    complain(file, in.error);
    return std::nullopt;
  }
  if (in.too_large) {
    complain(file, "the pricing feed is larger than the " + std::to_string(seedance::pricing_limits::max_feed_bytes) + "-byte limit");
    return std::nullopt;
  }
  seedance::pricing_load_result r = seedance::pricing_table::parse(in.bytes);
  if (!r.ok()) {
    complain(file, "cannot load the pricing feed: " + r.error + (r.error_path.empty() ? "" : " (at " + r.error_path + ")"));
    return std::nullopt;
  }
  return std::move(*r.table);
}

// --- JSON shapes of the contract ----------------------------------------------------------------------

/// A decimal as a JSON number (the CLI's contract says numbers; the library's own JSON keeps strings).
json number(const seedance::decimal& d) { return json::parse(d.to_fixed(8)); }

json money_range(const seedance::decimal& lo, const seedance::decimal& hi, bool open) {
  return json{{"min", number(lo)}, {"max", open ? json(nullptr) : number(hi)}};
}

json diagnostics_json(const seedance::report& r) {
  json list = json::array();
  for (const seedance::diagnostic& d : r) list.push_back(d);  // adds line/column when known
  return list;
}

json estimate_json(const std::string& file, const seedance::cost_estimate& e) {
  json j;
  j["file"] = file;
  j["model"] = e.model;
  j["credits"] = money_range(e.min.credits, e.max.credits, e.open_upper_bound);
  j["cny"] = money_range(e.min.cny, e.max.cny, e.open_upper_bound);
  j["usd"] = money_range(e.min.usd, e.max.usd, e.open_upper_bound);
  j["exact"] = e.exact();
  j["components"] = json::array();
  for (const seedance::cost_component& c : e.components) {
    json cj{{"name", c.id},
            {"unit", c.unit},
            {"quantity", money_range(c.quantity_min, c.quantity_max, false)},
            {"rate_uc", number(c.rate_uc)},
            {"amount_uc", {{"min", c.amount_min_uc}, {"max", c.amount_max_uc}}},
            {"minimum_applied", c.minimum_applied},
            {"per_use", c.per_use}};
    j["components"].push_back(std::move(cj));
  }
  j["per_use"] = json::array();
  for (const seedance::per_use_price& u : e.per_use)
    j["per_use"].push_back({{"component", u.component},
                            {"unit", u.unit},
                            {"credits", number(u.price.credits)},
                            {"cny", number(u.price.cny)},
                            {"usd", number(u.price.usd)}});
  j["assumptions"] = json::array();
  for (const seedance::assumption& a : e.assumptions) j["assumptions"].push_back(a.text);
  return j;
}

// --- text renderings --------------------------------------------------------------------------------------

std::string where(const std::string& file, const seedance::diagnostic& d) {
  std::string s = file;
  if (d.position) s += ":" + std::to_string(d.position->line) + ":" + std::to_string(d.position->column);
  return s;
}

void print_diagnostics(const std::string& file, const seedance::report& r, const style& st) {
  for (const seedance::diagnostic& d : r) {
    std::cout << st.bold(where(file, d) + ":") << " " << st.severity(d.severity) << "["
              << seedance::to_string(d.code) << "]";
    if (!d.path.empty()) std::cout << " " << d.path;
    std::cout << ": " << d.message << "\n";
  }
}

std::string range_text(const seedance::decimal& lo, const seedance::decimal& hi, bool open, int places) {
  if (open) return lo.to_fixed(places) + " or more";
  if (lo == hi) return lo.to_fixed(places);
  return lo.to_fixed(places) + " to " + hi.to_fixed(places);
}

std::string short_cost(const seedance::cost_estimate& e) {
  return range_text(e.min.credits, e.max.credits, e.open_upper_bound, 2) + " credits (CNY " +
         range_text(e.min.cny, e.max.cny, e.open_upper_bound, 2) + ", USD " +
         range_text(e.min.usd, e.max.usd, e.open_upper_bound, 2) + ")";
}

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

// --- check and cost -------------------------------------------------------------------------------------------

struct request_options {
  std::string format = "text";
  media_options media;
  std::string pricing;
  std::vector<std::string> files;
};

/// What one request file gave.
struct checked {
  std::string file;
  bool readable = true;
  seedance::report report;
  std::optional<seedance::cost_estimate> estimate;
  std::string estimate_error;
};

checked check_one(const std::string& file, const request_options& opt, const seedance::pricing_table& table, status& st) {
  checked c;
  c.file = file;
  const input in = read_input(file, seedance::limits::body_max_bytes);
  if (!in.error.empty()) {
    complain(file, in.error);
    c.readable = false;
    st.at_least(exit_usage);
    return c;
  }
  if (in.too_large) {
    const std::string size = in.size ? std::to_string(*in.size) + " bytes" : "more bytes than that";
    c.report.add(seedance::code::body_too_large, "",
                 "the request body is " + size + ", over the " + std::to_string(seedance::limits::body_max_bytes) +
                     "-byte (64 MiB) limit; it was not read");
    st.at_least(exit_invalid);
    return c;
  }
  seedance::media_map media;
  json body = json::parse(in.bytes, nullptr, false);  // discarded on error: validate() reports it
  if (!body.is_discarded() && (!opt.media.mappings.empty() || !opt.media.dir.empty())) {
    if (!build_media(body, opt.media, media, file)) st.at_least(exit_usage);
  }
  c.report = seedance::validate(std::string_view(in.bytes), media);
  if (!c.report.ok()) {
    st.at_least(exit_invalid);
    return c;
  }
  seedance::estimate_options eo;
  eo.validate = false;  // just done, with positions
  seedance::estimate_result er = seedance::estimate_cost(body, table, media, eo);
  if (er.estimate) {
    c.estimate = std::move(*er.estimate);
  } else {
    c.estimate_error = er.error;
  }
  return c;
}

int run_check(const request_options& opt, bool cost_only) {
  status st;
  const std::optional<seedance::pricing_table> table = load_pricing(opt.pricing);
  if (!table) return exit_usage;
  const style sty = style::for_stdout();
  json out = json::array();
  std::size_t valid = 0, invalid = 0, errors = 0, warnings = 0;
  for (const std::string& file : opt.files) {
    checked c = check_one(file, opt, *table, st);
    if (!c.readable) continue;
    const bool ok = c.report.ok();
    (ok ? valid : invalid) += 1;
    errors += c.report.errors();
    warnings += c.report.warnings();
    if (ok && !c.estimate) st.at_least(exit_invalid);  // valid, but the pricing table cannot price it
    if (opt.format == "json") {
      if (!cost_only) {
        out.push_back({{"file", file},
                       {"valid", ok},
                       {"diagnostics", diagnostics_json(c.report)},
                       {"estimate", c.estimate ? estimate_json(file, *c.estimate) : json(nullptr)}});
      } else if (c.estimate) {
        out.push_back(estimate_json(file, *c.estimate));
      } else {
        const std::string why = ok ? c.estimate_error : "the request is invalid: no estimate";
        out.push_back({{"file", file},
                       {"error", {{"code", ok ? "not_priced" : "invalid_request"}, {"message", why}}},
                       {"diagnostics", diagnostics_json(c.report)}});
      }
      continue;
    }
    // text
    if (!cost_only || !ok) print_diagnostics(file, c.report, sty);
    if (!cost_only) {
      if (ok)
        std::cout << sty.bold(file + ":") << " valid"
                  << (c.estimate ? ", " + short_cost(*c.estimate) : std::string(", no estimate: ") + c.estimate_error) << "\n";
      continue;
    }
    if (!c.estimate) {
      std::cout << sty.bold(file + ":") << " no estimate: "
                << (ok ? c.estimate_error : "the request is invalid (" + plural(c.report.errors(), "error") + ")") << "\n";
      continue;
    }
    const seedance::cost_estimate& e = *c.estimate;
    std::cout << sty.bold(file + ":") << " " << e.model << ": " << short_cost(e) << "\n";
    for (const seedance::cost_component& comp : e.components) {
      std::cout << "  " << comp.id << ": " << range_text(comp.quantity_min, comp.quantity_max, false, 3) << " " << comp.unit
                << " x " << comp.rate_uc.to_string() << " uc";
      if (!comp.per_use)
        std::cout << " = " << (comp.amount_min_uc == comp.amount_max_uc ? std::to_string(comp.amount_min_uc)
                                                                         : std::to_string(comp.amount_min_uc) + " to " +
                                                                               std::to_string(comp.amount_max_uc))
                  << " uc" << (comp.minimum_applied ? " (minimum charge)" : "");
      std::cout << "\n";
    }
    for (const seedance::per_use_price& u : e.per_use)
      std::cout << "  + " << u.price.credits.to_fixed(2) << " credits per " << u.unit << " (" << u.component << ")\n";
    for (const seedance::assumption& a : e.assumptions) std::cout << "  assumes: " << a.text << "\n";
  }
  if (opt.format == "json") {
    std::cout << out.dump(2) << "\n";
  } else if (!cost_only) {
    std::cout << plural(valid + invalid, "file") << " checked: " << valid << " valid, " << invalid << " invalid ("
              << plural(errors, "error") << ", " << plural(warnings, "warning") << ")\n";
  }
  return st.value;
}

// --- probe ------------------------------------------------------------------------------------------------------

json probe_json(const std::string& file, const seedance::probe_result& p) {
  json j{{"file", file}};
  if (const seedance::probe_error* e = p.error()) {
    j["error"] = {{"code", std::string(seedance::to_string(e->code))}, {"message", e->message}};
    return j;
  }
  if (const auto* i = p.image()) {
    j["kind"] = "image";
    j["format"] = std::string(seedance::to_string(i->format));
    j["width"] = i->display_width();
    j["height"] = i->display_height();
  } else if (const auto* v = p.video()) {
    j["kind"] = "video";
    j["format"] = std::string(seedance::to_string(v->format));
    j["width"] = v->display_width();
    j["height"] = v->display_height();
    j["duration"] = v->duration;
    j["fps"] = v->fps;
  } else if (const auto* a = p.audio()) {
    j["kind"] = "audio";
    j["format"] = std::string(seedance::to_string(a->format));
    j["duration"] = a->duration;
  }
  j["bytes"] = p.bytes;
  return j;
}

std::string probe_text(const seedance::probe_result& p) {
  char buf[256];
  if (const seedance::probe_error* e = p.error()) return "error[" + std::string(seedance::to_string(e->code)) + "]: " + e->message;
  if (const auto* i = p.image()) {
    std::snprintf(buf, sizeof buf, "image %s %ux%u", std::string(seedance::to_string(i->format)).c_str(), i->display_width(),
                  i->display_height());
    std::string s = buf;
    if (i->swaps_sides()) s += " (stored " + std::to_string(i->width) + "x" + std::to_string(i->height) + ", EXIF orientation " + std::to_string(i->orientation) + ")";
    return s + ", " + std::to_string(p.bytes) + " bytes";
  }
  if (const auto* v = p.video()) {
    std::snprintf(buf, sizeof buf, "video %s %ux%u, %.3f s, %.3f fps", std::string(seedance::to_string(v->format)).c_str(),
                  v->display_width(), v->display_height(), v->duration, v->fps);
    std::string s = buf;
    if (v->rotation != 0) s += " (rotated " + std::to_string(v->rotation) + " degrees)";
    if (v->variable_frame_rate) s += " (variable frame rate)";
    return s + ", " + std::to_string(p.bytes) + " bytes";
  }
  if (const auto* a = p.audio()) {
    std::snprintf(buf, sizeof buf, "audio %s %.3f s", std::string(seedance::to_string(a->format)).c_str(), a->duration);
    return std::string(buf) + ", " + std::to_string(p.bytes) + " bytes";
  }
  return "?";
}

int run_probe(const std::string& format, const std::vector<std::string>& files) {
  status st;
  const style sty = style::for_stdout();
  json out = json::array();
  for (const std::string& file : files) {
    seedance::probe_result p;
    if (file == "-") {
      // Standard input cannot seek: read the head (the probe needs headers only, but MP4 may keep
      // its moov at the end, so read up to the body limit).
      const input in = read_input(file, seedance::limits::body_max_bytes);
      if (!in.error.empty()) {
        complain(file, in.error);
        st.at_least(exit_usage);
        continue;
      }
      p = seedance::probe(std::string_view(in.bytes));
    } else {
      std::error_code ec;
      if (fs::is_directory(file, ec)) {
        complain(file, "is a directory");
        st.at_least(exit_usage);
        continue;
      }
      p = seedance::probe_file(file);
    }
    if (const seedance::probe_error* e = p.error()) {
      st.at_least(e->code == seedance::probe_errc::io_error ? exit_usage : exit_invalid);
      if (e->code == seedance::probe_errc::io_error) complain(file, e->message);
    }
    if (format == "json") {
      out.push_back(probe_json(file, p));
    } else {
      std::cout << sty.bold(file + ":") << " " << probe_text(p) << "\n";
    }
  }
  if (format == "json") std::cout << out.dump(2) << "\n";
  return st.value;
}

// --- models and schema -------------------------------------------------------------------------------------------

std::string qualities(const seedance::model_info& m) {
  std::string s;
  for (std::size_t i = 0; i < seedance::enum_strings<seedance::quality>::values.size(); ++i) {
    const auto q = static_cast<seedance::quality>(i);
    if (!m.supports(q)) continue;
    if (!s.empty()) s += " ";
    s += seedance::to_string(q);
  }
  return s;
}

std::string count_text(const seedance::count_range& r) {
  if (!r.allowed()) return "-";
  return r.min == r.max ? std::to_string(r.min) : std::to_string(r.min) + "-" + std::to_string(r.max);
}

int run_models(const std::string& format) {
  if (format == "json") {
    json out = json::array();
    for (const seedance::model_info& m : seedance::model_catalog) {
      json q = json::array();
      for (std::size_t i = 0; i < seedance::enum_strings<seedance::quality>::values.size(); ++i)
        if (m.supports(static_cast<seedance::quality>(i))) q.push_back(seedance::enum_strings<seedance::quality>::values[i]);
      const auto range = [](const seedance::count_range& r) { return json{{"min", r.min}, {"max", r.max}}; };
      out.push_back({{"id", m.id},
                     {"mode", seedance::to_string(m.mode)},
                     {"tier", seedance::to_string(m.tier)},
                     {"images", range(m.images)},
                     {"videos", range(m.videos)},
                     {"audios", range(m.audios)},
                     {"audio_needs_visual", m.audio_needs_visual},
                     {"qualities", q},
                     {"web_search", m.web_search}});
    }
    std::cout << out.dump(2) << "\n";
    return exit_ok;
  }
  const std::vector<std::string> head{"MODEL", "MODE", "TIER", "IMAGES", "VIDEOS", "AUDIOS", "QUALITIES", "WEB SEARCH"};
  std::vector<std::vector<std::string>> rows{head};
  for (const seedance::model_info& m : seedance::model_catalog)
    rows.push_back({std::string(m.id), std::string(seedance::to_string(m.mode)), std::string(seedance::to_string(m.tier)),
                    count_text(m.images), count_text(m.videos), count_text(m.audios), qualities(m), m.web_search ? "yes" : "no"});
  std::vector<std::size_t> width(head.size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - r[i].size() + 2, ' ');
    }
    std::cout << line << "\n";
  }
  return exit_ok;
}

int run_schema(const std::string& id) {
  if (id.empty()) {
    std::cout << seedance::json_schema_all().dump(2) << "\n";
    return exit_ok;
  }
  const std::optional<json> s = seedance::json_schema(id);
  if (!s) {
    std::string ids;
    for (const seedance::model_info& m : seedance::model_catalog) ids += "\n  " + std::string(m.id);
    std::cerr << "seedance: schema: unknown model id \"" << id << "\"; the models are:" << ids << "\n";
    return exit_usage;
  }
  std::cout << s->dump(2) << "\n";
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"seedance " SEEDANCE_VERSION_STRING ": check Seedance 2.0 video generation requests before they cost money"};
  app.require_subcommand(1);
  app.set_version_flag("--version", SEEDANCE_VERSION_STRING);

  request_options check_opt, cost_opt;
  const auto add_request_options = [](CLI::App* cmd, request_options& o) {
    cmd->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--media", o.media.mappings, "URL=PATH: the request's media URL will be the local file PATH (probed and checked)")
        ->check([](const std::string& s) { return s.find('=') == std::string::npos ? std::string("expected URL=PATH") : std::string(); });
    cmd->add_option("--media-dir", o.media.dir, "map every media URL to DIR/<last path segment of the URL> when that file exists")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--pricing", o.pricing, "a pricing-rules feed (JSON) instead of the built-in table");
    cmd->add_option("FILE", o.files, "request files (JSON); - reads standard input")->required();
  };
  CLI::App* check = app.add_subcommand("check", "validate request files (and estimate the valid ones)");
  add_request_options(check, check_opt);
  CLI::App* cost = app.add_subcommand("cost", "estimate the cost of request files");
  add_request_options(cost, cost_opt);

  std::string probe_format = "text";
  std::vector<std::string> probe_files;
  CLI::App* probe = app.add_subcommand("probe", "read size, duration, fps and format from media file headers");
  probe->add_option("--format", probe_format, "text or json")->check(CLI::IsMember({"text", "json"}));
  probe->add_option("FILE", probe_files, "media files; - reads standard input")->required();

  std::string models_format = "text";
  CLI::App* models = app.add_subcommand("models", "the nine models and their capabilities");
  models->add_option("--format", models_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  std::string schema_id;
  CLI::App* schema = app.add_subcommand("schema", "the JSON Schema of one model's request body, or of all nine keyed by id");
  schema->add_option("MODEL_ID", schema_id, "a model id (seedance models lists them)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help/version (rc 0) or the error
    return rc == 0 ? exit_ok : exit_usage;
  }
  try {
    if (check->parsed()) return run_check(check_opt, false);
    if (cost->parsed()) return run_check(cost_opt, true);
    if (probe->parsed()) return run_probe(probe_format, probe_files);
    if (models->parsed()) return run_models(models_format);
    if (schema->parsed()) return run_schema(schema_id);
  } catch (const std::exception& e) {
    std::cerr << "seedance: " << e.what() << "\n";
    return exit_usage;
  }
  return exit_usage;
}
