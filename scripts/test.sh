#!/usr/bin/env bash
# Sets up a Debian 12 machine (installing only what is missing), then runs everything CI runs:
#   1. the whole test suite with g++ and with clang++-16, C++20, warnings as errors (benchmarks
#      are built too, so that they cannot rot);
#   2. the runtime tests again under AddressSanitizer + UndefinedBehaviorSanitizer (clang++-16);
#   3. every libFuzzer target for FUZZ_SECONDS (default 60) each (scripts/fuzz.sh).
# SEEDANCE_TEST_QUICK=1 skips 2 and 3.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)
start=$SECONDS
for cxx in g++ clang++-16; do
  dir="build/test-${cxx}"
  echo "=== ${cxx}: configure, build, test (${dir})"
  cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug -DSEEDANCE_WERROR=ON \
    -DSEEDANCE_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$dir" -j"$jobs"
  ctest --test-dir "$dir" -j"$jobs" --output-on-failure
done
if [[ "${SEEDANCE_TEST_QUICK:-0}" == 1 ]]; then exit 0; fi

# The compile-fail and consumer tests run the compiler, not seedance's code: not worth sanitizing.
dir=build/test-sanitizers
echo "=== clang++-16 with ASan + UBSan (${dir})"
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_BUILD_TYPE=Debug -DSEEDANCE_WERROR=ON \
  -DSEEDANCE_BUILD_EXAMPLES=OFF \
  -DCMAKE_CXX_FLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$dir" -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$dir" -j"$jobs" --output-on-failure -E "^(compile_fail|consumer)"

echo "=== libFuzzer targets, ${FUZZ_SECONDS:-60} s each"
scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
echo "=== all done in $((SECONDS - start)) s"
