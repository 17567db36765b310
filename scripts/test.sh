#!/usr/bin/env bash
# Sets up a Debian 12 machine (installing only what is missing), then builds and runs the whole
# test suite twice: with g++ and with clang++-16, C++20, warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)
for cxx in g++ clang++-16; do
  dir="build/test-${cxx}"
  echo "=== ${cxx}: configure, build, test (${dir})"
  cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug -DSEEDANCE_WERROR=ON >/dev/null
  cmake --build "$dir" -j"$jobs"
  ctest --test-dir "$dir" -j"$jobs" --output-on-failure
done
