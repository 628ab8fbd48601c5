#!/usr/bin/env bash
# Ingest throughput on generated contacts, against a bare Spark job that reads the same CSV with the schema and
# writes Parquet (no validation). Each is run RUNS times (default 3), alternating, each in a fresh JVM; medians are
# printed (this 2-core machine's timings vary by 10-20% from one run to the next).
# Usage: [RUNS=3] bench/ingest.sh [N ...]   (default: 1000000 10000000)
source "$(dirname "$0")/common.sh"
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000000 10000000)
runs="${RUNS:-3}"
median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
printf '%-12s %12s %12s %14s %14s %8s   %s\n' contacts records bare_s ingest_s records_per_s ratio "ingest steps (median run)"
for n in "${sizes[@]}"; do
  dir="$BENCH_DATA/contacts-$n"
  if [ ! -f "$dir/contacts.csv" ]; then cli generate --out "$dir" --scale "$(scale_for "$n")" >/dev/null 2>&1; fi
  records=$(( $(wc -l < "$dir/contacts.csv") - 1 ))
  bares=(); ingests=(); steps=()
  for i in $(seq 1 "$runs"); do
    bares+=("$(main ca.hotlinetrends.bench.BareIngest "$dir/contacts.csv" contacts "$BENCH_DATA/bare-$n" 2>/dev/null | awk '/bare_ingest_seconds/{print $2}')")
    rm -rf "$BENCH_DATA/wh-$n"
    cli ingest --input "$dir/contacts.csv" --dataset contacts --warehouse "$BENCH_DATA/wh-$n" --run-date 2026-09-30 >/dev/null 2>&1
    m=$(ls "$BENCH_DATA"/wh-"$n"/restricted/runs/*/manifest.json)
    ingests+=("$(python3 -c "import json; print(json.load(open('$m'))['duration_seconds'])")")
    steps+=("$(python3 -c "import json; d=json.load(open('$m')); print(d['duration_seconds'], ' '.join('%s=%s' % (k.replace('_seconds',''), v) for k, v in d['stage_seconds'].items()))")")
  done
  bare=$(median "${bares[@]}"); ing=$(median "${ingests[@]}")
  mid=$(printf '%s\n' "${steps[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | cut -d' ' -f2-)
  python3 -c "print('%-12s %12d %12.1f %14.1f %14.0f %8.2f   %s' % ('$n', $records, $bare, $ing, $records/$ing, $ing/$bare, '$mid'))"
done
