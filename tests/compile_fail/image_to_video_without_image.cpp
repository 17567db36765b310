// expect: too_few_media: fewer images than this model needs
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  request<models::image_to_video> r{"petals"};
#ifdef SEEDANCE_COMPILE_FAIL
  nlohmann::json j = r;
#else
  nlohmann::json j = r.image("https://example.com/a.jpg");
#endif
}
