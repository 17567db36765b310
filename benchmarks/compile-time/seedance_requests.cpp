// Compile-time benchmark, side (a): one request of each of the nine models, built with the typed
// API (all compile-time checks on) and serialized through <seedance/seedance.hpp>.
#include <seedance/seedance.hpp>

#include <iostream>

int main() {
  namespace sd = seedance;
  namespace m = sd::models;
  const nlohmann::json bodies[] = {
      sd::request<m::text_to_video>{"a cat plays the piano"}.duration<8>().quality<sd::quality::p1080>().web_search(true),
      sd::request<m::image_to_video>{"petals fall"}.image("https://example.com/a.jpg").image("https://example.com/b.jpg").duration<5>(),
      sd::request<m::reference_to_video>{"an ad"}
          .image("https://example.com/a.jpg")
          .video("https://example.com/v.mp4")
          .audio("https://example.com/a.mp3")
          .duration<10>(),
      sd::request<m::fast_text_to_video>{"sunset"}.aspect_ratio(sd::aspect_ratio::r21_9).quality<sd::quality::p720>(),
      sd::request<m::fast_image_to_video>{"waves"}.image("https://example.com/a.jpg").generate_audio(false),
      sd::request<m::fast_reference_to_video>{"dance"}.video("https://example.com/v.mp4").duration<6>(),
      sd::request<m::mini_text_to_video>{"rain"}.quality<sd::quality::p480>().content_filter(true),
      sd::request<m::mini_image_to_video>{"smile"}.image("https://example.com/a.jpg").aspect_ratio(sd::aspect_ratio::adaptive),
      sd::request<m::mini_reference_to_video>{"music"}
          .image("https://example.com/a.jpg")
          .audio("https://example.com/a.mp3")
          .callback_url("https://example.com/cb"),
  };
  for (const auto& b : bodies) std::cout << b.dump() << '\n';
}
