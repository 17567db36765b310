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
# Generated seeds: the probe's media corpus (ffmpeg), one directory per format family.
if [ -x tests/probe/make_corpus.sh ]; then
  tests/probe/make_corpus.sh "$dir/media-corpus" >/dev/null
  mkdir -p "$dir/fuzz-seeds"
  for kind in image video audio; do
    ln -sfn "../media-corpus/$kind" "$dir/fuzz-seeds/probe_$kind"
  done
fi
status=0
for t in "${targets[@]}"; do
  name=${t#fuzz_}
  work=$(mktemp -d)
  seeds=()
  for s in "tests/fuzz/seeds/$name" "$dir/fuzz-seeds/$name"; do [ -d "$s" ] && seeds+=("$s"); done
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
