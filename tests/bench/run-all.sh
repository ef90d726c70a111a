#!/usr/bin/env bash
# make bench: every benchmark, with numbers to quote in issue notes.
#   run-all.sh BUILD_DIR
set -eu
BUILD=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$BUILD/bench-out"
mkdir -p "$OUT"

for lang in en zh-CN; do
  python3 "$HERE/gen-map.py" --stages 250 --lang "$lang" --out "$OUT/core-2000-$lang.waymark"
  echo "== core: load, save, render ($lang)"
  "$BUILD/tests/bench/bench-core" "$OUT/core-2000-$lang.waymark" 7
done

if [ -x "$BUILD/tests/bench/bench-canvas" ]; then
  echo "== canvas: draw, relayout"
  xvfb-run -a -s "-screen 0 1920x1080x24" "$BUILD/tests/bench/bench-canvas" "$OUT/core-2000-en.waymark"
fi

for lang in en zh-CN; do
  echo "== export: waymark vs bare cairo+Pango ($lang)"
  BENCH_LANG=$lang bash "$HERE/run-export-bench.sh" "$BUILD/src/waymark" "$BUILD/tests/bench/bare-reference" "$OUT/export-$lang"
done

echo "== validate: huge maps"
bash "$HERE/run-validate-bench.sh" "$BUILD/src/waymark" "$OUT/validate"
