// expect: (satisfaction of [^ ]*model_type<M>|does not satisfy [^ ]*model_type)
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  struct my_model {};
#ifdef SEEDANCE_COMPILE_FAIL
  seedance::request<my_model> r{"a cat"};
#else
  seedance::request<seedance::models::text_to_video> r{"a cat"};
#endif
}
