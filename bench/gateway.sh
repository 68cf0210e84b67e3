#!/usr/bin/env bash
# Gateway benchmark: the same GET of one resource of the sample clinic API (samples/clinic-api),
# (a) directly, (b) through nginx, (c) through Gatehouse's gateway with the Apache transport and
# (d) with the JDK transport; moderate load (open loop, fixed arrival rate) and throughput (closed
# loop at concurrency 8 and 32); the access log's ingestion during the throughput runs; then the
# access log's lineage queries on 10 million generated rows. See bench/README.md, "Gateway".
#
#   bench/gateway.sh [--quick|--medium] [--keep] [--no-profile] [--pin] [--rate 500] [--rows 10000000]
#                    [--jar PATH] [--clinic-jar PATH] [--lineage-only PG_PORT] [--no-lineage]
#                    [--transports listener,apache,jdk] [--jvm-opts "-XX:+UseZGC"] [--node-args "--spring.x=y"]
#                    [--node-sql FILE]   (SQL run on the node's database after it starts, before measuring)
#
# --lineage-only PG_PORT: only the lineage step, against a running Gatehouse database on that port
# (user postgres, no password), for instance one kept with --keep.
#
# Every data directory and log goes under bench/.work/runs/<timestamp>/ (git-ignored); the databases
# are deleted at the end unless --keep.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
WORK="${BENCH_WORK:-$BENCH/.work}"
JAR="${GATEHOUSE_JAR:-$REPO/server/target/gatehouse.jar}"
CLINIC_JAR="${CLINIC_JAR:-$REPO/samples/clinic-api/target/clinic-api.jar}"
JDK="${BENCH_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
NGINX="${BENCH_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
QUICK=0
KEEP=0
PROFILE=""
PIN=0
RATE=500
ROWS=""
LINEAGE_ONLY=""
NO_LINEAGE=0
TRANSPORTS="listener,apache,jdk"
NODE_JVM_OPTS="${BENCH_GATEHOUSE_JVM_OPTS:-}"
NODE_ARGS="${BENCH_GATEHOUSE_ARGS:-}"
NODE_SQL=""
UP_PORT="${BENCH_UPSTREAM_PORT:-28090}"
NGINX_PORT="${BENCH_NGINX_PORT:-28091}"
GH_PORT="${BENCH_GATEHOUSE_PORT:-28080}"
GL_PORT="${BENCH_GATEHOUSE_LISTENER_PORT:-28081}"
PG_PORT="${BENCH_GATEHOUSE_PG_PORT:-25433}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --medium) QUICK=2 ;;
    --keep) KEEP=1 ;;
    --no-profile) PROFILE=0 ;;
    --profile) PROFILE=1 ;;
    --pin) PIN=1 ;;
    --rate) RATE="$2"; shift ;;
    --rows) ROWS="$2"; shift ;;
    --lineage-only) LINEAGE_ONLY="$2"; shift ;;
    --no-lineage) NO_LINEAGE=1 ;;
    --transports) TRANSPORTS="$2"; shift ;;
    --jvm-opts) NODE_JVM_OPTS="$2"; shift ;;
    --node-args) NODE_ARGS="$2"; shift ;;
    --node-sql) NODE_SQL="$2"; shift ;;
    --jar) JAR="$2"; shift ;;
    --clinic-jar) CLINIC_JAR="$2"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [[ $QUICK == 2 ]]; then
  # Comparing two builds or settings (about 7 minutes without the JDK transport and lineage): 5 s
  # warm-up rounds until two agree within 5%, 15 s measured; figures for comparisons within a run.
  PRE_WARM=(--warmup-seconds 5 --warmup-max-rounds 4)
  OPEN=(--warmup-seconds 5 --seconds 15 --window-seconds 5)
  CLOSED=(--warmup-seconds 5 --warmup-max-rounds 3 --seconds 15 --window-seconds 5)
  ROWS="${ROWS:-1000000}"
  PROFILE="${PROFILE:-0}"
  PROFILE_SECONDS=30
