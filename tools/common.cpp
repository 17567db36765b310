// seedance (the command-line tool): what every command shares (common.hpp).
#include "common.hpp"

#include <seedance/report.hpp>
#include <seedance/spec.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace seedance_tool {

style style::for_stdout() {
  const char* no_color = std::getenv("NO_COLOR");
  return {isatty(STDOUT_FILENO) == 1 && !(no_color && *no_color)};
}

std::string style::bold(std::string_view text) const { return seedance::detail::paint(text, "1", colour); }

void print_json(const json& j) { std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n"; }

json error_json(std::string_view code, const std::string& message) { return json{{"code", code}, {"message", message}}; }

std::string byte_limit(std::uint64_t bytes) {
  std::string s = std::to_string(bytes) + "-byte";
  if (bytes % seedance::mib == 0) s += " (" + std::to_string(bytes / seedance::mib) + " MiB)";
  return s;
}

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

void complain(const std::string& file, const std::string& what) { std::cerr << "seedance: " << file << ": " << what << "\n"; }

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
    in.fifo = S_ISFIFO(st.st_mode);
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
    // A regular file's size is known (and within the limit): one allocation of that size, not
    // the doubling that peaks at up to twice it while the last copy is made.
    if (in.size) buf.reserve(static_cast<std::size_t>(*in.size));
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

std::string empty_note(const input& in) { return in.fifo ? " (a FIFO without a writer reads as empty)" : ""; }

}  // namespace seedance_tool
