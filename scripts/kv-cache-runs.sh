#!/usr/bin/env bash
# The KV-cache case study for doc/lead.rst ("KV-cache case study"): every system on the same
# 8 serving nodes, network, workload and seeds. CSVs and summary lines go to doc/data/kv-*.
#
#   bash scripts/kv-cache-runs.sh [BUILD_DIR] [RUN ...]     default: build, every run
#
# Runs: longdocqa (the poster's configuration: 8 nodes, Llama-3 8B, 16-token blocks,
# 32 documents of 20,000 tokens asked twice after a warm-up round, 500,000 background blocks
# in the index), mooncake (the 1,000-row Mooncake conversation slice; MOONCAKE=path),
# p2p-delay (MMLU-shaped prompts, Zipf 1.0, one-way spoke delay 5 us .. 20 ms) and p2p-skew
# (MMLU-shaped prompts at 50 us, Zipf 0 .. 1.5): the P2P router's own two axes, with LEAD,
# DualMap and the upper bound beside it. scale: LEAD alone with 2.5, 10 and 16 million background
# blocks in the index (memory and time of the largest run that fits in 4 GiB).
# Then: /usr/bin/python3 scripts/plot-kv-cache.py
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
shift || true
example=$build/examples/lead-kv-cache-example
[ -x "$example" ] || { echo "kv-cache-runs: $example not found (build the examples first)" >&2; exit 1; }
trace=${MOONCAKE:-$root/../shared/data/mooncake-slice-1000.jsonl}
out=$root/doc/data/kv
mkdir -p "$root/doc/data"

run() { # name, arguments...
  local name=$1
  shift
  echo "kv-cache-runs: $name" >&2
  /usr/bin/time -f "wall_s=%e peak_kB=%M" "$example" "$@" --csv="$out-$name.csv" 2>&1 \
    | grep -E '^(summary:|wall_s=)' | tee "$out-$name.txt" >&2
}

# A sweep: one CSV with the swept value as a first column.
sweep() { # name, column, flag, values, arguments...
  local name=$1 column=$2 flag=$3 values=$4
  shift 4
  local csv=$out-$name.csv
  : > "$out-$name.txt"
  first=1
  for v in $values; do
    echo "kv-cache-runs: $name $flag=$v" >&2
    "$example" "$@" "$flag=$v" --csv="$csv.part" | tee -a "$out-$name.txt" >&2
    if [ $first = 1 ]; then
      sed -n '1s/^/'"$column"',/p' "$csv.part" > "$csv"
      first=0
    fi
    sed -n '2,$s/^/'"$v"',/p' "$csv.part" >> "$csv"
  done
  rm -f "$csv.part"
}

all="lead,chord,chord-batched,chord-doc,central,dualmap,p2p-router,upper-bound"
mmlu="--workload=mmlu --requests=2000 --rate=40 --background-docs=0"
p2p="--systems=lead,dualmap,p2p-router,upper-bound"
runs=${*:-longdocqa mooncake p2p-delay p2p-skew scale}
for r in $runs; do
  case $r in
    longdocqa) run longdocqa --workload=long-docqa --documents=32 --background-docs=400 --systems=$all ;;
    mooncake)
      [ -f "$trace" ] || { echo "kv-cache-runs: $trace missing (scripts/get-data.sh)" >&2; exit 1; }
      run mooncake --workload=mooncake --trace="$trace" --background-docs=0 --systems=$all ;;
    p2p-delay) sweep p2p-delay delay_us --delay-us "5 50 500 2000 5000 20000" $mmlu $p2p --zipf=1.0 ;;
    p2p-skew) sweep p2p-skew zipf --zipf "0 0.5 1.0 1.5" $mmlu $p2p --delay-us=50 ;;
    scale)
      run scale-2500k --workload=long-docqa --documents=32 --background-docs=2000 --systems=lead
      run scale-10000k --workload=long-docqa --documents=32 --background-docs=8000 --systems=lead
      run scale-16000k --workload=long-docqa --documents=32 --background-docs=12800 --systems=lead ;;
    *) echo "kv-cache-runs: unknown run '$r'" >&2; exit 1 ;;
  esac
done
