#!/usr/bin/env python3
# Copyright (c) 2026 The lead module authors
# SPDX-License-Identifier: GPL-2.0-only
"""Bad input, tried: the examples given bad flags and bad files.

Every case must stop within the time limit with a non-zero exit status and a message that
names the problem (a regular expression per case), never with a crash (segmentation fault,
bus error, floating-point exception, sanitizer report or an uncaught C++ exception), and must
not run a simulation first when the mistake can be seen up front. Cases marked "ok" are
accepted inputs whose handling is documented (they must succeed and print the pattern).

    lead-bad-input-test.py EXAMPLES_DIR [CASE_NAME...]

doc/robustness.rst tables these cases; each row names its case here.
"""

import os
import re
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

RANGE = "lead-range-query-example"
HASH = "lead-learned-hash-example"
CHURN = "lead-churn-example"
TOPO = "lead-topology-example"
KV = "lead-kv-cache-example"
UPDATE = "lead-model-update-example"

# Small, fast base flags per example (a valid run with these takes a few seconds).
BASE = {
    RANGE: ["--n-nodes=4", "--vnodes=2", "--n-keys=100", "--range-lengths=10", "--queries=2",
            "--systems=lead", "--progress=false"],
    HASH: ["--n-keys=2000", "--peers=4", "--vnodes=2"],
    CHURN: ["--n-nodes=6", "--n-keys=50", "--duration=20s", "--warm-up=5s", "--progress=false"],
    TOPO: ["--n-nodes=4", "--vnodes=2", "--n-keys=50", "--n-lookups=10", "--progress=false"],
    KV: ["--documents=2", "--document-length=2000", "--n-servers=4", "--background-docs=0",
         "--systems=lead"],
    UPDATE: ["--n-nodes=6", "--vnodes=2", "--n-keys=200", "--shift-time=5s", "--after=5s",
             "--progress=false"],
}

# Files written before the cases run ({name} in an argument is replaced by its path).
FILES = {
    "empty.txt": b"",
    "letters.txt": b"12\n34\nkey56\n",
    "sosd-truncated": (5).to_bytes(8, "little") + (1).to_bytes(8, "little"),
    "sosd-short": b"\x01\x02\x03",
    "matrix-negative.txt": b"0 10 20\n10 0 -5\n20 5 0\n",
    "matrix-ragged.txt": b"0 10 20\n10 0\n20 5 0\n",
    "matrix-text.txt": b"0 10 x\n10 0 5\n20 5 0\n",
    "matrix-3.txt": b"0 10 20\n10 0 30\n20 30 0\n",
    "matrix-asym.txt": b"0 10 20 30\n50 0 30 40\n20 30 0 50\n30 40 50 0\n",
    "matrix-binary.bin": bytes(range(256)) * 4,
    "churn-bad.txt": b"0 0 100\n1 x 20\n",
    "churn-empty.txt": b"# nothing\n",
    "churn-overlap.txt": b"1 0 100\n1 50 200\n",
    "inet-empty.txt": b"",
    "inet-truncated.txt": b"4 3\n0 1 1\n1 2 2\n2 3 3\n3 4 4\n0 1 5\n",
    "inet-self.txt": b"3 2\n0 1 1\n1 2 2\n2 3 3\n0 0 5\n1 2 5\n",
    "inet-binary.bin": bytes(range(256)) * 4,
    "mooncake-cut.jsonl": b'{"timestamp": 0, "input_length": 600, "output_len',
    "mooncake-empty.jsonl": b"",
    "model-empty.bin": b"",
    "model-garbage.bin": b"LEADHASH" + bytes(100),
}

