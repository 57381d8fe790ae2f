#!/usr/bin/env bash
# The fast range path on the PlanetLab matrix for doc/lead.rst ("Range queries at 490 vnodes on
# the PlanetLab matrix"): 98 nodes x 5 vnodes, no replicas, keys placed at their owners at once
# (--preload), every system with the same means (fan-out walk, one-hop view, peer-level routing,
# proximity neighbour and route selection). CSVs and summary lines go to doc/data/fast-*.
#
#   bash scripts/range-fast-runs.sh [BUILD_DIR] [RUN ...]     default: build, every run
#
# Runs: ablation (LEAD alone, 100,000 lognormal keys, each means alone and combined),
# lognormal and uniform (about 200 keys per vnode, every system), regime (4.9 million keys,
# 10^4 per vnode, ranges up to 10,000 keys; Chord per key left out: a 10,000-key range would
# take 10,000 sequential gets), balanced (LEAD with the dynamic Shadow Balancer, at the two-tier
# baseline's load balance), floor100 (LEAD, linear and two-tier, 100 queries per length,
# at both sizes), synthetic (the synthetic matrix of runs 2 and 3). The regime run needs about
# 1.7 GB of memory.
# Then: /usr/bin/python3 scripts/plot-range.py "about 200 keys per vnode=doc/data/fast-lognormal.csv"
#       "10^4 keys per vnode=doc/data/fast-regime.csv" -o doc/figures/range-fast-planetlab.png
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
shift || true
example=$build/examples/lead-range-query-example
[ -x "$example" ] || { echo "range-fast-runs: $example not found (build the examples first)" >&2; exit 1; }
matrix=${MATRIX:-$root/../shared/data/planetlab-490-latency-ms.txt}
[ -f "$matrix" ] || { echo "range-fast-runs: $matrix missing (scripts/get-data.sh)" >&2; exit 1; }
out=$root/doc/data/fast
a=--ns3::lead::LeadNodeApp
fast="--range-walk=fanout $a::OneHop=true $a::PeerRouting=true $a::ProximityFingers=true $a::RouteSelection=proximity"
base="--n-nodes=98 --vnodes=5 $a::ReplicationFactor=0 --preload --progress=false"
pl="$base --latency-matrix=$matrix"
mkdir -p "$root/doc/data"

run() { # name, arguments...
  local name=$1
  shift
  echo "range-fast-runs: $name" >&2
  # A run that ends inexact exits with 1; its summary line says so, and the runs go on.
  { /usr/bin/time -f "wall_s=%e peak_kB=%M" "$example" "$@" --csv="$out-$name.csv" 2>&1 || true; } \
    | grep -E '^(summary:|wall_s=)' | tee "$out-$name.txt" >&2
}

ablation() {
  local k="$pl --systems=lead --n-keys=100000 --range-lengths=10,100,1000 --queries=20 --dataset=lognormal"
  rm -f "$out-ablation.txt"
  for config in chain fanout fanout-peer fanout-pns fanout-prs fanout-all onehop; do
    case $config in
      chain) args="" ;;
      fanout) args="--range-walk=fanout" ;;
      fanout-peer) args="--range-walk=fanout $a::PeerRouting=true" ;;
      fanout-pns) args="--range-walk=fanout $a::ProximityFingers=true" ;;
      fanout-prs) args="--range-walk=fanout $a::RouteSelection=proximity" ;;
      fanout-all) args="--range-walk=fanout $a::PeerRouting=true $a::ProximityFingers=true $a::RouteSelection=proximity" ;;
      onehop) args="$fast" ;;
    esac
    run "ablation-$config" $k $args
  done
}

for r in ${@:-ablation lognormal uniform regime balanced floor100 synthetic}; do
  case $r in
    ablation) ablation ;;
    lognormal) run lognormal $pl $fast --n-keys=100000 --range-lengths=10,100,1000 --queries=20 --dataset=lognormal ;;
    uniform) run uniform $pl $fast --n-keys=100000 --range-lengths=10,100,1000 --queries=10 --dataset=uniform ;;
    regime) run regime $pl $fast --systems=lead,chord-batched,marques,pht,linear --n-keys=4900000 \
      --range-lengths=10,100,1000,10000 --queries=10 --dataset=lognormal ;;
    balanced) run balanced $pl $fast --systems=lead --balancer=dynamic --n-keys=100000 \
      --range-lengths=10,100,1000 --queries=20 --dataset=lognormal ;;
    floor100)
      run floor100-200 $pl $fast --systems=lead,linear,marques --n-keys=100000 --range-lengths=10,100,1000 \
        --queries=100 --dataset=lognormal
      run floor100-regime $pl $fast --systems=lead,linear,marques --n-keys=4900000 \
        --range-lengths=10,100,1000,10000 --queries=100 --dataset=lognormal ;;
    synthetic)
      for seed in 2 3; do
        run synthetic-$seed $base --topology=matrix --RngRun=$seed $fast \
          --systems=lead,chord-batched,marques,pht,linear --n-keys=100000 --range-lengths=10,100,1000 \
          --queries=10 --dataset=lognormal
      done ;;
    *) echo "range-fast-runs: unknown run $r" >&2; exit 1 ;;
  esac
done
