#!/usr/bin/env bash
# Copyright (c) The terraform-provider-lever authors
# SPDX-License-Identifier: MPL-2.0
#
# Usage: start-postgres.sh DIR PORT
#
# Starts a throwaway PostgreSQL 15 server for the postgres store's tests: its
# data and socket live in DIR, it listens on 127.0.0.1:PORT only, and it
# trusts every local connection, so it must never hold anything of value.
# On success the one line on standard output is the URL of its postgres
# database, ready for LEVER_TEST_POSTGRES_URL:
#
#   url=$(bash start-postgres.sh /tmp/pgtest 55432)
#   LEVER_TEST_POSTGRES_URL=$url go test -race ./internal/backend/postgres/
#   bash stop-postgres.sh /tmp/pgtest
#
# DIR is created if missing. Run against a DIR it already set up, it starts
# the same cluster again, or reuses it if it is running on PORT. PostgreSQL refuses to run as root, so as root the
# server runs as the postgres user, which then owns DIR.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 DIR PORT" >&2
  exit 2
fi
port=$2
if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1024 || port > 65535)); then
  echo "$0: PORT must be a number from 1024 to 65535, not $port" >&2
  exit 2
fi
mkdir -p "$1"
dir=$(cd "$1" && pwd)
data=$dir/data
sockets=$dir/sockets
log=$dir/postgres.log

# The binaries are on PATH on the CI image; Debian's packages keep them in a
# versioned folder otherwise.
if ! command -v initdb >/dev/null; then
  for bin in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    PATH=$bin:$PATH
  done
fi
for tool in initdb pg_ctl; do
  if ! command -v "$tool" >/dev/null; then
    echo "$0: $tool was not found on PATH or in /usr/lib/postgresql/*/bin; install PostgreSQL (Debian: apt-get install postgresql)" >&2
    exit 1
  fi
done

# A Unix socket path is limited to 107 bytes, .s.PGSQL.PORT included.
if (( ${#sockets} + 20 > 107 )); then
  echo "$0: $dir is too long a path for the server's socket; use a shorter DIR" >&2
  exit 1
fi

# as_owner runs a command as the user the cluster belongs to: the postgres
# user when this script runs as root, else the current user.
if [[ $(id -u) -eq 0 ]]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "$0: running as root needs a postgres user to run the server as" >&2
    exit 1
  fi
  chown -R postgres:postgres "$dir"
  as_owner() {
    if command -v runuser >/dev/null; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  }
  if ! as_owner test -w "$dir"; then
    echo "$0: the postgres user cannot write to $dir; a parent folder is closed to it." \
      "Use a DIR under /tmp" >&2
    exit 1
  fi
else
  as_owner() { "$@"; }
fi

as_owner mkdir -p "$sockets"
if [[ ! -f $data/PG_VERSION ]]; then
  # Throwaway data: no fsync at initdb, C collation for the same ordering
  # everywhere, trust for local connections on the loopback address.
  as_owner initdb --pgdata="$data" --auth=trust --username=postgres --encoding=UTF8 \
    --locale=C --no-sync --no-instructions >"$dir/initdb.log" 2>&1 || {
    echo "$0: initdb failed; see $dir/initdb.log:" >&2
    tail -n 20 "$dir/initdb.log" >&2
    exit 1
  }
fi

# A server already running on the cluster is reused, if on the same port.
if as_owner pg_ctl --pgdata="$data" status >/dev/null 2>&1; then
  running=$(sed -n 4p "$data/postmaster.pid")
  if [[ $running != "$port" ]]; then
    echo "$0: the server in $dir is already running, on port $running; stop it first" >&2
    exit 1
  fi
  echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
  exit 0
fi

# Parallel tests each open a pool on a database of their own; the default
# of 100 connections is too few for a machine with many cores.
opts="-k $sockets -p $port -c listen_addresses=127.0.0.1 -c max_connections=300"
if ! as_owner pg_ctl --pgdata="$data" --log="$log" --wait --timeout=60 \
  --options="$opts" start >&2; then
  echo "$0: the server did not start; the end of $log:" >&2
  tail -n 20 "$log" >&2
  exit 1
fi

echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
