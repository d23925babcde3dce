#!/usr/bin/env bash
# Copyright (c) The terraform-provider-lever authors
# SPDX-License-Identifier: MPL-2.0
#
# Usage: stop-postgres.sh DIR
#
# Stops the server start-postgres.sh started with its data in DIR, ending
# open connections at once. DIR stays; remove it to throw the data away.
# A server that is not running is no error.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
data=$1/data
if [[ ! -f $data/PG_VERSION ]]; then
  echo "$0: $1 holds no cluster started by start-postgres.sh" >&2
  exit 1
fi
if ! command -v pg_ctl >/dev/null; then
  for bin in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do PATH=$bin:$PATH; done
fi

as_owner() { "$@"; }
if [[ $(id -u) -eq 0 ]]; then
  as_owner() {
    if command -v runuser >/dev/null; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  }
fi

# pg_ctl status exits 3 when no server runs on the cluster.
status=0
as_owner pg_ctl --pgdata="$data" status >/dev/null 2>&1 || status=$?
if ((status == 3)); then
  exit 0
fi
as_owner pg_ctl --pgdata="$data" --mode=fast --wait stop >&2
