import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool, types } from 'pg';

/** Where the build leaves a migrated, empty PGlite database to unpack new data folders from. */
export const PGLITE_TEMPLATE_PATH = join(__dirname, '..', '..', '..', 'pglite-template.tgz');

/** The subset of a SQL connection the store uses; both engines speak the same PostgreSQL dialect. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
  /** Runs a multi-statement script without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Db extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: the whole data folder as a gzipped tarball. */
  dumpTemplate(): Promise<Buffer>;
}

// bigint and numeric come back as strings from node-postgres; the store only uses them for counts and ids
// that fit in a JS number, so parse them the same way PGlite does.
types.setTypeParser(20, (v) => Number(v));

class PostgresDb implements Db {
  readonly engine = 'postgres' as const;
  constructor(private readonly pool: Pool) {}

  async query<T>(text: string, params: unknown[] = []) {
    const r = await this.pool.query(text, params);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const tx: Sql = {
        query: async <R>(text: string, params: unknown[] = []) => {
          const r = await client.query(text, params);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
        exec: async (script: string) => {
          await client.query(script);
        },
      };
      const out = await fn(tx);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async exec(script: string) {
    await this.pool.query(script);
  }

  async close() {
    await this.pool.end();
  }

  dumpTemplate(): Promise<Buffer> {
    throw new Error('solo PGlite produce una plantilla');
  }
}

type PGliteLike = {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  exec(script: string): Promise<unknown>;
  transaction<T>(fn: (tx: { query: PGliteLike['query']; exec: PGliteLike['exec'] }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  dumpDataDir(compression: 'gzip'): Promise<Blob | File>;
};

class PgliteDb implements Db {
  readonly engine = 'pglite' as const;
  constructor(private readonly pg: PGliteLike) {}

  async query<T>(text: string, params: unknown[] = []) {
    const r = await this.pg.query<T>(text, params);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.pg.transaction((t) =>
      fn({
        query: async <R>(text: string, params: unknown[] = []) => {
          const r = await t.query<R>(text, params);
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
        },
        exec: async (script: string) => {
          await t.exec(script);
        },
      }),
    );
  }

  async exec(script: string) {
    await this.pg.exec(script);
  }

  async close() {
    await this.pg.close();
  }

  async dumpTemplate(): Promise<Buffer> {
    return Buffer.from(await (await this.pg.dumpDataDir('gzip')).arrayBuffer());
  }
}

export interface DbOptions {
  /** postgres://… — a PostgreSQL server; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; 'memory://' keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** A PGlite template (dumpTemplate) to start a fresh or in-memory database from instead of the build's one. */
  template?: string;
  /** PGlite's compiled engine, when the caller already has it (tests start many databases in one process). */
  engine?: PgliteEngine;
}

/** Something PGlite reads whole through arrayBuffer(): a Blob, or a buffer already in memory. */
export interface Bytes {
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface PgliteEngine {
  wasmModule: WebAssembly.Module;
  fsBundle: Bytes;
  /** The template's bytes when the caller keeps them in memory (many databases from one template). */
  readTemplate?: (path: string) => Bytes;
  /** Server settings added to PGlite's defaults, as `-c name=value` pairs. */
  settings?: Record<string, string>;
}

/** The database settings of the configuration, as openDb takes them. */
export const dbOptionsOf = (d: { url?: string; dataDir: string; poolSize: number; template?: string }): DbOptions => ({
  databaseUrl: d.url,
  dataDir: d.dataDir,
  poolSize: d.poolSize,
  ...(d.template ? { template: d.template } : {}),
});

export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.databaseUrl) {
    const pool = new Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => undefined); // an idle client's error must not crash the service; the next query reports it
    const db = new PostgresDb(pool);
    await db.query('SELECT 1');
    return db;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const dataDir = opts.dataDir ?? 'memory://';
  const fresh = dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));
  // An in-memory database starts from a template only when one is named (the tests make one per migration set).
  const source = opts.template ?? (dataDir.startsWith('memory://') ? undefined : PGLITE_TEMPLATE_PATH);
  const engine = opts.engine;
  const template =
    fresh && source && existsSync(source)
      ? (engine?.readTemplate?.(source) ?? new Blob([readFileSync(source)]))
      : undefined;
  const settings = Object.entries(engine?.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const pg = await PGlite.create(dataDir, {
    ...(template ? { loadDataDir: template as Blob } : {}),
    ...(engine ? { pgliteWasmModule: engine.wasmModule, fsBundle: engine.fsBundle as Blob } : {}),
    ...(settings.length ? { startParams: [...PGlite.defaultStartParams, ...settings] } : {}),
  });
  return new PgliteDb(pg as unknown as PGliteLike);
}
