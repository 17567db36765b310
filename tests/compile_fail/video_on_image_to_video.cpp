// expect: media_unsupported: this model takes no videos
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
#ifdef SEEDANCE_COMPILE_FAIL
  using M = models::image_to_video;
#else
  using M = models::reference_to_video;  // the nearest model that takes videos
#endif
  (void)request<M>{"petals"}.image("https://example.com/a.jpg").video("https://example.com/a.mp4");
}
