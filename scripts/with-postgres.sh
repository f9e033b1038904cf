#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server on loopback, then stops and deletes it.
# The command sees WAYMARK_TEST_POSTGRES=postgres://postgres@127.0.0.1:<port>.
#   scripts/with-postgres.sh cargo test -p server --tests
set -euo pipefail

# A free port on loopback (WAYMARK_PG_PORT to choose one), never one assumed free.
port="${WAYMARK_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
bindir="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
dir="$(mktemp -d /tmp/waymark-pg.XXXXXX)"

# PostgreSQL refuses to run as root: run it as the `postgres` user Debian's package creates.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
if ! "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=300" start >/dev/null; then
  # The log goes with the folder: show why before it does.
  echo "PostgreSQL did not start on 127.0.0.1:$port. Its log:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

WAYMARK_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port" "$@"
