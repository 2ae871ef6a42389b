import { loadConfig } from '../config';
import { openDb } from '../store/db';
import { verifyAuditChain } from '../store/audit-chain';

/** `npm run verify-audit`: recomputes every audit chain and names the first broken event. Exit 0 intact, 2 broken. */
async function main() {
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.database.url, dataDir: config.database.dataDir });
  try {
    const r = await verifyAuditChain(db);
    if (r.ok) {
      process.stdout.write(`Cadena de auditoría íntegra: ${r.items} registros, ${r.events} eventos.\n`);
      return 0;
    }
    const b = r.firstBroken!;
    process.stdout.write(
      `Cadena de auditoría ALTERADA. Primer evento roto: ${b.eventId !== null ? `evento #${b.eventId}` : 'evento faltante'}, ${b.reference}, posición ${b.seq}: ${b.reason}.\n`,
    );
    return 2;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`No se pudo verificar: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
