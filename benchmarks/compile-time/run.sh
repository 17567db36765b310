#!/usr/bin/env bash
# Compile-time benchmark: compiles (a) seedance_requests.cpp, nine typed requests through
# <seedance/seedance.hpp>, and (b) nlohmann_requests.cpp, the same nine bodies by hand with
# nlohmann/json only, RUNS times each (alternating), and prints the median wall time and median
# peak memory (max RSS) of each and their ratio (a)/(b). Target: both ratios <= 1.25.
#
#   benchmarks/compile-time/run.sh [RUNS] [COMPILER] [FLAGS...]    defaults: 5 g++ -O2
# Needs GNU time (/usr/bin/time, Debian package `time`). Exit status 1 when a ratio is over target.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-5}
cxx=${2:-g++}
shift $(( $# > 2 ? 2 : $# ))
flags=("$@")
((${#flags[@]})) || flags=(-O2)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure() {  # file -> appends "seconds kib" to $out/<name>.txt
  local name=$1
  /usr/bin/time -f "%e %M" -o "$out/one.txt" \
    "$cxx" -std=c++20 "${flags[@]}" -I"$root/include" -c "$here/$name.cpp" -o "$out/$name.o"
  cat "$out/one.txt" >>"$out/$name.txt"
}
for ((i = 0; i < runs; i++)); do
  measure seedance_requests
  measure nlohmann_requests
done

median() {  # column file
  sort -g -k"$1" "$2" | awk -v c="$1" '{v[NR]=$c} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'
}
ta=$(median 1 "$out/seedance_requests.txt"); ma=$(median 2 "$out/seedance_requests.txt")
tb=$(median 1 "$out/nlohmann_requests.txt"); mb=$(median 2 "$out/nlohmann_requests.txt")
awk -v ta="$ta" -v tb="$tb" -v ma="$ma" -v mb="$mb" -v runs="$runs" -v cxx="$cxx" -v flags="${flags[*]}" 'BEGIN {
  printf "compile time, %s %s -std=c++20, median of %d runs\n", cxx, flags, runs
  printf "  (a) seedance, 9 typed requests : %6.2f s  %7.1f MiB\n", ta, ma / 1024
  printf "  (b) nlohmann/json by hand      : %6.2f s  %7.1f MiB\n", tb, mb / 1024
  rt = ta / tb; rm = ma / mb
  printf "  ratio (a)/(b)                  : %6.3f    %7.3f     (target <= 1.25)\n", rt, rm
  exit (rt <= 1.25 && rm <= 1.25) ? 0 : 1
}'