# name, example, extra flags, expected pattern, "fail" (must stop with the message) or "ok"
CASES = [
    # Unknown or out-of-range attribute values and flags
    ("attr-unknown-enum", RANGE, ["--ns3::lead::RmiHashModel::RootModel=quadratic"],
     r"RootModel|quadratic", "fail"),
    ("attr-out-of-range", RANGE, ["--ns3::lead::RmiHashModel::Leaves=70000000"],
     r"Invalid command-line argument: --ns3::lead::RmiHashModel::Leaves=70000000", "fail"),
    ("attr-no-such", RANGE, ["--ns3::lead::LeadNodeApp::NoSuchAttribute=1"],
     r"NoSuchAttribute", "fail"),
    ("flag-unknown", RANGE, ["--no-such-flag=1"], r"Invalid command-line argument: --no-such-flag",
     "fail"),
    ("flag-not-a-number", RANGE, ["--n-keys=abc"], r"Invalid command-line argument: --n-keys=abc",
     "fail"),
    ("flag-negative-count", RANGE, ["--n-keys=-5"], r"--n-keys=\d+: must be in \[1, ", "fail"),
    ("systems-unknown", RANGE, ["--systems=lead,foo"], r"--systems: unknown system 'foo'", "fail"),
    ("dataset-unknown", RANGE, ["--dataset=foo"], r"unknown key distribution 'foo'", "fail"),
    ("root-unknown", HASH, ["--root=quadratic"], r"--root|RootModel", "fail"),
    ("kv-system-unknown", KV, ["--systems=lead,foo"], r"foo", "fail"),
    ("kv-workload-unknown", KV, ["--workload=foo"], r"--workload", "fail"),
    ("transport-unknown", TOPO, ["--transport=foo"], r"--transport|Protocol", "fail"),
    ("loss-above-one", TOPO, ["--loss=1.5"], r"loss rate 1.5 is outside \[0, 1\)", "fail"),
    # Inconsistent flags
    ("vnodes-zero", RANGE, ["--vnodes=0"], r"--vnodes=0: must be in \[1, 4096\]", "fail"),
    ("topology-vnodes-zero", TOPO, ["--vnodes=0"], r"--vnodes=0: must be in \[1, 4096\]", "fail"),
    ("kv-vnodes-zero", KV, ["--vnodes=0"], r"--vnodes=0: must be in \[1, 4096\]", "fail"),
    ("nodes-one", RANGE, ["--n-nodes=1"], r"--n-nodes=1: must be in \[2, ", "fail"),
    ("kv-servers-zero", KV, ["--n-servers=0"], r"--n-servers", "fail"),
    ("range-longer-than-keys", RANGE, ["--range-lengths=500"],
     r"--range-lengths: '500' is not a whole number in \[1, 100\]", "fail"),
    ("range-length-not-number", RANGE, ["--range-lengths=10,ten"],
     r"--range-lengths: 'ten' is not a whole number", "fail"),
    ("mix-not-number", RANGE, ["--workload=poisson", "--mix=0.3,x,0.5"], r"--mix: 'x'", "fail"),
    ("hit-miss-not-number", KV, ["--hit-miss-ratio=a:1"], r"--hit-miss-ratio: 'a'", "fail"),
    ("matrix-fewer-rows", RANGE, ["--latency-matrix={matrix-3.txt}"],
     r"matrix-3.txt' has 3 hosts, 4 needed", "fail"),
    ("matrix-asymmetric", RANGE, ["--n-nodes=3", "--latency-matrix={matrix-asym.txt}"],
     r"is not symmetric: row 1 column 2 holds 10, row 2 column 1 holds 50", "fail"),
    ("matrix-negative", RANGE, ["--latency-matrix={matrix-negative.txt}"],
     r"line 2: '-5' is not a non-negative number", "fail"),
    # Missing, empty, truncated and corrupt files
    ("keys-missing", HASH, ["--keys-file=/nonexistent/keys.txt"], r"cannot open key file", "fail"),
    ("keys-empty", HASH, ["--keys-file={empty.txt}"], r"holds no keys", "fail"),
    ("keys-corrupt", HASH, ["--keys-file={letters.txt}"],
     r"line 3: 'key56' is not a decimal 64-bit unsigned key", "fail"),
    ("keys-sosd-truncated", HASH, ["--keys-file={sosd-truncated}"],
     r"announces 5 keys.*truncated", "fail"),
    ("keys-sosd-short", HASH, ["--keys-file={sosd-short}"], r"truncated: 3 bytes", "fail"),
    ("model-missing", HASH, ["--load-model=/nonexistent/m.bin"], r"cannot open model file", "fail"),
    ("model-empty", HASH, ["--load-model={model-empty.bin}"], r"truncated", "fail"),
    ("model-corrupt", HASH, ["--load-model={model-garbage.bin}"], r"not a LEAD hash model file",
     "fail"),
    ("matrix-missing", RANGE, ["--latency-matrix=/nonexistent/m.txt"],
     r"cannot open latency matrix '/nonexistent/m.txt'", "fail"),
    ("matrix-empty", RANGE, ["--latency-matrix={empty.txt}"], r"fewer than 2 rows", "fail"),
    ("matrix-truncated", RANGE, ["--latency-matrix={matrix-ragged.txt}"], r"row 2 has 2 values",
     "fail"),
    ("matrix-corrupt", RANGE, ["--latency-matrix={matrix-text.txt}"],
     r"line 1: 'x' is not a non-negative number", "fail"),
    ("matrix-binary", RANGE, ["--latency-matrix={matrix-binary.bin}"], r"is not a non-negative",
     "fail"),
    ("churn-trace-missing", CHURN, ["--churn=trace", "--churn-trace=/nonexistent/t.txt"],
     r"cannot open", "fail"),
    ("churn-trace-empty", CHURN, ["--churn=trace", "--churn-trace={churn-empty.txt}"],
     r"no sessions", "fail"),
    ("churn-trace-corrupt", CHURN, ["--churn=trace", "--churn-trace={churn-bad.txt}"],
     r"line 2: .1 x 20. is not .node up down.", "fail"),
    ("churn-trace-overlap", CHURN, ["--churn=trace", "--churn-trace={churn-overlap.txt}"],
     r"sessions overlap", "fail"),
    ("inet-missing", TOPO, ["--topology=inet", "--topology-file=/nonexistent/t.txt"],
     r"cannot read topology file", "fail"),
    ("inet-empty", TOPO, ["--topology=inet", "--topology-file={inet-empty.txt}"],
     r"the file is empty", "fail"),
    ("inet-truncated", TOPO, ["--topology=inet", "--topology-file={inet-truncated.txt}"],
     r"the file ends after 6 lines", "fail"),
    ("inet-self-link", TOPO, ["--topology=inet", "--topology-file={inet-self.txt}"],
     r"line 5: link from node 0 to itself", "fail"),
    ("inet-binary", TOPO, ["--topology=inet", "--topology-file={inet-binary.bin}"],
     r"line 1: expected 'nodes links'", "fail"),
    ("mooncake-missing", KV, ["--workload=mooncake", "--trace=/nonexistent/t.jsonl"],
     r"cannot open", "fail"),
    ("mooncake-empty", KV, ["--workload=mooncake", "--trace={mooncake-empty.jsonl}"],
     r"no requests|empty|holds no", "fail"),
    ("mooncake-truncated", KV, ["--workload=mooncake", "--trace={mooncake-cut.jsonl}"],
     r"mooncake-cut.jsonl:1: field \"output_length\" missing", "fail"),
]

