// Replaces the global operator new/delete to count allocations (see allocations.hpp). In its own
// translation unit: GCC 12 warns (-Wmismatched-new-delete) when the replacement is visible where it
// is used.
#include "allocations.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<std::size_t> count{0};
std::atomic<std::size_t> largest{0};

void* counted(std::size_t n) {
  count.fetch_add(1, std::memory_order_relaxed);
  std::size_t seen = largest.load(std::memory_order_relaxed);
  while (n > seen && !largest.compare_exchange_weak(seen, n, std::memory_order_relaxed)) {}
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
}  // namespace

std::size_t seedance_bench::allocations() noexcept { return count.load(std::memory_order_relaxed); }
std::size_t seedance_bench::largest_allocation() noexcept { return largest.load(std::memory_order_relaxed); }
void seedance_bench::reset_largest_allocation() noexcept { largest.store(0, std::memory_order_relaxed); }

void* operator new(std::size_t n) { return counted(n); }
void* operator new[](std::size_t n) { return counted(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
