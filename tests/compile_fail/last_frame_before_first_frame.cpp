// expect: first_frame must be the first image and last_frame the second
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  request<models::mini_image_to_video> r{"petals"};
#ifdef SEEDANCE_COMPILE_FAIL
  (void)r.last_frame("https://example.com/last.jpg");
#else
  (void)r.first_frame("https://example.com/first.jpg").last_frame("https://example.com/last.jpg");
#endif
}