elif [[ $QUICK == 1 ]]; then
  # Smoke check (about 5 minutes): every step, a few seconds each; the figures mean nothing.
  PRE_WARM=(--warmup-seconds 3 --warmup-max-rounds 2)
  OPEN=(--warmup-seconds 3 --seconds 6 --window-seconds 2)
  CLOSED=(--warmup-seconds 3 --warmup-max-rounds 2 --seconds 6 --window-seconds 2)
  ROWS="${ROWS:-200000}"
  PROFILE="${PROFILE:-0}"
  PROFILE_SECONDS=5
else
  # The method: closed-loop warm-up of every target (10 s rounds until two agree within 5%, at most
  # 6); then the open loop (10 s warm-up, 30 s measured); then per concurrency 10 s warm-up rounds
  # until two agree within 5% (at most 4) and 30 s measured.
  PRE_WARM=(--warmup-seconds 10 --warmup-max-rounds 6)
  OPEN=(--warmup-seconds 10 --seconds 30 --window-seconds 10)
  CLOSED=(--warmup-seconds 10 --warmup-max-rounds 4 --seconds 30 --window-seconds 10)
  ROWS="${ROWS:-10000000}"
  PROFILE="${PROFILE:-1}"
  PROFILE_SECONDS=20
fi

export JAVA_HOME="$JDK"
JAVA="$JDK/bin/java"
[[ -x "$JAVA" ]] || { echo "no JDK 25 at $JDK (set BENCH_JDK)" >&2; exit 1; }
[[ -f "$JAR" ]] || { echo "no Gatehouse jar at $JAR: ./mvnw -B -q -ntp -pl server -am package -DskipTests" >&2; exit 1; }
[[ -f "$CLINIC_JAR" ]] || { echo "no clinic API jar at $CLINIC_JAR: ./mvnw -B -q -ntp -pl samples/clinic-api -am package -DskipTests" >&2; exit 1; }
[[ -x "$NGINX" ]] || { echo "no nginx (apt-get install -y nginx; do not leave its service running)" >&2; exit 1; }
command -v psql >/dev/null || { echo "no psql (apt-get install -y postgresql-client)" >&2; exit 1; }
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"
CLINIC_JAR="$(cd "$(dirname "$CLINIC_JAR")" && pwd)/$(basename "$CLINIC_JAR")"

RUN="$WORK/runs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
LOADGEN=("$JAVA" -Xms256m -Xmx1g -XX:+UseSerialGC "$BENCH/GatewayBench.java")
if [[ $PIN == 1 ]]; then
  # The load generator on CPU 1 only; the servers may use both.
  LOADGEN=(taskset -c 1 "${LOADGEN[@]}")
fi
USER_NAME="owner@riverside-clinic.example"
USER_PASSWORD="gatehouse-demo-2026"
# Northwind Reminders asks for appointments:read and messages:send (DemoApps); the measured route,
# GET /platform/v1/appointments/{id} (appointments.read), needs appointments:read.
SCOPE="appointments:read"
REDIRECT="http://localhost:3000/callback"
TSV="$RUN/gateway.tsv"

