// Compile-time benchmark, side (b): the same nine JSON bodies as seedance_requests.cpp, built by
// hand with nlohmann/json alone (no checks).
#include <nlohmann/json.hpp>

#include <iostream>

int main() {
  using nlohmann::json;
  const json bodies[] = {
      {{"model", "seedance-2.0-text-to-video"},
       {"prompt", "a cat plays the piano"},
       {"duration", 8},
       {"quality", "1080p"},
       {"model_params", {{"web_search", true}}}},
      {{"model", "seedance-2.0-image-to-video"},
       {"prompt", "petals fall"},
       {"image_urls", {"https://example.com/a.jpg", "https://example.com/b.jpg"}},
       {"duration", 5}},
      {{"model", "seedance-2.0-reference-to-video"},
       {"prompt", "an ad"},
       {"image_urls", {"https://example.com/a.jpg"}},
       {"video_urls", {"https://example.com/v.mp4"}},
       {"audio_urls", {"https://example.com/a.mp3"}},
       {"duration", 10}},
      {{"model", "seedance-2.0-fast-text-to-video"}, {"prompt", "sunset"}, {"aspect_ratio", "21:9"}, {"quality", "720p"}},
      {{"model", "seedance-2.0-fast-image-to-video"},
       {"prompt", "waves"},
       {"image_urls", {"https://example.com/a.jpg"}},
       {"generate_audio", false}},
      {{"model", "seedance-2.0-fast-reference-to-video"},
       {"prompt", "dance"},
       {"video_urls", {"https://example.com/v.mp4"}},
       {"duration", 6}},
      {{"model", "seedance-2.0-mini-text-to-video"}, {"prompt", "rain"}, {"quality", "480p"}, {"content_filter", true}},
      {{"model", "seedance-2.0-mini-image-to-video"},
       {"prompt", "smile"},
       {"image_urls", {"https://example.com/a.jpg"}},
       {"aspect_ratio", "adaptive"}},
      {{"model", "seedance-2.0-mini-reference-to-video"},
       {"prompt", "music"},
       {"image_urls", {"https://example.com/a.jpg"}},
       {"audio_urls", {"https://example.com/a.mp3"}},
       {"callback_url", "https://example.com/cb"}},
  };
  for (const auto& b : bodies) std::cout << b.dump() << '\n';
}
