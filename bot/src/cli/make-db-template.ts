import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGLITE_TEMPLATE_PATH } from '../store/db';
import { MIGRATIONS, migrate } from '../store/migrations';
import { openDb } from '../store/db';

/**
 * Build step: an embedded database with every migration applied, dumped next to the compiled service. A fresh
 * data folder is then unpacked from it in about a second instead of running initdb in WASM (several seconds), so
 * a new installation answers /healthz quickly. Migrations still run at start for anything newer.
 *
 * With --if-changed (npm run local) it does nothing when the template on disk was made from today's migrations by
 * the installed PGlite: a key file beside it records both.
 */
const KEY_PATH = `${PGLITE_TEMPLATE_PATH}.key`;

/** The template's identity: the migrations and the PGlite version (a data folder may not load in another). */
export function templateKey(): string {
  const pkg = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const pglite = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  return createHash('sha256')
    .update(JSON.stringify({ migrations: MIGRATIONS, pglite }))
    .digest('hex');
}

async function main() {
  const key = templateKey();
  if (
    process.argv.includes('--if-changed') &&
    existsSync(PGLITE_TEMPLATE_PATH) &&
    existsSync(KEY_PATH) &&
    readFileSync(KEY_PATH, 'utf8') === key
  )
    return;
  const db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
  const dump = await db.dumpTemplate();
  writeFileSync(PGLITE_TEMPLATE_PATH, dump);
  writeFileSync(KEY_PATH, key);
  await db.close();
  process.stdout.write(
    `Plantilla de base embebida: ${PGLITE_TEMPLATE_PATH} (${(dump.length / 1024 / 1024).toFixed(1)} MB)\n`,
  );
}

if (require.main === module)
  main().catch((e) => {
    process.stderr.write(`No se pudo crear la plantilla: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
