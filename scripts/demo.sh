#!/usr/bin/env bash
# Sets up a Debian 12 machine (installing only what is missing), builds seedance's examples and
# runs the main demo: typed requests of every mode, checked at compile time, printed as JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build/demo -DCMAKE_BUILD_TYPE=Release -DSEEDANCE_BUILD_TESTS=OFF >/dev/null
cmake --build build/demo --target seedance_build_requests -j"$(nproc)"
./build/demo/examples/seedance_build_requests
