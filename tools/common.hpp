// seedance (the command-line tool): what every command shares. Exit statuses, the run's status,
// output style and JSON output, bounded input reading, messages on stderr. docs/cli.md is the manual.
#ifndef SEEDANCE_TOOL_COMMON_HPP
#define SEEDANCE_TOOL_COMMON_HPP

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seedance_tool {

using nlohmann::json;

// --- exit status -----------------------------------------------------------------------------------

constexpr int exit_ok = 0;
constexpr int exit_invalid = 1;
constexpr int exit_usage = 2;
// submit and task only (docs/cli.md): precedence 3, 2, 5, 4, 1, 0 (submit_command.cpp).
constexpr int exit_outcome_unknown = 3;  // a create that may have been charged: look it up or resend with its key
constexpr int exit_retry_later = 4;      // nothing was created (or a read failed for a transient reason): try later
constexpr int exit_deadline = 5;         // --wait: the deadline passed before the task ended

/// The run's status: the worst seen.
struct status {
  int value = exit_ok;
  void at_least(int s) { value = std::max(value, s); }
};

// --- output ------------------------------------------------------------------------------------------

/// Colour only on a terminal, and never when NO_COLOR is set to something (https://no-color.org).
/// The library's renderings take `colour` as an option; the tool paints only the file names it prints.
struct style {
  bool colour = false;
  static style for_stdout();
  [[nodiscard]] std::string bold(std::string_view text) const;
};

/// Prints JSON output. A file name is whatever bytes the file system holds, and need not be UTF-8:
/// bytes that are not UTF-8 are printed as U+FFFD instead of failing the whole output.
void print_json(const json& j);

/// `{"code", "message"}`: the error object of the tool's contract (docs/cli.md).
json error_json(std::string_view code, const std::string& message);

/// A limit in bytes as the messages name it: "67108864-byte (64 MiB)".
std::string byte_limit(std::uint64_t bytes);

/// "1 file", "2 files".
std::string plural(std::size_t n, const char* word);

/// "seedance: FILE: WHAT" on stderr.
void complain(const std::string& file, const std::string& what);

// --- reading input, bounded ---------------------------------------------------------------------------

struct input {
  std::string name;                   // as given ("-" is standard input)
  std::string bytes;                  // at most `limit` bytes
  bool too_large = false;             // more than `limit` bytes
  std::optional<std::uint64_t> size;  // the file's size when the file system knows it
  bool fifo = false;                  // a FIFO (or pipe): one without a writer reads as empty
  std::string error;                  // non-empty: could not be read (exit 2)
};

/// Reads `name` ("-": standard input), never more than `limit` + 1 bytes. A directory, a missing
/// file or a read error is an error. A FIFO without a writer reads as empty instead of blocking;
/// one whose writer keeps it open without writing is waited on, as `cat` would.
input read_input(const std::string& name, std::size_t limit);

/// "(a FIFO without a writer reads as empty)" for an empty FIFO, else "".
std::string empty_note(const input& in);

}  // namespace seedance_tool

#endif  // SEEDANCE_TOOL_COMMON_HPP
