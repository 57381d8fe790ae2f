#!/usr/bin/env python3
#
# Copyright (c) 2026 The lead module authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# Summarise an ns-3 FlowMonitor XML file (FlowMonitor::SerializeToXmlFile, as written by the
# lead examples with --flowmon): one CSV row per flow with its addresses, packets, loss, mean
# delay, mean jitter and throughput, and optionally a figure with the distributions of delay,
# jitter, loss and throughput over the flows.
#
# Usage: /usr/bin/python3 scripts/flowmon-summary.py FLOWMON.xml -o flows.csv [--plot flows.png]
# The plot needs Debian's python3-matplotlib; the CSV needs only the standard library.

import argparse
import csv
import sys
import xml.etree.ElementTree as ET


def seconds(value):
    """FlowMonitor times look like '+1.5e+09ns' (older releases) or '+1500000000ns'."""
    v = value.strip()
    for unit, scale in (("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3), ("s", 1.0)):
        if v.endswith(unit):
            return float(v[: -len(unit)]) * scale
    return float(v) * 1e-9


def read(path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        sys.exit(f"{path}: cannot read FlowMonitor XML ({e})")
    if root.tag != "FlowMonitor":
        sys.exit(f"{path}: not a FlowMonitor file (root element <{root.tag}>)")
    classes = {}
    for c in root.iter("Ipv4FlowClassifier"):
        for f in c.iter("Flow"):
            classes[f.get("flowId")] = f.attrib
    rows = []
    stats = root.find("FlowStats")
    for f in stats.iter("Flow") if stats is not None else []:
        a = f.attrib
        fid = a["flowId"]
        c = classes.get(fid, {})
        tx = int(a["txPackets"])
        rx = int(a["rxPackets"])
        lost = int(a.get("lostPackets", 0))
        first_tx = seconds(a["timeFirstTxPacket"])
        last_rx = seconds(a["timeLastRxPacket"])
        duration = last_rx - first_tx
        rows.append(
            {
                "flow_id": int(fid),
                "src": c.get("sourceAddress", ""),
                "dst": c.get("destinationAddress", ""),
                "protocol": {"6": "tcp", "17": "udp"}.get(c.get("protocol", ""), c.get("protocol", "")),
                "src_port": c.get("sourcePort", ""),
                "dst_port": c.get("destinationPort", ""),
                "tx_packets": tx,
                "rx_packets": rx,
                "lost_packets": lost,
                "loss_ratio": lost / tx if tx else 0.0,
                "mean_delay_ms": seconds(a["delaySum"]) / rx * 1e3 if rx else "",
                "mean_jitter_ms": seconds(a["jitterSum"]) / (rx - 1) * 1e3 if rx > 1 else "",
                "throughput_kbps": int(a["rxBytes"]) * 8 / duration / 1e3 if duration > 0 else "",
            }
        )
    rows.sort(key=lambda r: r["flow_id"])
    return rows


def plot(rows, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(9, 6.5))
    for ax, field, label in (
        (axes[0][0], "mean_delay_ms", "mean delay per flow (ms)"),
        (axes[0][1], "mean_jitter_ms", "mean jitter per flow (ms)"),
        (axes[1][0], "loss_ratio", "loss ratio per flow"),
        (axes[1][1], "throughput_kbps", "throughput per flow (kbit/s)"),
    ):
        values = sorted(r[field] for r in rows if r[field] != "")
        if values:
            ax.plot(values, [(i + 1) / len(values) for i in range(len(values))])
        ax.set_xlabel(label)
        ax.set_ylabel("CDF over flows")
        ax.grid(True, alpha=0.3)
    fig.suptitle(f"{len(rows)} flows")
    fig.tight_layout()
    fig.savefig(path, dpi=150)


def main():
    parser = argparse.ArgumentParser(description="Per-flow summary of a FlowMonitor XML file")
    parser.add_argument("xml", help="FlowMonitor XML file")
    parser.add_argument("-o", "--output", required=True, help="CSV file to write")
    parser.add_argument("--plot", help="figure to write (.png, .pdf, .svg)")
    args = parser.parse_args()
    rows = read(args.xml)
    if not rows:
        sys.exit(f"{args.xml}: no flows")
    with open(args.output, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    tx = sum(r["tx_packets"] for r in rows)
    lost = sum(r["lost_packets"] for r in rows)
    delays = [r["mean_delay_ms"] for r in rows if r["mean_delay_ms"] != ""]
    print(
        f"{len(rows)} flows, {tx} packets sent, {lost} lost ({100.0 * lost / max(tx, 1):.2f} %), "
        f"mean of per-flow delays {sum(delays) / max(len(delays), 1):.2f} ms; wrote {args.output}"
    )
    if args.plot:
        plot(rows, args.plot)
        print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
