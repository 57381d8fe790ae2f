#!/usr/bin/env bash
# Build the libFuzzer targets in fuzz/ with Debian's clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on, linked against the installed ns-3) and run every decoder for
# SECONDS (default 60) or FUZZ_RUNS executions, whichever comes first, starting from seed corpora
# made from valid messages and files. Prints one line per decoder with its executions; a crash,
# a sanitizer report, a broken invariant or an allocation above FUZZ_RSS_MB (default 2048) stops
# the run with the input saved as crash-*/oom-*/leak-* in the work folder.
#
#   bash scripts/run-fuzzers.sh [SECONDS]
#   environment: FUZZ_DIR (work folder, default /tmp/lead-fuzz), FUZZ_RUNS (default unlimited),
#                FUZZ_ONLY (space-separated decoder names), FUZZ_JOBS (parallel decoders, 2),
#                FUZZ_CSV (append "decoder,executions,seconds,result" rows to this file)
#
# Decoders: the common header and the 17 message bodies (lead-header-fuzzer), the TCP frame
# codec, the model loader and payloads and hostile leaf updates (lead-model-fuzzer), the key,
# latency-matrix, topology and churn-trace files (lead-file-fuzzer), the Mooncake trace line
# and the radix-tree gossip snapshot.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
work=${FUZZ_DIR:-/tmp/lead-fuzz}
runs=${FUZZ_RUNS:--1}
jobs=${FUZZ_JOBS:-2}
rss=${FUZZ_RSS_MB:-2048}
command -v clang++ >/dev/null || { echo "run-fuzzers: needs clang (apt-get install clang)" >&2; exit 1; }
[ -d /usr/include/ns3.37 ] || [ -f /usr/include/ns3/core-module.h ] ||
  { echo "run-fuzzers: needs the ns-3 development package (apt-get install libns3-dev)" >&2; exit 1; }
mkdir -p "$work/obj"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
cflags="-std=c++17 -O1 -g $san -I$root/model -I$root/helper"

# Instrumented objects of the code under test, built once (rebuilt when the source is newer).
sources="lead-header lead-alert-header lead-heartbeat-header lead-kv-header lead-kvcache-header
  lead-lookup-header lead-lookup-reply-header lead-model-header lead-neighbors-header
  lead-neighbors-request-header lead-range-header lead-recruit-header lead-scan-answer-header
  lead-successor-hint-header lead-transfer-header lead-update-header lead-view-header
  lead-ring-id lead-byte-codec lead-sha1 learned-hash-model rmi-hash-model rmi-root
  rmi-linear-root rmi-cubic-root rmi-polynomial-root rmi-spline-root linear-hash-model
  consistent-hash-model lead-frame-codec lead-key-dataset lead-latency-matrix lead-inet-file
  lead-radix-tree lead-prompt-workload lead-prompt-trace"
build_obj() {
  local src=$1 obj=$2
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ]; then
    clang++ $cflags -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
  fi
}
export -f build_obj
export cflags
{
  for s in $sources; do echo "$root/model/$s.cc $work/obj/$s.o"; done
  echo "$root/helper/lead-churn-model.cc $work/obj/lead-churn-model.o"
} | xargs -P "$jobs" -n 2 bash -c 'build_obj "$0" "$1"'

objs() { for s in "$@"; do printf '%s ' "$work/obj/$s.o"; done; }
hash_objs=$(objs lead-ring-id lead-byte-codec lead-sha1 learned-hash-model rmi-hash-model \
  rmi-root rmi-linear-root rmi-cubic-root rmi-polynomial-root rmi-spline-root \
  linear-hash-model consistent-hash-model)
link() { # name source objects...
  local name=$1 src=$2
  shift 2
  clang++ $cflags -fsanitize=fuzzer "$src" "$@" -lns3-network -lns3-core -lcrypto \
    -o "$work/$name-fuzzer"
}
link header "$root/fuzz/lead-header-fuzzer.cc" \
  $(objs lead-header lead-alert-header lead-heartbeat-header lead-kv-header lead-kvcache-header \
    lead-lookup-header lead-lookup-reply-header lead-model-header lead-neighbors-header \
    lead-neighbors-request-header lead-range-header lead-recruit-header lead-scan-answer-header \
    lead-successor-hint-header lead-transfer-header lead-update-header lead-view-header) \
  $hash_objs
