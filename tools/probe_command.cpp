// seedance (the command-line tool): `seedance probe`, the library's probe and its renderings
// (to_text in seedance/probe.hpp, to_json in seedance/probe_json.hpp).
#include <seedance/probe.hpp>
#include <seedance/probe_json.hpp>
#include <seedance/spec.hpp>

#include <sys/stat.h>

#include <iostream>

#include "commands.hpp"
#include "common.hpp"

namespace seedance_tool {

namespace {

seedance::probe_result probe_failure(seedance::probe_errc code, std::string message) {
  seedance::probe_result p;
  p.value = seedance::probe_error{code, std::move(message)};
  return p;
}

/// Probes one file. A regular file is probed in place (headers only, with seeks); standard input,
/// a FIFO or a device cannot seek, and is read whole, up to the body limit (an MP4 may keep its
/// moov at the end).
seedance::probe_result probe_one(const std::string& file) {
  if (file != "-") {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || S_ISREG(st.st_mode)) return seedance::probe_file(file);  // its io_error says why
    if (S_ISDIR(st.st_mode)) return probe_failure(seedance::probe_errc::io_error, "is a directory");
  }
  const input in = read_input(file, seedance::limits::body_max_bytes);
  if (!in.error.empty()) return probe_failure(seedance::probe_errc::io_error, in.error);
  if (in.too_large)
    return probe_failure(seedance::probe_errc::io_error, "a stream (standard input, a FIFO, a device) is read up to the " +
                                                             byte_limit(seedance::limits::body_max_bytes) +
                                                             " limit, and this one is longer; give the file's name instead");
  if (in.bytes.empty()) return probe_failure(seedance::probe_errc::truncated, "the file is empty" + empty_note(in));
  return seedance::probe(std::string_view(in.bytes));
}

}  // namespace

int run_probe(const std::string& format, const std::vector<std::string>& files) {
  status st;
  const style sty = style::for_stdout();
  json out = json::array();
  std::size_t failed = 0;
  for (const std::string& file : files) {
    const seedance::probe_result p = probe_one(file);
    if (const seedance::probe_error* e = p.error()) {
      ++failed;
      st.at_least(e->code == seedance::probe_errc::io_error ? exit_usage : exit_invalid);
      if (e->code == seedance::probe_errc::io_error) complain(file, e->message);
    }
    if (format == "json") {
      json j = p;
      j["file"] = file;
      out.push_back(std::move(j));
    } else {
      std::cout << sty.bold(file + ":") << " " << seedance::to_text(p) << "\n";
    }
  }
  if (format == "json") {
    print_json(out);
  } else {
    std::cout << plural(files.size(), "file") << " probed: " << files.size() - failed << " read, " << failed << " failed\n";
  }
  return st.value;
}

}  // namespace seedance_tool
