#!/usr/bin/env bash
# Build the lead module inside an ns-3.37 source tree (contrib/ mode) and run its test suites
# with that tree's own test runner.
#
# The ns-3 tree comes from Debian's source package `ns3` (apt-get source), and is kept in a
# cache folder outside the repository so that a second run only rebuilds what changed.
#
# Usage: scripts/check-contrib-build.sh [--prepare-only]
#   LEAD_NS3_CACHE   cache folder (default: ~/.cache/lead-ns3)
#   LEAD_JOBS        parallel build jobs (default: nproc)
#   --prepare-only   fetch and build the ns-3 tree without the module (warms the cache)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${LEAD_NS3_CACHE:-$HOME/.cache/lead-ns3}
jobs=${LEAD_JOBS:-$(nproc)}
prepare_only=0
[ "${1:-}" = "--prepare-only" ] && prepare_only=1

# ns-3 modules the lead module and its examples use (the closure is resolved by ns-3 itself).
modules="core;network;internet;applications;point-to-point;point-to-point-layout;csma;flow-monitor;topology-read;stats;traffic-control;bridge"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

log() { printf '[contrib-build] %s\n' "$*"; }
start=$(date +%s)

# 1. Tools needed to unpack and build the ns-3 tree.
need=()
for p in dpkg-dev cmake g++ python3 ninja-build libgsl-dev libssl-dev libsqlite3-dev libxml2-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

# 2. Debian's ns3 source package (enables deb-src for bookworm if no source list has it).
mkdir -p "$cache"
tree=$(ls -d "$cache"/ns3-3.37/ns-3.37 2>/dev/null || true)
if [ -z "$tree" ]; then
  if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    # Reuse the mirror of the existing binary sources for the source packages.
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(sed -n 's/^deb \([^ ]*\) bookworm .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -1)
    [ -n "$uri" ] || { log "cannot find the Debian mirror in the apt sources to enable deb-src"; exit 1; }
    log "enabling deb-src for bookworm from $uri"
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" |
      as_root tee /etc/apt/sources.list.d/lead-deb-src.sources >/dev/null
    as_root apt-get update -qq
  fi
  log "fetching the ns3 source package into $cache"
  (cd "$cache" && apt-get source -qq ns3)
  tree=$(ls -d "$cache"/ns3-3.37/ns-3.37)
fi
log "ns-3 tree: $tree"

# 3. Configure once (debug profile, tests and examples on, only the modules lead needs).
cd "$tree"
if [ ! -f cmake-cache/build.ninja ] && [ ! -f cmake-cache/Makefile ]; then
  log "configuring"
  ./ns3 configure -d debug -G Ninja --enable-tests --enable-examples \
    --enable-modules="$modules" >"$cache/configure.log" 2>&1 ||
    { tail -40 "$cache/configure.log"; exit 1; }
fi

if [ $prepare_only -eq 0 ]; then
  # 4. Drop the module into contrib/lead (a copy of the working tree, without build output).
  rm -rf contrib/lead
  mkdir -p contrib/lead
  (cd "$here" && git ls-files -z --cached --others --exclude-standard |
    tar --null -T - -cf -) | tar -xf - -C contrib/lead
  log "module copied into contrib/lead; reconfiguring"
  ./ns3 configure -d debug -G Ninja --enable-tests --enable-examples \
    --enable-modules="$modules;lead" >"$cache/configure.log" 2>&1 ||
    { tail -40 "$cache/configure.log"; exit 1; }
fi

# 5. Build with all cores (./ns3 build caps -j at nproc-1).
log "building with -j$jobs"
cmake --build cmake-cache -j "$jobs" >"$cache/build.log" 2>&1 || { tail -60 "$cache/build.log"; exit 1; }

if [ $prepare_only -eq 1 ]; then
  log "tree prepared in $(($(date +%s) - start)) s"
  exit 0
fi

# 6. Run the module's test suites and examples through the tree's own runner.
runner=$(ls build/utils/ns3.37-test-runner-* | head -1)
suites=$("$runner" --list | sed -n 's/^\(lead-[A-Za-z0-9-]*\).*/\1/p' | sort -u)
[ -n "$suites" ] || { log "no lead test suites registered in the tree build"; exit 1; }
log "suites: $(echo $suites)"
fail=0
for s in $suites; do
  if ./test.py --no-build --suite="$s" >"$cache/test-$s.log" 2>&1; then
    log "PASS $s"
  else
    log "FAIL $s"; tail -20 "$cache/test-$s.log"; fail=1
  fi
done
# Every example listed in test/examples-to-run.py, with its arguments, through ./ns3 run.
examples=$(cd contrib/lead/test && python3 -c \
  'import runpy; [print(e[0]) for e in runpy.run_path("examples-to-run.py")["cpp_examples"] if e[1] == "True"]')
while IFS= read -r ex; do
  [ -n "$ex" ] || continue
  if ./ns3 run --no-build "$ex" >"$cache/example.log" 2>&1; then
    log "PASS example: $ex"
  else
    log "FAIL example: $ex"; tail -20 "$cache/example.log"; fail=1
  fi
done <<<"$examples"
log "finished in $(($(date +%s) - start)) s"
exit $fail
