// seedance (the command-line tool): `seedance probe`.
#include <seedance/probe.hpp>
#include <seedance/spec.hpp>

#include <sys/stat.h>

#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"

namespace seedance_tool {

namespace {

json probe_json(const std::string& file, const seedance::probe_result& p) {
  json j{{"file", file}};
  if (const seedance::probe_error* e = p.error()) {
    j["error"] = error_json(seedance::to_string(e->code), e->message);
    return j;
  }
  if (const auto* i = p.image()) {
    j["kind"] = "image";
    j["format"] = std::string(seedance::to_string(i->format));
    j["width"] = i->display_width();
    j["height"] = i->display_height();
  } else if (const auto* v = p.video()) {
    j["kind"] = "video";
    j["format"] = std::string(seedance::to_string(v->format));
    j["width"] = v->display_width();
    j["height"] = v->display_height();
    j["duration"] = v->duration;
    j["fps"] = v->fps;
    j["rotation"] = v->rotation;  // clockwise degrees from the tkhd matrix: width and height above are after it
  } else if (const auto* a = p.audio()) {
    j["kind"] = "audio";
    j["format"] = std::string(seedance::to_string(a->format));
    j["duration"] = a->duration;
  }
  j["bytes"] = p.bytes;
  return j;
}

std::string probe_text(const seedance::probe_result& p) {
  char buf[256];
  if (const seedance::probe_error* e = p.error()) return "error[" + std::string(seedance::to_string(e->code)) + "]: " + e->message;
  if (const auto* i = p.image()) {
    std::snprintf(buf, sizeof buf, "image %s %ux%u", std::string(seedance::to_string(i->format)).c_str(), i->display_width(),
                  i->display_height());
    std::string s = buf;
    if (i->swaps_sides()) s += " (stored " + std::to_string(i->width) + "x" + std::to_string(i->height) + ", EXIF orientation " + std::to_string(i->orientation) + ")";
    return s + ", " + std::to_string(p.bytes) + " bytes";
  }
  if (const auto* v = p.video()) {
    std::snprintf(buf, sizeof buf, "video %s %ux%u, %.3f s, %.3f fps", std::string(seedance::to_string(v->format)).c_str(),
                  v->display_width(), v->display_height(), v->duration, v->fps);
    std::string s = buf;
    if (v->rotation != 0) s += " (rotated " + std::to_string(v->rotation) + " degrees)";
    if (v->variable_frame_rate) s += " (variable frame rate)";
    return s + ", " + std::to_string(p.bytes) + " bytes";
  }
  if (const auto* a = p.audio()) {
    std::snprintf(buf, sizeof buf, "audio %s %.3f s", std::string(seedance::to_string(a->format)).c_str(), a->duration);
    return std::string(buf) + ", " + std::to_string(p.bytes) + " bytes";
  }
  return "?";
}

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
    return probe_failure(seedance::probe_errc::io_error,
                         "a stream (standard input, a FIFO, a device) is read up to the " + byte_limit(seedance::limits::body_max_bytes) +
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
      out.push_back(probe_json(file, p));
    } else {
      std::cout << sty.bold(file + ":") << " " << probe_text(p) << "\n";
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
