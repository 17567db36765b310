// expect: media_unsupported: this model takes no audio
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  auto r = request<models::fast_image_to_video>{"petals"}.image("https://example.com/a.jpg");
#ifdef SEEDANCE_COMPILE_FAIL
  (void)r.audio("https://example.com/a.mp3");
#else
  (void)r.image("https://example.com/b.jpg");
#endif
}
