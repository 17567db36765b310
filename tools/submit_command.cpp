// seedance submit and seedance task (docs/cli.md, docs/client.md): the client on the Beast +
// OpenSSL transport. Requests are validated, estimated and checked against --max-credits before
// anything is sent; a create whose outcome is unknown is never resent (exit 3, with the key).
#include <seedance/beast_transport.hpp>
#include <seedance/probe_json.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"

namespace seedance_tool {
namespace {

/// The precedence of the network commands' statuses: the first of this list that occurs wins.
/// 3 (outcome unknown) dominates: it is the one that can cost money twice.
constexpr int precedence[] = {exit_outcome_unknown, exit_usage, exit_deadline, exit_retry_later, exit_invalid, exit_ok};

struct worst {
  int value = exit_ok;
  void add(int s) {
    for (const int p : precedence) {
      if (p == value) return;  // the current one ranks higher
      if (p == s) {
        value = s;
        return;
      }
    }
  }
};

/// The key: --api-key, else SEEDANCE_API_KEY, else EVOLINK_API_KEY. The base URL: --base-url, else
/// SEEDANCE_BASE_URL, else the provider's.
std::string from_env(const std::string& given, std::initializer_list<const char*> names, std::string fallback = {}) {
  if (!given.empty()) return given;
  for (const char* n : names)
    if (const char* v = std::getenv(n); v != nullptr && *v != '\0') return v;
  return fallback;
}

/// Progress: on a terminal, one line per task updated in place; otherwise a plain line whenever the
/// status or the progress changes. Always on standard error.
class progress_printer {
 public:
  explicit progress_printer(std::string label) : label_(std::move(label)), tty_(::isatty(STDERR_FILENO) == 1), start_(clock::now()) {}
  void operator()(const seedance::video_task& t) {
    const int pct = t.progress.value_or(0);
    if (!tty_ && t.status_text == last_status_ && pct == last_progress_) return;
    last_status_ = t.status_text;
    last_progress_ = pct;
    const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(clock::now() - start_).count();
    std::string line =
        label_ + ": " + (t.status_text.empty() ? "?" : t.status_text) + " " + std::to_string(pct) + "%, " + std::to_string(elapsed) + " s";
    if (t.task_info && t.task_info->estimated_time) line += " (estimated " + std::to_string(*t.task_info->estimated_time) + " s)";
    if (tty_) {
      std::cerr << "\r\033[K" << line << std::flush;
      open_ = true;
    } else {
      std::cerr << line << "\n";
    }
  }
  void done() {
    if (open_) std::cerr << "\n";
    open_ = false;
  }

