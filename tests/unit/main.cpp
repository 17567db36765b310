// Catch2's main, compiled once for all test programs. Before any test runs, the environment is made
// safe: no API key is inherited, and the default base URL is a closed port on this machine, so no
// test (nor a tool or example it starts) can reach the real, paid API by forgetting an address.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

int main(int argc, char* argv[]) {
  ::unsetenv("SEEDANCE_API_KEY");
  ::unsetenv("EVOLINK_API_KEY");
  ::setenv("SEEDANCE_BASE_URL", "http://127.0.0.1:9", 1);  // the discard port: nothing answers
  return Catch::Session().run(argc, argv);
}
