#!/usr/bin/env bash
# run-validate-bench.sh WAYMARK_BIN OUTDIR
#
# `waymark validate` on huge generated maps (gen-map.py --shape): 100,000
# cards, with and without another tool's content on every stage and card,
# and 10,000 / 50,000 / 100,000 stages. The median of RUNS (default 3)
# wall times and the peak RSS are printed; the 100,000-card map is checked
# against its budget, 1.5 s and 300 MiB, and the stages against linear
# growth (100,000 / 10,000 stages <= 15, 10x the stages), PASS or FAIL.
# Exits 0 whatever the result: benchmarks report, they don't gate.
set -u
if [ $# -ne 2 ]; then
    echo "usage: $0 WAYMARK_BIN OUTDIR" >&2
    exit 2
fi
WAYMARK=$1
OUT=$2
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "$TIME (GNU time) is required" >&2; exit 2; }
mkdir -p "$OUT" || exit 2

python3 "$HERE/gen-map.py" --shape cards --count 100000 --out "$OUT/cards-100000.waymark" || exit 2
python3 "$HERE/gen-map.py" --shape cards --count 100000 --foreign --out "$OUT/cards-100000-foreign.waymark" || exit 2
for n in 10000 50000 100000; do
    python3 "$HERE/gen-map.py" --shape stages --count $n --out "$OUT/stages-$n.waymark" || exit 2
done

RAW=$OUT/validate-results.txt
: > "$RAW"
for map in cards-100000 cards-100000-foreign stages-10000 stages-50000 stages-100000; do
    for ((i = 1; i <= RUNS; i++)); do
        t0=$(date +%s%N)
        "$TIME" -f "%M" -o "$OUT/.time" "$WAYMARK" validate "$OUT/$map.waymark" > /dev/null 2> "$OUT/$map.log"
        rc=$?
        t1=$(date +%s%N)
        echo "$map $(( (t1 - t0) / 1000 )) $(tail -n 1 "$OUT/.time") $rc" >> "$RAW"
    done
done
rm -f "$OUT/.time"

python3 - "$RAW" <<'PY'
import sys, statistics
res = {}
for line in open(sys.argv[1]):
    name, us, rss, rc = line.split()
    res.setdefault(name, []).append((int(us) / 1e6, int(rss) / 1024.0, rc))
print("\nwaymark validate on huge maps, medians\n")
print("%-22s %8s %9s %s" % ("map", "time s", "RSS MiB", "exit"))
for name, v in res.items():
    print("%-22s %8.2f %9.1f %s" % (name, statistics.median(x[0] for x in v),
                                    max(x[1] for x in v), ",".join(sorted(set(x[2] for x in v)))))
def med(name, i):
    return statistics.median(x[i] for x in res[name])
print()
def row(name, value, limit, unit):
    print("%-40s %8.2f %8.2f %-4s %s" % (name, value, limit, unit, "PASS" if value <= limit else "FAIL"))
row("validate 100,000 cards: time", med("cards-100000", 0), 1.5, "s")
row("validate 100,000 cards: peak RSS", max(x[1] for x in res["cards-100000"]), 300, "MiB")
row("validate 100,000 stages / 10,000", med("stages-100000", 0) / med("stages-10000", 0), 15, "x")
PY
echo
echo "raw results: $RAW"
exit 0
