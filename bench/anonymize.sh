#!/usr/bin/env bash
# The k-anonymity stage (its one-pass frequency count, the frequency table and the lattice search) against one plain
# Spark groupBy over the same quasi-identifiers and l-diversity attribute, on about 1M and 10M generated victims
# (generated with --datasets victims: the contacts of those cases are generated and discarded). Usage: bench/anonymize.sh [N ...]   (default: 1000000 10000000)
source "$(dirname "$0")/common.sh"
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000000 10000000)
for n in "${sizes[@]}"; do
  dir="$BENCH_DATA/victims-only-$n"
  wh="$BENCH_DATA/wh-victims-only-$n"
  scale=$(python3 -c "print(round($n/3829, 3))")
  if [ ! -f "$dir/victims.csv" ]; then cli generate --out "$dir" --scale "$scale" --datasets victims >/dev/null 2>&1; fi
  if [ ! -d "$wh/restricted/staged/victims" ]; then
    cli ingest --input "$dir/victims.csv" --dataset victims --warehouse "$wh" --run-date 2026-09-30 >/dev/null 2>&1
  fi
  echo "victims $n"
  main ca.hotlinetrends.bench.AnonymizeBench "$wh/restricted/staged/victims" 1 2>/dev/null
done
