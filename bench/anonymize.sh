#!/usr/bin/env bash
# k-anonymity engine (histogram pass + lattice search) against one plain Spark groupBy over the same
# quasi-identifiers, on generated victims: about 1M records generated and ingested, and 10M as those replicated
# 10 times (same distinct combinations). Usage: bench/anonymize.sh
source "$(dirname "$0")/common.sh"
dir="$BENCH_DATA/victims-1m"
if [ ! -f "$dir/victims.csv" ]; then cli generate --out "$dir" --scale 262 >/dev/null 2>&1; fi
if [ ! -d "$BENCH_DATA/wh-victims-1m/restricted/staged/victims" ]; then
  cli ingest --input "$dir/victims.csv" --dataset victims --warehouse "$BENCH_DATA/wh-victims-1m" --run-date 2026-09-30 >/dev/null 2>&1
fi
for copies in 1 10; do
  echo "copies $copies"
  main ca.hotlinetrends.bench.AnonymizeBench "$BENCH_DATA/wh-victims-1m/restricted/staged/victims" "$copies" 2>/dev/null
done
