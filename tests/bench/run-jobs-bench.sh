#!/usr/bin/env bash
# run-jobs-bench.sh WAYMARK_BIN OUTDIR [N_MAPS]
#
# A team's folder of maps (issue 16): N_MAPS (default 500) small maps,
# exported to PDF and validated
#   one by one    — one `waymark` process per map, as a shell loop would;
#   -j 1          — one process, the maps in turn;
#   -j (default)  — one job per core.
# Wall time (the point is using both cores); budget: -j ÷ one by one ≤ 0.6,
# PASS or FAIL printed. -j ÷ -j 1 is printed too: the gain of the jobs
# alone, without the process start-ups one by one pays.
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 WAYMARK_BIN OUTDIR [N_MAPS]" >&2
    exit 2
fi
WAYMARK=$1
OUT=$2
N=${3:-500}
HERE=$(cd "$(dirname "$0")" && pwd)

rm -rf "$OUT" && mkdir -p "$OUT/maps" || exit 2
# Ten different maps of 16 to 88 cards, copied to N names.
for k in 0 1 2 3 4 5 6 7 8 9; do
    python3 "$HERE/gen-map.py" --stages $((2 + k)) --lang en --out "$OUT/seed-$k.waymark" 2>/dev/null || exit 2
done
for ((i = 0; i < N; i++)); do
    cp "$OUT/seed-$((i % 10)).waymark" "$OUT/maps/map-$i.waymark"
done

now() { date +%s%N; }
secs() { python3 -c "print('%.2f' % (($2 - $1) / 1e9))"; }

t0=$(now)
for f in "$OUT"/maps/*.waymark; do "$WAYMARK" export "$f" --output-dir "$OUT/one" >/dev/null 2>&1; done
t1=$(now)
"$WAYMARK" export "$OUT"/maps/*.waymark --output-dir "$OUT/j1" -j 1 >/dev/null 2>&1
t2=$(now)
"$WAYMARK" export "$OUT"/maps/*.waymark --output-dir "$OUT/jn" >/dev/null 2>&1
t3=$(now)
for f in "$OUT"/maps/*.waymark; do "$WAYMARK" validate "$f" >/dev/null 2>&1; done
t4=$(now)
"$WAYMARK" validate "$OUT"/maps/*.waymark -j 1 >/dev/null 2>&1
t5=$(now)
"$WAYMARK" validate "$OUT"/maps/*.waymark >/dev/null 2>&1
t6=$(now)

python3 - "$N" "$(nproc)" $t0 $t1 $t2 $t3 $t4 $t5 $t6 <<'PYEOF'
import sys
n, cores = int(sys.argv[1]), int(sys.argv[2])
t = [int(x) / 1e9 for x in sys.argv[3:]]
for name, one, j1, jn in (("export", t[1] - t[0], t[2] - t[1], t[3] - t[2]),
                          ("validate", t[4] - t[3], t[5] - t[4], t[6] - t[5])):
    print("%s of %d maps (%d cores): one by one %.2f s, -j 1 %.2f s, -j %d %.2f s; -j ÷ -j 1 %.2f"
          % (name, n, cores, one, j1, cores, jn, jn / j1))
    r = jn / one
    print("%-44s %8.2f %8.2f  %s" % ("%s %d maps: -j ÷ one by one" % (name, n), r, 0.6, "PASS" if r <= 0.6 else "FAIL"))
PYEOF
