// expect: too_many_media: one video more than this model takes
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  auto r = request<models::fast_reference_to_video>{"camera moves"}.video("https://example.com/1.mp4").video("https://example.com/2.mp4");
#ifdef SEEDANCE_COMPILE_FAIL
  (void)r.video("https://example.com/3.mp4").video("https://example.com/4.mp4");
#else
  (void)r.video("https://example.com/3.mp4");  // the third video: the most there may be
#endif
}
