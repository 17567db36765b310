// Heap allocation counting for the benchmarks: allocations.cpp replaces the global operator new
// (linked into every benchmark program), and `allocations()` reads the running count.
#ifndef SEEDANCE_BENCH_ALLOCATIONS_HPP
#define SEEDANCE_BENCH_ALLOCATIONS_HPP

#include <cstddef>

namespace seedance_bench {

/// Calls of the global operator new (all forms) since the program started.
std::size_t allocations() noexcept;

/// The largest size asked of operator new since the last `reset_largest_allocation()`.
std::size_t largest_allocation() noexcept;
void reset_largest_allocation() noexcept;

}  // namespace seedance_bench

#endif  // SEEDANCE_BENCH_ALLOCATIONS_HPP
