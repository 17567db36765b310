// libFuzzer target: seedance::probe on arbitrary bytes as video media only. Seeds: the generated
// video corpus of tests/probe/make_corpus.sh and tests/fuzz/seeds/probe_video/. See probe_fuzz.hpp.
#include "probe_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return probe_fuzz::run(data, size, seedance::media_kind::video);
}
