#!/usr/bin/env bash
# Ingest throughput on generated contacts, against a bare Spark job that reads the same CSV with the schema and
# writes Parquet (no validation). Usage: bench/ingest.sh [N ...]   (default: 1000000 10000000)
source "$(dirname "$0")/common.sh"
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000000 10000000)
printf '%-12s %12s %12s %14s %14s %8s\n' contacts records bare_s ingest_s records_per_s ratio
for n in "${sizes[@]}"; do
  dir="$BENCH_DATA/contacts-$n"
  if [ ! -f "$dir/contacts.csv" ]; then cli generate --out "$dir" --scale "$(scale_for "$n")" >/dev/null 2>&1; fi
  records=$(( $(wc -l < "$dir/contacts.csv") - 1 ))
  bare=$(main ca.hotlinetrends.bench.BareIngest "$dir/contacts.csv" contacts "$BENCH_DATA/bare-$n" 2>/dev/null | awk '/bare_ingest_seconds/{print $2}')
  rm -rf "$BENCH_DATA/wh-$n"
  cli ingest --input "$dir/contacts.csv" --dataset contacts --warehouse "$BENCH_DATA/wh-$n" --run-date 2026-09-30 >/dev/null 2>&1
  ing=$(python3 -c "import json,glob; print(json.load(open(glob.glob('$BENCH_DATA/wh-$n/restricted/runs/*/manifest.json')[0]))['duration_seconds'])")
  python3 -c "print('%-12s %12d %12.1f %14.1f %14.0f %8.2f' % ('$n', $records, $bare, $ing, $records/$ing, $ing/$bare))"
done
