# Helpers shared by bench/gateway.sh, bench/token-endpoint.sh and bench/webhook-fanout.sh (sourced,
# after RUN is set; each script keeps its own cleanup trap, which calls stop_started_groups and
# stop_embedded_pg as it needs).

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RUN/run.log"; }

# --- processes we start, stopped on exit (each in its own process group, killed by that id) -------
GROUPS_STARTED=()
start_group() { # start_group LOG CMD... ; sets STARTED_PID (also the process group id)
  local log="$1"; shift
  setsid "$@" >"$log" 2>&1 < /dev/null &
  STARTED_PID=$!
  GROUPS_STARTED+=("$STARTED_PID")
}
stop_group() { # stop_group PID [SIGNAL]: signal the group, wait up to 60 s, then SIGKILL it
  local pid="$1" sig="${2:-TERM}"
  kill -s "$sig" -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 1
  done
  kill -s KILL -- "-$pid" 2>/dev/null || true
}
stop_started_groups() { # every group start_group started that still runs (from the scripts' cleanup traps)
  local pid
  for pid in "${GROUPS_STARTED[@]}"; do
    kill -0 -- "-$pid" 2>/dev/null && stop_group "$pid"
  done
  return 0
}
stop_embedded_pg() { # the embedded PostgreSQL of a Gatehouse data dir, if it outlived Gatehouse
  local data="$1" pg_pid
  pg_pid="$(head -1 "$data/postgres/postmaster.pid" 2>/dev/null || true)"
  if [[ -n "$pg_pid" ]] && kill -0 "$pg_pid" 2>/dev/null && grep -q "$data" "/proc/$pg_pid/cmdline" 2>/dev/null; then
    kill -INT "$pg_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 1; done
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_http() { # wait_http URL SECONDS PID
  local url="$1" seconds="$2" pid="$3"
  for _ in $(seq 1 "$seconds"); do
    curl -sf -m 2 -o /dev/null "$url" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "server exited while starting: $url" >&2; return 1; }
    sleep 1
  done
  echo "not ready after $seconds s: $url" >&2
  return 1
}
