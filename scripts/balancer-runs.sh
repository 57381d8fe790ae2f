#!/usr/bin/env bash
# Shadow Balancer runs for doc/lead.rst ("Shadow Balancer"): LEAD at 98 nodes, 20,000 keys,
# with the balancer off (one vnode per node), static (5 vnodes per node) and dynamic, on the
# lognormal and zipf sets. Keys per node go to <OUT>-peer-loads.csv, the summary lines to
# <OUT>-summary.txt. The shifted set is lead-model-update-example's run balancer-98
# (scripts/model-update-runs.sh).
#
#   bash scripts/balancer-runs.sh [BUILD_DIR]          default: build
#
# Environment: OUT (doc/data/balancer), DATASETS ("lognormal zipf"), MATRIX (../shared/data/planetlab-490-latency-ms.txt;
# a synthetic matrix if it is missing).
# Then: /usr/bin/python3 scripts/plot-balancer.py doc/data/balancer-peer-loads.csv
#       -o doc/figures/balancer-load-cdf.png
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
example=$build/examples/lead-range-query-example
[ -x "$example" ] || { echo "balancer-runs: $example not found (build the examples first)" >&2; exit 1; }
out=${OUT:-$root/doc/data/balancer}
matrix=${MATRIX:-$root/../shared/data/planetlab-490-latency-ms.txt}
common="--systems=lead --n-nodes=98 --n-keys=20000 --range-lengths=100 --queries=10 --progress=false"
[ -f "$matrix" ] && common="$common --latency-matrix=$matrix"
mkdir -p "$(dirname "$out")"
rm -f "$out-peer-loads.csv" "$out-summary.txt"
for dataset in ${DATASETS:-lognormal zipf}; do
  for balancer in off static dynamic; do
    echo "balancer-runs: $dataset $balancer" >&2
    # A run that ends inexact exits with 1; its summary line says so, and the sweep goes on.
    { "$example" $common --dataset=$dataset --balancer=$balancer \
        --peer-loads="$out-peer-loads.csv" || true; } \
      | grep '^summary:' | sed "s/^summary: /summary: balancer=$balancer /" | tee -a "$out-summary.txt" >&2
  done
done
echo "balancer-runs: wrote $out-peer-loads.csv and $out-summary.txt" >&2
