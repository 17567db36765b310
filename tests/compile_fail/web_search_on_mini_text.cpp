// expect: supports_web_search
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  request<models::mini_text_to_video> r{"today's weather in Paris"};
#ifdef SEEDANCE_COMPILE_FAIL
  r.web_search(true);
#else
  r.content_filter(true);
#endif
}
