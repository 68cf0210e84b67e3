#!/usr/bin/env bash
# The blast-radius query (AccessLog.subjectsTouched, an incident's first step) on the lineage
# generator's rows (gateway-lineage-*.sql), before and after accesslog V2. See bench/README.md,
# "Blast radius". Against a running Gatehouse-schema PostgreSQL (user postgres, no password):
#
#   bench/blast-radius.sh PG_PORT apps          # which apps to time (busiest, 2nd, 25th by 7-day touches) -> $OUT/blast-apps.tsv
#   bench/blast-radius.sh PG_PORT old           # the query as it was before V2 (lateral unnest, count(distinct call_id))
#   bench/blast-radius.sh PG_PORT new           # CallQueries.SUBJECT_TOUCHES (group by the category array, count(*))
#
# Each app: 7-day window, three runs; the busiest also over the 31-day window. Prepared statements,
# as PostgreSQL's JDBC driver runs them; every row is fetched (\o /dev/null), psql's \timing.
set -euo pipefail
PORT="$1"; MODE="$2"
OUT="${BLAST_OUT:-$(dirname "$0")/.work/blast}"
mkdir -p "$OUT"
PSQL=(psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1)
if [[ $MODE == apps ]]; then
  "${PSQL[@]}" -tA -F $'\t' -c "select app_id, count(*) from accesslog.subject_touches
      where occurred_at >= now() - interval '7 days' group by 1 order by 2 desc" > "$OUT/blast-apps.tsv"
  exit 0
fi
case "$MODE" in
  old) QUERY="select t.customer_account_id, t.subject_id, count(distinct t.call_id) as touches,
         array_remove(array_agg(distinct c.category), null) as categories
  from accesslog.subject_touches t
  left join lateral unnest(t.data_categories) as c(category) on true
  where t.app_id = \$1 and t.occurred_at >= \$2 and t.occurred_at < \$3
  group by t.customer_account_id, t.subject_id
  order by t.customer_account_id, t.subject_id" ; ARG='$APP' ;;
  new) QUERY="select customer_account_id, subject_id, app_id, data_categories, count(*) as touches
  from accesslog.subject_touches
  where app_id = any(\$1) and occurred_at >= \$2 and occurred_at < \$3
  group by customer_account_id, subject_id, app_id, data_categories" ; ARG='{$APP}' ;;
  *) echo "mode: apps, old or new" >&2; exit 2 ;;
esac
TYPE=$([[ $MODE == old ]] && echo uuid || echo 'uuid[]')
{
  echo '\timing on'
  echo '\o /dev/null'
  echo "prepare blast($TYPE, timestamptz, timestamptz) as $QUERY;"
  for n in 1 2 25; do
    APP=$(sed -n "${n}p" "$OUT/blast-apps.tsv" | cut -f1)
    for _ in 1 2 3; do echo "execute blast('${ARG/\$APP/$APP}', now() - interval '7 days', now());"; done
  done
  APP=$(sed -n 1p "$OUT/blast-apps.tsv" | cut -f1)
  for _ in 1 2 3; do echo "execute blast('${ARG/\$APP/$APP}', now() - interval '31 days', now());"; done
  echo '\o'
  echo "explain (analyze, buffers) execute blast('${ARG/\$APP/$APP}', now() - interval '7 days', now());"
} > "$OUT/$MODE-queries.sql"
"${PSQL[@]}" -f "$OUT/$MODE-queries.sql" > "$OUT/$MODE.out" 2>&1
echo "$MODE: ms per run (busiest x3, 2nd x3, 25th x3 over 7 days; busiest x3 over 31 days)"
grep '^Time:' "$OUT/$MODE.out" | sed -n '2,13p' | awk '{printf "%s ", $2} END {print ""}'
grep -E 'Execution Time|Index Only Scan|Index Scan|Heap Fetches|HashAggregate|Sort' "$OUT/$MODE.out" | sort | uniq -c | sort -rn | head -8
