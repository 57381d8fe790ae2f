#!/usr/bin/env python3
#
# Copyright (c) 2026 The lead module authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# Plot the model update runs that scripts/model-update-runs.sh writes: keys per node (max over
# mean) through the cluster shift with and without the update, and update traffic and the
# time a version takes to reach every node against the network size.
#
# Usage: /usr/bin/python3 scripts/plot-update.py doc/data/model-update -o doc/figures
#   (reads <prefix>-summary.csv and <prefix>-<run>-time.csv; writes model-update-load.png and
#   model-update-size.png)
# Needs Debian's python3-matplotlib (run it with /usr/bin/python3).

import argparse
import csv
import os
import sys


def rows(path):
    try:
        with open(path, newline="") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"plot-update: cannot read {path}: {e.strerror}")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("prefix", help="prefix of the runs' files (doc/data/model-update)")
    ap.add_argument("-o", "--out", default="doc/figures", help="directory of the figures")
    args = ap.parse_args()
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("plot-update: needs python3-matplotlib (run with /usr/bin/python3)")

    summary = {r["run"]: r for r in rows(args.prefix + "-summary.csv")}
    os.makedirs(args.out, exist_ok=True)

    # 1. Load over time through the shift, with and without the update (and under churn, and
    # with the dynamic balancer, whose run goes on four minutes after the shift).
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for run, label, style in (("off-98", "no update", "--"), ("on-98", "update", "-"),
                              ("churn-98", "update, churn", ":"),
                              ("balancer-98", "update, dynamic balancer", "-.")):
        path = f"{args.prefix}-{run}-time.csv"
        if not os.path.exists(path):
            continue
        t = rows(path)
        t0 = float(t[0]["time_s"])
        ax.plot([float(r["time_s"]) - t0 for r in t], [float(r["peer_load_max_mean"]) for r in t],
                style, label=label)
    ax.set_xlabel("time since the baseline (s); the shift runs from 2 s to 62 s")
    ax.set_ylabel("keys per node, max / mean")
    ax.set_yscale("log")
    ax.set_yticks([1, 1.25, 2, 5, 10, 20])
    ax.set_yticklabels(["1", "1.25", "2", "5", "10", "20"])
    ax.axhline(1.25, color="grey", linewidth=0.8)
    ax.set_title("98 nodes x 5 vnodes, PlanetLab: a cluster of 20,000 new keys")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "model-update-load.png"), dpi=120)

    # 2. Update traffic and version spread against the network size.
    sizes = []
    for run, r in summary.items():
        if run.startswith("size-") or run == "on-98":
            sizes.append((int(r["nodes"]), r))
    sizes.sort()
    if sizes:
        fig, ax1 = plt.subplots(figsize=(6.4, 3.6))
        n = [s for s, _ in sizes]
        per = [float(r["update_bytes"]) / max(1, int(r["rounds_installed"])) / s / 1000
               for s, r in sizes]
        spread = [float(r["version_spread_max_s"]) for _, r in sizes]
        ax1.plot(n, per, "o-", label="update bytes per node per version (kB)")
        ax1.set_xlabel("nodes (5 vnodes each)")
        ax1.set_ylabel("kB per node per version")
        ax2 = ax1.twinx()
        ax2.plot(n, spread, "s--", color="tab:red", label="version reaches every node (s, max)")
        ax2.set_ylabel("seconds", color="tab:red")
        lines = ax1.get_legend_handles_labels()
        lines2 = ax2.get_legend_handles_labels()
        ax1.legend(lines[0] + lines2[0], lines[1] + lines2[1], loc="upper left", fontsize=8)
        ax1.set_title("Model update cost and spread against network size")
        fig.tight_layout()
        fig.savefig(os.path.join(args.out, "model-update-size.png"), dpi=120)
    print(f"plot-update: wrote figures to {args.out}")


if __name__ == "__main__":
    main()
