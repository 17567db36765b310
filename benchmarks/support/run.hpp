// What the benchmark programs share: reading the example requests (examples/requests/), and one
// benchmark loop that reports heap allocations per call (support/allocations.cpp) and the call's
// verdict.
#ifndef SEEDANCE_BENCH_RUN_HPP
#define SEEDANCE_BENCH_RUN_HPP

#include "allocations.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#ifndef SEEDANCE_SOURCE_DIR  // set by CMake; by hand, run from the repository root
#define SEEDANCE_SOURCE_DIR "."
#endif

namespace seedance_bench {

/// The whole file at `path`; throws std::runtime_error when it cannot be read.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path + " (run from the repository root)");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The text of examples/requests/<name>.json.
inline std::string example_request(std::string_view name) {
  return read_file(std::string(SEEDANCE_SOURCE_DIR) + "/examples/requests/" + std::string(name) + ".json");
}

/// Runs `f` (returning bool) once before timing and once per iteration; reports `allocs`
/// (allocations per call) and `ok` (the last verdict, so that a call that silently does nothing
/// would show).
template <class F>
void run(benchmark::State& state, F&& f) {
  bool ok = f();
  const std::size_t before = allocations();
  for (auto _ : state) {
    ok = f();
    benchmark::DoNotOptimize(ok);
  }
  const std::size_t n = allocations() - before;
  state.counters["allocs"] = benchmark::Counter(static_cast<double>(n) / static_cast<double>(state.iterations()));
  state.counters["ok"] = ok ? 1 : 0;
}

}  // namespace seedance_bench

#endif  // SEEDANCE_BENCH_RUN_HPP
