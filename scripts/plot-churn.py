#!/usr/bin/env python3
#
# Copyright (c) 2026 The lead module authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# Plot the churn sweeps that scripts/churn-sweep.sh writes: lookup success and maintenance
# traffic against the session mean, maintenance traffic against the stabilisation interval,
# and keys lost against the replication factor.
#
# Usage: /usr/bin/python3 scripts/plot-churn.py doc/data/churn-sweep.csv -o FIGURE.png
# Needs Debian's python3-matplotlib (run it with /usr/bin/python3).

import argparse
import csv
import sys

NEED = {
    "sweep",
    "value",
    "success",
    "keys_lost",
    "keys_stored",
    "maint_bytes_per_node_s",
    "maint_p2psim_bytes_per_node_s",
}


def seconds(text):
    """'500ms', '2s' or '600' as seconds."""
    if text.endswith("ms"):
        return float(text[:-2]) / 1000
    if text.endswith("s"):
        return float(text[:-1])
    return float(text)


def read(path):
    """Rows by sweep name, each sorted by its value."""
    sweeps = {}
    try:
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            missing = NEED - set(reader.fieldnames or [])
            if missing:
                sys.exit(f"{path}: missing columns {', '.join(sorted(missing))}")
            for row in reader:
                sweeps.setdefault(row["sweep"], []).append(row)
    except OSError as e:
        sys.exit(f"{path}: {e.strerror}")
    for rows in sweeps.values():
        rows.sort(key=lambda r: seconds(r["value"]))
    return sweeps


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("csv")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    sweeps = read(args.csv)
    for name in ("session_s", "stabilize", "replication"):
        if name not in sweeps:
            sys.exit(f"{args.csv}: no rows of the sweep '{name}'")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("python3-matplotlib is needed (apt install python3-matplotlib; /usr/bin/python3)")

    fig, ax = plt.subplots(1, 3, figsize=(13, 3.8))
    rows = sweeps["session_s"]
    x = [seconds(r["value"]) / 60 for r in rows]
    ax[0].plot(x, [100 * float(r["success"]) for r in rows], "o-", color="#d62728")
    ax[0].set_xscale("log")
    ax[0].set_xlabel("mean session (min)")
    ax[0].set_ylabel("lookups correct within 2 s (%)", color="#d62728")
    twin = ax[0].twinx()
    twin.plot(x, [float(r["maint_bytes_per_node_s"]) for r in rows], "s--", color="#1f77b4")
    twin.plot(x, [float(r["maint_p2psim_bytes_per_node_s"]) for r in rows], "^:", color="#1f77b4")
    twin.set_ylabel("maintenance (bytes/node/s)", color="#1f77b4")
    ax[0].set_title("churn rate")

    rows = sweeps["stabilize"]
    x = [seconds(r["value"]) for r in rows]
    ax[1].plot(x, [float(r["maint_bytes_per_node_s"]) for r in rows], "s--", label="real bytes")
    ax[1].plot(
        x, [float(r["maint_p2psim_bytes_per_node_s"]) for r in rows], "^:", label="p2psim accounting"
    )
    ax[1].set_xscale("log")
    ax[1].set_xlabel("stabilisation interval (s)")
    ax[1].set_ylabel("maintenance (bytes/node/s)")
    ax[1].legend()
    ax[1].set_title("stabilisation")

    rows = sweeps["replication"]
    x = [int(r["value"]) for r in rows]
    ax[2].bar([str(v) for v in x], [int(r["keys_lost"]) for r in rows], color="#8c564b")
    ax[2].set_xlabel("replicas per key")
    ax[2].set_ylabel(f"keys lost (of {rows[0]['keys_stored']})")
    ax[2].set_title("replication")
    fig.tight_layout()
    fig.savefig(args.output, dpi=120)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
