#!/usr/bin/env bash
# Runs Intercambio de Datos in local mode on a fresh machine: no tenant, the embedded database (PGlite) in
# ./data, the local directory of personas. Installs and builds what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund
npm run -s build

export DATA_DIR="${DATA_DIR:-data}"
export PORT="${PORT:-3978}"
echo "Iniciando Intercambio de Datos en http://localhost:${PORT} (modo local; base de datos embebida en ${DATA_DIR}/)"
exec node dist/bot/src/main.js
