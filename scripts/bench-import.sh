#!/usr/bin/env bash
# The movement import at scale (docs/performance.md): `ssa-admin
# import-movements` on a LINES-line file (1,000,000 by default, over SSAS
# SSAs, 100 by default) against a bare batched insert of the same rows into
# the same tables in one transaction, on SQLite and, when
# SSA_BENCH_POSTGRES_URL names a server (an admin URL, as
# scripts/throwaway-postgres.sh prints), on PostgreSQL too. Prints the
# seconds, rows per second, the ratio, and ssa-admin's peak RSS.
#
#   scripts/bench-import.sh [LINES] [SSAS]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SSA_TEST_KEYRING:-}" ]; then
  exec scripts/with-keyring.sh "$0" "$@"
fi
lines=${1:-1000000}
ssas=${2:-100}
tmp=$(mktemp -d /tmp/ssa-bench-import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

cargo build --quiet --release -p ssa-admin
target=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
admin="$target/release/ssa-admin"
bench() { cargo bench --quiet -p ssa-core --bench import_scale -- "$@"; }
bench write-files "$tmp/files" "$lines" "$ssas"
echo "file: $lines lines over $ssas SSAs, $(du -h "$tmp/files/movements.csv" | cut -f1)"

# A database with the schema and the stocks; with the SSAs' accounts too
# when asked (the real import refuses an unknown SSA; the bare insert
# checks nothing).
prepare() {
  local db=$1 with_accounts=$2
  "$admin" --database "$db" import-stocks "$tmp/files/stocks.csv" >/dev/null
  if [ "$with_accounts" = yes ]; then
    local n=0
    while read -r participant ssa_number; do
      n=$((n + 1))
      printf '%08d\n' 12345678 |
        "$admin" --database "$db" provision "$(printf '%08d' $((20000000 + n)))" "$participant" "$ssa_number" >/dev/null
    done <"$tmp/files/accounts.txt"
  fi
}

measure() {
  local name=$1 real_db=$2 bare_db=$3
  prepare "$real_db" yes
  prepare "$bare_db" no
  /usr/bin/time -f '%e %M' -o "$tmp/time" \
    "$admin" --database "$real_db" import-movements "$tmp/files/movements.csv"
  read -r real_s rss_kb <"$tmp/time"
  bare_s=$(bench bare-insert "$bare_db" "$tmp/files/movements.csv")
  awk -v n="$name" -v l="$lines" -v r="$real_s" -v b="$bare_s" -v m="$rss_kb" 'BEGIN {
    printf "%s: ssa-admin import-movements %.2f s (%.0f rows/s, peak RSS %.1f MB); bare batched insert %.2f s (%.0f rows/s); ratio %.2f\n",
      n, r, l / r, m / 1024, b, l / b, b / r }'
}

# SSA_BENCH_SQLITE=no measures PostgreSQL alone.
if [ "${SSA_BENCH_SQLITE:-yes}" != no ]; then
  measure SQLite "$tmp/real.db" "$tmp/bare.db"
fi

if [ -n "${SSA_BENCH_POSTGRES_URL:-}" ]; then
  base=${SSA_BENCH_POSTGRES_URL%/*}
  suffix=$$
  for name in real bare; do
    psql -q "$SSA_BENCH_POSTGRES_URL" -c "CREATE DATABASE bench_import_${name}_$suffix"
  done
  measure PostgreSQL "$base/bench_import_real_$suffix" "$base/bench_import_bare_$suffix"
  for name in real bare; do
    psql -q "$SSA_BENCH_POSTGRES_URL" -c "DROP DATABASE bench_import_${name}_$suffix"
  done
fi
