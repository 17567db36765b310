// expect: media_unsupported: this model takes no images
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  request<models::fast_text_to_video> r{"a cat"};
#ifdef SEEDANCE_COMPILE_FAIL
  (void)r.image("https://example.com/a.jpg");
#else
  (void)r.duration(5);
#endif
}
