#!/usr/bin/env bash
# run-export-bench.sh WAYMARK_BIN BARE_BIN OUTDIR
#
# PDF export benchmark (DESIGN.md): Waymark against the bare cairo+Pango
# reference (bare-reference.c) on generated 2,000- and 8,000-card maps.
#
#   - generates OUTDIR/map-2000.waymark (250 stages) and
#     OUTDIR/map-8000.waymark (1,000 stages) with gen-map.py;
#   - one unmeasured warm-up run per program and map (font caches, page cache);
#   - then RUNS (default 5) measured rounds, interleaved
#     (waymark 2000, bare 2000, waymark 8000, bare 8000, repeat):
#       WAYMARK_BIN export MAP -o OUT.pdf
#       BARE_BIN MAP OUT.pdf
#     each under /usr/bin/time -f "%e %M" (peak RSS in KiB from %M; %e is
#     kept in the raw log, the wall time used is measured in ns around the
#     same command because %e only has 10 ms resolution);
#   - prints medians and checks:
#       waymark/bare time at 2,000 cards   <= 1.3
#       waymark/bare peak RSS at 2,000     <= 1.5
#       waymark time 8,000 / 2,000         <= 4.5
#     printing PASS/FAIL per row. Exits 0 whatever the result: benchmarks
#     report, they don't gate. (Exit 2 only for usage or setup errors.)
#
# If WAYMARK_BIN is empty, "-", or not an executable, only the bare
# reference runs. Environment: RUNS (default 5), BENCH_LANG (en | zh-CN,
# default en).

set -u

if [ $# -ne 3 ]; then
    echo "usage: $0 WAYMARK_BIN BARE_BIN OUTDIR" >&2
    exit 2
fi

WAYMARK=$1
BARE=$2
OUT=$3
RUNS=${RUNS:-5}
LANG_ARG=${BENCH_LANG:-en}
HERE=$(cd "$(dirname "$0")" && pwd)
TIME=/usr/bin/time

[ -x "$TIME" ] || { echo "$TIME (GNU time) is required" >&2; exit 2; }
[ -x "$BARE" ] || { echo "bare reference '$BARE' is not executable" >&2; exit 2; }
mkdir -p "$OUT" || exit 2

have_waymark=0
if [ -n "$WAYMARK" ] && [ "$WAYMARK" != "-" ] && [ -x "$WAYMARK" ]; then
    have_waymark=1
else
    echo "note: Waymark binary '${WAYMARK}' not found; running the bare reference only" >&2
fi

SIZES="2000 8000"
for n in $SIZES; do
    python3 "$HERE/gen-map.py" --stages $((n / 8)) --lang "$LANG_ARG" \
        --out "$OUT/map-$n.waymark" || exit 2
done

RAW=$OUT/results.txt      # tool cards seconds rss_kib time_e rc
: > "$RAW"

# run TOOL N MEASURE(0|1)
run() {
    local tool=$1 n=$2 measure=$3 map=$OUT/map-$2.waymark
    local pdf=$OUT/$tool-$n.pdf tf=$OUT/.time.$$ log=$OUT/$tool-$n.log
    local t0 t1 rc
    t0=$(date +%s%N)
    if [ "$tool" = waymark ]; then
        "$TIME" -f "%e %M" -o "$tf" "$WAYMARK" export "$map" -o "$pdf" > "$log" 2>&1
    else
        "$TIME" -f "%e %M" -o "$tf" "$BARE" "$map" "$pdf" > "$log" 2>&1
    fi
    rc=$?
    t1=$(date +%s%N)
    if [ "$rc" -ne 0 ]; then
        echo "warning: $tool on $n cards exited $rc (see $log)" >&2
    fi
    if [ "$measure" = 1 ]; then
        # time -o writes "Command exited with non-zero status" first on failure
        local e m
        read -r e m < <(tail -n 1 "$tf")
        echo "$tool $n $(( (t1 - t0) / 1000 )) $m $e $rc" >> "$RAW"
    fi
    rm -f "$tf"
}

TOOLS="bare"
[ "$have_waymark" = 1 ] && TOOLS="waymark bare"

for n in $SIZES; do for t in $TOOLS; do run "$t" "$n" 0; done; done
for ((i = 1; i <= RUNS; i++)); do
    for n in $SIZES; do for t in $TOOLS; do run "$t" "$n" 1; done; done
done

python3 - "$RAW" "$RUNS" "$have_waymark" "$LANG_ARG" <<'EOF'
import sys, statistics
raw, runs, have_w, lang = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
res = {}
fails = {}
for line in open(raw):
    tool, n, us, rss, e, rc = line.split()
    key = (tool, int(n))
    res.setdefault(key, []).append((int(us) / 1e6, int(rss) / 1024.0))
    if rc != "0":
        fails[key] = fails.get(key, 0) + 1

def med(tool, n, i):
    v = res.get((tool, n))
    return statistics.median(x[i] for x in v) if v else None

print("\nPDF export benchmark, %d runs each, medians (lang %s)\n" % (runs, lang))
print("%-8s %6s %10s %10s %10s %10s" % ("program", "cards", "time s", "min s", "max s", "RSS MiB"))
for tool in (("waymark", "bare") if have_w else ("bare",)):
    for n in (2000, 8000):
        v = res.get((tool, n), [])
        if not v:
            continue
        ts = [x[0] for x in v]
        note = "  (%d failed runs)" % fails[(tool, n)] if (tool, n) in fails else ""
        print("%-8s %6d %10.3f %10.3f %10.3f %10.1f%s" % (
            tool, n, statistics.median(ts), min(ts), max(ts), med(tool, n, 1), note))

print()
print("%-36s %8s %8s  %s" % ("check", "ratio", "limit", "result"))
def row(name, num, den, limit):
    if num is None or den is None or den == 0:
        print("%-36s %8s %8.2f  %s" % (name, "-", limit, "SKIP (no waymark)"))
        return
    r = num / den
    print("%-36s %8.2f %8.2f  %s" % (name, r, limit, "PASS" if r <= limit else "FAIL"))
w = "waymark" if have_w else None
row("time waymark/bare @2000", med(w, 2000, 0) if w else None, med("bare", 2000, 0), 1.3)
row("peak RSS waymark/bare @2000", med(w, 2000, 1) if w else None, med("bare", 2000, 1), 1.5)
row("time waymark 8000/2000", med(w, 8000, 0) if w else None, med(w, 2000, 0) if w else None, 4.5)
b2, b8 = med("bare", 2000, 0), med("bare", 8000, 0)
if b2 and b8:
    print("%-36s %8.2f %8s  %s" % ("(info) time bare 8000/2000", b8 / b2, "-", "reference"))
    print("%-36s %8.2f %8s  %s" % ("(info) RSS bare 8000/2000",
                                   med("bare", 8000, 1) / med("bare", 2000, 1), "-", "reference"))
if fails:
    print("\nwarning: some runs failed; their numbers are in the medians above")
EOF
echo
echo "raw results: $RAW; PDFs and logs in $OUT"
exit 0
