// seedance_sax_floor FILE: the floor of the peak memory of `seedance check FILE`. It reads the file
// as the tool does (tools/common.cpp, read_input: 64 KiB reads appended to one std::string reserved
// to the file's size, and the same 64 MiB limit), then runs nlohmann::json::sax_parse over it
// with a handler that keeps nothing. No validator built on nlohmann's parser can need less: the
// text, and the lexer's token buffer (as long as the longest string). benchmarks/check_memory.cpp
// compares the tool's peak with this program's (docs/performance.md).
//
// Exit status: 0 when the text parsed, 1 when it is not JSON, 2 when the file cannot be read or is
// over the limit. Prints the size read and the verdict.
#include <seedance/spec.hpp>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

/// Keeps nothing: every event is accepted and dropped.
struct null_sax {
  using json = nlohmann::json;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const json::string_t&) { return true; }
  bool string(json::string_t&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool key(json::string_t&) { return true; }
  bool parse_error(std::size_t, const std::string&, const json::exception&) { return false; }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  const std::size_t limit = seedance::limits::body_max_bytes;
  const int fd = ::open(argv[1], O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "%s: cannot open: %s\n", argv[1], std::strerror(errno));
    return 2;
  }
  // The tool's loop (read_input), byte for byte: the buffer grows as the tool's does.
  std::string buf;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) <= limit)
    buf.reserve(static_cast<std::size_t>(st.st_size));
  char chunk[1 << 16];
  while (buf.size() <= limit) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      std::fprintf(stderr, "%s: cannot read: %s\n", argv[1], std::strerror(errno));
      ::close(fd);
      return 2;
    }
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (buf.size() > limit) {
    std::fprintf(stderr, "%s: over the %zu-byte limit\n", argv[1], limit);
    return 2;
  }
  null_sax handler;
  const bool ok = nlohmann::json::sax_parse(buf.begin(), buf.end(), &handler);
  std::printf("%zu bytes: %s\n", buf.size(), ok ? "parsed" : "not JSON");
  return ok ? 0 : 1;
}
