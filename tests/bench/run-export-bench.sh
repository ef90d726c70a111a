#!/usr/bin/env bash
# run-export-bench.sh WAYMARK_BIN REF_A_BIN REF_B_BIN OUTDIR
#
# Export benchmark (issue 16): `waymark export` against two references,
# each drawing from the already-parsed map (gen-map.py --digest):
#   (a) ref-minimal.c — the same cards (rounded boxes and their text) and
#       curve and nothing else: what a bare cairo program must do at least;
#   (b) ref-visible.c — everything Waymark's export draws (chevrons, lane
#       headers, tags, stars, dots, pills, channel and owner lines, knots,
#       moments, legend), drawn the cheapest way.
#
#   PDF at 500, 2,000, 8,000 and 20,000 cards; SVG at 2,000 (Waymark
#   with --svg-text paths, glyph outlines as the references draw them;
#   and, for information, Waymark's default SVG with real <text>); PNG at 500
#   cards and 72 dpi (2,000 cards at a readable resolution are wider than
#   the 32,767-pixel limit of a PNG export);
#   one unmeasured warm-up per program and map, then RUNS (default 5)
#   measured rounds, interleaved (every program and size once a round), so
#   a slow moment of the machine hits both sides. The verdicts use each
#   process's CPU time (user + system, from GNU time): all three programs
#   are single-threaded, and CPU time barely moves when other jobs load
#   the machine, where wall time (also printed) doubles. Peak RSS from
#   GNU time too.
#
# Prints medians and, for each budget, its ratio and PASS or FAIL:
#   PDF  @2,000  time  waymark ÷ (a)        ≤ 1.5
#   PDF  @2,000  time  waymark ÷ (b)        ≤ 1.15
#   PDF  @2,000  RSS   waymark ÷ (a)        ≤ 1.5
#   PDF  linear: waymark 20,000 ÷ 2,000     ≤ 10.5
#   (a), (b) linear: 20,000 ÷ 2,000         ≤ 10.5  (a floor must be linear)
#   SVG  @2,000  time  waymark paths ÷ (a)  ≤ 1.5
#   SVG text @2,000 time waymark text ÷ (a) (no budget: writing <text>
#        is less work than glyph outlines, so it is no like-for-like)
#   PNG  @500    time  waymark ÷ (a)        ≤ 1.5
#   PDF  @100,000 RSS  waymark ÷ (a)        ≤ 1.3   (one run each: RSS hardly varies)
# Exits 0 whatever the verdicts: benchmarks report, they do not gate.
# BENCH_LANG (en | zh-CN, default en); RUNS; BENCH_JOBS (e.g. "pdf:2000",
# to measure one budget quickly; default all); BENCH_HUGE=0 skips the
# 100,000-card run.

set -u