source "$BENCH/lib.sh" # say, start_group, stop_group, stop_started_groups, stop_embedded_pg, port_free, wait_http
cleanup() {
  stop_started_groups
  stop_embedded_pg "$RUN/node/data"
  if [[ $KEEP == 0 ]]; then
    rm -rf "$RUN/node/data" "$RUN/node/gatehouse-node.jar" "$RUN/nginx/temp"
  fi
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $UP_PORT $NGINX_PORT $GH_PORT $GL_PORT $PG_PORT; do
  [[ -z $LINEAGE_ONLY ]] || break
  port_free "$port" || { echo "port $port on 127.0.0.1 is in use: stop what listens there first" >&2; exit 1; }
done

# --- the machine, for the report -----------------------------------------------------------------
ACCESSLOG_MODULE="no (placeholder AccessLog: nothing is written)"
if [[ -d "$REPO/server/src/main/java/dev/gatehouse/accesslog/internal" ]]; then ACCESSLOG_MODULE="yes"; fi
{
  echo "# Gateway benchmark run $(basename "$RUN")"
  echo
  echo "- mode: $(case $QUICK in 1) echo "quick (smoke check, figures not meaningful)";; 2) echo "medium (15 s windows, for comparisons)";; *) echo full;; esac); open loop at $RATE req/s; closed loop at concurrency 8 and 32; load generator bench/GatewayBench.java (plain-socket HTTP/1.1 keep-alive client)$([[ $PIN == 1 ]] && echo ', pinned to CPU 1 with taskset')"
  echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- JDK: $("$JAVA" -version 2>&1 | sed -n 1p); nginx: $("$NGINX" -v 2>&1 | sed 's/^nginx version: //')"
  echo "- Gatehouse: $JAR ($(date -u -r "$JAR" +%Y-%m-%dT%H:%MZ), source commit $(git -C "$REPO" rev-parse --short HEAD)); access-log module present: $ACCESSLOG_MODULE"
  echo "- upstream: samples/clinic-api ($CLINIC_JAR), JDK HttpServer, virtual thread per request"
} > "$RUN/report.md"

say "run directory $RUN"
if [[ -z $LINEAGE_ONLY ]]; then
# --- upstream and nginx ------------------------------------------------------------------------------
say "clinic API (upstream) on 127.0.0.1:$UP_PORT"
start_group "$RUN/clinic-api.log" "$JAVA" -jar "$CLINIC_JAR" --port=$UP_PORT --bind=127.0.0.1 --keep-requests=0
UP_PID=$STARTED_PID
wait_http "http://127.0.0.1:$UP_PORT/health" 60 "$UP_PID"

say "nginx on 127.0.0.1:$NGINX_PORT -> upstream (keep-alive pool)"
start_nginx "$RUN/nginx" "$NGINX_PORT" "$UP_PORT"
NGINX_PID=$STARTED_PID
wait_http "http://127.0.0.1:$NGINX_PORT/health" 30 "$NGINX_PID"

# --- Gatehouse: one node, restarted with the other transport on the same data dir -------------------
# The same data dir keeps the demo customer account, its installation and the refresh token, so both
# transports serve the same resource (same upstream response) to the same token chain. The jar is
# copied into the run dir: a rebuild of server/target during the run cannot change it under the JVM.
NODE_JAR="$RUN/node/gatehouse-node.jar"
DATA="$RUN/node/data"
STATE="$RUN/node/state.properties"
METRICS_SESSION="$RUN/node/metrics-session"
mkdir -p "$RUN/node"
cp "$JAR" "$NODE_JAR"
GH_PID=""
start_gatehouse() { # start_gatehouse TRANSPORT
  local transport="$1"
  say "Gatehouse: starting on 127.0.0.1:$GH_PORT, transport=$transport, embedded PostgreSQL on $PG_PORT (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # Default JVM options, plus a GC log (pauses explain latency tails).
  # shellcheck disable=SC2086
  start_group "$RUN/node/server-$transport.log" "$JAVA" "-Xlog:gc:file=$RUN/node/gc-$transport.log:uptime,level" $NODE_JVM_OPTS \
    -jar "$NODE_JAR" --spring.profiles.active=demo \
    --gatehouse.db.data-dir="$DATA" --gatehouse.db.embedded-port=$PG_PORT \
    --server.port=$GH_PORT --server.address=127.0.0.1 \
    --gatehouse.gateway.listener.port=$GL_PORT --gatehouse.gateway.listener.address=127.0.0.1 \
    --gatehouse.samples.clinic-api-url=http://127.0.0.1:$UP_PORT \
    --gatehouse.gateway.transport=$transport \
    --management.endpoints.web.exposure.include=health,info,prometheus,metrics \
    --gatehouse.gateway.limits.source=configuration \
    --gatehouse.gateway.limits.requests-per-minute=1000000000 \
    --gatehouse.gateway.limits.burst=1000000000 \
    --gatehouse.gateway.limits.per-installation-per-minute=1000000000 $NODE_ARGS
  GH_PID=$STARTED_PID
  wait_http "http://127.0.0.1:$GH_PORT/actuator/health/readiness" 300 "$GH_PID"
  say "Gatehouse ($transport): ready"
  if [[ -n $NODE_SQL ]]; then
    # An experiment on the node's database (for instance another index), run before measuring.
    say "Gatehouse ($transport): running $NODE_SQL on its database"
    psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -f "$NODE_SQL" >> "$RUN/run.log" 2>&1
  fi
}
stop_gatehouse() {
  say "Gatehouse: stopping"
  stop_group "$GH_PID"
  stop_embedded_pg "$DATA"
}
client_args() { # the demo production client of Northwind Reminders
  local client_id secret
  IFS=$'\t' read -r _ client_id secret < <(grep -m1 $'^Northwind Reminders\t' "$DATA/demo-clients.tsv")
  echo "--client-id $client_id --client-secret $secret"
}
refresh_token() {
  # shellcheck disable=SC2046
  "${LOADGEN[@]}" refresh --state "$STATE" $(client_args) >> "$RUN/run.log"
}
alive() { # fail loudly if a server we started has gone (another user's pkill has stopped ours before)
  local pid
  for pid in "$UP_PID" "$NGINX_PID" ${GH_PID:+"$GH_PID"}; do
    kill -0 "$pid" 2>/dev/null || { say "a server of this run (pid $pid) has stopped: see its log in $RUN"; exit 1; }
  done
}
target_args() { # target_args LABEL: the load generator's target options
  case "$1" in
    direct) echo "--url http://127.0.0.1:$UP_PORT --as upstream --state $STATE --server-match $CLINIC_JAR" ;;
    nginx) echo "--url http://127.0.0.1:$NGINX_PORT --as upstream --state $STATE --server-match $CLINIC_JAR,$RUN/nginx/" ;;
    gateway-listener) echo "--url http://127.0.0.1:$GL_PORT/platform --as gateway --state $STATE --server-match $CLINIC_JAR,$NODE_JAR,$DATA/ --metrics-url http://127.0.0.1:$GH_PORT/actuator/metrics --metrics-session-file $METRICS_SESSION" ;;
    gateway-*) echo "--url http://127.0.0.1:$GH_PORT/platform --as gateway --state $STATE --server-match $CLINIC_JAR,$NODE_JAR,$DATA/ --metrics-url http://127.0.0.1:$GH_PORT/actuator/metrics --metrics-session-file $METRICS_SESSION" ;;
  esac
}

