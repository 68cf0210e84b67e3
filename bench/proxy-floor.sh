#!/usr/bin/env bash
# The floor of each proxy stack: minimal proxies with no gateway logic (no token, no limits, no access
# log) in front of the sample clinic API, against the API called directly and nginx, in the same run.
# What the gateway's listener was chosen by; see bench/README.md, "Which stack".
#
#   bench/proxy-floor.sh [--seconds 15] [TARGET...]
#
# TARGETs: direct nginx TomcatProxy TomcatPlatform NettyProxy NettyVtProxy JdkProxy HelidonProxy
# (default: all, then nginx again to show drift). Needs the clinic API jar and nginx (as gateway.sh).
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
JDK="${BENCH_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME="$JDK" PATH="$JDK/bin:$PATH"
CLINIC_JAR="${CLINIC_JAR:-$REPO/samples/clinic-api/target/clinic-api.jar}"
NGINX="${BENCH_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
SECONDS_MEASURED=15
if [[ ${1:-} == --seconds ]]; then SECONDS_MEASURED="$2"; shift 2; fi
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(direct nginx TomcatProxy TomcatPlatform NettyProxy NettyVtProxy JdkProxy HelidonProxy nginx)
UP=28090; NG=28091; PX=28092
RUN="$BENCH/.work/proxy-floor/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
source "$BENCH/lib.sh"
trap 'stop_started_groups' EXIT
for port in $UP $NG $PX; do port_free $port || { echo "port $port is in use" >&2; exit 1; }; done

CLASSES="$BENCH/.work/proxy-floor/classes"
"$REPO/mvnw" -q -f "$BENCH/proxy-floor/pom.xml" dependency:build-classpath -Dmdep.outputFile="$RUN/cp.txt" >/dev/null
mkdir -p "$CLASSES"
javac -nowarn -d "$CLASSES" -cp "$(cat "$RUN/cp.txt")" "$BENCH"/proxy-floor/*.java
CP="$CLASSES:$(cat "$RUN/cp.txt")"

say "clinic API on $UP"
start_group "$RUN/clinic.log" java -jar "$CLINIC_JAR" --port=$UP --bind=127.0.0.1 --keep-requests=0
wait_http "http://127.0.0.1:$UP/health" 60 "$STARTED_PID"
# One account's first seeded appointment; the headers a gateway would send for it (GatewayBench --as upstream).
ACCOUNT="$(cat /proc/sys/kernel/random/uuid)"
APPOINTMENT="$(curl -sf -H "X-Gatehouse-Account: $ACCOUNT" "http://127.0.0.1:$UP/v1/appointments?limit=1" | grep -o '"apt_[a-z0-9]*"' | head -1 | tr -d '"')"
cat > "$RUN/state.properties" <<STATE
resource=/v1/appointments/$APPOINTMENT
customer_account_id=$ACCOUNT
app_id=$(cat /proc/sys/kernel/random/uuid)
installation_id=$(cat /proc/sys/kernel/random/uuid)
client_id=ghc_floor
token_scope=appointments:read
STATE

say "nginx on $NG"
start_nginx "$RUN/nginx" $NG $UP
wait_http "http://127.0.0.1:$NG/health" 30 "$STARTED_PID"

LOADGEN=(java -Xms256m -Xmx1g -XX:+UseSerialGC "$BENCH/GatewayBench.java")
CLOSED=(--warmup-seconds 5 --warmup-max-rounds 3 --seconds "$SECONDS_MEASURED" --window-seconds 5)
TSV="$RUN/floor.tsv"
measure() { # LABEL PORT SERVER_MATCH
  for c in 8 32; do
    "${LOADGEN[@]}" closed --label "$1" --url "http://127.0.0.1:$2" --as upstream --state "$RUN/state.properties" \
      --server-match "$3" --concurrency $c "${CLOSED[@]}" --out "$TSV" >> "$RUN/run.log"
  done
}
for t in "${TARGETS[@]}"; do
  say "measuring $t"
  case $t in
    direct) measure direct $UP "$CLINIC_JAR" ;;
    nginx) measure nginx $NG "$CLINIC_JAR,$RUN/nginx/" ;;
    *)
      class=$t; opts=()
      [[ $t == TomcatPlatform ]] && { class=TomcatProxy; opts=(-Dplatform=true); }
      start_group "$RUN/$t.log" java "${opts[@]}" -Dupstream=$UP -cp "$CP" -Dfloor="$t" "$class" $PX
      pid=$STARTED_PID
      wait_http "http://127.0.0.1:$PX/health" 60 "$pid"
      measure "$t" $PX "$CLINIC_JAR,-Dfloor=$t"
      stop_group "$pid" ;;
  esac
done
echo
printf '%-16s %4s %9s %18s %18s\n' target c 'req/s' 'server CPU ms/req' 'vs nginx (first)'
awk -F'\t' 'NR>1 && $2=="nginx" && !seen[$3]++ {n[$3]=$7}
  NR>1 {printf "%-16s %4s %9.0f %18.3f %18.2f\n", $2, $3, $7, $16, (($3 in n) ? $7/n[$3] : 0)}' "$TSV" | tee "$RUN/summary.txt"
echo "run $RUN"