if [ $# -ne 4 ]; then
    echo "usage: $0 WAYMARK_BIN REF_A_BIN REF_B_BIN OUTDIR" >&2
    exit 2
fi

WAYMARK=$1
REF=$2
REFB=$3
OUT=$4
RUNS=${RUNS:-5}
LANG_ARG=${BENCH_LANG:-en}
HERE=$(cd "$(dirname "$0")" && pwd)
TIME=/usr/bin/time

[ -x "$TIME" ] || { echo "$TIME (GNU time) is required" >&2; exit 2; }
[ -x "$REF" ] || { echo "reference '$REF' is not executable" >&2; exit 2; }
[ -x "$REFB" ] || { echo "reference '$REFB' is not executable" >&2; exit 2; }
[ -x "$WAYMARK" ] || { echo "waymark '$WAYMARK' is not executable" >&2; exit 2; }
mkdir -p "$OUT" || exit 2

# cards → stages (8 card lanes; 500 is 63 stages, 504 cards)
declare -A STAGES=([500]=63 [2000]=250 [8000]=1000 [20000]=2500)
for n in 500 2000 8000 20000; do
    python3 "$HERE/gen-map.py" --stages "${STAGES[$n]}" --lang "$LANG_ARG" \
        --out "$OUT/map-$n.waymark" --digest "$OUT/map-$n.tsv" 2>/dev/null || exit 2
done

# The jobs of one round: NAME FORMAT CARDS
JOBS=${BENCH_JOBS:-"pdf:500 pdf:2000 pdf:8000 pdf:20000 svg:2000 svgtext:2000 png:500"}
RAW=$OUT/results.txt      # program format cards wall_us cpu_s rss_kib rc
: > "$RAW"

run() {
    local prog=$1 fmt=$2 n=$3 measure=$4
    local out=$OUT/$prog-$n.$fmt tf=$OUT/.time.$$ log=$OUT/$prog-$fmt-$n.log
    local t0 t1 rc m extra=()
    [ "$fmt" = png ] && extra=(--dpi 72)
    # Like for like with the references' glyph outlines; the text SVG is
    # Waymark's alone ("svgtext"), set against (a)'s glyph SVG.
    [ "$fmt" = svg ] && [ "$prog" = waymark ] && extra=(--svg-text paths)
    [ "$fmt" = svgtext ] && { [ "$prog" = waymark ] || return 0; out=$OUT/$prog-$n-text.svg; }
    t0=$(date +%s%N)
    if [ "$prog" = waymark ]; then
        "$TIME" -f "%U %S %M" -o "$tf" "$WAYMARK" export "$OUT/map-$n.waymark" -o "$out" "${extra[@]}" > "$log" 2>&1
    elif [ "$prog" = ref ]; then
        "$TIME" -f "%U %S %M" -o "$tf" "$REF" "$OUT/map-$n.tsv" "$out" ${extra:+72} > "$log" 2>&1
    else
        "$TIME" -f "%U %S %M" -o "$tf" "$REFB" "$OUT/map-$n.tsv" "$out" ${extra:+72} > "$log" 2>&1
    fi
    rc=$?
    t1=$(date +%s%N)
    [ "$rc" -ne 0 ] && echo "warning: $prog $fmt $n exited $rc (see $log)" >&2
    if [ "$measure" = 1 ]; then
        read -r u sy m < <(tail -n 1 "$tf")
        echo "$prog $fmt $n $(( (t1 - t0) / 1000 )) $(python3 -c "print($u + $sy)") $m $rc" >> "$RAW"
    fi
    rm -f "$tf"
}

for job in $JOBS; do
    for prog in waymark ref refb; do run "$prog" "${job%%:*}" "${job##*:}" 0; done
done
for ((i = 1; i <= RUNS; i++)); do
    for job in $JOBS; do
        for prog in waymark ref refb; do run "$prog" "${job%%:*}" "${job##*:}" 1; done
    done
done
# 100,000 cards, once: the peak memory of a huge export.
if [ "${BENCH_HUGE:-1}" != 0 ]; then
    python3 "$HERE/gen-map.py" --stages 12500 --lang "$LANG_ARG" \
        --out "$OUT/map-100000.waymark" --digest "$OUT/map-100000.tsv" 2>/dev/null || exit 2
    for prog in waymark ref; do run "$prog" pdf 100000 1; done
fi

python3 - "$RAW" "$RUNS" "$LANG_ARG" <<'PYEOF'
import sys, statistics
raw, runs, lang = sys.argv[1], int(sys.argv[2]), sys.argv[3]
res, fails = {}, set()
for line in open(raw):
    prog, fmt, n, us, cpu, rss, rc = line.split()
    res.setdefault((prog, fmt, int(n)), []).append((float(cpu), int(rss) / 1024.0, int(us) / 1e6))
    if rc != "0":
        fails.add((prog, fmt, int(n)))

def med(prog, fmt, n, i=0):
    v = res.get((prog, fmt, n))
    return statistics.median(x[i] for x in v) if v else None

print("\nExport benchmark (%s), medians of %d interleaved runs; (a) = ref-minimal, (b) = ref-visible;"
      " times are CPU seconds (wall in brackets)\n" % (lang, runs))
print("%-7s %6s %16s %8s %8s %8s %8s %12s %8s" % ("format", "cards", "waymark s", "(a) s", "(b) s", "÷ (a)", "÷ (b)",
                                                "waymark MiB", "÷ (a)"))
for fmt, n in (("pdf", 500), ("pdf", 2000), ("pdf", 8000), ("pdf", 20000), ("svg", 2000), ("svgtext", 2000),
               ("png", 500)):
    ref_fmt = "svg" if fmt == "svgtext" else fmt
    w, a, b = med("waymark", fmt, n), med("ref", ref_fmt, n), med("refb", ref_fmt, n)
    wr, ar = med("waymark", fmt, n, 1), med("ref", ref_fmt, n, 1)
    if w is None or a is None or b is None:
        continue
    note = "  (failed runs)" if any((p, fmt, n) in fails for p in ("waymark", "ref", "refb")) else ""
    wall = med("waymark", fmt, n, 2)
    print("%-7s %6d %7.3f (%6.3f) %8.3f %8.3f %8.2f %8.2f %12.1f %8.2f%s" % (fmt, n, w, wall, a, b, w / a, w / b, wr, wr / ar, note))

print("\n%-44s %8s %8s  %s" % ("budget", "ratio", "limit", "verdict"))
def row(name, num, den, limit):
    if num is None or den is None or den == 0:
        print("%-44s %8s %8.2f  FAIL" % (name, "-", limit))
        return
    r = num / den
    print("%-44s %8.2f %8.2f  %s" % (name, r, limit, "PASS" if r <= limit else "FAIL"))
row("PDF time waymark ÷ (a) @2,000 (%s)" % lang, med("waymark", "pdf", 2000), med("ref", "pdf", 2000), 1.5)
row("PDF time waymark ÷ (b) @2,000 (%s)" % lang, med("waymark", "pdf", 2000), med("refb", "pdf", 2000), 1.15)
row("PDF peak RSS waymark ÷ (a) @2,000 (%s)" % lang, med("waymark", "pdf", 2000, 1), med("ref", "pdf", 2000, 1), 1.5)
row("PDF linear: waymark 20,000 ÷ 2,000 (%s)" % lang, med("waymark", "pdf", 20000), med("waymark", "pdf", 2000), 10.5)
row("(a) is linear: 20,000 ÷ 2,000 (%s)" % lang, med("ref", "pdf", 20000), med("ref", "pdf", 2000), 10.5)
row("(b) is linear: 20,000 ÷ 2,000 (%s)" % lang, med("refb", "pdf", 20000), med("refb", "pdf", 2000), 10.5)
row("SVG time waymark paths ÷ (a) @2,000 (%s)" % lang, med("waymark", "svg", 2000), med("ref", "svg", 2000), 1.5)
w, a = med("waymark", "svgtext", 2000), med("ref", "svg", 2000)
if w is not None and a:
    print("%-44s %8.2f %8s  (no budget: <text> against (a)'s glyph outlines)" %
          ("SVG text time waymark ÷ (a) @2,000 (%s)" % lang, w / a, "-"))
row("PNG time waymark ÷ (a) @500, 72 dpi (%s)" % lang, med("waymark", "png", 500), med("ref", "png", 500), 1.5)
row("PDF peak RSS waymark ÷ (a) @100,000 (%s)" % lang, med("waymark", "pdf", 100000, 1), med("ref", "pdf", 100000, 1), 1.3)
PYEOF
echo
echo "raw results: $RAW; outputs and logs in $OUT"
exit 0
