// seedance (the command-line tool): `seedance schema [MODEL_ID]`, the library's JSON Schemas (seedance/schema.hpp).
#include <seedance/schema.hpp>
#include <seedance/detail/text.hpp>
#include <seedance/validate.hpp>

#include <iostream>

#include "commands.hpp"
#include "common.hpp"

namespace seedance_tool {

int run_schema(const std::optional<std::string>& given) {
  if (!given) {
    print_json(seedance::json_schema_all());
    return exit_ok;
  }
  const std::string& id = *given;  // "" (an unset shell variable, say) is an unknown id, not "all"
  const std::optional<json> s = seedance::json_schema(id);
  if (!s) {
    std::string ids;
    for (const seedance::model_info& m : seedance::model_catalog) ids += "\n  " + std::string(m.id);
    std::cerr << "seedance: schema: unknown model id "
              << seedance::detail::text::quote(id, {'"', id.size(), seedance::detail::text::unprintable::hex_escape, false})
              << "; the models are:" << ids << "\n";
    return exit_usage;
  }
  print_json(*s);
  return exit_ok;
}

}  // namespace seedance_tool
