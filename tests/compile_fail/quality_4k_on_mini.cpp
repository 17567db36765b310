// expect: quality_unsupported: this model's tier does not offer
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  auto r = request<models::mini_image_to_video>{"petals fall"}.image("https://example.com/a.jpg");
#ifdef SEEDANCE_COMPILE_FAIL
  r.quality<quality::p4k>();
#else
  r.quality<quality::p480>();
#endif
}
