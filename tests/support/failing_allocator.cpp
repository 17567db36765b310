// Replaces the global operator new/delete so that a test can make allocations fail (see
// failing_allocator.hpp). In its own translation unit: GCC 12 warns (-Wmismatched-new-delete) when
// the replacement is visible where it is used.
#include "failing_allocator.hpp"

#include <cstddef>
#include <cstdlib>
#include <new>

namespace {
bool armed = false;       // the tests are single-threaded
bool persistent = false;  // once an allocation failed, every later one fails too
long budget = 0;          // allocations that still succeed before the failure
bool failed = false;
long count = 0;

bool may_allocate() noexcept {
  ++count;
  if (!armed) return true;
  if (budget > 0) {
    --budget;
    return true;
  }
  if (!persistent) armed = false;  // this one fails, the next ones succeed
  failed = true;
  return false;
}
void* allocate(std::size_t n, std::size_t align, bool nothrow) {
  void* p = nullptr;
  if (may_allocate()) {
    if (n == 0) n = 1;
    if (align <= alignof(std::max_align_t)) {
      p = std::malloc(n);
    } else {
      const std::size_t rounded = (n + align - 1) / align * align;  // aligned_alloc wants a multiple
      p = std::aligned_alloc(align, rounded);
    }
  }
  if (p == nullptr && !nothrow) throw std::bad_alloc();
  return p;
}
void arm(long n, bool from_then_on) noexcept {
  armed = true;
  persistent = from_then_on;
  budget = n;
  failed = false;
}
}  // namespace

void seedance_test::fail_one_allocation(long n) noexcept { arm(n, false); }
void seedance_test::fail_allocations_from(long n) noexcept { arm(n, true); }
void seedance_test::stop_failing() noexcept { armed = false; }
bool seedance_test::allocation_failed() noexcept { return failed; }
long seedance_test::allocations() noexcept { return count; }

void* operator new(std::size_t n) { return allocate(n, 0, false); }
void* operator new[](std::size_t n) { return allocate(n, 0, false); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocate(n, 0, true); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocate(n, 0, true); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a), false); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a), false); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocate(n, static_cast<std::size_t>(a), true);
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocate(n, static_cast<std::size_t>(a), true);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
