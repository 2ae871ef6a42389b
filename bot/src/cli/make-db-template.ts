import { writeFileSync } from 'node:fs';
import { PGLITE_TEMPLATE_PATH } from '../store/db';
import { migrate } from '../store/migrations';
import { openDb } from '../store/db';

/**
 * Build step: an embedded database with every migration applied, dumped next to the compiled service. A fresh
 * data folder is then unpacked from it in about a second instead of running initdb in WASM (several seconds), so
 * a new installation answers /healthz quickly. Migrations still run at start for anything newer.
 */
async function main() {
  const db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
  const dump = await db.dumpTemplate();
  writeFileSync(PGLITE_TEMPLATE_PATH, dump);
  await db.close();
  process.stdout.write(
    `Plantilla de base embebida: ${PGLITE_TEMPLATE_PATH} (${(dump.length / 1024 / 1024).toFixed(1)} MB)\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`No se pudo crear la plantilla: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
