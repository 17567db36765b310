// expect: first_frame/last_frame are for image-to-video models
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  request<models::reference_to_video> r{"a product ad"};
#ifdef SEEDANCE_COMPILE_FAIL
  (void)r.first_frame("https://example.com/a.jpg");
#else
  (void)r.image("https://example.com/a.jpg");
#endif
}
