#!/usr/bin/env python3
#
# Copyright (c) 2026 The lead module authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# Plot keys per node (as a share of the mean) as a CDF, one line per Shadow Balancer mode and
# key set, from the rows scripts/balancer-runs.sh appends (system,dataset,balancer,node,keys).
#
# Usage: /usr/bin/python3 scripts/plot-balancer.py doc/data/balancer-peer-loads.csv -o FIG.png
# Needs Debian's python3-matplotlib (run it with /usr/bin/python3).

import argparse
import csv
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("loads", help="peer loads CSV")
    ap.add_argument("-o", "--out", required=True, help="figure file")
    args = ap.parse_args()
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("plot-balancer: needs python3-matplotlib (run with /usr/bin/python3)")
    runs = {}
    try:
        with open(args.loads, newline="") as f:
            for r in csv.DictReader(f):
                runs.setdefault((r["dataset"], r["balancer"]), []).append(float(r["keys"]))
    except (OSError, KeyError) as e:
        sys.exit(f"plot-balancer: cannot read {args.loads}: {e}")
    fig, axes = plt.subplots(1, len({d for d, _ in runs}), figsize=(8, 3.4), sharey=True)
    if not hasattr(axes, "__len__"):
        axes = [axes]
    for ax, dataset in zip(axes, sorted({d for d, _ in runs})):
        for mode, style in (("off", ":"), ("static", "--"), ("dynamic", "-")):
            loads = runs.get((dataset, mode))
            if not loads:
                continue
            mean = sum(loads) / len(loads)
            xs = sorted(v / mean for v in loads)
            ys = [(i + 1) / len(xs) for i in range(len(xs))]
            ax.step(xs, ys, style, where="post", label=f"{mode} (max {xs[-1]:.2f})")
        ax.axvline(1.25, color="grey", linewidth=0.8)
        ax.set_title(f"{dataset}, 98 nodes")
        ax.set_xlabel("keys per node / mean")
        ax.legend(fontsize=8)
    axes[0].set_ylabel("share of nodes")
    fig.tight_layout()
    fig.savefig(args.out, dpi=120)
    print(f"plot-balancer: wrote {args.out}")


if __name__ == "__main__":
    main()
