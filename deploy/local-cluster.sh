#!/usr/bin/env bash
# The scaled-out topology on one machine, on loopback: a 3-master Redis Cluster, PostgreSQL (Quartz's clustered
# store), two Bots (--Role bot) and two Notifiers. Logs and PID files under one folder; `stop` stops exactly the
# processes `start` recorded, by their PIDs.
#
#   deploy/local-cluster.sh start | status | stop
#
# Needs redis-server/redis-cli and PostgreSQL (apt-get install redis-server postgresql) and the .NET SDK.
# Environment (all optional):
#   GS_CLUSTER_DIR      folder for logs, PIDs and data          (default ./.local-cluster)
#   GS_BIN_DIR          folder holding GridService.Bot.dll and GridService.Notifier.dll (default: build src/Bot in Release)
#   GS_REDIS_PORTS      the three Redis ports                   (default "7001 7002 7003")
#   GS_PG_PORT          PostgreSQL's port                       (default 5433)
#   GS_BOT_PORTS        the Bots' HTTP ports                    (default "5180 5181")
#   GS_NOTIFIER_PORTS   the Notifiers' HTTP ports               (default "5190 5191")
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mkdir -p "${GS_CLUSTER_DIR:-$repo/.local-cluster}" && cd "${GS_CLUSTER_DIR:-$repo/.local-cluster}" && pwd)"
logs="$dir/logs" pids="$dir/pids"
read -r -a redis_ports <<<"${GS_REDIS_PORTS:-7001 7002 7003}"
read -r -a bot_ports <<<"${GS_BOT_PORTS:-5180 5181}"
read -r -a notifier_ports <<<"${GS_NOTIFIER_PORTS:-5190 5191}"
pg_port="${GS_PG_PORT:-5433}"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
pg_user=""; [ "$(id -u)" = 0 ] && pg_user="postgres" # PostgreSQL refuses to run as root

as_pg() { if [ -n "$pg_user" ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }
alive() { [ -f "$pids/$1.pid" ] && kill -0 "$(cat "$pids/$1.pid")" 2>/dev/null; }
wait_for() { # what, command...
  local what="$1"; shift
  for _ in $(seq 1 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "timed out waiting for $what" >&2; return 1
}

start_redis() {
  mkdir -p "$dir/redis"
  for port in "${redis_ports[@]}"; do
    mkdir -p "$dir/redis/$port"
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-node-timeout 5000 --appendonly yes --dir "$dir/redis/$port" --logfile "$logs/redis-$port.log" </dev/null >/dev/null 2>&1 &
    echo $! >"$pids/redis-$port.pid"
  done
  for port in "${redis_ports[@]}"; do wait_for "redis $port" redis-cli -p "$port" ping; done
  if ! redis-cli -p "${redis_ports[0]}" cluster info | grep -q cluster_state:ok; then
    redis-cli --cluster create $(printf '127.0.0.1:%s ' "${redis_ports[@]}") --cluster-yes >"$logs/redis-cluster-create.log"
  fi
  for port in "${redis_ports[@]}"; do wait_for "cluster_state:ok on $port" sh -c "redis-cli -p $port cluster info | grep -q cluster_state:ok"; done
}

start_postgres() {
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
  mkdir -p "$dir/pg"; [ -n "$pg_user" ] && chown "$pg_user" "$dir/pg" "$logs"
  [ -f "$dir/pg/data/PG_VERSION" ] || as_pg "$pg_bin/initdb" -D "$dir/pg/data" -A trust -U postgres -E UTF8 >"$logs/initdb.log"
  as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$logs/postgres.log" -w \
    -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1" start </dev/null >/dev/null 2>&1
  head -1 "$dir/pg/data/postmaster.pid" >"$pids/postgres.pid"
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'gridservice'" | grep -q 1 ||
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE gridservice"
}

wait_host() { # name port: its /healthz answers, or it exited (then say so at once, with the end of its log)
  local name="$1" port="$2"
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    if ! alive "$name"; then
      echo "$name exited before answering on http://127.0.0.1:$port; the end of $logs/$name.log:" >&2
      tail -n 5 "$logs/$name.log" >&2; return 1
    fi
    sleep 0.2
  done
  echo "timed out waiting for http://127.0.0.1:$port/healthz ($name); the end of $logs/$name.log:" >&2
  tail -n 5 "$logs/$name.log" >&2; return 1
}

start_host() { # name dll port role
  local name="$1" dll="$2" port="$3" role="$4"
  dotnet "$bin/$dll" --urls "http://127.0.0.1:$port" --Role "$role" \
    --ConnectionStrings:Redis "$(printf '127.0.0.1:%s,' "${redis_ports[@]}")abortConnect=false" \
    --Scheduling:Store postgres \
    --ConnectionStrings:Scheduling "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=gridservice" \
    </dev/null >"$logs/$name.log" 2>&1 &
  echo $! >"$pids/$name.pid"
}

start() {
  mkdir -p "$logs" "$pids"
  if [ -z "${GS_BIN_DIR:-}" ]; then
    dotnet build "$repo/src/Bot" -c Release -v q -nologo >"$logs/build.log"
    bin="$repo/src/Bot/bin/Release/net10.0"
  else
    bin="$GS_BIN_DIR"
  fi
  start_redis
  start_postgres
  local i=1
  for port in "${bot_ports[@]}"; do start_host "bot-$i" GridService.Bot.dll "$port" bot; i=$((i + 1)); done
  i=1
  for port in "${notifier_ports[@]}"; do start_host "notifier-$i" GridService.Notifier.dll "$port" notifier; i=$((i + 1)); done
  i=1
  for port in "${bot_ports[@]}"; do wait_host "bot-$i" "$port"; i=$((i + 1)); done
  i=1
  for port in "${notifier_ports[@]}"; do wait_host "notifier-$i" "$port"; i=$((i + 1)); done
  status
}

status() {
  for file in "$pids"/*.pid; do
    [ -e "$file" ] || { echo "nothing started"; return 0; }
    name="$(basename "$file" .pid)"
    if alive "$name"; then echo "$name: running (pid $(cat "$file"))"; else echo "$name: stopped"; fi
  done
  echo "logs: $logs"
}

stop() {
  # Hosts first (they drain), then PostgreSQL (its own pg_ctl, which signals the PID in its data folder), then Redis.
  for name in notifier-2 notifier-1 bot-2 bot-1; do
    if alive "$name"; then kill -TERM "$(cat "$pids/$name.pid")"; fi
  done
  for name in notifier-2 notifier-1 bot-2 bot-1; do
    for _ in $(seq 1 50); do alive "$name" || break; sleep 0.2; done
    if alive "$name"; then kill -KILL "$(cat "$pids/$name.pid")"; fi
    rm -f "$pids/$name.pid"
  done
  if alive postgres; then as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null; fi
  rm -f "$pids/postgres.pid"
  for port in "${redis_ports[@]}"; do
    name="redis-$port"
    if alive "$name"; then kill -TERM "$(cat "$pids/$name.pid")"; fi
    for _ in $(seq 1 50); do alive "$name" || break; sleep 0.2; done
    if alive "$name"; then kill -KILL "$(cat "$pids/$name.pid")"; fi
    rm -f "$pids/$name.pid"
  done
  echo "stopped; logs kept in $logs"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|status|stop" >&2; exit 2 ;;
esac
