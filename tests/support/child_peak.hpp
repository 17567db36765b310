// Runs a program as a child process and gives its exit status and its peak resident memory
// (ru_maxrss from wait4), without a shell. Used by the CLI's memory test (tests/cli) and by
// benchmarks/check_memory.cpp.
//
// The child's peak includes the resident anonymous memory of the parent at the fork (Linux counts
// the pages the child inherits until execv replaces them): a caller frees what it holds (a body it
// wrote to a file) before it runs a child. fork, not posix_spawn or vfork: a child that shares the
// parent's memory until execv inherits the parent's peak, not only its memory at the time.
#ifndef SEEDANCE_TEST_CHILD_PEAK_HPP
#define SEEDANCE_TEST_CHILD_PEAK_HPP

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace seedance_test {

struct child_result {
  int exit_status = -1;    ///< the exit status; -1 when the child did not exit (a signal) or did not start
  int signal = 0;          ///< the signal that ended it, if one did
  long peak_rss_kib = 0;   ///< ru_maxrss: the child's peak resident memory, in KiB
  std::string error;       ///< non-empty: the child could not be started or waited for
  [[nodiscard]] bool exited() const noexcept { return error.empty() && signal == 0 && exit_status >= 0; }
};

/// Runs `program` with `args` (argv[1]...), standard input, output and error on /dev/null, and
/// waits for it. A program that cannot be executed exits with status 127.
inline child_result run_child(const std::string& program, const std::vector<std::string>& args) {
  child_result r;
  // Everything the child needs is made before the fork: between fork and execv only
  // async-signal-safe calls.
  std::vector<char*> argv;
  argv.reserve(args.size() + 2);
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) {
    r.error = std::string("cannot open /dev/null: ") + std::strerror(errno);
    return r;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    r.error = std::string("fork: ") + std::strerror(errno);
    ::close(null_fd);
    return r;
  }
  if (pid == 0) {
    // dup2 clears FD_CLOEXEC on the copies; the original closes at execv.
    if (::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(null_fd, STDOUT_FILENO) < 0 || ::dup2(null_fd, STDERR_FILENO) < 0) ::_exit(127);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(null_fd);
  int status = 0;
  struct rusage ru {};
  pid_t w = 0;
  do { w = ::wait4(pid, &status, 0, &ru); } while (w < 0 && errno == EINTR);
  if (w < 0) {
    r.error = std::string("wait4: ") + std::strerror(errno);
    return r;
  }
  r.peak_rss_kib = ru.ru_maxrss;  // KiB on Linux
  if (WIFEXITED(status)) r.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

}  // namespace seedance_test

#endif  // SEEDANCE_TEST_CHILD_PEAK_HPP
