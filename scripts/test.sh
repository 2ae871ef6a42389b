#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what is missing, starts PostgreSQL if it is down, then runs
# type-check, lint, the pure protocol tests, and the store/API suite once on PGlite and once on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/jest ] || npm ci --no-audit --no-fund

bash scripts/ensure-postgres.sh

npm run typecheck
npm run lint
# Two workers on this two-core machine (jest's default leaves one core idle): the integration files spend much of
# their time waiting on HTTP and the database. PGlite 200 s → 131 s, PostgreSQL 100 s → 59 s.
npm run -s test:unit -- --maxWorkers=2
echo "== Integración sobre PGlite =="
TEST_DB=pglite npm run -s test:integration -- --maxWorkers=2
echo "== Integración sobre PostgreSQL =="
TEST_DB=postgres npm run -s test:integration -- --maxWorkers=2
