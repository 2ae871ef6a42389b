#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what is missing, starts PostgreSQL if it is down, then runs
# type-check and lint (in the background, output held until they end) while one jest run takes the pure protocol
# tests and the store/API suite on PGlite and on PostgreSQL. One run keeps both cores busy to the last file: jest
# starts the slowest files first across all three, where three runs in a row each idled a core at their tail.
# Ends with the time of each phase. TEST_WORKERS sets jest's workers (default 2, one per core); arguments go to
# jest (`bash scripts/test.sh --testPathPatterns audit` for a subset).
set -uo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/jest ] || npm ci --no-audit --no-fund
bash scripts/ensure-postgres.sh || exit 1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s%3N; }
started=$(now)

# Type-check then lint, one core at most; each writes its time and exit code.
(
  for phase in typecheck lint; do
    t=$(now)
    npm run -s "$phase" >"$work/$phase.log" 2>&1
    echo "$? $(($(now) - t))" >"$work/$phase.status"
  done
) &
checks=$!

PHASES_FILE="$work/phases.json" TEST_DB=ambos npm run -s jest -- \
  --selectProjects unit integration-pglite integration-postgres \
  --maxWorkers="${TEST_WORKERS:-2}" --reporters default --reporters ./test/support/phase-reporter.cjs "$@"
jest_status=$?
wait "$checks"
total=$(($(now) - started))

status=$jest_status
for phase in typecheck lint; do
  read -r rc _ <"$work/$phase.status"
  if [ "$rc" != 0 ]; then
    echo "== npm run $phase falló =="
    cat "$work/$phase.log"
    status=1
  fi
done

# Seconds with a decimal comma, as the rest of the Spanish output.
secs() { printf '%d,%d s' $(($1 / 1000)) $((($1 % 1000) / 100)); }
row() { printf '%-24s %12s   %s\n' "$1" "$2" "$3"; }
echo
row 'Fase' 'Tiempo' 'Resultado'
for phase in typecheck:Tipos lint:Lint; do
  read -r rc ms <"$work/${phase%%:*}.status"
  row "${phase#*:}" "$(secs "$ms")" "$([ "$rc" = 0 ] && echo bien || echo FALLÓ)"
done
if [ -f "$work/phases.json" ]; then
  node -e '
    const phases = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const names = { unit: "Unitarias", "integration-pglite": "Integración PGlite", "integration-postgres": "Integración PostgreSQL" };
    for (const [key, label] of Object.entries(names)) {
      const p = phases[key];
      if (!p) { console.log(`${label.padEnd(24)} ${"—".padStart(12)}   no corrió`); continue; }
      const ms = p.end - p.start;
      const time = `${Math.floor(ms / 1000)},${Math.floor((ms % 1000) / 100)} s`;
      const result = p.failed ? `FALLÓ (${p.failed} de ${p.files} archivos)` : `bien (${p.files} archivos)`;
      console.log(`${label.padEnd(24)} ${time.padStart(12)}   ${result}`);
    }' "$work/phases.json"
fi
row 'Total' "$(secs "$total")" "$([ "$status" = 0 ] && echo bien || echo FALLÓ)"
echo '(Tipos y Lint corren junto a las pruebas, y las tres fases de jest a la vez: Total es el tiempo de reloj.)'
exit "$status"
