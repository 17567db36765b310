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
