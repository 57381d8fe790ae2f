#!/usr/bin/env bash
# Model update runs for doc/lead.rst ("Collaborative model update"): a cluster shift at 98 x 5
# vnodes with and without the update (time series), under p2psim churn, at several network
# sizes, and with hostile participants (plain averaging against a robust aggregate). One
# lead-model-update-example run per point; the summary lines go into one CSV (the columns of
# the example's --csv summary, after the run's name), the time series into <name>-time.csv.
#
#   bash scripts/model-update-runs.sh [BUILD_DIR]          default: build
#
# Environment: OUT (doc/data/model-update), MATRIX (../shared/data/planetlab-490-latency-ms.txt;
# a synthetic matrix if it is missing).
# Then: /usr/bin/python3 scripts/plot-update.py doc/data/model-update -o doc/figures
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
example=$build/examples/lead-model-update-example
[ -x "$example" ] || { echo "model-update-runs: $example not found (build the examples first)" >&2; exit 1; }
out=${OUT:-$root/doc/data/model-update}
matrix=${MATRIX:-$root/../shared/data/planetlab-490-latency-ms.txt}
common="--progress=false"
[ -f "$matrix" ] && common="$common --latency-matrix=$matrix"
mkdir -p "$(dirname "$out")"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
header_done=0
run() { # name args...
  local name=$1
  shift
  echo "model-update-runs: $name $*" >&2
  "$example" $common --csv="$tmp/$name" "$@" > "$tmp/$name.out" 2>&1 || true
  grep '^summary:' "$tmp/$name.out" >&2 || { cat "$tmp/$name.out" >&2; exit 1; }
  cp "$tmp/$name-time.csv" "$out-$name-time.csv"
  if [ $header_done -eq 0 ]; then
    echo "run,$(head -1 "$tmp/$name-summary.csv")" > "$out-summary.csv"
    header_done=1
  fi
  echo "$name,$(tail -1 "$tmp/$name-summary.csv")" >> "$out-summary.csv"
}

run on-98 --n-nodes=98
run off-98 --n-nodes=98 --update=false
run churn-98 --n-nodes=98 --churn=exponential
run quorum09-98 --n-nodes=98 --quorum=0.9
for n in 16 32 64 196; do
  run size-$n --n-nodes=$n
done
run honest-98 --n-nodes=98 --shift-time=20s --after=40s
run plain-98 --n-nodes=98 --shift-time=20s --after=40s --hostile=5 --aggregation=mean --validation=false
run median-98 --n-nodes=98 --shift-time=20s --after=40s --hostile=5 --aggregation=median --validation=false
run robust-98 --n-nodes=98 --shift-time=20s --after=40s --hostile=5 --aggregation=median --validation=true
run balancer-98 --n-nodes=98 --balancer=dynamic --after=4min
echo "model-update-runs: wrote $out-summary.csv and $out-*-time.csv" >&2
