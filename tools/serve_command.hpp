// seedance: the command-line tool. `seedance serve`: the local double of the Seedance 2.0 API
// (docs/serve.md), in its own translation unit (tools/serve_command.cpp), so that Boost.Beast is
// compiled there only. tools/seedance.cpp registers it with three lines.
#ifndef SEEDANCE_TOOLS_SERVE_COMMAND_HPP
#define SEEDANCE_TOOLS_SERVE_COMMAND_HPP

#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>

namespace seedance_tool {

/// `seedance serve [options]`: adds the subcommand to `app` on construction; `run()` after parsing.
class serve_command {
 public:
  explicit serve_command(CLI::App& app);
  ~serve_command();
  serve_command(const serve_command&) = delete;
  serve_command& operator=(const serve_command&) = delete;

  /// The subcommand was given.
  [[nodiscard]] bool parsed() const;
  /// Serves until SIGINT or SIGTERM: 0 after a clean stop, 2 for a usage error or when it cannot
  /// listen (the reason on standard error).
  [[nodiscard]] int run();

 private:
  struct settings;
  std::unique_ptr<settings> settings_;
  CLI::App* command_ = nullptr;
};

}  // namespace seedance_tool

#endif  // SEEDANCE_TOOLS_SERVE_COMMAND_HPP
