#!/usr/bin/env bash
# The whole `run` (ingest, trends with protection and audit, microdata, reports, atomic publication) on N generated
# contacts and their victims, against (a) the floor: a bare Spark job computing the same counts from the same CSVs
# with no validation and no protection, and (b) DuckDB computing the same counts in one process through JDBC.
# Each is timed RUNS times, in turns, each time in a fresh JVM with the JIT and collector the launcher chooses for this
# input (bin/java-env.sh; the same flags for all three, no start-up archive); the medians are printed, with peak memory
# (max RSS), run's stage times (from its manifest) and each run's ratio to the floor timed right after it. With --readme, the results also replace this size's table in README.md's Performance section
# (between the <!-- bench/run.sh N --> markers), with the machine, the command and the date.
# Usage: bench/run.sh [N] [RUNS] [--readme]   (default 1000000 3)
source "$(dirname "$0")/common.sh"
readme=""
args=()
for a in "$@"; do
  if [ "$a" = "--readme" ]; then readme="README.md"; else args+=("$a"); fi
done
n="${args[0]:-1000000}"
runs="${args[1]:-3}"
dir="$BENCH_DATA/contacts-$n"
if [ ! -f "$dir/contacts.csv" ] || [ ! -f "$dir/victims.csv" ]; then
  cli generate --out "$dir" --scale "$(scale_for "$n")" >/dev/null 2>&1
fi
# The DuckDB JDBC driver the sql command itself runs on (a dependency of jobs, so on its runtime classpath).
duckdb_jar="$(tr ':' '\n' < jobs/target/runtime-classpath.txt | grep '/duckdb_jdbc-[^/]*\.jar$' | head -1)"
if [ -z "$duckdb_jar" ] || [ ! -f "$duckdb_jar" ]; then
  echo "bench/run.sh: no duckdb_jdbc jar on jobs/target/runtime-classpath.txt; rebuild with ./mvnw -B install -DskipTests" >&2
  exit 1
fi
# The JIT and collector the launcher would choose for this run (bin/java-env.sh), for the run and both peers alike.
RFLAGS="$(launcher_flags run --input "$dir")"
mode="$(launcher_mode run --input "$dir")"
contacts=$(( $(wc -l < "$dir/contacts.csv") - 1 ))
victims=$(( $(wc -l < "$dir/victims.csv") - 1 ))
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d)"
echo "JVM: as the launcher runs this input ($mode), for the run and its peers alike"
echo "data: $contacts contacts, $victims victims ($(du -sh "$dir" | cut -f1) of CSV)"
stats="$BENCH_DATA/run-$n.tsv"
: > "$stats"
# The run and its peers take turns (run, floor, DuckDB; then again), each in a fresh JVM (a cold start each, so
# that the ratio compares like with like): a shared machine's slow and fast spells then fall on all three alike.
# (Timed again inside one warm JVM, the floor is about 2.5x faster at 1M: JIT and Spark's first-query costs.)
: > "$BENCH_DATA/spark.tsv"; : > "$BENCH_DATA/duckdb.tsv"
for i in $(seq 1 "$runs"); do
  wh="$BENCH_DATA/wh-run-$n"
  rm -rf "$wh"
  /usr/bin/time -f "%e %M" -o "$BENCH_DATA/time.txt" java $RFLAGS -cp "$CP" ca.hotlinetrends.cli.HotlineTrends \
    run --input "$dir" --release 2026Q3 --warehouse "$wh" --run-date 2026-09-30 > "$BENCH_DATA/run.log" 2>&1
  read -r wall rss < "$BENCH_DATA/time.txt"
  python3 - "$wh" "$wall" "$rss" >> "$stats" <<'PY'
