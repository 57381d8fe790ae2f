#!/usr/bin/env python3
#
# Copyright (c) 2026 The lead module authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# Plot range-query latency and messages against range length, one line per system and one
# column of panels per data set, from the CSV that lead-range-query-example writes (--csv).
# Where the CSV has floor_ms (latency-matrix runs), the latency panel also shows LEAD's
# physical floor: the mean round trip from each query's client to the host of its start key.
#
# Usage: /usr/bin/python3 scripts/plot-range.py [PANEL=]RESULT.csv [...] -o FIGURE.png
#        [--title TEXT]
# Each file's rows go to the panel of their data set, or to PANEL when given (two runs of one
# data set side by side, e.g. "200 keys per vnode=a.csv" "10^4 keys per vnode=b.csv").
# Needs Debian's python3-matplotlib (run it with /usr/bin/python3).

import argparse
import csv
import sys
from collections import defaultdict

# Fixed colours and markers per system, so every figure reads the same way.
STYLE = {
    "lead": ("#d62728", "o", "LEAD"),
    "linear": ("#9467bd", "v", "linear (order-preserving)"),
    "marques": ("#2ca02c", "s", "two-tier (Marques)"),
    "pht": ("#8c564b", "D", "PHT"),
    "chord-batched": ("#1f77b4", "^", "Chord, batched"),
    "chord": ("#7f7f7f", "x", "Chord, per key"),
}


def read(paths):
    """Rows of the range operations, grouped: dataset -> system -> [(length, row)]."""
    data = defaultdict(lambda: defaultdict(list))
    for arg in paths:
        panel, _, path = arg.rpartition("=")
        try:
            with open(path, newline="") as f:
                reader = csv.DictReader(f)
                need = {"system", "dataset", "range_len", "mean_latency_ms", "mean_messages"}
                missing = need - set(reader.fieldnames or [])
                if missing:
                    sys.exit(f"{path}: missing columns {', '.join(sorted(missing))}")
                for row in reader:
                    if row.get("op", "range") != "range":
                        continue
                    data[panel or row["dataset"]][row["system"]].append(
                        (int(row["range_len"]), row)
                    )
        except OSError as e:
            sys.exit(f"{path}: {e.strerror}")
    if not data:
        sys.exit("no range-query rows in " + ", ".join(paths))
    return data


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("csv", nargs="+", help="CSV files from lead-range-query-example --csv")
    parser.add_argument("-o", "--output", required=True, help="figure file (.png, .pdf, .svg)")
    parser.add_argument("--title", default="", help="figure title")
    args = parser.parse_args()

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = read(args.csv)
    datasets = list(data)
    fig, axes = plt.subplots(
        2, len(datasets), figsize=(max(8.0, 4.4 * len(datasets)), 7.5), squeeze=False, sharex=True
    )
    for col, dataset in enumerate(datasets):
        for system in [s for s in STYLE if s in data[dataset]] + sorted(
            s for s in data[dataset] if s not in STYLE
        ):
            colour, marker, label = STYLE.get(system, ("black", ".", system))
            points = sorted(data[dataset][system], key=lambda p: p[0])
            x = [p[0] for p in points]
            for row, field in enumerate(("mean_latency_ms", "mean_messages")):
                y = [float(p[1][field]) for p in points]
                axes[row][col].plot(x, y, marker=marker, color=colour, label=label)
        floor = sorted(
            (p[0], float(p[1]["floor_ms"]))
            for p in data[dataset].get("lead", [])
            if p[1].get("floor_ms", "nan") not in ("", "nan")
        )
        if floor:
            axes[0][col].plot(
                [f[0] for f in floor],
                [f[1] for f in floor],
                linestyle="--",
                color="black",
                label="floor (LEAD: RTT to the start key's host)",
            )
        axes[0][col].set_title(dataset)
        axes[1][col].set_xlabel("range length (keys)")
        for row in range(2):
            axes[row][col].set_xscale("log")
            axes[row][col].set_yscale("log")
            axes[row][col].grid(True, which="both", alpha=0.3)
    axes[0][0].set_ylabel("mean latency (ms)")
    axes[1][0].set_ylabel("mean messages per query")
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(
        handles,
        labels,
        loc="lower center",
        ncol=2 if len(datasets) == 1 else 4,
        frameon=False,
        fontsize="small",
    )
    if args.title:
        fig.suptitle(args.title)
    fig.tight_layout(rect=(0, 0.13 if len(datasets) == 1 else 0.09, 1, 0.96 if args.title else 1))
    fig.savefig(args.output, dpi=150)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
