// One PGlite template per set of migrations, made once before the integration tests: every service a test starts
// on the embedded engine then loads it (under a second) instead of running initdb in WASM (about three seconds).
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS, migrate } from '../../bot/src/store/migrations';
import { openDb } from '../../bot/src/store/db';

/** Where the template of today's migrations lives: a new migration names a new file. */
export function templatePath(): string {
  const digest = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 16);
  return join(tmpdir(), `intercambio-pglite-${digest}.tgz`);
}

/** Jest globalSetup of the integration project. */
export default async function makeTemplate(): Promise<void> {
  const path = templatePath();
  if (existsSync(path)) return;
  const db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
  const dump = await db.dumpTemplate();
  await db.close();
  // Written whole or not at all: another run may be reading it.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, dump);
  renameSync(tmp, path);
}
