#!/usr/bin/env bash
# Churn sweeps for doc/lead.rst ("Churn"): lookup success and maintenance traffic against the
# session mean, maintenance traffic against the stabilisation interval, and keys lost against
# the replication factor. One lead-churn-example run per point; every summary line goes into
# one CSV (the columns of the example's --csv summary, after the sweep's name and value).
#
#   bash scripts/churn-sweep.sh [BUILD_DIR]          default: build
#
# Environment: OUT (doc/data/churn-sweep.csv), NODES (128), DURATION (3600s), WARMUP (600s),
# MATRIX (../shared/data/planetlab-490-latency-ms.txt; a synthetic matrix if it is missing).
# Then: /usr/bin/python3 scripts/plot-churn.py doc/data/churn-sweep.csv -o doc/figures/churn-sweep.png
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
example=$build/examples/lead-churn-example
[ -x "$example" ] || { echo "churn-sweep: $example not found (build the examples first)" >&2; exit 1; }
out=${OUT:-$root/doc/data/churn-sweep.csv}
nodes=${NODES:-128}
duration=${DURATION:-3600s}
warmup=${WARMUP:-600s}
matrix=${MATRIX:-$root/../shared/data/planetlab-490-latency-ms.txt}
common="--n-nodes=$nodes --vnodes=1 --duration=$duration --warm-up=$warmup --progress=false"
[ -f "$matrix" ] && common="$common --latency-matrix=$matrix"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
header_done=0
run() { # sweep value args...
  local sweep=$1 value=$2
  shift 2
  local start
  start=$(date +%s)
  # shellcheck disable=SC2086
  "$example" $common "$@" --csv="$tmp/run" >"$tmp/out.txt" || true # status=FAILED is data too
  if [ ! -s "$tmp/run-summary.csv" ]; then
    echo "churn-sweep: the run $sweep=$value wrote no summary" >&2
    cat "$tmp/out.txt" >&2
    exit 1
  fi
  if [ $header_done -eq 0 ]; then
    echo "sweep,value,$(head -1 "$tmp/run-summary.csv"),wall_s" >"$out"
    header_done=1
  fi
  echo "$sweep,$value,$(sed -n 2p "$tmp/run-summary.csv"),$(($(date +%s) - start))" >>"$out"
  echo "[churn-sweep] $sweep=$value: $(grep -o 'success=[^ ]*' "$tmp/out.txt") $(grep -o 'keys_lost=[^ ]*' "$tmp/out.txt") $(grep -o 'maint_bytes_per_node_s=[^ ]*' "$tmp/out.txt")"
  rm -f "$tmp"/run-*.csv
}

for s in 600 1200 3600 7200 14400; do
  run session_s "$s" --session-mean="${s}s"
done
for t in 500ms 1s 2s 5s; do
  run stabilize "$t" --ns3::lead::LeadNodeApp::StabilizeInterval="$t" \
    --ns3::lead::LeadNodeApp::SuccessorListInterval="$t"
done
for r in 0 1 3; do
  run replication "$r" --replication="$r" --session-mean=1200s
done
echo "[churn-sweep] wrote $out"
