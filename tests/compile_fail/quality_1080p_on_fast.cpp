// expect: quality_unsupported: this model's tier does not offer
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  request<models::fast_text_to_video> r{"a cat playing the piano"};
#ifdef SEEDANCE_COMPILE_FAIL
  r.quality<quality::p1080>();
#else
  r.quality<quality::p720>();
#endif
}
