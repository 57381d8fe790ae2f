#!/usr/bin/env python3
"""Turn the CSV written by `lead-hash-benchmark --csv=FILE` into reStructuredText tables.

Usage: scripts/hash-bench-table.py FILE.csv [--title TEXT] [--models rmi,sha1,linear]
Prints one csv-table directive for doc/lead.rst.
"""

import argparse
import csv
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("csv_file")
    parser.add_argument("--title", default="")
    parser.add_argument("--models", default="")
    args = parser.parse_args()

    try:
        with open(args.csv_file, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"hash-bench-table: cannot read '{args.csv_file}': {e}")
    if not rows:
        sys.exit(f"hash-bench-table: '{args.csv_file}' has no rows")
    wanted = set(filter(None, args.models.split(",")))
    load_cols = [c for c in rows[0] if c.startswith("load_")]
    header = ["keys", "dataset", "model", "root", "build ms/M", "eval ns random",
              "eval ns sorted", "model bytes", "max err % N", "mean err % N", "inversions"]
    header += ["load " + c[len("load_"):] for c in load_cols]
    print(f".. csv-table:: {args.title}".rstrip())
    print("   :header: " + ", ".join(f'"{h}"' for h in header))
    print()
    for r in rows:
        if wanted and r["model"] not in wanted:
            continue
        cells = [
            f"{int(r['keys']):,}", r["dataset"], r["model"], r["root"],
            f"{float(r['build_ms_per_mkeys']):.1f}", f"{float(r['eval_ns_random']):.1f}",
            f"{float(r['eval_ns_sorted']):.1f}", f"{int(r['model_bytes']):,}",
            f"{float(r['max_err_pct']):.4f}", f"{float(r['mean_err_pct']):.4f}", r["inversions"],
        ]
        cells += [f"{float(r[c]):.3f}" for c in load_cols]
        print("   " + ", ".join(f'"{c}"' for c in cells))


if __name__ == "__main__":
    main()
