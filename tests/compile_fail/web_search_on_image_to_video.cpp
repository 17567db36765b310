// expect: (satisfaction of [^ ]*supports_web_search<M>|does not satisfy [^ ]*supports_web_search)
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
#ifdef SEEDANCE_COMPILE_FAIL
  using M = models::image_to_video;
#else
  using M = models::text_to_video;  // a model with web search
#endif
  request<M> r{"petals"};
  r.web_search(false);
}
