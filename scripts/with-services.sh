#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server and Redis server on loopback ports,
# in a temporary directory, and stops both afterwards, whatever the command's outcome.
#   scripts/with-services.sh npm run test:api
# Exports TEST_DATABASE_URL and TEST_REDIS_URL to the command, and TEST_PG_CONTROL and
# TEST_REDIS_CONTROL (scripts taking stop|start|restart) for the fault tests. Fails (never
# skips) when a server cannot start.
set -euo pipefail

# Random loopback ports, so two runs on one machine do not collide; below the kernel's
# ephemeral range (where outgoing connections take their ports) and not already listening.
EPHEMERAL_LOW="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
pick_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((10000 + RANDOM % (EPHEMERAL_LOW - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free loopback port found" >&2
  exit 1
}
PG_PORT="${PG_PORT:-$(pick_port)}"
REDIS_PORT="${REDIS_PORT:-$(pick_port)}"
while [[ "$REDIS_PORT" == "$PG_PORT" ]]; do REDIS_PORT="$(pick_port)"; done
WORK="$(mktemp -d /tmp/workgate-services.XXXXXX)"

find_pg_bin() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return
  fi
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found; run .ci/run or: apt-get install postgresql" >&2
  exit 1
}
PG_BIN="$(find_pg_bin)"
command -v redis-server >/dev/null || { echo "redis-server not found; apt-get install redis-server" >&2; exit 1; }

# initdb refuses to run as root: use the postgres account then.
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [[ "$(id -u)" == 0 ]]; then chown postgres "$WORK"; fi
chmod 755 "$WORK"

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  if [[ -f "$WORK/redis.pid" ]]; then kill "$(cat "$WORK/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --no-locale >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; exit 1; }

# Control scripts, also for the fault tests (npm run test:faults), which stop and restart the
# services under a running server: `$TEST_PG_CONTROL stop|start|restart`, the same for Redis.
# Redis keeps nothing on disk (no RDB, no AOF): a restart loses every key, as a cache would.
RUN_AS=""
if [[ "$(id -u)" == 0 ]]; then RUN_AS="runuser -u postgres --"; fi
cat >"$WORK/pg-control" <<EOF
#!/usr/bin/env bash
set -euo pipefail
case "\${1:-}" in
  start) $RUN_AS "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -t 60 \\
           -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $WORK -c max_connections=200 -c fsync=on" start >/dev/null ;;
  stop) $RUN_AS "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w -t 60 stop >/dev/null ;;
  restart) "\$0" stop && "\$0" start ;;
  *) echo "usage: \$0 start|stop|restart" >&2; exit 2 ;;
esac
EOF
cat >"$WORK/redis-control" <<EOF
#!/usr/bin/env bash
set -euo pipefail
case "\${1:-}" in
  start)
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \\
      --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" --dir "$WORK"
    for _ in \$(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && exit 0; sleep 0.1; done
    echo "redis-server did not start" >&2; cat "$WORK/redis.log" >&2; exit 1 ;;
  stop)
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    while redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done ;;
  restart) "\$0" stop && "\$0" start ;;
  *) echo "usage: \$0 start|stop|restart" >&2; exit 2 ;;
esac
EOF
chmod 755 "$WORK/pg-control" "$WORK/redis-control"

"$WORK/pg-control" start || { cat "$WORK/pg.log" >&2; exit 1; }
"$WORK/redis-control" start

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export TEST_EXPECT_SERVICES=1
export TEST_PG_CONTROL="$WORK/pg-control"
export TEST_REDIS_CONTROL="$WORK/redis-control"
echo "services: PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT" >&2
"$@"