 private:
  using clock = std::chrono::steady_clock;
  std::string label_;
  bool tty_;
  clock::time_point start_;
  std::string last_status_;
  int last_progress_ = -1;
  bool open_ = false;
};

json advice_json(const seedance::error_advice& a) {
  json j{{"action", seedance::to_string(a.action)}, {"reason", a.reason}};
  j["retry_after"] = a.retry_after ? json(a.retry_after->count()) : json(nullptr);
  return j;
}

/// The advice, for a text line: " (what to do: REASON)".
std::string advice_text(const seedance::error_advice& a) {
  if (a.reason.empty()) return {};
  return " (" + std::string(seedance::to_string(a.action)) + ": " + std::string(a.reason) + ")";
}

/// The provider's body as JSON when it is JSON, else null.
json body_json(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

seedance::client make_client(const network_options& opt, std::string& error) {
  seedance::client_options co;
  co.base_url = from_env(opt.base_url, {"SEEDANCE_BASE_URL"}, std::string(seedance::api_facts::default_base_url));
  co.api_key = from_env(opt.api_key, {"SEEDANCE_API_KEY", "EVOLINK_API_KEY"});
  if (opt.timeout_seconds > 0) co.timeout = std::chrono::milliseconds{static_cast<std::int64_t>(opt.timeout_seconds * 1000)};
  if (co.api_key.empty()) error = "no API key: give --api-key, or set SEEDANCE_API_KEY or EVOLINK_API_KEY";
  else if (auto ep = seedance::parse_endpoint(co.base_url); !ep) error = ep.error;
  else if (!ep.endpoint->may_send_key()) error = "refusing to send the API key over plain http to " + ep.endpoint->host + ": use https";
  seedance::beast_transport_options to;
  to.ca_file = opt.ca_file;
  return seedance::client(co, seedance::beast_transport(to));
}

seedance::wait_options wait_for(progress_printer& p, const network_options& opt) {
  seedance::wait_options wo;
  wo.on_progress = [&p](const seedance::video_task& t) { p(t); };
  if (opt.deadline_seconds > 0) wo.deadline = std::chrono::milliseconds{static_cast<std::int64_t>(opt.deadline_seconds * 1000)};
  return wo;
}

/// Waits (and downloads) for a created or named task; fills `out` and returns the status.
int wait_and_fetch(seedance::client& c, const std::string& label, const std::string& id, const network_options& opt, json& out,
                   std::string& line) {
  progress_printer p(label);
  const seedance::task_result w = c.wait(id, wait_for(p, opt));
  p.done();
  if (!w.body.empty()) out["task"] = body_json(w.body);
  switch (w.status) {
    case seedance::task_read_status::ok: break;
    case seedance::task_read_status::deadline_passed:
      out["reason"] = w.message;
      line = id + ": still " + (w.task ? w.task->status_text : std::string("unknown")) +
             " at the deadline; wait again with seedance task --wait " + id;
      return exit_deadline;
    case seedance::task_read_status::retries_exhausted:
    case seedance::task_read_status::failed:
    case seedance::task_read_status::refused:
      out["reason"] = w.message;
      out["advice"] = advice_json(w.advice);
      line = id + ": could not be read: " + w.message + advice_text(w.advice);
      return w.status == seedance::task_read_status::failed || w.status == seedance::task_read_status::refused ? exit_invalid
                                                                                                               : exit_retry_later;
  }
  const seedance::video_task& t = *w.task;
  if (t.status != seedance::task_status::completed) {
    line = id + ": " + t.status_text;
    if (t.error) {
      const seedance::error_advice a = seedance::classify_task_error(*t.error);
      line += ": " + t.error->code + (t.error->message.empty() ? "" : ": " + t.error->message) + advice_text(a);
      out["advice"] = advice_json(a);
    }
    return exit_invalid;
  }
  line = id + ": completed";
  for (const std::string& u : t.results) line += " " + u;
  if (!opt.download.empty()) {
    const seedance::download_result d = c.download(t, opt.download);
    json files = json::array();
    for (const auto& f : d.files) {
      json fj{{"url", f.url}, {"ok", f.ok}};
      if (f.ok) fj["file"] = f.file.string();
      else fj["reason"] = f.message;
      if (f.probe) seedance::to_json(fj["probe"], *f.probe);
      files.push_back(std::move(fj));
      line += f.ok ? "\n  wrote " + f.file.string() : "\n  not downloaded: " + f.url + ": " + f.message;
    }
    out["downloads"] = std::move(files);
    if (!d.ok) return exit_invalid;
  }
  return exit_ok;
}

/// Runs `one` on each file or id: its status, the object of the JSON array (keyed by `key`) and the
/// line of text output (standard output when it succeeded, else standard error). The statuses
/// combine by `worst`.
template <class One>
int for_each_item(const std::vector<std::string>& items, const char* key, const std::string& format, One one) {
  worst st;
  json all = json::array();
  for (const std::string& item : items) {
    json out{{key, item}};
    std::string line;
    const int rc = one(item, out, line);
    st.add(rc);
    if (format == "json") all.push_back(std::move(out));
    else (rc == exit_ok ? std::cout : std::cerr) << line << "\n";
  }
  if (format == "json") print_json(all);
  return st.value;
}

}  // namespace

int run_submit(const submit_options_cli& opt) {
  if (opt.idempotency_key && opt.files.size() > 1) {
    std::cerr << "seedance: --idempotency-key names one request: give one FILE with it\n";
    return exit_usage;
  }
  std::optional<seedance::decimal> cap;
  if (opt.max_credits) {
    cap = seedance::decimal::parse(*opt.max_credits);
    if (!cap || cap->is_negative()) {
      std::cerr << "seedance: --max-credits: not a number of credits: " << *opt.max_credits << "\n";
      return exit_usage;
    }
  }
  std::string setup_error;
  seedance::client c = make_client(opt.net, setup_error);
  if (!setup_error.empty()) {
    std::cerr << "seedance: " << setup_error << "\n";
    return exit_usage;
  }
  media_mapping mapping(opt.media);
  const bool wait = opt.net.wait || !opt.net.download.empty();
  return for_each_item(opt.files, "file", opt.format, [&](const std::string& file, json& out, std::string& line) {
    int rc = exit_ok;
    const input in = read_input(file, seedance::limits::body_max_bytes);
    json body = in.error.empty() ? json::parse(in.bytes, nullptr, false) : json();
    if (!in.error.empty() || in.too_large) {
      out["error"] =
          error_json("io_error", in.error.empty() ? "the file is larger than " + byte_limit(seedance::limits::body_max_bytes) : in.error);
      line = "cannot be read: " + out["error"]["message"].get<std::string>();
      rc = exit_usage;
    } else if (body.is_discarded()) {
      out["error"] = error_json("invalid_json", "the file is not JSON: run seedance check on it");
      line = "not JSON: nothing was sent (seedance check shows where)";
      rc = exit_invalid;
    } else {
      const media_result media = build_media(body, in.bytes, mapping);
      if (!media.unreadable.empty()) {
        out["error"] = error_json("io_error", media.unreadable);
        line = media.unreadable;
        rc = exit_usage;
      } else {
        seedance::submit_options so;
        so.max_credits = cap;
        so.idempotency_key = opt.idempotency_key;
        so.media = media.media;
        so.strict = opt.strict;
        const seedance::submit_result r = c.submit(body, so);
        out["status"] = seedance::to_string(r.status);
        out["idempotency_key"] = r.idempotency_key;
        out["estimate"] = r.estimate ? seedance::to_json(*r.estimate, seedance::estimate_json_options::cli()) : json(nullptr);
        if (!r.body.empty()) out["task"] = body_json(r.body);
        switch (r.status) {
          case seedance::submit_status::created:
            line = "created " + *r.task->id + (r.estimate ? ", " + seedance::cost_range_text(*r.estimate) : std::string());
            if (wait) {
              std::string waited;
              rc = wait_and_fetch(c, file, *r.task->id, opt.net, out, waited);
              line += "\n" + file + ": " + waited;
            }
            break;
          case seedance::submit_status::invalid:
            out["diagnostics"] = seedance::to_json(r.report, {.file_order = false, .diagnostics_only = true, .extra = {}});
            if (opt.format != "json")
              std::cerr << seedance::to_text(
                  r.report, {.file = file, .positions = false, .file_order = false, .summary = false, .colour = false, .extra = {}});
            line = "invalid: nothing was sent";
            rc = exit_invalid;
            break;
          case seedance::submit_status::over_budget:
          case seedance::submit_status::refused:
          case seedance::submit_status::failed:
            out["reason"] = r.message;
            if (r.status == seedance::submit_status::failed) out["advice"] = advice_json(r.advice);
            line = r.status == seedance::submit_status::failed ? "failed: " + r.message + advice_text(r.advice) : "not sent: " + r.message;
            rc = r.status == seedance::submit_status::refused ? exit_usage : exit_invalid;
            break;
          case seedance::submit_status::retry_later:
            out["reason"] = r.message;
            out["advice"] = advice_json(r.advice);
            line = "not created, retry later: " + r.message + advice_text(r.advice);
            rc = exit_retry_later;
            break;
          case seedance::submit_status::outcome_unknown:
            out["reason"] = r.message;
            out["advice"] = advice_json(r.advice);
            line = "outcome unknown: " + r.message + advice_text(r.advice);
            rc = exit_outcome_unknown;
            break;
        }
      }
    }
    line = file + ": " + line;
    return rc;
  });
}

int run_task(const task_options_cli& opt) {
  std::string setup_error;
  seedance::client c = make_client(opt.net, setup_error);
  if (!setup_error.empty()) {
    std::cerr << "seedance: " << setup_error << "\n";
    return exit_usage;
  }
  const bool wait = opt.net.wait || !opt.net.download.empty();
  return for_each_item(opt.ids, "id", opt.format, [&](const std::string& id, json& out, std::string& line) {
    int rc = exit_ok;
    if (wait) {
      rc = wait_and_fetch(c, id, id, opt.net, out, line);
    } else {
      const seedance::task_result r = c.get_task(id);
      if (!r.body.empty()) out["task"] = body_json(r.body);
      if (r.status == seedance::task_read_status::ok) {
        line = id + ": " + r.task->status_text + " " + std::to_string(r.task->progress.value_or(0)) + "%";
        for (const std::string& u : r.task->results) line += " " + u;
      } else {
        out["reason"] = r.message;
        out["advice"] = advice_json(r.advice);
        line = id + ": could not be read: " + r.message + advice_text(r.advice);
        rc = r.status == seedance::task_read_status::retries_exhausted ? exit_retry_later : exit_invalid;
      }
    }
    return rc;
  });
}

}  // namespace seedance_tool
