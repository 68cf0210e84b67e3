#!/usr/bin/env bash
# The monitoring detectors' statements (bench/monitoring-detectors.sql) on 10 million generated
# access-log rows (bench/gateway-lineage-*.sql, the lineage benchmark's generator), on a fresh
# PostgreSQL with Gatehouse's settings and the access log's V1 migration.
#
# usage: bench/monitoring-detectors.sh [--rows N] [--port PG_PORT] [--rounds N] [--keep]
#        bench/monitoring-detectors.sh --measure-only --port PG_PORT [--rounds N]
#
# Loading happens first; the measurement then takes the machine's bench lock (BENCH_LOCK, default
# /work/.bench-lock) and, before each round, waits until no test JVM (surefire, Maven) runs outside
# this work tree; a round during which one started is measured again. Everything goes under
# bench/.work/monitoring/<timestamp>/; --keep leaves the database running (its port and directory
# are in run.log) for a later --measure-only.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
ROWS=10000000
PORT=25460
ROUNDS=3
KEEP=0
MEASURE_ONLY=0
LOCK="${BENCH_LOCK:-/work/.bench-lock}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) ROWS="$2"; shift ;;
    --port) PORT="$2"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    --keep) KEEP=1 ;;
    --measure-only) MEASURE_ONLY=1; KEEP=1 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
PGBIN="${BENCH_PGBIN:-$(dirname "$(command -v pg_ctl)")}"
RUN="$BENCH/.work/monitoring/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
# PostgreSQL refuses to run as root: as root, the server runs as the postgres user from a data
# directory outside the work tree that it owns.
AS=()
PGDATA_DIR="$RUN/pg"
if [[ $(id -u) == 0 ]]; then
  AS=(runuser -u "${BENCH_PG_USER:-postgres}" --)
  PGDATA_DIR="$(mktemp -d /tmp/gatehouse-monitoring-bench.XXXXXX)/pg"
  chown "${BENCH_PG_USER:-postgres}" "$(dirname "$PGDATA_DIR")"
fi
PSQL=(psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1)
say() { echo "$(date -u +%H:%M:%S) $*" | tee -a "$RUN/run.log"; }
LOCKED=0
cleanup() {
  [[ $LOCKED == 1 ]] && rmdir "$LOCK" 2>/dev/null || true
  if [[ $KEEP == 0 ]]; then
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop > /dev/null 2>&1 || true
    rm -rf "$PGDATA_DIR"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

foreign_jvms() { pgrep -af 'surefire|plexus-classworlds' | grep -v "$REPO" | grep -c . || true; }
if [[ $MEASURE_ONLY == 0 ]]; then
say "PostgreSQL ($("$PGBIN/postgres" --version)) in $PGDATA_DIR on port $PORT"
"${AS[@]}" "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 > "$RUN/initdb.log" 2>&1
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$(dirname "$PGDATA_DIR")/postgres.log" -o "-p $PORT -c listen_addresses=127.0.0.1 -c shared_buffers=128MB -c max_connections=200" -w start > /dev/null
"${PSQL[@]}" -f "$REPO/server/src/main/resources/db/migration/accesslog/V1__create_accesslog_schema.sql"

say "loading $ROWS calls over 30 days (two sessions)"
"${PSQL[@]}" -f "$BENCH/gateway-lineage-prepare.sql" > "$RUN/generate.log" 2>&1
HALF=$((ROWS / 2))
"${PSQL[@]}" -v lo=1 -v hi=$HALF -f "$BENCH/gateway-lineage-chunk.sql" >> "$RUN/generate.log" 2>&1 &
P1=$!
"${PSQL[@]}" -v lo=$((HALF + 1)) -v hi=$ROWS -f "$BENCH/gateway-lineage-chunk.sql" >> "$RUN/generate.log" 2>&1 &
P2=$!
wait $P1; wait $P2
"${PSQL[@]}" -f "$BENCH/gateway-lineage-finish.sql" >> "$RUN/generate.log" 2>&1
"${PSQL[@]}" -At -c "select count(*), pg_size_pretty((select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'accesslog.api_calls'::regclass)) from accesslog.api_calls" | tee -a "$RUN/run.log"

fi

say "waiting for the bench lock $LOCK"
until mkdir "$LOCK" 2>/dev/null; do sleep 15; done
LOCKED=1
say "lock taken"
round=1
tries=0
while (( round <= ROUNDS && tries < 3 * ROUNDS )); do
  while [[ $(foreign_jvms) != 0 ]]; do sleep 5; done
  tries=$((tries + 1))
  say "round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  "${PSQL[@]}" -f "$BENCH/monitoring-detectors.sql" > "$RUN/round-$round.out" 2>&1 &
  QUERY=$!
  DISTURBED=0
  while kill -0 "$QUERY" 2>/dev/null; do
    [[ $(foreign_jvms) != 0 ]] && DISTURBED=1
    sleep 1
  done
  wait "$QUERY"
  if [[ $DISTURBED == 1 ]]; then
    say "round $round: a test JVM started meanwhile; measuring it again"
  else
    round=$((round + 1))
  fi
done
ROUNDS=$((round - 1))
rmdir "$LOCK"; LOCKED=0
say "lock released"

# One line per statement: its label and the times of the rounds.
for round in $(seq 1 "$ROUNDS"); do
  awk '/^(lastScope|routes|subject|probing|message|network|upstream)/{label=$0} /^Time:/{if(label!=""){print label "\t" $2; label=""}}' "$RUN/round-$round.out"
done | awk -F'\t' '{t[$1]=t[$1] (t[$1]==""?"":", ") $2; if(!($1 in seen)){order[++n]=$1; seen[$1]=1}} END{for(i=1;i<=n;i++) print "| " order[i] " | " t[order[i]] " |"}' | tee "$RUN/times.md"
say "done: $RUN/times.md"
