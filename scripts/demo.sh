#!/usr/bin/env bash
# Sets up a Debian 12 machine (installing only what is missing), builds the `seedance` tool and the
# examples, and runs the main demo:
#   1. `seedance check` on examples/requests/*.json: valid and invalid requests of every mode,
#      every problem with its file:line:column, and the estimate of each valid one;
#   2. `seedance cost` on the valid ones: the estimate, its components and its assumptions;
#   3. the typed-request example: requests of every mode, checked at compile time, as JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build/demo -DCMAKE_BUILD_TYPE=Release -DSEEDANCE_BUILD_TESTS=OFF >/dev/null
cmake --build build/demo --target seedance_cli seedance_build_requests -j"$(nproc)"
tool=build/demo/tools/seedance

echo "=== seedance check examples/requests/*.json"
status=0
"$tool" check examples/requests/*.json || status=$?
echo "(exit status ${status}: 1 means some request is invalid, as four of the examples are on purpose)"
[[ $status -le 1 ]] || exit "$status"

echo
echo "=== seedance cost (the valid examples)"
valid=()
for f in examples/requests/*.json; do
  [[ $(basename "$f") == invalid-* ]] || valid+=("$f")
done
"$tool" cost "${valid[@]}"

echo
echo "=== typed requests (examples/build_requests.cpp)"
./build/demo/examples/seedance_build_requests
