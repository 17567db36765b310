// Out-of-memory tests: failing_allocator.cpp replaces the global operator new/delete (every form:
// plain, array, nothrow, aligned) of the program it is linked into, so that a test can make
// allocations fail. Unarmed, it is malloc and free. Every form goes through malloc /
// aligned_alloc and free, so sanitizers see matching pairs. The tests are single-threaded.
#ifndef SEEDANCE_TEST_FAILING_ALLOCATOR_HPP
#define SEEDANCE_TEST_FAILING_ALLOCATOR_HPP

namespace seedance_test {

/// n more allocations succeed, the next one fails (std::bad_alloc, or null for the nothrow forms),
/// and the later ones succeed again. One failure, not all from there on, for code whose cleanup
/// allocates: nlohmann's destructor does (its iterative teardown) and, being noexcept, would
/// terminate the program on a second failure while the first unwinds.
void fail_one_allocation(long n) noexcept;

/// n more allocations succeed, then every one fails until `stop_failing()`.
void fail_allocations_from(long n) noexcept;

/// Disarms: every allocation succeeds again.
void stop_failing() noexcept;

/// An allocation failed since the last `fail_one_allocation` or `fail_allocations_from`.
bool allocation_failed() noexcept;

/// Calls of the global operator new (every form) since the program started.
long allocations() noexcept;

}  // namespace seedance_test

#endif  // SEEDANCE_TEST_FAILING_ALLOCATOR_HPP
