#!/usr/bin/env bash
# Build the libFuzzer targets in fuzz/ with Debian's clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and run each for SECONDS (default 60), starting from seed
# corpora made from valid inputs. Prints each target's executions; a crash, a sanitizer report
# or a broken invariant stops the run with the input saved as crash-* in the work folder.
#
#   bash scripts/run-fuzzers.sh [SECONDS]      (work folder: FUZZ_DIR, default /tmp/lead-fuzz)
#
# Targets so far: the radix-tree snapshot decoder (P2P router gossip) and the Mooncake trace
# line parser. The overlay's body headers, the TCP frame codec and the model loader are not
# covered yet.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
work=${FUZZ_DIR:-/tmp/lead-fuzz}
command -v clang++ >/dev/null || { echo "run-fuzzers: needs clang (apt-get install clang)" >&2; exit 1; }
mkdir -p "$work"
flags="-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$root/model"

clang++ $flags "$root/fuzz/lead-radix-tree-fuzzer.cc" "$root/model/lead-radix-tree.cc" \
  "$root/model/lead-byte-codec.cc" -o "$work/radix-tree-fuzzer"
clang++ $flags "$root/fuzz/lead-mooncake-line-fuzzer.cc" "$root/model/lead-prompt-workload.cc" \
  "$root/model/lead-prompt-trace.cc" -o "$work/mooncake-line-fuzzer"

# Seeds: a valid snapshot (version 1, two nodes) and valid trace lines.
mkdir -p "$work/seed-radix" "$work/seed-mooncake"
printf '\x01\x02\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00\x09\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00' \
  > "$work/seed-radix/two-nodes"
echo '{"timestamp": 0, "input_length": 6758, "output_length": 500, "hash_ids": [0, 1, 2, 3, 4]}' \
  > "$work/seed-mooncake/line"
echo '{"timestamp": 1500, "input_length": 1100, "output_length": 7, "hash_ids": [0, 5, 6]}' \
  > "$work/seed-mooncake/short"

cd "$work"
for t in radix-tree mooncake-line; do
  seed=seed-${t%%-*}
  [ "$t" = mooncake-line ] && seed=seed-mooncake
  mkdir -p "corpus-$t"
  log="$work/$t.log"
  "./$t-fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 \
    "corpus-$t" "$seed" > "$log" 2>&1 || { tail -30 "$log"; echo "run-fuzzers: $t FAILED" >&2; exit 1; }
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  echo "run-fuzzers: $t: $runs executions in $seconds s, no crash"
done
