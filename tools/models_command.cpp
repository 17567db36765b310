// seedance (the command-line tool): `seedance models`, the library's catalogue (seedance/catalog.hpp).
#include <seedance/catalog.hpp>

#include <iostream>

#include "commands.hpp"
#include "common.hpp"

namespace seedance_tool {

int run_models(const std::string& format) {
  if (format == "json") {
    print_json(seedance::catalog_json());
  } else {
    std::cout << seedance::catalog_text();
  }
  return exit_ok;
}

}  // namespace seedance_tool