link model "$root/fuzz/lead-model-fuzzer.cc" $hash_objs
link frame "$root/fuzz/lead-frame-codec-fuzzer.cc" $(objs lead-frame-codec)
link file "$root/fuzz/lead-file-fuzzer.cc" \
  $(objs lead-key-dataset lead-latency-matrix lead-inet-file lead-churn-model)
link radix "$root/fuzz/lead-radix-tree-fuzzer.cc" $(objs lead-radix-tree lead-byte-codec)
link mooncake "$root/fuzz/lead-mooncake-line-fuzzer.cc" \
  $(objs lead-prompt-workload lead-prompt-trace)

# Seeds: the fuzzers write valid messages, images and files themselves.
for f in header model file; do
  mkdir -p "$work/seeds-$f"
  LEAD_FUZZ_SEEDS="$work/seeds-$f" "$work/$f-fuzzer"
done
mkdir -p "$work/seeds-radix" "$work/seeds-mooncake" "$work/seeds-frame"
printf '\x01\x02\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00\x09\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00' \
  > "$work/seeds-radix/two-nodes"
echo '{"timestamp": 0, "input_length": 6758, "output_length": 500, "hash_ids": [0, 1, 2, 3, 4]}' \
  > "$work/seeds-mooncake/line"
echo '{"timestamp": 1500, "input_length": 1100, "output_length": 7, "hash_ids": [0, 5, 6]}' \
  > "$work/seeds-mooncake/short"
printf '\x03\x00\x40\x00\x00\x00\x02ab\x00\x00\x00\x00\x00\x00\x00\x01z' > "$work/seeds-frame/frames"

# decoder list: "binary:decoder:seed" (seed: a file or folder of valid inputs)
targets=""
for d in common alert heartbeat kv kvcache lookup lookup-reply model neighbors neighbors-request \
  range range-part recruit scan-answer successor-hint transfer update view; do
  targets+=" header:$d:$work/seeds-header/$d"
done
for d in image rmi linear consistent leaves; do targets+=" model:$d:$work/seeds-model/$d"; done
for d in key-text key-sosd matrix inet churn; do targets+=" file:$d:$work/seeds-file/$d"; done
targets+=" frame:frame:$work/seeds-frame radix:radix:$work/seeds-radix"
targets+=" mooncake:mooncake:$work/seeds-mooncake"

run_one() { # binary:decoder:seed
  IFS=: read -r bin dec seed <<< "$1"
  local dir="$work/run-$bin-$dec"
  mkdir -p "$dir/corpus" "$dir/seed"
  cp -r "$seed" "$dir/seed/" 2>/dev/null || true
  cd "$dir"
  local rc=0
  LEAD_FUZZ_DECODER=$dec "$work/$bin-fuzzer" -max_total_time="$seconds" -runs="$runs" \
    -rss_limit_mb="$rss" -malloc_limit_mb="$rss" -print_final_stats=1 corpus seed \
    > "$dir/log" 2>&1 || rc=$?
  local n
  n=$(grep -E '^stat::number_of_executed_units' "$dir/log" | awk '{print $2}')
  local t
  t=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$dir/log" | awk '{print $5}')
  if [ $rc -ne 0 ]; then
    tail -40 "$dir/log"
    echo "run-fuzzers: $dec FAILED (rc $rc); input in $dir (crash-*, oom-*, leak-*, timeout-*)"
    [ -n "${FUZZ_CSV:-}" ] && echo "$dec,${n:-0},${t:-$seconds},failed" >> "$FUZZ_CSV"
    return 1
  fi
  echo "run-fuzzers: $dec: ${n:-0} executions in ${t:-$seconds} s, no crash"
  [ -n "${FUZZ_CSV:-}" ] && echo "$dec,${n:-0},${t:-$seconds},ok" >> "$FUZZ_CSV"
  return 0
}
export -f run_one
export work seconds runs rss
only=${FUZZ_ONLY:-}
list=""
for t in $targets; do
  dec=$(echo "$t" | cut -d: -f2)
  if [ -z "$only" ] || [[ " $only " == *" $dec "* ]]; then list+="$t "; fi
done
# shellcheck disable=SC2086
printf '%s\n' $list | xargs -P "$jobs" -I{} bash -c 'run_one "$1"' _ {}
