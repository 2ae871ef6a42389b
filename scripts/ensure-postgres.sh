#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster if it is not accepting connections (CI machines start it; a stopped one
# is brought back). TEST_DATABASE_URL points elsewhere to use another server.
set -euo pipefail
host=127.0.0.1
if pg_isready -q -h "$host" -p 5432 2>/dev/null; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
for _ in $(seq 1 30); do
  pg_isready -q -h "$host" -p 5432 2>/dev/null && exit 0
  sleep 1
done
echo "PostgreSQL no responde en $host:5432; instálelo o defina TEST_DATABASE_URL" >&2
exit 1
