#!/usr/bin/env python3
#
# Copyright (c) 2026 The lead module authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# The tables of doc/lead.rst from the CSV that lead-range-query-example writes (--csv): one row
# per system and range length, then LEAD's latency and messages as a share of each baseline's,
# and LEAD's latency over its physical floor (floor_ms).
#
# Usage: /usr/bin/python3 scripts/range-table.py RESULT.csv

import csv
import sys

ORDER = ["lead", "chord", "chord-batched", "marques", "pht", "linear"]


def fmt(x, digits=0):
    return f"{x:,.{digits}f}"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: range-table.py RESULT.csv")
    try:
        with open(sys.argv[1], newline="") as f:
            rows = [r for r in csv.DictReader(f) if r.get("op", "range") == "range"]
    except OSError as e:
        sys.exit(f"{sys.argv[1]}: {e.strerror}")
    if not rows:
        sys.exit(f"{sys.argv[1]}: no range rows")
    cell = {(r["system"], int(r["range_len"])): r for r in rows}
    systems = [s for s in ORDER if any(k[0] == s for k in cell)]
    lengths = sorted({k[1] for k in cell})
    print('   :header: "system", "range (keys)", "mean ms", "p50 ms", "p99 ms", "floor ms", '
          '"mean messages", "mean bytes", "vnodes visited", "load max/mean"\n')
    for s in systems:
        for n in lengths:
            r = cell.get((s, n))
            if not r:
                continue
            print(f'   "{s}", "{n}", "{fmt(float(r["mean_latency_ms"]))}", '
                  f'"{fmt(float(r["p50_latency_ms"]))}", "{fmt(float(r["p99_latency_ms"]))}", '
                  f'"{fmt(float(r["floor_ms"]))}", "{fmt(float(r["mean_messages"]), 1)}", '
                  f'"{fmt(float(r["mean_bytes"]))}", "{fmt(float(r["mean_nodes_visited"]), 2)}", '
                  f'"{fmt(float(r["load_max_mean"]), 2)}"')
    print("\nLEAD as a share of each baseline (mean latency / mean messages):\n")
    print('   :header: "baseline", ' + ", ".join(f'"{n} keys"' for n in lengths) + "\n")
    for s in systems[1:]:
        cols = []
        for n in lengths:
            lead, base = cell.get(("lead", n)), cell.get((s, n))
            if not lead or not base:
                cols.append('"-"')
                continue
            lat = float(lead["mean_latency_ms"]) / float(base["mean_latency_ms"])
            msg = float(lead["mean_messages"]) / float(base["mean_messages"])
            cols.append(f'"{100 * lat:.1f} % / {100 * msg:.1f} %"')
        print(f'   "{s}", ' + ", ".join(cols))
    print("\nLEAD's mean latency over its floor: " + ", ".join(
        f'{n} keys {float(cell[("lead", n)]["mean_latency_ms"]) / float(cell[("lead", n)]["floor_ms"]):.2f}'
        for n in lengths if ("lead", n) in cell))


if __name__ == "__main__":
    main()
