// expect: audio_needs_visual: this model takes audio only together with at least one image or video
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  auto r = request<models::reference_to_video>{"music video"}.audio("https://example.com/a.mp3");
#ifdef SEEDANCE_COMPILE_FAIL
  nlohmann::json j = r;
#else
  nlohmann::json j = r.video("https://example.com/a.mp4");
#endif
}
