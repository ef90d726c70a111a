#!/usr/bin/env bash
# make bench: every benchmark, with numbers to quote in issue notes.
#   run-all.sh BUILD_DIR
set -eu
BUILD=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$BUILD/bench-out"
mkdir -p "$OUT"

# Everything below also goes to $OUT/bench.log, whose verdicts are
# counted at the end.
exec > >(tee "$OUT/bench.log") 2>&1
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

for lang in en zh-CN; do
  python3 "$HERE/gen-map.py" --stages 250 --lang "$lang" --out "$OUT/core-2000-$lang.waymark"
  echo "== core: load, save, render ($lang)"
  "$BUILD/tests/bench/bench-core" "$OUT/core-2000-$lang.waymark" 7
done

python3 "$HERE/gen-map.py" --stages 2500 --lang en --out "$OUT/core-20000-en.waymark"
echo "== find: 20,000 cards"
"$BUILD/tests/bench/bench-search" "$OUT/core-20000-en.waymark" 7

echo "== import-feedback: 10,000 rows"
"$BUILD/tests/bench/bench-feedback" "$HERE/../../data/templates/zh-CN/customer-service.waymark" 10000 7

if [ -x "$BUILD/tests/bench/bench-canvas" ]; then
  echo "== canvas: draw, relayout"
  xvfb-run -a -s "-screen 0 1920x1080x24" "$BUILD/tests/bench/bench-canvas" "$OUT/core-2000-en.waymark"
  python3 "$HERE/gen-map.py" --stages 12500 --lang en --out "$OUT/core-100000-en.waymark"
  echo "== canvas: opening 100,000 cards"
  xvfb-run -a -s "-screen 0 1920x1080x24" "$BUILD/tests/bench/bench-canvas" "$OUT/core-100000-en.waymark" --open-only
fi

for lang in en zh-CN; do
  echo "== export: waymark vs references (a) minimal and (b) same visible work ($lang)"
  BENCH_LANG=$lang bash "$HERE/run-export-bench.sh" "$BUILD/src/waymark" "$BUILD/tests/bench/ref-minimal" \
    "$BUILD/tests/bench/ref-visible" "$OUT/export-$lang"
done

echo "== validate: huge maps"
bash "$HERE/run-validate-bench.sh" "$BUILD/src/waymark" "$OUT/validate"

echo "== guards: the hang and complexity budgets of the tests"
bash "$HERE/run-guards-bench.sh" "$BUILD"

echo "== export and validate: 500 maps, -j"
bash "$HERE/run-jobs-bench.sh" "$BUILD/src/waymark" "$OUT/jobs" 500

sleep 0.2
pass=$(grep -c ' PASS$' "$OUT/bench.log" || true)
fail=$(grep -c ' FAIL$' "$OUT/bench.log" || true)
echo
echo "budgets: $pass PASS, $fail FAIL (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
