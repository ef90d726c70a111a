#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in their own build dir and runs
# each for DURATION seconds (default 60), both at once. Prints executions
# per second and corpus size per target; exits non-zero if a target found a
# crash, leak, timeout or out-of-memory, leaving the reproducer in
# $FUZZ_BUILD/fuzz/artifacts/.
#
#   bash tests/fuzz/run.sh [DURATION]
#
# The corpus grows in $FUZZ_BUILD/fuzz/corpus-TARGET across runs; the repo
# only holds the seeds' sources and tests/fuzz/regressions/. FUZZ_ARGS adds
# libFuzzer flags (e.g. FUZZ_ARGS=-len_control=0 to try long inputs early).
set -euo pipefail

duration=${1:-60}
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$srcdir/build-fuzz}
targets=(fuzz-reader fuzz-render fuzz-clipboard fuzz-session fuzz-feedback fuzz-mermaid fuzz-merge fuzz-convert)
start=$(date +%s)

cd "$srcdir"

# --- build ----------------------------------------------------------------
if [ -f "$build/build.ninja" ]; then
  # Source lists use fs.exists at configure time: pick up new files.
  meson setup --reconfigure "$build" -Dfuzzing=true >"$build/fuzz-setup.log" 2>&1 || {
    cat "$build/fuzz-setup.log"; exit 1; }
else
  # A configure that failed half-way leaves meson-private/ behind.
  if [ -d "$build/meson-private" ]; then
    rm -rf "$build"
  fi
  mkdir -p "$build"
  CC=clang meson setup "$build" -Dfuzzing=true -Dgui=disabled -Doptimization=1 \
    >"$build/fuzz-setup.log" 2>&1 || {
    cat "$build/fuzz-setup.log"; exit 1; }
fi
ninja -C "$build" "${targets[@]/#/tests/fuzz/}" >"$build/fuzz-build.log" 2>&1 || {
  tail -n 60 "$build/fuzz-build.log"; exit 1; }
built=$(date +%s)
echo "fuzz: built ${targets[*]} with clang in $((built - start)) s"

# --- seeds ----------------------------------------------------------------
work=$build/fuzz
seeds=$work/seeds
rm -rf "$seeds"
mkdir -p "$seeds" "$work/artifacts"
touch "$work/started"
n=0
for f in data/templates/*/*.waymark tests/core/files/*.waymark \
         tests/core/files/hostile/* tests/fuzz/regressions/* tests/fuzz/clipboard/* \
         tests/fuzz/session-seeds/* tests/fuzz/feedback/* tests/core/files/feedback/* tests/fuzz/mermaid-seeds/* \
         tests/fuzz/merge-seeds/* tests/fuzz/convert-seeds/*; do
  [ -f "$f" ] || continue
  case "$f" in tests/fuzz/mermaid-seeds/*) ;; *.md) continue ;; esac
  # Big reproducers (the hangs are 64 KB and more) would slow a short run
  # to a crawl; test-fuzz-regressions replays them all anyway.
  [ "$(stat -c %s "$f")" -le 16384 ] || continue
  cp "$f" "$seeds/$(echo "$f" | tr / _)"
  n=$((n + 1))
done
echo "fuzz: $n seed files"

# --- run ------------------------------------------------------------------
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$srcdir/tests/fuzz/lsan.supp:print_suppressions=0}
# Every allocation through malloc, so ASan sees GSlice blocks too.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly

pids=()
for t in "${targets[@]}"; do
  corpus=$work/corpus-$t
  mkdir -p "$corpus"
  "$build/tests/fuzz/$t" "$corpus" "$seeds" \
    -max_total_time="$duration" -timeout=5 -rss_limit_mb=1024 -max_len=65536 \
    -dict=tests/fuzz/waymark.dict -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$t-" ${FUZZ_ARGS:-} \
    >"$work/$t.log" 2>&1 &
  pids+=($!)
done

status=0
for i in "${!targets[@]}"; do
  t=${targets[$i]}
  rc=0
  wait "${pids[$i]}" || rc=$?
  log=$work/$t.log
  # A target that failed early prints no stats: nothing here may fail.
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
  # libFuzzer's last status line: "#N DONE cov: C ft: F corp: U/SIZE ..."
  corp=$({ grep -Eo 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" || true; } | tail -n 1 | cut -d' ' -f2)
  corp=${corp:-?/?}
  cov=$({ grep -Eo 'cov: [0-9]+' "$log" || true; } | tail -n 1 | cut -d' ' -f2)
  files=$(find "$work/corpus-$t" -type f | wc -l)
  printf 'fuzz: %-12s %6s exec/s  %9s execs  corpus %s units, %s (%s files kept)  cov %s  peak RSS %s MB  exit %d\n' \
    "$t" "${rate:-?}" "${execs:-?}" "${corp%%/*}" "${corp#*/}" "$files" "${cov:-?}" "${rss:-?}" "$rc"
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "fuzz: $t FAILED; end of $log:"
    grep -E 'ERROR: |SUMMARY: |runtime error|fuzz check failed|Test unit written|Timeout|out-of-memory' "$log" | head -n 20 || true
    tail -n 40 "$log"
    for a in "$work/artifacts/$t-"*; do
      [ "$a" -nt "$work/started" ] || continue
      echo "fuzz: reproducer $a"
      echo "      replay: $build/tests/fuzz/$t $a"
      echo "      keep it: cp $a tests/fuzz/regressions/ (test-fuzz-regressions replays it)"
    done
  fi
done

echo "fuzz: ${duration} s per target, $(( $(date +%s) - start )) s in all"
exit $status
