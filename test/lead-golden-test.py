#!/usr/bin/env python3
#
# Copyright (c) 2026 The lead module authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# Golden-output test of an example: runs the command after "--", keeps the lines that state
# results ("summary: ...", "status=..."), drops the fields that measure the machine rather
# than the simulation (wall_s, peak_mb), and compares them with the golden file, so that any
# change in behaviour is seen. LEAD_UPDATE_GOLDEN=1 writes the file instead (then review the
# diff and say why the numbers moved).
#
# Usage: lead-golden-test.py GOLDEN_FILE -- COMMAND [ARGS...]

import difflib
import os
import re
import subprocess
import sys

VOLATILE = re.compile(r" (wall_s|peak_mb)=[^ ]*")


def results(text):
    lines = []
    for line in text.splitlines():
        if line.startswith("summary:") or line.startswith("status="):
            lines.append(VOLATILE.sub("", line).rstrip())
    return lines


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: lead-golden-test.py GOLDEN_FILE -- COMMAND [ARGS...]")
    golden, command = sys.argv[1], sys.argv[3:]
    run = subprocess.run(command, capture_output=True, text=True)
    got = results(run.stdout)
    if os.environ.get("LEAD_UPDATE_GOLDEN") == "1":
        with open(golden, "w") as f:
            f.write("\n".join(got) + "\n")
        print(f"wrote {golden} ({len(got)} lines)")
        return 0 if run.returncode == 0 else 1
    try:
        with open(golden) as f:
            want = [line.rstrip() for line in f if line.strip()]
    except OSError as e:
        print(f"FAIL: cannot read the golden file: {e}")
        return 1
    if run.returncode != 0:
        print(run.stdout[-4000:], run.stderr[-4000:])
        print(f"FAIL: the command exited with {run.returncode}")
        return 1
    if got != want:
        print("\n".join(difflib.unified_diff(want, got, golden, "this run", lineterm="")))
        print("FAIL: the results differ from the golden file")
        return 1
    print("\n".join(got))
    print(f"PASS: {len(got)} lines as in {os.path.basename(golden)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
