import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { templatePath } from './pglite-template';
import { Client } from 'pg';
import type { PgliteEngine } from '../../bot/src/store/db';

/**
 * The database a test runs on, chosen by TEST_DB: 'pglite' (in memory, the default) or 'postgres' (a fresh
 * database created on the server of TEST_DATABASE_URL for each test file, dropped afterwards).
 */
export const TEST_ENGINE = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** DATABASE_URL for the service, or undefined for PGlite. */
  url?: string;
  /** PGlite data dir for the service. */
  dataDir: string;
  /** PGlite: the template it starts from, when the integration set-up made one. */
  template?: string;
  drop(): Promise<void>;
}

/**
 * PGlite's engine compiled once per jest worker by the integration environment (integration-environment.ts), or
 * undefined elsewhere (unit and e2e projects compile their own).
 */
export function sharedPgliteEngine(): Promise<PgliteEngine> | undefined {
  const get = (globalThis as { __intercambioPgliteEngine?: () => Promise<PgliteEngine> }).__intercambioPgliteEngine;
  return get?.();
}

export async function createTestDatabase(
  engine: 'pglite' | 'postgres' = TEST_ENGINE,
  opts: { pgliteDir?: string } = {},
): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const template = templatePath();
    // A folder on disk (opts.pgliteDir) survives a restart of the service; it starts from the template too.
    const dir = opts.pgliteDir;
    return {
      dataDir: dir ?? 'memory://',
      ...(existsSync(template) ? { template } : {}),
      drop: async () => (dir ? rmSync(dir, { recursive: true, force: true }) : undefined),
    };
  }
  const name = `idd_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir: 'memory://',
    async drop() {
      const c = new Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
