// expect: (satisfaction of [^ ]*supports_web_search<M>|does not satisfy [^ ]*supports_web_search)
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
#ifdef SEEDANCE_COMPILE_FAIL
  using M = models::mini_text_to_video;
#else
  using M = models::fast_text_to_video;  // a model with web search
#endif
  const nlohmann::json body = request<M>{"today's weather in Paris"}.web_search<true>();
}
