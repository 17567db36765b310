#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-16, ASan + UBSan) and runs each for SECONDS (default 60).
#   scripts/fuzz.sh [SECONDS] [TARGET...]       e.g. scripts/fuzz.sh 600 fuzz_validate
# Seeds of fuzz_<name>: tests/fuzz/seeds/<name>/ and, when the build made it, build/fuzz/fuzz-seeds/<name>/
# (generated media, for instance). New inputs go to a temporary directory, never into the tree.
# A crash leaves its input in build/fuzz/findings/ and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
dir=build/fuzz
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSEEDANCE_BUILD_FUZZERS=ON -DSEEDANCE_BUILD_EXAMPLES=OFF -DSEEDANCE_WERROR=ON >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for src in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi
cmake --build "$dir" -j"$(nproc)" --target "${targets[@]}"
mkdir -p "$dir/findings"
# Generated seeds: the probe's media corpus (ffmpeg), one directory per format family (not its
# large files: inputs are cut at -max_len anyway).
if [ -x tests/probe/make_corpus.sh ]; then
  SEEDANCE_CORPUS_NO_LARGE=1 tests/probe/make_corpus.sh "$dir/media-corpus" >/dev/null
  mkdir -p "$dir/fuzz-seeds"
  for kind in image video audio; do
    ln -sfn "../media-corpus/$kind" "$dir/fuzz-seeds/probe_$kind"
  done
  # fuzz_validate reads each input as a request's text and as a data: URI image's bytes
  ln -sfn "../media-corpus/image" "$dir/fuzz-seeds/validate"
fi
# Most corpus videos keep their moov at the end, past -max_len (64 KiB): the fuzzer would only see
# their mdat. Tiny videos (64x48, half a second: a few KiB) keep every layout within the limit: moov
# last and first, QuickTime with audio and timecode, B-frames with an edit list, fragmented ones.
small="$dir/fuzz-seeds/probe_video_small"
if command -v ffmpeg >/dev/null && [ ! -e "$small.done" ]; then
  mkdir -p "$small"
  ff=(ffmpeg -nostdin -hide_banner -loglevel error -y)
  v=(-f lavfi -i "testsrc2=size=64x48:rate=24:duration=0.5")
  a=(-f lavfi -i "sine=f=440:d=0.5")
  x264=(-c:v libx264 -preset ultrafast -pix_fmt yuv420p)
  "${ff[@]}" "${v[@]}" "${x264[@]}" "$small/moov_last.mp4"
  "${ff[@]}" "${v[@]}" "${x264[@]}" -movflags +faststart "$small/faststart.mp4"
  "${ff[@]}" "${v[@]}" "${a[@]}" "${x264[@]}" -c:a aac -timecode 01:00:00:00 -shortest "$small/av_tmcd.mov"
  "${ff[@]}" -f lavfi -i "testsrc2=size=64x48:rate=24000/1001:duration=0.5" "${x264[@]}" -movflags +faststart "$small/ntsc_faststart.mov"
  "${ff[@]}" "${v[@]}" -c:v libx264 -preset veryfast -bf 3 -pix_fmt yuv420p "$small/bframes_edit.mp4"
  "${ff[@]}" "${v[@]}" -c:v mpeg4 "$small/mpeg4_part2.mp4"
  "${ff[@]}" "${v[@]}" "${x264[@]}" -g 6 -movflags frag_keyframe+empty_moov "$small/frag_empty_moov.mp4"
  "${ff[@]}" "${v[@]}" "${x264[@]}" -g 6 -movflags frag_keyframe "$small/frag_first_in_moov.mp4"
  "${ff[@]}" "${v[@]}" "${a[@]}" "${x264[@]}" -g 6 -c:a aac -shortest -movflags frag_keyframe+empty_moov+default_base_moof "$small/frag_av.mp4"
  "${ff[@]}" "${v[@]}" "${x264[@]}" -g 6 -movflags dash+global_sidx -f mp4 "$small/frag_dash.mp4"
  touch "$small.done"
fi
status=0
for t in "${targets[@]}"; do
  name=${t#fuzz_}
  work=$(mktemp -d)
  seeds=()
  for s in "tests/fuzz/seeds/$name" "$dir/fuzz-seeds/$name" "$dir/fuzz-seeds/${name}_small"; do [ -d "$s" ] && seeds+=("$s"); done
  echo "=== $t: ${seconds} s, seeds: ${seeds[*]:-none}"
  if ! "$dir/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$dir/findings/$t-" "$work" "${seeds[@]}" 2>"$dir/$t.log"; then
    tail -40 "$dir/$t.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|^Done" "$dir/$t.log" || true
  fi
  rm -rf "$work"
done
exit $status
