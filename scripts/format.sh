#!/usr/bin/env bash
# Formats every tracked C++ source with the pinned clang-format (16; see .clang-format).
#   scripts/format.sh           rewrite the files in place
#   scripts/format.sh --check   change nothing; list the files that differ and exit 1 if any does
set -euo pipefail
cd "$(dirname "$0")/.."
formatter=${CLANG_FORMAT:-clang-format-16}
if ! command -v "$formatter" >/dev/null; then
  echo "format: $formatter not found (scripts/setup.sh installs it)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files '*.hpp' '*.cpp' '*.h' '*.cc')
if [[ "${1:-}" == "--check" ]]; then
  bad=0
  for f in "${files[@]}"; do
    if ! "$formatter" --style=file "$f" | cmp -s - "$f"; then
      echo "format: $f differs from $formatter's output (run scripts/format.sh)"
      bad=1
    fi
  done
  if ((bad == 0)); then echo "format: ${#files[@]} files as $formatter formats them"; fi
  exit "$bad"
elif [[ $# -gt 0 ]]; then
  echo "usage: scripts/format.sh [--check]" >&2
  exit 2
fi
"$formatter" --style=file -i "${files[@]}"
