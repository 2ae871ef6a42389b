#!/usr/bin/env bash
# Runs Intercambio de Datos in local mode on a fresh machine: no tenant, the embedded database (PGlite) in
# ./data, the local directory of personas, convenio documents in ./data/documentos (with their versions and
# hashes), .eml mail copies in ./data/correo-saliente, and one Microsoft 365
# Agents Playground (a local Teams client) per persona, its configs in ./data/playground. DATA_DIR moves all of
# it. Installs and builds what is missing first.
# PLAYGROUND=0 starts only the service.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund
# Builds only what changed since the last start (npm run build, as CI runs it, always builds everything): the
# server incrementally (its build info lives in dist/, so an emptied dist/ means a full build), the embedded
# database template when the migrations or PGlite changed, the tab when a file it is built from is newer.
node_modules/.bin/tsc -b tsconfig.local.json
node dist/bot/src/cli/make-db-template.js --if-changed
if [ ! -f dist/tab/index.html ] ||
  [ -n "$(find tab protocol package.json package-lock.json -newer dist/tab/index.html -type f -print -quit)" ]; then
  npm run -s build:tab
fi

export DATA_DIR="${DATA_DIR:-data}"
export PORT="${PORT:-3978}"
# Links in cards and mail copies point to this very service.
export PUBLIC_URL="${PUBLIC_URL:-http://localhost:${PORT}}"
export TEAMSAPPTESTER_BROWSER=none
# Locally nobody waits for a 30 s cycle: notices, mail copies and documents go out within seconds.
export JOBS_INTERVAL_MS="${JOBS_INTERVAL_MS:-3000}"
echo "Iniciando Intercambio de Datos en http://localhost:${PORT} (modo local; base de datos embebida en ${DATA_DIR}/)"
echo "Pestaña (Tablero, Lista, Panel…): http://localhost:${PORT}/tab — elija con qué persona actuar"
echo "Documentos de convenios en ${DATA_DIR}/documentos/; copias por correo (.eml) en ${DATA_DIR}/correo-saliente/"
echo "Configuración de cada Playground (un cliente de Teams por persona) en ${DATA_DIR}/playground/"

if [ "${PLAYGROUND:-1}" = "0" ]; then
  exec node dist/bot/src/main.js
fi

node dist/bot/src/main.js &
service=$!
# The local Teams clients start once the service answers, so they do not slow its start.
for _ in $(seq 1 100); do
  node -e "fetch('http://127.0.0.1:${PORT}/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && break
  kill -0 "$service" 2>/dev/null || exit 1
  sleep 0.2
done
node scripts/playground/start.js --bot "http://127.0.0.1:${PORT}/api/messages" &
playground=$!
# Stop both together, whichever ends first or on Ctrl-C.
trap 'kill "$service" "$playground" 2>/dev/null || true' INT TERM EXIT
wait -n "$service" "$playground"
