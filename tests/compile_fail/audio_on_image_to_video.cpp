// expect: media_unsupported: this model takes no audio
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
#ifdef SEEDANCE_COMPILE_FAIL
  using M = models::fast_image_to_video;
#else
  using M = models::fast_reference_to_video;  // the nearest model that takes audio
#endif
  (void)request<M>{"petals"}.image("https://example.com/a.jpg").audio("https://example.com/a.mp3");
}
