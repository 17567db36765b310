// expect: media_unsupported: this model takes no images
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
#ifdef SEEDANCE_COMPILE_FAIL
  using M = models::text_to_video;
#else
  using M = models::image_to_video;  // the nearest model that takes images
#endif
  (void)request<M>{"a cat"}.images({"https://example.com/a.jpg"});
}