# measure LABEL...: warm-up, open loop, closed loop at 8 and 32, for each label in turn
measure() {
  local t c
  for t in "$@"; do
    alive; refresh_token
    # shellcheck disable=SC2046
    "${LOADGEN[@]}" closed --label "$t" $(target_args "$t") --concurrency 8 "${PRE_WARM[@]}" --seconds 1 | tee -a "$RUN/run.log"
  done
  for t in "$@"; do
    alive; refresh_token
    # shellcheck disable=SC2046
    "${LOADGEN[@]}" open --label "$t" $(target_args "$t") --rate "$RATE" "${OPEN[@]}" --out "$TSV" | tee -a "$RUN/run.log"
  done
  for c in 8 32; do
    for t in "$@"; do
      alive; refresh_token
      # shellcheck disable=SC2046
      "${LOADGEN[@]}" closed --label "$t" $(target_args "$t") --concurrency "$c" "${CLOSED[@]}" --out "$TSV" | tee -a "$RUN/run.log"
    done
  done
}
profile() { # profile TRANSPORT: JFR while the gateway is loaded, after its measurements
  [[ $PROFILE == 1 ]] || return 0
  alive; refresh_token
  say "Gatehouse ($1): JFR profile, closed loop c=32 for $PROFILE_SECONDS s"
  "$JDK/bin/jcmd" "$GH_PID" JFR.start name=gw settings=profile filename="$RUN/gateway-$1.jfr" >/dev/null
  # shellcheck disable=SC2046
  "${LOADGEN[@]}" closed --label "gateway-$1 (profiled)" $(target_args "gateway-$1") --concurrency 32 \
    --warmup-seconds 0 --seconds "$PROFILE_SECONDS" > "$RUN/gateway-$1.profiled-run.txt"
  "$JDK/bin/jcmd" "$GH_PID" JFR.stop name=gw >/dev/null
  "$JAVA" -Xmx1g "$BENCH/TokenBench.java" jfr "$RUN/gateway-$1.jfr" 30 > "$RUN/gateway-$1.hotspots.txt"
}

start_gatehouse apache
# shellcheck disable=SC2046
"${LOADGEN[@]}" token --base "http://127.0.0.1:$GH_PORT" $(client_args) \
  --username "$USER_NAME" --password "$USER_PASSWORD" --scope "$SCOPE" --redirect-uri "$REDIRECT" --state "$STATE" \
  | tee -a "$RUN/run.log"
