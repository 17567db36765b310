// expect: too_many_media: one audio more than this model takes
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  auto r = request<models::mini_reference_to_video>{"music"}
               .image("https://example.com/1.jpg")
               .audio("https://example.com/1.mp3")
               .audio("https://example.com/2.mp3");
#ifdef SEEDANCE_COMPILE_FAIL
  (void)r.audio("https://example.com/3.mp3").audio("https://example.com/4.mp3");
#else
  (void)r.audio("https://example.com/3.mp3");  // the third audio: the most there may be
#endif
}
