// expect: supports_web_search
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  auto r = request<models::image_to_video>{"petals"}.image("https://example.com/a.jpg");
#ifdef SEEDANCE_COMPILE_FAIL
  r.web_search(false);
#else
  r.generate_audio(false);
#endif
}
