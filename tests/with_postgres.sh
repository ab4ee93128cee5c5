#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster, so the tests cover both backends:
#
#   bash tests/with_postgres.sh .venv/bin/pytest tests/unit -q
#
# The command sees DESK_TEST_PG_URL (a superuser URL of the new cluster); tests/conftest.py then creates one
# database per test. The cluster lives in a temporary folder and is stopped and deleted when the command ends.
# Without the PostgreSQL server binaries the command runs on SQLite only, with a warning -- except on CI
# (CI set), where a missing PostgreSQL is an error.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: bash tests/with_postgres.sh COMMAND [ARGS...]" >&2
    exit 2
fi

initdb_path=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$initdb_path" ]; then
    if [ -n "${CI:-}" ]; then
        echo "error: PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb)." >&2
        echo "error: CI must test both backends; install them with: apt-get install postgresql" >&2
        exit 1
    fi
    echo "warning: PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb)." >&2
    echo "warning: running on SQLite only; install PostgreSQL to test both backends: apt-get install postgresql" >&2
    unset DESK_TEST_PG_URL
    exec "$@"
fi
pg_bin=$(dirname "$initdb_path")

# initdb and the server refuse to run as root: run them as the postgres account then.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/desk-pg.XXXXXX")
started=""

cleanup() {
    if [ -n "$started" ]; then
        as_pg "$pg_bin/pg_ctl" -D "$work_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$work_dir"
fi

if ! as_pg "$pg_bin/initdb" -D "$work_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$work_dir/initdb.log" 2>&1; then
    cat "$work_dir/initdb.log" >&2
    echo "error: initdb failed" >&2
    exit 1
fi

port_in_use() {
    # Something answers on the port: bash's /dev/tcp connects without any extra tool.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

port=55432
last_port=$((port + 50))
while [ "$port" -le "$last_port" ]; do
    if ! port_in_use "$port"; then
        if as_pg "$pg_bin/pg_ctl" -D "$work_dir/data" -l "$work_dir/log" \
                -o "-p $port -k $work_dir -c listen_addresses=127.0.0.1" -w start >/dev/null; then
            started=1
            break
        fi
    fi
    port=$((port + 1))
done
if [ -z "$started" ]; then
    cat "$work_dir/log" >&2 2>/dev/null || true
    echo "error: could not start PostgreSQL on any port from 55432 to $last_port" >&2
    exit 1
fi

export DESK_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $(basename "$(dirname "$pg_bin")") test cluster on 127.0.0.1:$port" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
