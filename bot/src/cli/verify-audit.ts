import { loadConfig } from '../config';
import { openDb, type Sql } from '../store/db';
import { verifyAuditChain } from '../store/audit-chain';

/** The verdict in words for the operator, and the exit code: 0 intact, 2 broken. */
export async function verifyAudit(sql: Sql): Promise<{ code: 0 | 2; message: string }> {
  const r = await verifyAuditChain(sql);
  if (r.ok) return { code: 0, message: `Cadena de auditoría íntegra: ${r.items} registros, ${r.events} eventos.` };
  const b = r.firstBroken!;
  const which = b.eventId !== null ? `evento #${b.eventId}` : 'evento faltante';
  return {
    code: 2,
    message: `Cadena de auditoría ALTERADA. Primer evento roto: ${which}, ${b.reference}, posición ${b.seq}: ${b.reason}.`,
  };
}

/** `npm run verify-audit` against the configured database (DATABASE_URL or the PGlite DATA_DIR). */
async function main() {
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.database.url, dataDir: config.database.dataDir });
  try {
    const { code, message } = await verifyAudit(db);
    process.stdout.write(`${message}\n`);
    return code;
  } finally {
    await db.close();
  }
}

if (require.main === module)
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`No se pudo verificar: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
