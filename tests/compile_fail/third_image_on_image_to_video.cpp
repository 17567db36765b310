// expect: too_many_media: one image more than this model takes
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  auto r = request<models::image_to_video>{"petals"}.image("https://example.com/first.jpg");
#ifdef SEEDANCE_COMPILE_FAIL
  (void)r.image("https://example.com/last.jpg").image("https://example.com/third.jpg");
#else
  (void)r.image("https://example.com/last.jpg");  // the second image (the last frame): the most there may be
#endif
}
