// seedance_check_memory: the peak memory of `seedance check FILE` on five hostile bodies of about
// 40 MiB (tests/support/hostile_bodies.hpp), against the floor: seedance_sax_floor FILE, which reads
// the file as the tool does and runs nlohmann's SAX parser over it keeping nothing
// (benchmarks/sax_floor.cpp). Each body is written to a temporary file, and each program runs on it
// as a child process; its peak is ru_maxrss (tests/support/child_peak.hpp). Prints a Markdown table.
// The target (issue: peak memory of check on hostile bodies): check's peak <= 1.1 x the floor's + 32 MiB.
//
//   seedance_check_memory [--check PATH] [--floor PATH] [--enforce]
//
// --check and --floor default to the programs built with it. --enforce: exit status 1 when a body
// misses the target or the tool answers it with another exit status than the rules give.
// Run it from a Release build (docs/performance.md): a debug build measures the debug allocator's
// and the unoptimized code's memory too.
#include "../tests/support/child_peak.hpp"
#include "../tests/support/hostile_bodies.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

double mib_of_kib(long kib) { return static_cast<double>(kib) / 1024.0; }

}  // namespace

int main(int argc, char** argv) {
  std::string check = SEEDANCE_CHECK_MEMORY_CLI;
  std::string floor = SEEDANCE_CHECK_MEMORY_FLOOR;
  bool enforce = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--check" && i + 1 < argc) {
      check = argv[++i];
    } else if (a == "--floor" && i + 1 < argc) {
      floor = argv[++i];
    } else if (a == "--enforce") {
      enforce = true;
    } else {
      std::fprintf(stderr, "usage: %s [--check PATH] [--floor PATH] [--enforce]\n", argv[0]);
      return 2;
    }
  }
  const fs::path dir = fs::temp_directory_path() / ("seedance-check-memory-" + std::to_string(::getpid()));
  fs::create_directories(dir);

  std::printf("| body | body MiB | floor peak MiB | check peak MiB | ratio | target MiB | check exit | verdict |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---|\n");
  bool all_ok = true;
  for (const seedance_test::hostile_body& b : seedance_test::hostile_bodies()) {
    const fs::path file = dir / "body.json";
    {
      // Written, then freed before any child runs: the parent's memory at the fork counts toward
      // the child's peak (child_peak.hpp).
      const std::string body = b.make(seedance_test::hostile_body_bytes);
      std::ofstream(file, std::ios::binary) << body;
    }
    const double body_mib = static_cast<double>(fs::file_size(file)) / (1024.0 * 1024.0);
    const seedance_test::child_result f = seedance_test::run_child(floor, {file.string()});
    const seedance_test::child_result c = seedance_test::run_child(check, {"check", file.string()});
    fs::remove(file);
    if (!f.error.empty() || !c.error.empty() || f.exit_status != 0) {
      std::fprintf(stderr, "%.*s: the floor exited %d (signal %d) %s; check: %s\n", static_cast<int>(b.name.size()), b.name.data(),
                   f.exit_status, f.signal, f.error.c_str(), c.error.c_str());
      all_ok = false;
      continue;
    }
    const double floor_mib = mib_of_kib(f.peak_rss_kib), check_mib = mib_of_kib(c.peak_rss_kib);
    const double target = 1.1 * floor_mib + 32.0;
    const bool within = check_mib <= target;
    const bool answer = c.exited() && c.exit_status == b.exit_status;
    all_ok = all_ok && within && answer;
    std::string verdict = within ? "within" : "OVER";
    if (!answer) verdict += ", expected exit " + std::to_string(b.exit_status) + (c.signal ? ", signal " + std::to_string(c.signal) : "");
    std::printf("| %.*s | %.1f | %.1f | %.1f | %.2f | %.1f | %d | %s |\n", static_cast<int>(b.name.size()), b.name.data(), body_mib,
                floor_mib, check_mib, check_mib / floor_mib, target, c.exit_status, verdict.c_str());
  }
  fs::remove_all(dir);
  return enforce && !all_ok ? 1 : 0;
}
