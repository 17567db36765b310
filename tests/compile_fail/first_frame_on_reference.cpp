// expect: first_frame/last_frame are for image-to-video models
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
#ifdef SEEDANCE_COMPILE_FAIL
  using M = models::reference_to_video;
#else
  using M = models::image_to_video;  // the model that has first_frame
#endif
  (void)request<M>{"a product ad"}.first_frame("https://example.com/a.jpg");
}
