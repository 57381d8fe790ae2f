#!/usr/bin/env python3
#
# Copyright (c) 2026 The lead module authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# Figures of the KV-cache case study from the CSVs scripts/kv-cache-runs.sh writes:
#  - kv-cache-systems.png, in the style of the poster's Figure 15: TTFT (p50 bars, p90 marks)
#    and messages per request of every system, on Long-DocQA and on the Mooncake slice;
#  - kv-cache-p2p.png: the P2P prefix-cache router's own two axes, TTFT against the network
#    delay and against the prefix skew (MMLU-shaped prompts), with LEAD, DualMap and the upper
#    bound beside it.
#
# Usage: /usr/bin/python3 scripts/plot-kv-cache.py [--data doc/data] [--out doc/figures]
# Needs Debian's python3-matplotlib (run it with /usr/bin/python3).

import argparse
import csv
import os
import sys

ORDER = ["lead", "chord", "chord-batched", "chord-doc", "central", "dualmap", "p2p-router", "upper-bound"]


def read(path):
    try:
        with open(path, newline="") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"plot-kv-cache: cannot read {path}: {e}")


def systems_figure(plt, data, out):
    panels = [("Long-DocQA", "kv-longdocqa.csv"), ("Mooncake slice", "kv-mooncake.csv")]
    fig, axes = plt.subplots(2, len(panels), figsize=(10, 6))
    for col, (title, name) in enumerate(panels):
        rows = {r["system"]: r for r in read(os.path.join(data, name))}
        names = [s for s in ORDER if s in rows]
        x = range(len(names))
        p50 = [float(rows[s]["ttft_p50_ms"]) for s in names]
        p90 = [float(rows[s]["ttft_p90_ms"]) for s in names]
        ax = axes[0][col]
        ax.bar(x, p50, color="#4477aa", label="p50")
        ax.plot(x, p90, "k_", markersize=14, label="p90")
        for i, v in enumerate(p50):
            ax.text(i, v, f"{v:.0f}" if v >= 10 else f"{v:.1f}", ha="center", va="bottom",
                    fontsize=7)
        ax.set_title(title)
        ax.set_ylabel("TTFT (ms)")
        ax.set_xticks(list(x))
        ax.set_xticklabels(names, rotation=30, ha="right", fontsize=8)
        ax.legend(fontsize=8)
        ax = axes[1][col]
        msgs = [float(rows[s]["messages_per_request"]) for s in names]
        ax.bar(x, msgs, color="#cc6677")
        ax.set_yscale("log")
        ax.set_ylabel("messages per request")
        ax.set_xticks(list(x))
        ax.set_xticklabels(names, rotation=30, ha="right", fontsize=8)
        for i, m in enumerate(msgs):
            ax.text(i, m, f"{m:.0f}" if m >= 10 else f"{m:.1f}", ha="center", va="bottom",
                    fontsize=7)
    fig.suptitle("KV-cache retrieval, 8 serving nodes (Llama-3 8B, 16-token blocks)")
    fig.tight_layout()
    fig.savefig(out, dpi=120)


def sweep_figure(plt, data, out):
    fig, axes = plt.subplots(1, 3, figsize=(14, 3.8))
    for ax, (name, column, label, log) in zip(
        axes[:2],
        [("kv-p2p-delay.csv", "delay_us", "one-way spoke delay (us)", True),
         ("kv-p2p-skew.csv", "zipf", "Zipf exponent of subject popularity", False)]):
        rows = read(os.path.join(data, name))
        for system in [s for s in ORDER if any(r["system"] == s for r in rows)]:
            pts = sorted((float(r[column]), float(r["ttft_p50_ms"]), float(r["ttft_p90_ms"]))
                         for r in rows if r["system"] == system)
            xs = [p[0] for p in pts]
            line, = ax.plot(xs, [p[1] for p in pts], "o-", label=f"{system} p50")
            ax.plot(xs, [p[2] for p in pts], "x--", color=line.get_color(), alpha=0.6,
                    label=f"{system} p90")
        if log:
            ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(label)
        ax.set_ylabel("TTFT (ms)")
        ax.legend(fontsize=6, ncol=2)
    # Hotspots: the busiest GPU's prefill work over the mean, against the skew.
    ax = axes[2]
    rows = read(os.path.join(data, "kv-p2p-skew.csv"))
    for system in [s for s in ORDER if any(r["system"] == s for r in rows)]:
        pts = sorted((float(r["zipf"]), float(r["load_max_mean"]))
                     for r in rows if r["system"] == system)
        ax.plot([p[0] for p in pts], [p[1] for p in pts], "o-", label=system)
    ax.set_xlabel("Zipf exponent of subject popularity")
    ax.set_ylabel("GPU work, busiest / mean")
    ax.legend(fontsize=7)
    fig.suptitle("P2P prefix-cache router's axes (MMLU-shaped prompts, 8 nodes)")
    fig.tight_layout()
    fig.savefig(out, dpi=120)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default="doc/data", help="directory of the CSVs")
    ap.add_argument("--out", default="doc/figures", help="directory of the figures")
    args = ap.parse_args()
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("plot-kv-cache: needs python3-matplotlib (run with /usr/bin/python3)")
    systems_figure(plt, args.data, os.path.join(args.out, "kv-cache-systems.png"))
    sweep_figure(plt, args.data, os.path.join(args.out, "kv-cache-p2p.png"))


if __name__ == "__main__":
    main()
