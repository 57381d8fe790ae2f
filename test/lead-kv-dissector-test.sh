#!/bin/sh
# The Wireshark dissector on the KV-cache case study's control messages: a small run with pcap,
# then tshark must decode every message type the run sends, over the links of all hosts
# (central: REQUEST, FIRST_TOKEN, FETCH, FETCH_REPLY, INDEX_QUERY, INDEX_REPLY, INDEX_PUBLISH;
# p2p-router: GOSSIP too) and find nothing malformed. Exit 77 (skipped) without tshark.
#
# Usage: lead-kv-dissector-test.sh EXAMPLE LUA_SCRIPT
set -eu
example=$1
lua=$2
command -v tshark >/dev/null 2>&1 || { echo "SKIPPED: tshark is not installed"; exit 77; }
"$example" --documents=3 --document-length=1600 --n-servers=3 --background-docs=0 \
  --systems=central,p2p-router --gossip-ms=200 --pcap > /dev/null
# Message types seen on the links of every host of a run.
types() {
  for f in lead-kv-cache-"$1"-*-0.pcap; do
    tshark -X lua_script:"$lua" -r "$f" -Y leadkv -T fields -e leadkv.type 2>/dev/null
  done | sort -un | tr '\n' ' '
}
central=$(types central)
router=$(types p2p-router)
malformed=0
for f in lead-kv-cache-*-0.pcap; do
  n=$(tshark -X lua_script:"$lua" -r "$f" -Y _ws.malformed 2>/dev/null | wc -l)
  malformed=$((malformed + n))
done
echo "central types: $central; p2p-router types: $router; malformed: $malformed"
[ "$central" = "1 3 4 5 6 7 8 " ] || { echo "FAIL: central message types"; exit 1; }
case "$router" in *9*) ;; *) echo "FAIL: no GOSSIP decoded"; exit 1 ;; esac
[ "$malformed" -eq 0 ] || { echo "FAIL: malformed packets"; exit 1; }
echo "PASS: KV-cache messages decoded"
