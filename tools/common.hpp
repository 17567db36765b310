// seedance (the command-line tool): what every command shares. Exit statuses, the run's status,
// output style and JSON output, bounded input reading, messages on stderr. docs/cli.md is the manual.
#ifndef SEEDANCE_TOOL_COMMON_HPP
#define SEEDANCE_TOOL_COMMON_HPP

#include <seedance/report.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace seedance_tool {

using nlohmann::json;

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

// --- output ------------------------------------------------------------------------------------------

/// Prints JSON output. A file name is whatever bytes the file system holds, and need not be UTF-8:
/// bytes that are not UTF-8 are printed as U+FFFD instead of failing the whole output.
void print_json(const json& j);

/// A limit in bytes as the messages name it: "67108864-byte (64 MiB)".
std::string byte_limit(std::uint64_t bytes);

json error_json(std::string_view code, const std::string& message);

std::string plural(std::size_t n, const char* word);

// --- reading input, bounded ---------------------------------------------------------------------------

struct input {
  std::string name;                 // as given ("-" is standard input)
  std::string bytes;                // at most `limit` bytes
  bool too_large = false;           // more than `limit` bytes
  std::optional<std::uint64_t> size;  // the file's size when the file system knows it
  bool fifo = false;                // a FIFO (or pipe): one without a writer reads as empty
  std::string error;                // non-empty: could not be read (exit 2)
};

/// Reads `name` ("-": standard input), never more than `limit` + 1 bytes. A directory, a missing
/// file or a read error is an error. A FIFO without a writer reads as empty instead of blocking;
/// one whose writer keeps it open without writing is waited on, as `cat` would.
input read_input(const std::string& name, std::size_t limit);

/// "(a FIFO without a writer reads as empty)" for an empty FIFO, else "".
std::string empty_note(const input& in);

void complain(const std::string& file, const std::string& what);

}  // namespace seedance_tool

#endif  // SEEDANCE_TOOL_COMMON_HPP