import json, glob, sys
wh, wall, rss = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
m = [json.load(open(f)) for f in glob.glob(wh + "/restricted/runs/*/manifest.json")]
m = [x for x in m if x.get("command") == "run"][0]
st = m["stages"]
inproc = sum(v["seconds"] for v in st.values())
print("\t".join(str(x) for x in [wall, rss // 1024, round(inproc, 2)] + [st.get(s, {"seconds": 0})["seconds"] for s in ("ingest", "trends", "microdata", "report", "publish", "tables")]))
PY
  echo "run $i: $(tail -1 "$stats")" >&2
  /usr/bin/time -f "%e %M" -o "$BENCH_DATA/time-spark.txt" java $RFLAGS -cp "$CP" ca.hotlinetrends.bench.CountsBench "$dir" 1 spark \
    2>/dev/null > "$BENCH_DATA/spark.txt"
  echo "$(awk '{print $2}' "$BENCH_DATA/spark.txt") $(cat "$BENCH_DATA/time-spark.txt")" >> "$BENCH_DATA/spark.tsv"
  /usr/bin/time -f "%e %M" -o "$BENCH_DATA/time-duckdb.txt" java $RFLAGS -cp "$CP:$duckdb_jar" ca.hotlinetrends.bench.CountsBench "$dir" 1 duckdb \
    2>/dev/null > "$BENCH_DATA/duckdb.txt"
  echo "$(awk '{print $2}' "$BENCH_DATA/duckdb.txt") $(cat "$BENCH_DATA/time-duckdb.txt")" >> "$BENCH_DATA/duckdb.tsv"
  echo "peers $i: floor $(tail -1 "$BENCH_DATA/spark.tsv"), DuckDB $(tail -1 "$BENCH_DATA/duckdb.tsv") (in-process s, wall s, max RSS KB)" >&2
done
machine="$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1 | tr -d '"')"
python3 - "$stats" "$BENCH_DATA" "$runs" "$n" "$contacts" "$victims" "$(du -sh "$dir" | cut -f1)" "$machine" "$readme" "$mode" <<'PY'
import statistics as s, sys, datetime, re
rows = [list(map(float, l.split("\t"))) for l in open(sys.argv[1]) if l.strip()]
col = lambda i: s.median(r[i] for r in rows)
d = sys.argv[2]; runs = int(sys.argv[3])
n, contacts, victims, csv, machine, readme, mode = sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7], sys.argv[8], sys.argv[9], sys.argv[10]
def peer(name):
    r = [list(map(float, l.split())) for l in open(d + "/" + name + ".tsv") if l.strip()]
    return s.median(x[0] for x in r), s.median(x[1] for x in r), max(x[2] for x in r)
spark, sw, srss = peer("spark"); duck, dw, drss = peer("duckdb")
print("median of %d runs, each in a fresh JVM" % runs)
print("run: wall %.1f s (in-process stages %.1f s: ingest %.1f, trends %.1f, microdata %.1f, tables %.1f, report %.1f, publish %.1f), peak RSS %d MB"
      % (col(0), col(2), col(3), col(4), col(5), col(8), col(6), col(7), col(1)))
print("floor, Spark counts with no validation or protection: %.1f s in-process (%.1f s wall, peak RSS %d MB)"
      % (spark, sw, srss // 1024))
print("DuckDB counts over JDBC: %.1f s in-process (%.1f s wall, peak RSS %d MB)" % (duck, dw, drss // 1024))
print("ratio run/floor (in-process): %.2f   (wall): %.2f   run/DuckDB: %.2f   floor/DuckDB: %.2f"
      % (col(2) / spark, col(0) / sw, col(2) / duck, spark / duck))
# Pair by pair: each run against the floor timed right after it (the machine's spells move both, not always
# together); their median beside the ratio of the medians shows how much of a round is the machine's.
floors = [float(l.split()[0]) for l in open(d + "/spark.tsv") if l.strip()]
pairs = [r[2] / f for r, f in zip(rows, floors)]
pair_text = ", ".join("%.2fx" % x for x in pairs)
print("pair by pair (in-process): %s; their median %.2fx" % (pair_text, s.median(pairs)))
if readme:
    marker = "<!-- bench/run.sh %s -->" % n
    table = "\n".join([
        marker,
        "`bench/run.sh %s %d --readme`, %s, %s: %s contacts and %s victims (%s of CSV), median of %d runs taking"
        " turns with the floor and DuckDB, each in a fresh JVM with the JIT and collector the launcher chooses for"
        " this input (%s) and no start-up archive." % (n, runs, datetime.date.today().isoformat(),
            machine, format(contacts, ","), format(victims, ","), csv, runs, mode),
        "",
        "| | in-process | wall | peak RSS | run / this |",
        "|---|---|---|---|---|",
        "| whole `run` (ingest %.1f, trends %.1f, microdata %.1f, tables %.1f, report %.1f, publish %.1f s) | %.1f s | %.1f s | %d MB | |"
        % (col(3), col(4), col(5), col(8), col(6), col(7), col(2), col(0), col(1)),
        "| floor: Spark, the same counts, no validation or protection | %.1f s | %.1f s | %d MB | **%.2fx** (wall %.2fx; pair by pair %s) |"
        % (spark, sw, srss // 1024, col(2) / spark, col(0) / sw, pair_text),
        "| DuckDB over JDBC, the same counts | %.1f s | %.1f s | %d MB | %.2fx |" % (duck, dw, drss // 1024, col(2) / duck),
        marker])
    text = open(readme).read()
    pattern = re.compile(re.escape(marker) + ".*?" + re.escape(marker), re.S)
    if not pattern.search(text):
        sys.exit("no %s block in %s: add the two markers where the table goes" % (marker, readme))
    open(readme, "w").write(pattern.sub(lambda m: table, text, count=1))
    print("wrote the table to " + readme)
PY
