#!/usr/bin/env python3
"""make check-mutants: how many planted faults the render tests catch.

    check-mutants.py [SOURCE_DIR]

Copies the source tree into a scratch folder, builds it once, then for
each fault in mutants.py: plants it, rebuilds, runs the tests that look at
what is drawn (test-goldens, test-render, test-layout, test-export), and
puts the file back. A fault is caught when any of them fails. Prints a line
per fault and the share caught; exits 1 below 90 %.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from mutants import MUTANTS  # noqa: E402

TESTS = ["test-goldens", "test-render", "test-layout", "test-export"]
TARGET = 0.90


def run(cmd, cwd, timeout=900):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=timeout)


def main():
    src = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", ".."))
    scratch = tempfile.mkdtemp(prefix="waymark-mutants-")
    tree = os.path.join(scratch, "src")
    shutil.copytree(src, tree, ignore=shutil.ignore_patterns("build*", ".git", "_build"))
    build = os.path.join(tree, "build")
    env_ok = run(["meson", "setup", build, "-Dfuzzing=false"], tree)
    if env_ok.returncode != 0:
        env_ok = run(["meson", "setup", build], tree)
    if env_ok.returncode != 0 or run(["ninja", "-C", build], tree).returncode != 0:
        print("the unmutated tree does not build", file=sys.stderr)
        return 2
    base = run(["meson", "test", "-C", build, "--no-rebuild"] + TESTS, tree)
    if base.returncode != 0:
        print("the unmutated tree fails its render tests:\n" + base.stdout[-3000:], file=sys.stderr)
        return 2

    caught = 0
    for pattern, what, old, new in MUTANTS:
        hits = []
        for file in sorted(glob.glob(os.path.join(tree, pattern))):
            with open(file, encoding="utf-8") as f:
                text = f.read()
            hits += [(file, text)] * text.count(old)
        if len(hits) != 1:
            print(f"STALE   {what}: its text occurs {len(hits)} times in {pattern}")
            shutil.rmtree(scratch, ignore_errors=True)
            return 2
        file, original = hits[0]
        with open(file, "w", encoding="utf-8") as f:
            f.write(original.replace(old, new))
        try:
            built = run(["ninja", "-C", build], tree)
            if built.returncode != 0:
                verdict = "NOBUILD"
            else:
                tested = run(["meson", "test", "-C", build, "--no-rebuild"] + TESTS, tree)
                verdict = "caught" if tested.returncode != 0 else "MISSED"
        finally:
            with open(file, "w", encoding="utf-8") as f:
                f.write(original)
        if verdict == "caught":
            caught += 1
        print(f"{verdict:7} {what}", flush=True)
    run(["ninja", "-C", build], tree)
    shutil.rmtree(scratch, ignore_errors=True)

    share = caught / len(MUTANTS)
    print(f"\n{caught} of {len(MUTANTS)} faults caught ({share:.0%}; at least {TARGET:.0%} needed)")
    return 0 if share >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
