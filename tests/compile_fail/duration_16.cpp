// expect: duration_out_of_range: duration<N>\(\) needs N within
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  request<models::text_to_video> r{"a cat"};
#ifdef SEEDANCE_COMPILE_FAIL
  r.duration<16>();
#else
  r.duration<15>();
#endif
}
