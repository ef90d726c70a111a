#!/usr/bin/env python3
"""Print 'N passed, N failed' counting g_test cases (TAP lines), not executables.

    test-summary.py [BUILD_DIR...]   (several: one line for all of them)

meson counts executables; CI reads this line instead. A test executable that
crashed or failed after its last TAP line counts as one more failure.
"""
import json
import re
import sys


def entries(build):
    with open(f"{build}/meson-logs/testlog.json", encoding="utf-8") as log:
        return [json.loads(line) for line in log]


def count(entry):
    out = entry.get("stdout") or ""
    # g_test writes "ok 3 /Path/case # SKIP reason" for a skipped case.
    skip = len(re.findall(r"^ok \d+\b.*# SKIP", out, re.M))
    ok = len(re.findall(r"^ok \d+", out, re.M)) - skip
    skip += len(re.findall(r"^1\.\.0 # SKIP", out, re.M))
    bad = len(re.findall(r"^not ok \d+", out, re.M))
    if entry.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and bad == 0:
        bad = 1
        print(f"FAILED: {entry.get('name')} ({entry.get('result')})", file=sys.stderr)
    return ok, bad, skip


passed = failed = skipped = 0
for build in sys.argv[1:] or ["build"]:
    for entry in entries(build):
        ok, bad, skip = count(entry)
        passed += ok
        failed += bad
        skipped += skip
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
