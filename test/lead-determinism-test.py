#!/usr/bin/env python3
#
# Copyright (c) 2026 The lead module authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# Determinism of an example: run the command three times, in fresh directories, with
# --RngRun=1, --RngRun=1 and --RngRun=2. The first two must print the same output (stdout,
# without the fields that measure the machine: wall_s, peak_mb) and write byte-identical files
# (CSVs and the like); the third must differ somewhere, so the run number reaches the model.
#
# Usage: lead-determinism-test.py -- COMMAND [ARGS...]

import os
import re
import subprocess
import sys
import tempfile

VOLATILE = re.compile(r" (wall_s|peak_mb)=[^ ]*")


def run(command, rng_run, workdir):
    done = subprocess.run(command + [f"--RngRun={rng_run}"], capture_output=True, text=True,
                          cwd=workdir)
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-3000:])
        sys.exit(f"FAIL: the command exited with {done.returncode} (RngRun={rng_run})")
    out = "\n".join(VOLATILE.sub("", line) for line in done.stdout.splitlines())
    files = {}
    for name in sorted(os.listdir(workdir)):
        path = os.path.join(workdir, name)
        if os.path.isfile(path) and not name.endswith(".pcap") and not name.endswith(".xml"):
            with open(path, "rb") as f:
                files[name] = f.read()
    return out, files


def main():
    if len(sys.argv) < 3 or sys.argv[1] != "--":
        sys.exit("usage: lead-determinism-test.py -- COMMAND [ARGS...]")
    command = sys.argv[2:]
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b, \
            tempfile.TemporaryDirectory() as c:
        out1, files1 = run(command, 1, a)
        out2, files2 = run(command, 1, b)
        out3, files3 = run(command, 2, c)
    if out1 != out2:
        print("FAIL: the same run number printed different results")
        return 1
    if files1 != files2:
        differing = [n for n in set(files1) | set(files2) if files1.get(n) != files2.get(n)]
        print(f"FAIL: the same run number wrote different files: {sorted(differing)}")
        return 1
    if out1 == out3 and files1 == files3:
        print("FAIL: --RngRun=2 gave exactly the output of --RngRun=1")
        return 1
    print(f"PASS: same output for the same run number ({len(out1.splitlines())} lines, "
          f"{len(files1)} files), different for another")
    return 0


if __name__ == "__main__":
    sys.exit(main())
