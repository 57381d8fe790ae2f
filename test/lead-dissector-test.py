#!/usr/bin/env python3
#
# Copyright (c) 2026 The lead module authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# Checks scripts/lead.lua against the module: runs lead-range-query-example with --pcap, decodes
# every host's pcap with tshark and the dissector, and compares the number of LEAD messages of
# each type that the hosts sent with the counts of the applications' Tx trace. Every body must
# decode to its end: no message may be flagged malformed, and only the types that carry values
# (PUT, GET_REPLY, TRANSFER, RANGE_PART) may leave bytes after their body. Exits 77 (CTest:
# skipped) with a message when tshark is not installed.
#
# Usage: lead-dissector-test.py EXAMPLE_BINARY DISSECTOR.lua

import collections
import csv
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

SYSTEMS = "lead,marques,pht"
VALUE_TYPES = {9, 12, 15, 22}  # PUT, GET_REPLY, TRANSFER, RANGE_PART carry value bytes


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: lead-dissector-test.py EXAMPLE_BINARY DISSECTOR.lua")
    example, dissector = (os.path.abspath(a) for a in sys.argv[1:])
    tshark = shutil.which("tshark")
    if not tshark:
        print("SKIPPED: tshark is not installed (apt-get install tshark)")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(
            [example, "--systems=" + SYSTEMS, "--n-nodes=12", "--vnodes=2", "--n-keys=400",
             "--workload=poisson", "--ops=40", "--rate=10", "--pcap", "--progress=false",
             # The one-hop view adds VIEW_GOSSIP and VIEW_SYNC to the messages decoded.
             "--ns3::lead::LeadNodeApp::OneHop=true"],
            cwd=tmp, capture_output=True, text=True)
        if run.returncode != 0 or "status=ok" not in run.stdout:
            print(run.stdout, run.stderr)
            print("FAIL: the example did not finish with status=ok")
            return 1
        failures = 0
        for system in SYSTEMS.split(","):
            with open(os.path.join(tmp, f"lead-range-{system}-tx.csv"), newline="") as f:
                tx = {row["type"]: int(row["messages"]) for row in csv.DictReader(f)}
            decoded = collections.Counter()
            leftovers = collections.Counter()
            malformed = collections.Counter()
            files = sorted(glob.glob(os.path.join(tmp, f"lead-range-{system}-*-*.pcap")))
            for path in files:
                node = int(re.search(r"-(\d+)-\d+\.pcap$", path).group(1))
                host = f"10.0.{(node + 1) // 256}.{(node + 1) % 256}"  # LeadLatencyMatrixTopology
                out = subprocess.run(
                    [tshark, "-n", "-X", "lua_script:" + dissector, "-r", path,
                     "-Y", f"lead && ip.src == {host}", "-T", "fields", "-e", "lead.type",
                     "-e", "lead.payload", "-e", "_ws.expert.severity"],
                    capture_output=True, text=True)
                if out.returncode != 0:
                    print(out.stderr)
                    print(f"FAIL: tshark could not read {path}")
                    return 1
                for line in out.stdout.splitlines():
                    fields = line.split("\t") + ["", ""]
                    typ = int(fields[0])
                    decoded[typ] += 1
                    if fields[1] and typ not in VALUE_TYPES:
                        leftovers[typ] += 1
                    if fields[2]:
                        malformed[typ] += 1
            names = {1: "FIND_SUCCESSOR", 2: "FIND_SUCCESSOR_REPLY", 3: "GET_NEIGHBORS",
                     4: "GET_NEIGHBORS_REPLY", 5: "NOTIFY", 6: "NOTIFY_REPLY", 7: "PING",
                     8: "PONG", 9: "PUT", 10: "PUT_REPLY", 11: "GET", 12: "GET_REPLY",
                     13: "DELETE", 14: "DELETE_REPLY", 15: "TRANSFER", 16: "TRANSFER_REPLY",
                     17: "LEAVE", 18: "LEAVE_REPLY", 19: "ALERT", 20: "ALERT_REPLY",
                     21: "RANGE_SCAN", 22: "RANGE_PART", 23: "SUCC_HINT",
                     24: "SUCC_HINT_REPLY", 25: "MODEL_GET", 26: "MODEL_GET_REPLY", 27: "HEARTBEAT",
                     28: "MODEL_ANNOUNCE", 29: "UPDATE", 30: "UPDATE_REPLY",
                     31: "RECRUIT", 32: "VIEW_GOSSIP", 33: "VIEW_SYNC"}
            by_name = {names.get(t, f"UNKNOWN({t})"): n for t, n in decoded.items()}
            print(f"{system}: {len(files)} pcap files, {sum(by_name.values())} LEAD messages "
                  f"decoded, {sum(tx.values())} in the Tx trace, {len(tx)} types")
            for name in sorted(set(tx) | set(by_name)):
                ok = tx.get(name, 0) == by_name.get(name, 0)
                failures += 0 if ok else 1
                print(f"  {name:22s} tx={tx.get(name, 0):7d} pcap={by_name.get(name, 0):7d}"
                      f"{'' if ok else '  MISMATCH'}")
            for typ, n in sorted(leftovers.items()):
                print(f"  FAIL: {n} messages of type {names.get(typ, typ)} with bytes after the body")
                failures += 1
            for typ, n in sorted(malformed.items()):
                print(f"  FAIL: {n} messages of type {names.get(typ, typ)} decoded as malformed")
                failures += 1
            if len(tx) < 8:
                print(f"FAIL: only {len(tx)} message types in the run; the check needs more")
                failures += 1
        print("PASS" if failures == 0 else f"FAIL: {failures} mismatches")
        return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
