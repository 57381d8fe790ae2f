#!/usr/bin/env bash
# Wall time per delivered packet of lead-topology-example, two revisions of the module built
# the same way (Release) and run on one machine in one sitting, alternating, so that the
# machine's drift hits both alike. Used for the cost of the protocol-layer split (doc/lead.rst,
# "Cost of the protocol layer").
#
#   bash scripts/perf-compare.sh [BEFORE [AFTER]]      defaults: ecc84db HEAD
#
# Environment: RUNS (3 runs of each), OUT (doc/data/perf-split.csv), ARGS (the run, default:
# 490 nodes x 5 vnodes on the PlanetLab matrix of ../shared/data, or a synthetic matrix when
# that file is missing), WORK (~/.cache/lead-perf: the worktrees and builds).
#
# Revisions before ip_rx was added to the example's summary get the same count (IP packets
# received by the hosts) patched into their copy of the example; nothing is committed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
before=${1:-ecc84db}
after=${2:-HEAD}
runs=${RUNS:-3}
out=${OUT:-$root/doc/data/perf-split.csv}
work=${WORK:-$HOME/.cache/lead-perf}
matrix=$root/../shared/data/planetlab-490-latency-ms.txt
default_args="--topology=matrix --n-nodes=490 --vnodes=5 --progress=false"
# PlanetLab pairs reach an RTT of 3 s: RPCs and lookups get the timeouts that the range example's
# --timeouts=auto derives from that matrix (with p2psim's 1 s defaults a few lookups fail).
[ -f "$matrix" ] && default_args="$default_args --latency-matrix=$matrix \
  --ns3::lead::LeadNodeApp::RpcInitialTimeout=3700ms --ns3::lead::LeadNodeApp::RpcMaxTimeout=3700ms \
  --ns3::lead::LeadNodeApp::MaxLookupTime=22s"
args=${ARGS:-$default_args}

log() { printf '[perf-compare] %s\n' "$*"; }

# The count the summary reports since ip_rx exists, for revisions without it.
patch_ip_rx() {
  /usr/bin/env python3 - "$1" <<'EOF'
import sys
p = sys.argv[1]
s = open(p).read()
if "ip_rx=" in s:
    sys.exit(0)
sink = """    uint64_t ipRx = 0;
    for (uint32_t i = 0; i < net->GetHosts().GetN(); ++i)
    {
        net->GetHosts().Get(i)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx",
            Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
                [&ipRx](Ptr<const Packet>, Ptr<Ipv4>, uint32_t) { ++ipRx; }));
    }
    Simulator::Run();"""
assert s.count("    Simulator::Run();") == 1
s = s.replace("    Simulator::Run();", sink)
s = s.replace('<< " wall_s=" << wall', '<< " ip_rx=" << ipRx << " wall_s=" << wall')
open(p, "w").write(s)
EOF
}

build() {
  local rev=$1 dir=$work/$1
  if [ ! -d "$dir" ]; then
    git -C "$root" worktree add --detach "$dir" "$rev" >/dev/null
  fi
  patch_ip_rx "$dir/examples/lead-topology-example.cc"
  if [ ! -f "$dir/build/CMakeCache.txt" ]; then
    cmake -S "$dir" -B "$dir/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DLEAD_ENABLE_TESTS=OFF -DLEAD_ENABLE_BENCHMARKS=OFF >/dev/null
  fi
  cmake --build "$dir/build" -j "$(nproc)" --target lead-topology-example >/dev/null
}

mkdir -p "$work"
b=$(git -C "$root" rev-parse --short "$before")
a=$(git -C "$root" rev-parse --short "$after")
log "building $b and $a (Release)"
build "$b"
build "$a"
mkdir -p "$(dirname "$out")"
echo "run,revision,wall_s,ip_rx,us_per_packet,status" >"$out"
for i in $(seq 1 "$runs"); do
  for rev in "$b" "$a"; do
    # A run whose status is not ok still measures the speed; its status goes into the CSV.
    line=$("$work/$rev/build/examples/lead-topology-example" $args | grep '^summary:' || true)
    [ -n "$line" ] || { log "run $i $rev printed no summary line"; exit 1; }
    wall=$(sed -n 's/.* wall_s=\([0-9.]*\).*/\1/p' <<<"$line")
    rx=$(sed -n 's/.* ip_rx=\([0-9]*\).*/\1/p' <<<"$line")
    status=$(sed -n 's/.* status=\([A-Za-z]*\).*/\1/p' <<<"$line")
    us=$(awk -v w="$wall" -v n="$rx" 'BEGIN { printf "%.3f", 1e6 * w / n }')
    log "run $i $rev: wall $wall s, $rx packets, $us us per packet, $status"
    echo "$i,$rev,$wall,$rx,$us,$status" >>"$out"
  done
done
log "wrote $out"
