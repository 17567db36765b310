// expect: too_many_media: one image more than this model takes
// Compile-fail case: see CMakeLists.txt. Only the line behind SEEDANCE_COMPILE_FAIL differs from its twin.
#include <seedance/seedance.hpp>

int main() {
  using namespace seedance;
  auto r = request<models::reference_to_video>{"a product ad"}
               .image("https://example.com/1.jpg")
               .image("https://example.com/2.jpg")
               .image("https://example.com/3.jpg")
               .image("https://example.com/4.jpg")
               .image("https://example.com/5.jpg")
               .image("https://example.com/6.jpg")
               .image("https://example.com/7.jpg")
               .image("https://example.com/8.jpg");
#ifdef SEEDANCE_COMPILE_FAIL
  (void)r.image("https://example.com/9.jpg").image("https://example.com/10.jpg");
#else
  (void)r.image("https://example.com/9.jpg");  // the ninth image: the most there may be
#endif
}
