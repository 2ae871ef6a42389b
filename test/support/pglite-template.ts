// One PGlite template per set of migrations and PGlite version, made once before the integration tests: every
// service a test starts on the embedded engine then unpacks it (about half a second of CPU) instead of running
// initdb and the migrations in WASM (several seconds). The template is kept as a plain tar: unpacking skips gunzip.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { templateKey } from '../../bot/src/cli/make-db-template';
import { migrate } from '../../bot/src/store/migrations';
import { openDb } from '../../bot/src/store/db';

/** Where the template of today's migrations lives: a new migration or PGlite version names a new file. */
export function templatePath(): string {
  return join(tmpdir(), `intercambio-pglite-${templateKey().slice(0, 16)}.tar`);
}

/** Jest globalSetup of the integration project. */
export default async function makeTemplate(): Promise<void> {
  const path = templatePath();
  if (existsSync(path)) return;
  const db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
  const dump = gunzipSync(await db.dumpTemplate());
  await db.close();
  // Written whole or not at all: another run may be reading it.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, dump);
  renameSync(tmp, path);
}
