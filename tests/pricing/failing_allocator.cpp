// Replaces the global operator new/delete (every form: plain, array, nothrow, aligned) so that a
// test can make an allocation fail: after `seedance_test::fail_one_allocation(n)`, n more succeed,
// the next one throws std::bad_alloc (or returns null for the nothrow forms), and the later ones
// succeed again. One failure, not all from there on: nlohmann's destructor allocates (its
// iterative teardown) and, being noexcept, would terminate the program on a second failure while
// the first unwinds (the tests keep their failure points out of such teardowns). Unarmed, it is
// malloc and free; `allocations()` counts the calls. Every form goes through
// malloc / aligned_alloc and free, so sanitizers see matching pairs. In its own translation unit:
// GCC 12 warns (-Wmismatched-new-delete) when the replacement is visible where it is used.
#include <cstddef>
#include <cstdlib>
#include <new>

namespace seedance_test {
void fail_one_allocation(long n) noexcept;
void stop_failing() noexcept;
bool allocation_failed() noexcept;
long allocations() noexcept;
}  // namespace seedance_test

namespace {
bool armed = false;  // the tests are single-threaded
long budget = 0;
bool failed = false;
long count = 0;

bool may_allocate() noexcept {
  ++count;
  if (!armed) return true;
  if (budget > 0) {
    --budget;
    return true;
  }
  armed = false;  // this one fails, the next ones succeed
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
}  // namespace

void seedance_test::fail_one_allocation(long n) noexcept {
  armed = true;
  budget = n;
  failed = false;
}
void seedance_test::stop_failing() noexcept { armed = false; }
bool seedance_test::allocation_failed() noexcept { return failed; }
long seedance_test::allocations() noexcept { return count; }

void* operator new(std::size_t n) { return allocate(n, 0, false); }
void* operator new[](std::size_t n) { return allocate(n, 0, false); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocate(n, 0, true); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocate(n, 0, true); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a), false); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a), false); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept { return allocate(n, static_cast<std::size_t>(a), true); }
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept { return allocate(n, static_cast<std::size_t>(a), true); }
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