# The access log's meters: /actuator/prometheus wants an operator's personal access token with
# metrics:read, which cannot be created at this commit (the UI answers 500: NewAccessToken is not
# Serializable for the session's flash attributes); so an operator session (password + TOTP from the
# demo's logins file) reads the same meters from /actuator/metrics/{name}, exposed for this run.
"${LOADGEN[@]}" metrics-session --base "http://127.0.0.1:$GH_PORT" --logins "$DATA/demo-logins.tsv" --out "$METRICS_SESSION" \
  | tee -a "$RUN/run.log"
if curl -sf -m 5 -H "Cookie: $(cat "$METRICS_SESSION")" "http://127.0.0.1:$GH_PORT/actuator/metrics/gatehouse.accesslog.rows.written" >/dev/null; then
  say "access log meters: found (gatehouse.accesslog.rows.written)"
else
  say "access log meters: NOT found (placeholder access log in this build?)"
fi

# The first node serves both fronts: the dedicated listener (Netty) and the servlet filter on
# Gatehouse's port with the Apache transport.
FIRST=()
[[ ",$TRANSPORTS," == *,listener,* ]] && FIRST+=(gateway-listener)
[[ ",$TRANSPORTS," == *,apache,* ]] && FIRST+=(gateway-apache)
measure direct nginx "${FIRST[@]}"
for t in "${FIRST[@]}"; do profile "${t#gateway-}"; done
if [[ ",$TRANSPORTS," == *,jdk,* ]]; then
  stop_gatehouse
  start_gatehouse jdk
  measure gateway-jdk
  profile jdk
fi

else
  PG_PORT="$LINEAGE_ONLY"; ACCESSLOG_MODULE=yes
fi

