#!/usr/bin/env bash
# The trends stage against a plain Spark job computing the same counts with no protection, on about 10M generated
# contacts (and their victims). Usage: bench/trends.sh [N]   (default 10000000)
source "$(dirname "$0")/common.sh"
n="${1:-10000000}"
dir="$BENCH_DATA/contacts-$n"
wh="$BENCH_DATA/wh-trends-$n"
if [ ! -f "$dir/contacts.csv" ]; then cli generate --out "$dir" --scale "$(scale_for "$n")" >/dev/null 2>&1; fi
if [ ! -d "$wh/restricted/staged/victims" ]; then
  for d in contacts victims; do
    cli ingest --input "$dir/$d.csv" --dataset "$d" --warehouse "$wh" --run-date 2026-09-30 >/dev/null 2>&1
  done
fi
rm -rf "$wh/published" "$wh/ledger"
main ca.hotlinetrends.bench.TrendsBench "$wh" 2026Q3 2>/dev/null | tail -1
