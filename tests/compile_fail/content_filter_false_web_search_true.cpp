// expect: web_search_without_content_filter: the API refuses web search with the content filter off
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  // The reverse order of web_search_true_content_filter_false.cpp, on the other model with web search.
  const auto r = request<models::fast_text_to_video>{"today's weather in Paris"}.content_filter<false>();
#ifdef SEEDANCE_COMPILE_FAIL
  const nlohmann::json body = r.web_search<true>();
#else
  const nlohmann::json body = r.web_search<false>();
#endif
}
