// A consumer of the installed (or added) library.
#include <seedance/seedance.hpp>

#include <iostream>

int main() {
  const nlohmann::json body = seedance::request<seedance::models::mini_text_to_video>{"a consumer"}.duration<6>();
  std::cout << "consumer ok: " << body.dump() << "\n";
  return 0;
}