# --- 4. the lineage queries on generated access-log rows ------------------------------------------
PSQL=(psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1)
LINEAGE_MD="$RUN/lineage.md"
lineage_step() {
  if [[ $ACCESSLOG_MODULE == yes ]] && [[ "$("${PSQL[@]}" -tAc "select to_regclass('accesslog.subject_touches') is not null")" == t ]]; then
    say "lineage: generating $ROWS calls over 30 days into accesslog.api_calls and accesslog.subject_touches (port $PG_PORT)"
    t0=$SECONDS
    "${PSQL[@]}" -f "$BENCH/gateway-lineage-prepare.sql" > "$RUN/lineage-generate.log" 2>&1
    # Chunks of at most a million calls, two sessions at a time (two cores).
    load_chunk() { "${PSQL[@]}" -v lo="$1" -v hi="$2" -f "$BENCH/gateway-lineage-chunk.sql" >> "$RUN/lineage-generate.log" 2>&1; }
    chunk=1000000; lo=1; CHUNK_PIDS=()
    while (( lo <= ROWS )); do
      hi=$(( lo + chunk - 1 )); (( hi > ROWS )) && hi=$ROWS
      load_chunk "$lo" "$hi" &
      CHUNK_PIDS+=($!)
      if (( ${#CHUNK_PIDS[@]} >= 2 )); then
        wait "${CHUNK_PIDS[0]}" || { say "lineage: a chunk failed (see lineage-generate.log)"; return 1; }
        CHUNK_PIDS=("${CHUNK_PIDS[@]:1}")
      fi
      lo=$(( hi + 1 ))
    done
    for pid in "${CHUNK_PIDS[@]}"; do wait "$pid" || { say "lineage: a chunk failed (see lineage-generate.log)"; return 1; }; done
    t1=$SECONDS
    "${PSQL[@]}" -f "$BENCH/gateway-lineage-finish.sql" >> "$RUN/lineage-generate.log" 2>&1
    LOAD_S=$(( t1 - t0 )); INDEX_S=$(( SECONDS - t1 ))
    say "lineage: loaded in $LOAD_S s (two sessions), the module's five indexes built and ANALYZE in $INDEX_S s"
    "${PSQL[@]}" -tA -F $'\t' -c "select 'api_calls', (select count(*) from accesslog.api_calls),
              pg_size_pretty((select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'accesslog.api_calls'::regclass))
       union all select 'subject_touches', (select count(*) from accesslog.subject_touches),
              pg_size_pretty((select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'accesslog.subject_touches'::regclass))" > "$RUN/lineage-counts.tsv"
    # 50 random subjects that exist (account, subject), the module's query per subject over the 30 days.
    "${PSQL[@]}" -tA -F $'\t' -c "select customer_account_id, subject_id from accesslog.subject_touches tablesample system (0.1) repeatable (7) limit 5000" \
      | shuf -n 50 --random-source=<(yes) > "$RUN/lineage-subjects.tsv"
    {
      echo '\timing on'
      echo '\o /dev/null'
      # CallQueries.appsTouchingSubject, as PostgreSQL's JDBC driver runs it: a prepared statement.
      echo "prepare lineage(uuid, text, timestamptz, timestamptz) as
  select t.app_id, t.installation_id, min(t.occurred_at) as first_touch, max(t.occurred_at) as last_touch,
         count(distinct t.call_id) as calls,
         array_remove(array_agg(distinct c.category order by c.category), null) as categories
  from accesslog.subject_touches t
  left join lateral unnest(t.data_categories) as c(category) on true
  where t.customer_account_id = \$1 and t.subject_id = \$2
    and t.occurred_at >= \$3 and t.occurred_at < \$4
  group by t.app_id, t.installation_id
  order by last_touch desc;"
      while IFS=$'\t' read -r account subject; do
        echo "execute lineage('$account', '$subject', now() - interval '31 days', now() + interval '1 day');"
      done < "$RUN/lineage-subjects.tsv"
    } > "$RUN/lineage-queries.sql"
    "${PSQL[@]}" -f "$RUN/lineage-queries.sql" > "$RUN/lineage-queries.out" 2>&1
    IFS=$'\t' read -r account subject < "$RUN/lineage-subjects.tsv"
    "${PSQL[@]}" -c "explain (analyze, buffers) select t.app_id, t.installation_id, min(t.occurred_at) as first_touch, max(t.occurred_at) as last_touch, count(distinct t.call_id) as calls, array_remove(array_agg(distinct c.category order by c.category), null) as categories from accesslog.subject_touches t left join lateral unnest(t.data_categories) as c(category) on true where t.customer_account_id = '$account' and t.subject_id = '$subject' and t.occurred_at >= now() - interval '31 days' and t.occurred_at < now() + interval '1 day' group by t.app_id, t.installation_id order by last_touch desc" > "$RUN/lineage-explain.txt" 2>&1
    # CallQueries.SUBJECT_TOUCHES (AccessLog.subjectsTouched, an incident's blast radius): one app, 7 days;
    # the busiest app and a middling one.
    "${PSQL[@]}" -tA -F $'\t' -c "select app_id, count(*) from accesslog.subject_touches where occurred_at >= now() - interval '7 days' group by 1 order by 2 desc" > "$RUN/blast-apps.tsv"
    {
      echo '\timing on'
      echo '\o /dev/null'
      echo "prepare blast(uuid[], timestamptz, timestamptz) as
  select customer_account_id, subject_id, app_id, data_categories, count(*) as touches
  from accesslog.subject_touches
  where app_id = any(\$1) and occurred_at >= \$2 and occurred_at < \$3
  group by customer_account_id, subject_id, app_id, data_categories;"
      # The busiest app (in a full run: Northwind Reminders, with the benchmark's own calls), the second and the 25th.
    for app in "$(sed -n 1p "$RUN/blast-apps.tsv" | cut -f1)" "$(sed -n 2p "$RUN/blast-apps.tsv" | cut -f1)" "$(sed -n 25p "$RUN/blast-apps.tsv" | cut -f1)"; do
        for _ in 1 2 3; do echo "execute blast('{$app}', now() - interval '7 days', now());"; done
      done
    } > "$RUN/blast-queries.sql"
    "${PSQL[@]}" -f "$RUN/blast-queries.sql" > "$RUN/blast-queries.out" 2>&1
    {
      echo "### Lineage queries on generated access-log rows"
      echo
      echo "Rows (table, rows, size on disk with its indexes):"
      echo
      sed 's/^/- /' "$RUN/lineage-counts.tsv"
      echo "- generated in $LOAD_S s (two psql sessions, indexes dropped), indexes built and ANALYZE in $INDEX_S s"
      echo
      grep '^Time:' "$RUN/lineage-queries.out" | sed -n '2,$p' | awk '{print $2}' | sort -n | awk '
        {v[NR]=$1} END {n=NR; if (n==0) {print "- appsTouchingSubject: no timings"; exit}
          p50=v[int((n+1)/2)]; p99=v[(n*0.99==int(n*0.99))?n*0.99:int(n*0.99)+1]; max=v[n];
          printf "- CallQueries.appsTouchingSubject (account, subject, 31-day window), %d random subjects: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", n, p50, p99, max}'
      awk -F'\t' 'NR==1{printf "- CallQueries.subjectsTouched (blast radius), busiest app (%s touches in 7 days): ", $2} NR==25{mid=$2} END{}' "$RUN/blast-apps.tsv"
      grep '^Time:' "$RUN/blast-queries.out" | sed -n '2,4p' | awk '{printf "%s ms ", $2}'
      echo
      echo "- CallQueries.subjectsTouched, the second busiest app ($(sed -n 2p "$RUN/blast-apps.tsv" | cut -f2) touches in 7 days): $(grep '^Time:' "$RUN/blast-queries.out" | sed -n '5,7p' | awk '{printf "%s ms ", $2}')"
    echo "- CallQueries.subjectsTouched, the 25th app ($(sed -n 25p "$RUN/blast-apps.tsv" | cut -f2) touches in 7 days): $(grep '^Time:' "$RUN/blast-queries.out" | sed -n '8,10p' | awk '{printf "%s ms ", $2}')"
      echo
      echo "Plan of one lineage query (EXPLAIN ANALYZE, BUFFERS):"
      echo
      echo '```'
      # (no "| head" under pipefail: the writer's SIGPIPE would end the script)
      awk '!/^-*$/ && !/QUERY PLAN/ && ++n <= 24' "$RUN/lineage-explain.txt"
      echo "   ... (one index scan per day partition)"
      grep 'Planning Time\|Execution Time' "$RUN/lineage-explain.txt"
      echo '```'
    } > "$LINEAGE_MD"
  else
    echo "### Lineage queries: skipped (no access-log module or no accesslog.subject_touches table)" > "$LINEAGE_MD"
    say "lineage: skipped (no access-log module in this build)"
  fi
}
# A failure here must not lose the gateway's figures: they are in gateway.tsv and go into the report.
if [[ $NO_LINEAGE == 1 ]]; then say "lineage: skipped (--no-lineage)"; else
lineage_step || { say "lineage: the step failed (see lineage-*.log and run.log)"; echo "### Lineage queries: the step FAILED (see lineage-generate.log)" >> "$LINEAGE_MD"; }
fi

{
  echo "- wall time: $(( SECONDS / 60 )) min $(( SECONDS % 60 )) s; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  "${LOADGEN[@]}" report "$RUN"
  echo
  echo "### GC pauses of the Gatehouse node (whole run of each transport, start-up included; $RUN/node/gc-*.log)"
  echo
  for tr in apache jdk; do
    [[ -f "$RUN/node/gc-$tr.log" ]] || continue
    awk -v t="$tr" '/Using / && !g {sub(/.*Using /, ""); g=$0} /Pause/ {ms=$NF; sub("ms", "", ms); n++; sum+=ms; if (ms+0 > max+0) max=ms; if (ms+0 >= 5) over5++}
      END {printf "- node with the %s transport (the listener shares it): %s; %d pauses, %.0f ms in all, longest %.1f ms, %d of 5 ms or more\n", t, g, n, sum, max, over5}' "$RUN/node/gc-$tr.log"
  done
  echo
  [[ -f "$LINEAGE_MD" ]] && cat "$LINEAGE_MD"
  if ls "$RUN"/gateway-*.hotspots.txt >/dev/null 2>&1; then
    echo
    echo "JFR hot spots: $RUN/gateway-<transport>.hotspots.txt (recordings gateway-<transport>.jfr)"
  fi
} >> "$RUN/report.md"
say "done in $SECONDS s: $RUN/report.md"
echo
cat "$RUN/report.md"
