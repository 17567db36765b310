// seedance (the command-line tool): the commands, one source file each; main.cpp parses the
// arguments and calls one of them. Each returns the exit status (common.hpp).
#ifndef SEEDANCE_TOOL_COMMANDS_HPP
#define SEEDANCE_TOOL_COMMANDS_HPP

#include <optional>
#include <string>
#include <vector>

#include "media_mapping.hpp"

namespace seedance_tool {

/// The options of `check` and `cost`.
struct request_options {
  std::string format = "text";
  bool strict = false;  // --strict: unknown_field and field_ignored are errors
  media_options media;
  std::string pricing;
  std::vector<std::string> files;
};

/// What submit and task share: where the API is, the key, and waiting.
struct network_options {
  std::string base_url;           // --base-url, else SEEDANCE_BASE_URL, else the provider's
  std::string api_key;            // --api-key, else SEEDANCE_API_KEY, else EVOLINK_API_KEY
  std::string ca_file;            // --ca-file: trust these certificates instead of the system's
  double timeout_seconds = 0;     // --timeout: per HTTP call (0: the library's 30 s)
  bool wait = false;              // --wait
  double deadline_seconds = 0;    // --deadline: give up waiting after this long (0: never)
  std::string download;           // --download DIR (implies --wait)
};

/// The options of `submit`.
struct submit_options_cli {
  network_options net;
  std::string format = "text";
  bool strict = false;
  std::optional<std::string> max_credits;
  std::optional<std::string> idempotency_key;
  media_options media;
  std::vector<std::string> files;
};

/// The options of `task`.
struct task_options_cli {
  network_options net;
  std::string format = "text";
  std::vector<std::string> ids;
};

/// `submit`, `task`: submit_command.cpp.
int run_submit(const submit_options_cli& opt);
int run_task(const task_options_cli& opt);

/// `check` (`cost_only` false) and `cost` (true): check_command.cpp.
int run_check(const request_options& opt, bool cost_only);
/// `probe`: probe_command.cpp.
int run_probe(const std::string& format, const std::vector<std::string>& files);
/// `models`: models_command.cpp.
int run_models(const std::string& format);
/// `schema [MODEL_ID]` (nullopt: every model): schema_command.cpp.
int run_schema(const std::optional<std::string>& id);

}  // namespace seedance_tool

#endif  // SEEDANCE_TOOL_COMMANDS_HPP
