// The media probe's speed (issue #4, "Measured"): every corpus file probed from memory and from its
// path (warm cache), ffprobe on the same files (one process per file, as users run it today), a
// 50 MB MP4 whose moov comes after its mdat (bytes read and the largest allocation of a probe), and
// the corpus's 15 MB CBR MP3 without a Xing header (large/: frame count by arithmetic).
//
//   build:  g++ -O2 -std=c++20 -Iinclude benchmarks/probe_bench.cpp -lbenchmark -lpthread -o probe_bench
//   run:    ./probe_bench [--benchmark_filter=...]     (corpus: $SEEDANCE_PROBE_CORPUS, else it is
//           generated with tests/probe/make_corpus.sh into build/probe-corpus; run from the repo root)
// The last lines printed are a summary: the median over files of the per-file time from a path,
// ffprobe's median, their ratio, and the 50 MB file's bytes read against moov + 64 KiB.
#include <seedance/probe.hpp>

#include "support/allocations.hpp"

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <new>
#include <string>
#include <vector>

extern char** environ;

namespace {
namespace fs = std::filesystem;

fs::path corpus() {
  if (const char* e = std::getenv("SEEDANCE_PROBE_CORPUS")) return e;
  const fs::path dir = "build/probe-corpus";
  if (!fs::exists(dir / "generated.tsv")) {
    std::cerr << "probe_bench: generating the corpus into " << dir << "\n";
    if (std::system(("bash tests/probe/make_corpus.sh " + dir.string()).c_str()) != 0) std::exit(1);
  }
  return dir;
}

std::vector<fs::path> files() {
  std::vector<fs::path> out;
  for (const char* fam : {"image", "video", "audio"})
    for (const auto& e : fs::directory_iterator(corpus() / fam))
      if (e.path().extension() != ".json" && e.path().extension() != ".tmp") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::uint8_t> read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int run_ffprobe(const fs::path& p) {
  const std::string file = p.string();
  const char* argv[] = {"ffprobe", "-v", "error", "-of", "json", "-show_streams", "-show_format", file.c_str(), nullptr};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "ffprobe", &fa, nullptr, const_cast<char* const*>(argv), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

std::string label(const fs::path& p) { return p.parent_path().filename().string() + "/" + p.filename().string(); }

/// The 50 MB MP4: a corpus file with moov at the end, its mdat padded (sample offsets stay right).
fs::path big_mp4(std::uint64_t& moov_size) {
  const fs::path src = corpus() / "video/fps_30.mp4", dst = corpus() / "big_moov_at_end.mp4.bin";
  const auto d = read_all(src);
  std::vector<std::uint8_t> out;
  std::uint64_t off = 0;
  constexpr std::uint64_t pad = 50ull * 1024 * 1024;
  while (off + 8 <= d.size()) {
    std::uint64_t size = std::uint64_t{d[off]} << 24 | std::uint64_t{d[off + 1]} << 16 | std::uint64_t{d[off + 2]} << 8 | d[off + 3];
    const std::string type(d.begin() + static_cast<std::ptrdiff_t>(off + 4), d.begin() + static_cast<std::ptrdiff_t>(off + 8));
    out.insert(out.end(), d.begin() + static_cast<std::ptrdiff_t>(off), d.begin() + static_cast<std::ptrdiff_t>(off + size));
    if (type == "mdat") {
      const std::uint64_t grown = size + pad;
      for (int i = 0; i < 4; ++i) out[out.size() - size + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(grown >> (24 - 8 * i));
      out.resize(out.size() + pad);
    }
    if (type == "moov") moov_size = size;
    off += size;
  }
  if (!fs::exists(dst) || fs::file_size(dst) != out.size()) {
    std::ofstream o(dst, std::ios::binary);
    o.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
  }
  return dst;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const auto all = files();
  std::vector<std::vector<std::uint8_t>> buffers;
  buffers.reserve(all.size());
  for (const fs::path& p : all) buffers.push_back(read_all(p));

  for (std::size_t i = 0; i < all.size(); ++i) {
    const fs::path p = all[i];
    const std::vector<std::uint8_t>* buf = &buffers[i];
    benchmark::RegisterBenchmark(("memory/" + label(p)).c_str(), [buf](benchmark::State& s) {
      for (auto _ : s) benchmark::DoNotOptimize(seedance::probe(std::span<const std::uint8_t>(*buf)));
    });
    benchmark::RegisterBenchmark(("path/" + label(p)).c_str(), [p](benchmark::State& s) {
      std::uint64_t read = 0;
      for (auto _ : s) {
        auto r = seedance::probe_file(p);
        read = r.bytes_read;
        benchmark::DoNotOptimize(r);
      }
      s.counters["bytes_read"] = static_cast<double>(read);
      s.counters["file_bytes"] = static_cast<double>(fs::file_size(p));
    });
  }
  // ffprobe: one file of each kind of container or codec (a process costs ~50 ms: not all files).
  for (const char* rel : {"image/jpeg_baseline_640x480.jpg", "image/png_rgb_640x480.png", "image/webp_lossy_640x480.webp",
                          "video/fps_30.mp4", "video/fps_30_faststart.mp4", "video/frag_empty_moov.mp4", "video/fps_24.mov",
                          "audio/wav_s16_44100_stereo.wav", "audio/mp3_vbr_xing.mp3", "audio/mp3_cbr128_noxing.mp3"}) {
    const fs::path p = corpus() / rel;
    benchmark::RegisterBenchmark(("ffprobe/" + std::string(rel)).c_str(),
                                 [p](benchmark::State& s) {
                                   for (auto _ : s) benchmark::DoNotOptimize(run_ffprobe(p));
                                 })
        ->Iterations(10)
        ->Unit(benchmark::kMillisecond);
  }
  const fs::path big_mp3 = corpus() / "large/mp3_cbr320_noxing_15MB.mp3";
  const bool have_big_mp3 = fs::exists(big_mp3);
  std::vector<std::uint8_t> big_mp3_bytes;
  if (have_big_mp3) {
    big_mp3_bytes = read_all(big_mp3);
    benchmark::RegisterBenchmark("path/large/mp3_cbr320_noxing_15MB.mp3", [big_mp3](benchmark::State& s) {
      seedance::probe_result r;
      for (auto _ : s) {
        r = seedance::probe_file(big_mp3);
        benchmark::DoNotOptimize(r);
      }
      s.counters["bytes_read"] = static_cast<double>(r.bytes_read);
      s.counters["file_bytes"] = static_cast<double>(r.bytes);
    });
    benchmark::RegisterBenchmark("memory/large/mp3_cbr320_noxing_15MB.mp3", [&big_mp3_bytes](benchmark::State& s) {
      for (auto _ : s) benchmark::DoNotOptimize(seedance::probe(std::span<const std::uint8_t>(big_mp3_bytes)));
    });
  }
  std::uint64_t moov = 0;
  const fs::path big = big_mp4(moov);
  benchmark::RegisterBenchmark("path/big_50MB_moov_at_end.mp4", [big, moov](benchmark::State& s) {
    seedance::probe_result r;
    for (auto _ : s) {
      r = seedance::probe_file(big);
      benchmark::DoNotOptimize(r);
    }
    s.counters["bytes_read"] = static_cast<double>(r.bytes_read);
    s.counters["moov_plus_64KiB"] = static_cast<double>(moov + 64 * 1024);
    s.counters["file_bytes"] = static_cast<double>(r.bytes);
  });
  benchmark::RunSpecifiedBenchmarks();

  // Summary: per-file medians of 101 path probes (warm cache), then the median over files.
  const auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
  };
  // MP3s without a Xing/VBRI header (frame walk or CBR arithmetic) apart: the issue's own target.
  std::vector<double> per_file, mp3_scan;
  for (const fs::path& p : all) {
    std::vector<double> t;
    bool scan = false;
    for (int k = 0; k < 101; ++k) {
      const auto t0 = std::chrono::steady_clock::now();
      const auto r = seedance::probe_file(p);
      t.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
      using src = seedance::mp3_length_source;
      scan = r.audio() &&
             (r.audio()->length_source == src::scan || r.audio()->length_source == src::cbr || r.audio()->length_source == src::estimate);
    }
    (scan ? mp3_scan : per_file).push_back(median(t));
  }
  double big_mp3_us = 0;
  seedance::probe_result big_mp3_r;
  if (have_big_mp3) {
    std::vector<double> t;
    for (int k = 0; k < 101; ++k) {
      const auto t0 = std::chrono::steady_clock::now();
      big_mp3_r = seedance::probe_file(big_mp3);
      t.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    }
    big_mp3_us = median(t);
  }
  std::vector<double> ff;
  for (const char* rel : {"video/fps_30.mp4", "image/jpeg_baseline_640x480.jpg", "audio/mp3_vbr_xing.mp3"}) {
    for (int k = 0; k < 5; ++k) {
      const auto t0 = std::chrono::steady_clock::now();
      run_ffprobe(corpus() / rel);
      ff.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    }
  }
  const std::size_t allocs_before = seedance_bench::allocations();
  seedance_bench::reset_largest_allocation();
  const auto r = seedance::probe_file(big);
  const std::size_t alloc_count = seedance_bench::allocations() - allocs_before;
  const std::size_t largest_alloc = seedance_bench::largest_allocation();
  std::printf("\nsummary: %zu files (MP3 frame walks apart): median %.2f us, slowest %.2f us per file from a path\n", per_file.size(),
              median(per_file), per_file.empty() ? 0.0 : *std::max_element(per_file.begin(), per_file.end()));
  std::printf("summary: %zu MP3s without Xing/VBRI (frame walk or CBR arithmetic): median %.2f us, slowest %.2f us\n", mp3_scan.size(),
              median(mp3_scan), mp3_scan.empty() ? 0.0 : *std::max_element(mp3_scan.begin(), mp3_scan.end()));
  if (have_big_mp3)
    std::printf("summary: 15 MB CBR MP3 without Xing (%llu bytes): median %.2f us from a path, read %llu bytes, %.3f s, length source %d\n",
                static_cast<unsigned long long>(big_mp3_r.bytes), big_mp3_us, static_cast<unsigned long long>(big_mp3_r.bytes_read),
                big_mp3_r.audio() ? big_mp3_r.audio()->duration : -1.0, big_mp3_r.audio() ? int(big_mp3_r.audio()->length_source) : -1);
  std::printf("summary: ffprobe median %.0f us per file: %.0fx slower than the probe's median\n", median(ff),
              median(ff) / median(per_file));
  std::printf(
      "summary: 50 MB MP4 (moov at the end, %llu bytes): read %llu bytes; moov + 64 KiB = %llu; %zu allocations, largest %zu bytes\n",
      static_cast<unsigned long long>(r.bytes), static_cast<unsigned long long>(r.bytes_read),
      static_cast<unsigned long long>(moov + 64 * 1024), alloc_count, largest_alloc);
  benchmark::Shutdown();
  return 0;
}
