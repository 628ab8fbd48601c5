#!/usr/bin/env bash
# Small work, where almost all the time is fixed cost (issue #23): each command in a fresh JVM through the launcher
# (bin/hotline-trends, as a user runs it), RUNS times in turns, medians printed beside their peers; with the
# start-up archive of bin/build-cds for the JDK that runs (bin/java-env.sh: a class-data-sharing archive on JDK 17-24,
# an ahead-of-time cache on JDK 25+; JAVA_HOME chooses the JDK, as for the launcher) and without it when it is present.
#   --version
#   sql "SELECT count(*) FROM victims" on the demo release   peer: DuckDB's JDBC driver in a bare JVM, same files
#   anonymize --config examples/adult-k5-loss.yaml          (30,162 records; no Spark for a small CSV)
#   run on the demo's export (about 29,600 contacts), build done, a fresh warehouse each time
# Usage: bench/small.sh [RUNS]   (default 5)
source "$(dirname "$0")/common.sh"
runs="${1:-5}"
launcher="$root/bin/hotline-trends"
data="$BENCH_DATA/small"
mkdir -p "$data"
if [ ! -f "$data/demo/published/2026Q3/_RELEASE_COMPLETE" ]; then
  rm -rf "$data/demo"
  HOTLINE_CDS=off "$launcher" demo --warehouse "$data/demo" >/dev/null 2>&1
fi
# The DuckDB JDBC driver the sql command itself runs on (a dependency of jobs, so on its runtime classpath).
duckdb_jar="$(tr ':' '\n' < jobs/target/runtime-classpath.txt | grep '/duckdb_jdbc-[^/]*\.jar$' | head -1)"
if [ -z "$duckdb_jar" ] || [ ! -f "$duckdb_jar" ]; then
  echo "bench/small.sh: no duckdb_jdbc jar on jobs/target/runtime-classpath.txt; rebuild with ./mvnw -B install -DskipTests" >&2
  exit 1
fi
mkdir -p "$data/peers"
javac -d "$data/peers" -cp "$duckdb_jar" bench/peers/DuckDbQuery.java
here="$root"
source "$root/bin/java-env.sh"
modes=(off)
if [ -f "$archive" ] && [ "$archive" -nt "$root/jobs/target/hotline-trends-jobs.jar" ]; then modes=(on off); fi

results="$data/results.tsv"
: > "$results"
# timed LABEL MODE command...: one wall-clock timing (seconds) appended to the results; the command's output kept
timed() {
  local label="$1" mode="$2"; shift 2
  HOTLINE_CDS="$mode" /usr/bin/time -f "%e" -o "$data/time.txt" "$@" > "$data/out.txt" 2> "$data/err.txt" \
    || { echo "failed: $label (see $data/err.txt)" >&2; tail -5 "$data/err.txt" >&2; exit 1; }
  printf '%s\t%s\t%s\n' "$label" "$mode" "$(cat "$data/time.txt")" >> "$results"
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$java_cmd" -version 2>&1 | head -1); $(date -u +%Y-%m-%d)"
echo "archive: $([ ${#modes[@]} = 2 ] && echo "$archive ($(du -h "$archive" | cut -f1))" || echo "none (bin/build-cds makes one)")"
query="SELECT count(*) FROM victims"
for i in $(seq 1 "$runs"); do
  for mode in "${modes[@]}"; do
    timed "--version" "$mode" "$launcher" --version
    timed "sql" "$mode" "$launcher" sql --warehouse "$data/demo" --release 2026Q3 "$query"
    rm -rf "$data/adult-out"
    timed "anonymize adult k=5" "$mode" "$launcher" anonymize --config examples/adult-k5-loss.yaml --out "$data/adult-out"
    rm -rf "$data/run-wh"
    timed "run, demo export" "$mode" "$launcher" run --warehouse "$data/run-wh" --input "$data/demo/demo-export" \
      --release 2026Q3 --run-date 2026-10-15
  done
  timed "peer: DuckDB JDBC, same query" "-" "$java_cmd" -cp "$duckdb_jar:$data/peers" DuckDbQuery victims \
    "$data/demo/published/2026Q3/microdata/victims/*.parquet" "$query"
  echo "round $i of $runs done" >&2
done
python3 - "$results" <<'PY'
import sys, statistics, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
by = collections.OrderedDict()
for label, mode, t in rows:
    by.setdefault(label, {}).setdefault(mode, []).append(float(t))
def med(xs): return statistics.median(xs) if xs else None
peer = med(by.get("peer: DuckDB JDBC, same query", {}).get("-", []))
targets = {"sql": 3.0, "anonymize adult k=5": 5.0, "run, demo export": 12.0}
print(f"| command | with archive (median s) | without (median s) | target | peer |")
print(f"|---|---|---|---|---|")
for label, modes in by.items():
    if label.startswith("peer"):
        continue
    on, off = med(modes.get("on", [])), med(modes.get("off", []))
    def cell(m):
        xs = modes.get(m, [])
        return "-" if not xs else f"{med(xs):.2f} ({min(xs):.2f}-{max(xs):.2f})"
    p = ""
    if label == "sql" and peer:
        best = min(x for x in (on, off) if x is not None)
        p = f"DuckDB JDBC {peer:.2f} s: {best / peer:.1f}x"
    t = targets.get(label)
    # The launcher maps the archive only for the commands that load Spark or the renderers.
    on_cell = "(archive not used)" if label in ("--version", "sql") else cell("on")
    print(f"| {label} | {on_cell} | {cell('off')} | {'' if t is None else f'at most {t:g} s'} | {p} |")
PY