CRASH_SIGNALS = {signal.SIGSEGV, signal.SIGBUS, signal.SIGFPE, signal.SIGILL}


def run_case(examples, tmp, case):
    name, example, extra, pattern, expect = case
    args = [os.path.join(examples, example)] + BASE[example]
    for a in extra:
        for f in FILES:
            a = a.replace("{" + f + "}", os.path.join(tmp, f))
        args.append(a)
    try:
        p = subprocess.run(args, cwd=tmp, capture_output=True, text=True, errors="replace",
                           timeout=120)
    except subprocess.TimeoutExpired:
        return name, False, "no answer within 120 s (hang)"
    out = p.stdout + p.stderr
    problems = []
    if p.returncode < 0 and -p.returncode in CRASH_SIGNALS:
        problems.append("crashed with signal %d" % -p.returncode)
    for bad in ("AddressSanitizer", "runtime error:", "LeakSanitizer",
                "terminate called after throwing"):
        if bad in out:
            problems.append("output holds '%s'" % bad)
    if expect == "fail":
        if p.returncode == 0:
            problems.append("exited 0")
        if "summary:" in out and name not in ("kv-system-unknown",):
            problems.append("ran a simulation before refusing")
    elif p.returncode != 0:
        problems.append("exited %d" % p.returncode)
    if not re.search(pattern, out):
        problems.append("no message matching /%s/" % pattern)
    tail = "\n".join(out.strip().splitlines()[-3:])
    return name, not problems, "; ".join(problems) + ("\n      " + tail if problems else "")


def main():
    examples = os.path.abspath(sys.argv[1])
    only = set(sys.argv[2:])
    cases = [c for c in CASES if not only or c[0] in only]
    with tempfile.TemporaryDirectory() as tmp:
        for f, data in FILES.items():
            with open(os.path.join(tmp, f), "wb") as out:
                out.write(data)
        jobs = int(os.environ.get("LEAD_TEST_JOBS", "2"))
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(lambda c: run_case(examples, tmp, c), cases))
    failed = 0
    for name, ok, why in results:
        print("%-26s %s%s" % (name, "ok" if ok else "FAILED", "" if ok else ": " + why))
        failed += 0 if ok else 1
    print("bad-input: %d cases, %d failed" % (len(results), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
