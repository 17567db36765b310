// expect: web_search_without_content_filter: the API refuses web search with the content filter off
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  // The value set by web_search<true>() survives the setters that follow it.
  const auto r = request<models::text_to_video>{"today's weather in Paris"}.web_search<true>().duration<6>();
#ifdef SEEDANCE_COMPILE_FAIL
  const nlohmann::json body = r.content_filter<false>();
#else
  const nlohmann::json body = r.content_filter<true>();
#endif
}
