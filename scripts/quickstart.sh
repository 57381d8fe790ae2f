#!/usr/bin/env bash
# One-command set-up for a fresh Debian bookworm machine (see README.md):
#
#   bash scripts/quickstart.sh example   install what is missing, build, run the main example
#   bash scripts/quickstart.sh test      install what is missing, build, run every test (CTest)
#   bash scripts/quickstart.sh sanitize  the same as test, built with AddressSanitizer and
#                                        UndefinedBehaviorSanitizer (-DLEAD_SANITIZERS=ON) in
#                                        build-asan (the tests alone take about 25 minutes
#                                        on 2 cores, the build comes on top)
#
# Environment: LEAD_BUILD_DIR (default: build), LEAD_BUILD_TYPE (default: RelWithDebInfo),
# LEAD_JOBS (default: nproc). Extra arguments after `example` go to the example.
set -euo pipefail

mode=${1:-}
[ $# -gt 0 ] && shift
case "$mode" in
  example | test | sanitize) ;;
  *)
    echo "usage: $0 example|test|sanitize [example arguments]" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${LEAD_BUILD_DIR:-$root/build}
extra=()
if [ "$mode" = sanitize ]; then
  build=${LEAD_BUILD_DIR:-$root/build-asan}
  extra=(-DLEAD_SANITIZERS=ON -DLEAD_ENABLE_BENCHMARKS=OFF)
fi
build_type=${LEAD_BUILD_TYPE:-RelWithDebInfo}
jobs=${LEAD_JOBS:-$(nproc)}

# 1. Debian packages: compiler and CMake; ns-3.37 (libns3-dev). ns-3's CMake package also
#    names helper programs of the ns3 package and the headers and libraries of GSL, SQLite,
#    libxml2 and Python, which libns3-dev does not pull in. OpenSSL for SHA-1, GoogleTest,
#    Google Benchmark, and clang-format for the style check.
packages=(g++ cmake ninja-build pkg-config libns3-dev ns3 libgsl-dev libsqlite3-dev libxml2-dev
  libpython3-dev libssl-dev libgtest-dev libbenchmark-dev clang-format)
# The tests also decode pcap files with tshark (the Wireshark dissector check) and draw a
# figure with matplotlib (the plotting scripts).
[ "$mode" != example ] && packages+=(tshark python3-matplotlib)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[lead] installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# 2. Configure and build (incremental on later runs).
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DLEAD_WERROR=ON \
    "${extra[@]}"
fi
cmake --build "$build" -j "$jobs"

# 3. Run.
if [ "$mode" = example ]; then
  exec "$build/examples/lead-range-query-example" "$@"
fi
ctest --test-dir "$build" --output-on-failure -j "$jobs"
