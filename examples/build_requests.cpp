// Builds one request of each mode with the typed API and prints the JSON bodies the API receives.
// Everything here is checked at compile time: try `.quality<seedance::quality::p1080>()` on the
// fast model, or a third `.image()` on the image-to-video request, and the build stops with a
// message that names the rule.
#include <seedance/seedance.hpp>

#include <iostream>

int main() {
  namespace sd = seedance;

  auto text = sd::request<sd::models::fast_text_to_video>{"City sunset time-lapse, golden light over the skyline"}
                  .duration<5>()
                  .quality<sd::quality::p720>()
                  .aspect_ratio(sd::aspect_ratio::r21_9)
                  .web_search(false);

  auto image = sd::request<sd::models::image_to_video>{"The camera pushes in slowly; petals drift in the wind"}
                   .first_frame("https://example.com/flower.jpg")
                   .last_frame("https://example.com/flower-bloom.jpg")
                   .duration<8>()
                   .quality<sd::quality::p1080>();

  auto reference =
      sd::request<sd::models::reference_to_video>{
          "Use @video1's first-person framing throughout and @audio1 as the background music; "
          "the product is @image1"}
          .image("https://example.com/product.jpg")
          .video("https://example.com/pov.mp4")
          .audio("https://example.com/bgm.mp3")
          .duration<10>()
          .aspect_ratio(sd::aspect_ratio::r16_9)
          .callback_url("https://hooks.example.com/seedance");

  for (const nlohmann::json& body : {nlohmann::json(text), nlohmann::json(image), nlohmann::json(reference)}) {
    std::cout << body.dump(2) << "\n";
  }

  // Runtime→type dispatch: a model id that arrives as a string.
  const bool known = sd::visit_model("seedance-2.0-mini-image-to-video", [](auto t) {
    using M = typename decltype(t)::type;
    std::cout << sd::model_traits<M>::id << " takes " << sd::model_traits<M>::min_images << ".." << sd::model_traits<M>::max_images
              << " images\n";
  });
  return known ? 0 : 1;
}
