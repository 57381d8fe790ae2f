#!/usr/bin/env bash
# Download the public data sets the examples and tests can use, from their origins, into a
# folder of your choice (default: ./data). The module runs without them (synthetic defaults).
#
#   scripts/get-data.sh [DEST]
#   LEAD_DATA_SOURCE=DIR scripts/get-data.sh [DEST]   copy from a local mirror instead
#
# planetlab-490-latency-ms.txt: PlanetLab RTT matrix, 490 x 490 ms, time slice 1 of
#   uofa-rzhu3/NetLatency-Data (MIT licence; cite Zhu et al., IEEE/ACM ToN), the file the LEAD
#   authors' simulator uses.
# mooncake-slice-1000.jsonl: the first 1,000 requests of the Mooncake conversation trace,
#   kvcache-ai/Mooncake FAST25-release (Apache-2.0; cite Qin et al., FAST'25).
# Each file is checked against its SHA-256.
set -euo pipefail

dest=${1:-data}
mkdir -p "$dest"

fetch() { # url output
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    echo "get-data: neither curl nor wget is installed" >&2
    exit 1
  fi
}

check() { # file sha256
  local got
  got=$(sha256sum "$1" | cut -d' ' -f1)
  if [ "$got" != "$2" ]; then
    echo "get-data: $1 has SHA-256 $got, expected $2; removed" >&2
    rm -f "$1"
    exit 1
  fi
  echo "get-data: $1 OK"
}

if [ -n "${LEAD_DATA_SOURCE:-}" ]; then
  for f in planetlab-490-latency-ms.txt mooncake-slice-1000.jsonl; do
    [ -f "$LEAD_DATA_SOURCE/$f" ] || { echo "get-data: $LEAD_DATA_SOURCE/$f is missing" >&2; exit 1; }
    cp "$LEAD_DATA_SOURCE/$f" "$dest/$f"
  done
  check "$dest/planetlab-490-latency-ms.txt" dd7fd6bb6917c55590e547d7c00a41f93175d4bda68ef0c81c8f372086165afc
  check "$dest/mooncake-slice-1000.jsonl" d289afab1294d376c92b3496d96c27f8f0e36893398fbda7957f3a40e37b70ba
  exit 0
fi

gh=https://raw.githubusercontent.com

out="$dest/planetlab-490-latency-ms.txt"
fetch "$gh/uofa-rzhu3/NetLatency-Data/a5845579654bf3b7f191d2697c0de24ec485b8e9/PlanetLab/PlanetLabData_1" "$out"
check "$out" dd7fd6bb6917c55590e547d7c00a41f93175d4bda68ef0c81c8f372086165afc

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
fetch "$gh/kvcache-ai/Mooncake/3b5a594133958449a1feaf1c9e0fc1b553e34a28/FAST25-release/traces/conversation_trace.jsonl" "$tmp"
check "$tmp" b8cbb061a85206d729d91cdc2981f43c9e0d99209dce588d3af5f7934408b9df
out="$dest/mooncake-slice-1000.jsonl"
head -n 1000 "$tmp" >"$out"
check "$out" d289afab1294d376c92b3496d96c27f8f0e36893398fbda7957f3a40e37b70ba
