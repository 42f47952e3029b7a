# Starts a throwaway PostgreSQL cluster on 127.0.0.1 and a free port, for tests and benchmarks.
# Source this file, then: postgres_start (sets HERALD_TEST_POSTGRES) and postgres_stop.
# postgres_crash and postgres_resume take that server down as a crash would and bring it back
# (scripts/chaos; they need the HERALD_PG_* variables postgres_start exports).
# Installs Debian's postgresql package when no server binaries are present.

postgres_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

postgres_as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
  local bindir port
  bindir="$(postgres_bindir)"
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "PostgreSQL server not found; installing Debian's postgresql package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    bindir="$(postgres_bindir)"
  fi

  HERALD_PG_DIR="$(mktemp -d -t herald-pg-XXXXXX)"
  if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$HERALD_PG_DIR"; fi
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  postgres_as_owner "$bindir/initdb" -D "$HERALD_PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$HERALD_PG_DIR/initdb.log" 2>&1 \
    || { cat "$HERALD_PG_DIR/initdb.log" >&2; return 1; }
  # Durable settings (fsync, synchronous_commit) stay at PostgreSQL's defaults.
  export HERALD_PG_DIR HERALD_PG_BINDIR="$bindir" HERALD_PG_PORT="$port"
  postgres_resume || return 1
  export HERALD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL started on 127.0.0.1:$port ($HERALD_PG_DIR)" >&2
}

# Starts (again) the cluster postgres_start made, on the same port.
postgres_resume() {
  postgres_as_owner "$HERALD_PG_BINDIR/pg_ctl" -D "$HERALD_PG_DIR/data" -l "$HERALD_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $HERALD_PG_PORT -k $HERALD_PG_DIR -c max_connections=500 -c shared_buffers=256MB" start >/dev/null \
    || { cat "$HERALD_PG_DIR/server.log" >&2; return 1; }
}

# Immediate shutdown: every backend ends at once and the next start runs crash recovery.
postgres_crash() {
  postgres_as_owner "$HERALD_PG_BINDIR/pg_ctl" -D "$HERALD_PG_DIR/data" -m immediate -w stop >/dev/null
}

postgres_stop() {
  if [ -n "${HERALD_PG_DIR:-}" ] && [ -d "$HERALD_PG_DIR/data" ]; then
    postgres_as_owner "$HERALD_PG_BINDIR/pg_ctl" -D "$HERALD_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$HERALD_PG_DIR"
    echo "PostgreSQL stopped" >&2
  fi
}
