#!/usr/bin/env bash
# Installs what seedance's build, tests and benchmarks need on Debian 12, and nothing that is
# already there: apt-get runs only when a package is missing. Safe to run again and again.
#
#   scripts/setup.sh            the packages for building, testing and benchmarking
set -euo pipefail

packages=(
  cmake make g++ pkg-config   # the build
  nlohmann-json3-dev          # JSON
  libboost1.81-dev            # Boost.Hana (header-only)
  catch2                      # unit tests (Catch2 v2)
  libboost-url1.81-dev        # tests only: differential oracle for the URL parser
  libvalijson-dev             # tests only: JSON Schema validator, oracle for the schema export
  clang-16                    # the second compiler of the test suite
  libclang-rt-16-dev          # clang's sanitizer and libFuzzer runtimes
  libcli11-dev                # the command-line tool's arguments
  ffmpeg                      # tests only: makes the media corpus and is the probe's oracle (ffprobe)
  libjpeg-turbo-progs         # tests only: jpegtran makes the progressive JPEGs of the corpus
  libbenchmark-dev            # benchmarks (built by the test command so that they cannot rot)
  rapidjson-dev               # benchmarks only: RapidJSON's SchemaValidator, a peer of validate()
  time                        # GNU time, for the compile-time benchmark
  libssl-dev                  # the https transport (OpenSSL) and its tests
  openssl                     # tests only: makes the self-signed certificates of the https tests
  clang-format-16             # scripts/format.sh: the pinned formatter (the version decides the output)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi
