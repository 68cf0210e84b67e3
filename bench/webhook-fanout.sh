#!/usr/bin/env bash
# Webhook fan-out benchmark: 1,000 published apps installed in the demo customer account (Riverside
# Clinic), each with a webhook endpoint on a local receiver and a signing secret Gatehouse issued,
# each having read the same patients through the gateway; then (0) the receivers' own capacity
# (bench/FanoutBench.java posting signed payloads straight to them with Gatehouse's pool shape),
# (1) one erasure filed by the customer admin, delivered to all 1,000, and (2) a stream of erasures
# filed back to back: sustained deliveries per second. See bench/README.md, "Webhook fan-out".
#
#   bench/webhook-fanout.sh [--quick] [--keep] [--apps 1000] [--ports 10] [--stream 3] [--timeout 180]
#                           [--variant 'concurrency=5'] [--jar PATH]
#
# --timeout: seconds each phase (the single erasure, the stream) waits for its deliveries; a phase
# that times out is reported with what arrived (and the run exits non-zero at the end).
#
# --variant: after the measurement with the worker's defaults, Gatehouse is restarted on the same data
# with these gatehouse.webhooks.* settings and measured again (new subjects, same apps and receivers);
# '' skips it.
#
# Every data directory and log goes under bench/.work/runs/<timestamp>/ (git-ignored); the database and
# the apps' secrets are deleted at the end unless --keep.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
WORK="${BENCH_WORK:-$BENCH/.work}"
JAR="${GATEHOUSE_JAR:-$REPO/server/target/gatehouse.jar}"
JDK="${BENCH_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
QUICK=0
KEEP=0
APPS=""
NPORTS=10
STREAM=""
VARIANT="concurrency=5"
TIMEOUT=180
GH_PORT="${BENCH_GATEHOUSE_PORT:-28480}"
PG_PORT="${BENCH_GATEHOUSE_PG_PORT:-25484}"
RECEIVER_PORT0="${BENCH_RECEIVER_PORT:-28300}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --keep) KEEP=1 ;;
    --apps) APPS="$2"; shift ;;
    --ports) NPORTS="$2"; shift ;;
    --stream) STREAM="$2"; shift ;;
    --variant) VARIANT="$2"; shift ;;
    --timeout) TIMEOUT="$2"; shift ;;
    --jar) JAR="$2"; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [[ $QUICK == 1 ]]; then
  # Smoke check (about 4 minutes): 100 apps, two erasures in the stream; the figures mean nothing.
  APPS="${APPS:-100}"; STREAM="${STREAM:-2}"; BASELINE=200
else
  APPS="${APPS:-1000}"; STREAM="${STREAM:-3}"; BASELINE=$(( APPS * 5 ))
fi
(( APPS >= 1 && APPS <= 5000 )) || { echo "--apps: 1 to 5000" >&2; exit 2; }
(( NPORTS >= 1 && NPORTS <= 50 )) || { echo "--ports: 1 to 50" >&2; exit 2; }
(( STREAM >= 1 && STREAM <= 100 )) || { echo "--stream: 1 to 100" >&2; exit 2; }

export JAVA_HOME="$JDK"
JAVA="$JDK/bin/java"
[[ -x "$JAVA" ]] || { echo "no JDK 25 at $JDK (set BENCH_JDK)" >&2; exit 1; }
[[ -f "$JAR" ]] || { echo "no Gatehouse jar at $JAR: ./mvnw -B -q -ntp -pl server -am package -DskipTests" >&2; exit 1; }
command -v psql >/dev/null || { echo "no psql (apt-get install -y postgresql-client)" >&2; exit 1; }
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"

RUN="$WORK/runs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN/node"
LOADGEN=("$JAVA" -Xms256m -Xmx1g -XX:+UseSerialGC "$BENCH/FanoutBench.java")
PORTS="$(seq -s, "$RECEIVER_PORT0" $(( RECEIVER_PORT0 + NPORTS - 1 )))"

source "$BENCH/lib.sh" # say, start_group, stop_group, stop_started_groups, stop_embedded_pg, port_free, wait_http
cleanup() {
  stop_started_groups
  stop_embedded_pg "$RUN/node/data"
  if [[ $KEEP == 0 ]]; then
    rm -rf "$RUN/node/data" "$RUN/node/gatehouse-node.jar" "$RUN/apps.tsv"
  fi
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $GH_PORT $PG_PORT ${PORTS//,/ }; do
  port_free "$port" || { echo "port $port on 127.0.0.1 is in use: stop what listens there first" >&2; exit 1; }
done

{
  echo "# Webhook fan-out run $(basename "$RUN")"
  echo
  echo "- mode: $([[ $QUICK == 1 ]] && echo 'quick (smoke check, figures not meaningful)' || echo full); $APPS apps, receivers on $NPORTS ports ($PORTS), stream of $STREAM erasures, baseline of $BASELINE deliveries"
  echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- JDK: $("$JAVA" -version 2>&1 | sed -n 1p)"
  echo "- Gatehouse: $JAR ($(date -u -r "$JAR" +%Y-%m-%dT%H:%MZ), source commit $(git -C "$REPO" rev-parse --short HEAD))"
  echo
} > "$RUN/report.md"
say "run directory $RUN"

# --- Gatehouse: the demo profile on a fresh data dir; the jar copied (a rebuild cannot change it) ---
NODE_JAR="$RUN/node/gatehouse-node.jar"
DATA="$RUN/node/data"
cp "$JAR" "$NODE_JAR"
GH_PID=""
start_gatehouse() { # start_gatehouse LABEL [--gatehouse.webhooks.x=y ...]
  local label="$1"; shift
  say "Gatehouse ($label): starting on 127.0.0.1:$GH_PORT, embedded PostgreSQL on $PG_PORT $* (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # Default JVM options. The receivers are on loopback: allowlisted for the SSRF-safe client, over http.
  start_group "$RUN/node/server-$label.log" "$JAVA" -jar "$NODE_JAR" --spring.profiles.active=demo \
    --gatehouse.db.data-dir="$DATA" --gatehouse.db.embedded-port=$PG_PORT \
    --server.port=$GH_PORT --server.address=127.0.0.1 \
    --gatehouse.outbound.allowed-networks=127.0.0.1/32 --gatehouse.outbound.allowed-ports="$PORTS" \
    --gatehouse.webhooks.allow-http=true "$@"
  GH_PID=$STARTED_PID
  wait_http "http://127.0.0.1:$GH_PORT/actuator/health/readiness" 300 "$GH_PID"
  # The answer must come from this run's node, not from another process that took the port meanwhile.
  for _ in $(seq 1 30); do grep -q 'Started GatehouseApplication' "$RUN/node/server-$label.log" && break; sleep 1; done
  kill -0 "$GH_PID" 2>/dev/null && grep -q 'Started GatehouseApplication' "$RUN/node/server-$label.log" \
    || { say "Gatehouse ($label) did not start (another process on port $GH_PORT?): see $RUN/node/server-$label.log"; exit 1; }
  say "Gatehouse ($label): ready"
}
stop_gatehouse() {
  say "Gatehouse: stopping"
  stop_group "$GH_PID"
  stop_embedded_pg "$DATA"
}
PSQL=(psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1)

start_gatehouse defaults

# --- seeding: the apps through the developer API, the rest in SQL ------------------------------------
say "seed: $APPS apps through the developer API (Dana's personal access token), each with a webhook signing secret"
"${LOADGEN[@]}" seed --base "http://127.0.0.1:$GH_PORT" --logins "$DATA/demo-logins.tsv" --apps "$APPS" \
  --ports "$PORTS" --out "$RUN" | tee -a "$RUN/run.log"
ACCOUNT="$("${PSQL[@]}" -tAc "select id from marketplace.customer_accounts where name = 'Riverside Clinic'")"
OWNER="$("${PSQL[@]}" -tAc "select id from identity.users where email = 'owner@riverside-clinic.example'")"
[[ -n $ACCOUNT && -n $OWNER ]] || { say "no Riverside Clinic or its owner in the demo data"; exit 1; }
# Subjects for both measurements: fanout-a-0001.. (defaults) and fanout-b-0001.. (variant).
SUBJECTS=$(( STREAM + 1 ))
t0=$SECONDS
for prefix in fanout-a- fanout-b-; do
  "${PSQL[@]}" -v account="$ACCOUNT" -v owner="$OWNER" -v subjects="$SUBJECTS" \
    -v prefix="$prefix" -v install="$([[ $prefix == fanout-a- ]] && echo 1 || echo 0)" \
    -f "$BENCH/webhook-fanout-seed.sql" < "$RUN/apps-urls.tsv" >> "$RUN/seed-sql.log" 2>&1
done
say "seed: published, installed in Riverside Clinic ($ACCOUNT) and $SUBJECTS subjects x 2 touched per app, by SQL in $(( SECONDS - t0 )) s"
"${PSQL[@]}" -tA -F ' ' -c "select 'published bench apps:', count(*) from apps.apps where name like 'Fanout %' and status = 'PUBLISHED'
  union all select 'active installations in the account:', count(*) from marketplace.installations where account_id = '$ACCOUNT' and status = 'ACTIVE'
  union all select 'subject touches of the bench:', count(*) from accesslog.subject_touches where subject_id like 'fanout-%'" | tee -a "$RUN/run.log"

measure() { # measure LABEL PREFIX
  kill -0 "$GH_PID" 2>/dev/null || { say "Gatehouse has stopped: see $RUN/node"; exit 1; }
  say "measure ($1): baseline, one erasure to $APPS apps, then $STREAM erasures back to back"
  "${LOADGEN[@]}" run --base "http://127.0.0.1:$GH_PORT" --logins "$DATA/demo-logins.tsv" --account "$ACCOUNT" \
    --apps "$RUN/apps.tsv" --ports "$PORTS" --subjects "$2" --stream "$STREAM" --label "$1" \
    --baseline-deliveries "$BASELINE" --server-match "$NODE_JAR,$DATA/postgres" --out "$RUN/results.md" \
    --timeout-seconds "$TIMEOUT" | tee -a "$RUN/run.log" || { say "measure ($1): a phase timed out or failed"; FAILED=1; }
  # What the outbox recorded: attempts per delivery, and the worker's rounds as seen from attempt times.
  "${PSQL[@]}" -tA -F ' ' -c "select 'deliveries of the bench apps by status:', string_agg(st || '=' || n, ', ')
      from (select d.status st, count(*) n from webhooks.deliveries d join apps.apps a on a.id = d.app_id
            where a.name like 'Fanout %' group by d.status) s
    union all select 'attempts per delivery (max):', max(d.attempts)::text from webhooks.deliveries d join apps.apps a on a.id = d.app_id where a.name like 'Fanout %'
    union all select 'nodes that attempted:', count(distinct node)::text from webhooks.attempts" | sed 's/^/- /' | tee -a "$RUN/run.log" >> "$RUN/results.md"
  # Every attempt of the bench apps by outcome (status code, or the error's first words), slowest first.
  "${PSQL[@]}" -tA -F ' ' -c "select '- attempts:', count(*), coalesce(t.status_code::text, 'no status'), coalesce(left(t.error, 160), ''),
        'latency p50/max ms', percentile_disc(0.5) within group (order by t.latency_ms), max(t.latency_ms)
      from webhooks.attempts t join webhooks.deliveries d on d.id = t.delivery_id join apps.apps a on a.id = d.app_id
      where a.name like 'Fanout %' group by 3, 4 order by 2 desc" | tee -a "$RUN/run.log" >> "$RUN/results.md"
  echo >> "$RUN/results.md"
}

FAILED=0
measure "worker defaults (batch-size 50, poll-interval 1s)" fanout-a-
if [[ -n $VARIANT ]]; then
  # What the defaults left in the queue would be sent first by the next node and delay its figures:
  # cancelled (the status an operator's cancel sets), counted in the log.
  say "left pending by the defaults, cancelled before the variant: $("${PSQL[@]}" -tAc "with c as (update webhooks.deliveries d
      set status = 'CANCELLED', finished_at = now(), lease_until = null from apps.apps a
      where a.id = d.app_id and a.name like 'Fanout %' and d.status = 'PENDING' returning 1) select count(*) from c")"
  stop_gatehouse
  VARIANT_ARGS=()
  for kv in $VARIANT; do VARIANT_ARGS+=("--gatehouse.webhooks.$kv"); done
  start_gatehouse variant "${VARIANT_ARGS[@]}"
  measure "variant: $VARIANT" fanout-b-
fi

{
  echo "- wall time: $(( SECONDS / 60 )) min $(( SECONDS % 60 )) s; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  cat "$RUN/results.md"
} >> "$RUN/report.md"
say "done in $SECONDS s: $RUN/report.md"
echo
cat "$RUN/report.md"
exit "$FAILED"
