import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig, type Config } from '../../bot/src/config';
import { startService, type Service, type ServiceOptions } from '../../bot/src/service';
import { dbOptionsOf, openDb } from '../../bot/src/store/db';
import { SendRateLimiter } from '../../bot/src/teams/rate-limiter';
import { createTestDatabase, sharedPgliteEngine, type TestDatabase } from './test-db';
import { TestClock } from './clock';

export interface TestService extends Service {
  clock: TestClock;
  database: TestDatabase;
  /** fetch against the service as a persona of the local directory. */
  as(persona: string): PersonaClient;
  close(): Promise<void>;
}

export interface PersonaClient {
  get(path: string): Promise<ApiResponse>;
  post(path: string, body: unknown): Promise<ApiResponse>;
  raw(path: string, init: RequestInit): Promise<ApiResponse>;
}

export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
  headers: Headers;
}

/** Overrides of the test configuration, or a function of it (to keep its temporary folders, say). */
export type ConfigOverrides = Partial<Config> | ((base: Config) => Partial<Config>);

export function testConfig(db: TestDatabase, overrides: ConfigOverrides = {}): Config {
  // Files the service writes (documents folder, .eml outbox) go to a fresh temporary folder, never the checkout.
  const files = mkdtempSync(join(tmpdir(), 'intercambio-archivos-'));
  const base = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    JOBS_INTERVAL_MS: '0',
    DATA_DIR: files,
  });
  const extra = typeof overrides === 'function' ? overrides(base) : overrides;
  return {
    ...base,
    database: { url: db.url, dataDir: db.dataDir, poolSize: 20, ...(db.template ? { template: db.template } : {}) },
    ...extra,
  };
}

export function personaClient(url: string, persona: string | undefined): PersonaClient {
  const raw = async (path: string, init: RequestInit): Promise<ApiResponse> => {
    const headers = new Headers(init.headers);
    if (persona) headers.set('x-persona', persona);
    const res = await fetch(`${url}${path}`, { ...init, headers });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, body, text, headers: res.headers };
  };
  return {
    raw,
    get: (path) => raw(path, { method: 'GET' }),
    post: (path, body) =>
      raw(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  };
}

/** Starts the real service on a fresh database of the engine under test, with a test clock. */
export async function startTestService(
  start = '2026-09-15T13:00:00Z',
  opts: { database?: TestDatabase; config?: ConfigOverrides; service?: ServiceOptions } = {},
): Promise<TestService> {
  const clock = new TestClock(start);
  const database = opts.database ?? (await createTestDatabase());
  const config = testConfig(database, opts.config);
  const engine = config.database.url ? undefined : await sharedPgliteEngine();
  const db = engine ? { db: openDb({ ...dbOptionsOf(config.database), engine }) } : {};
  // Teams here is a local fake: its send limits would only make the run wait (rate-limiter.test.ts tests them).
  const sendLimiter = new SendRateLimiter(Infinity, Infinity);
  const svc = await startService(config, { now: clock.now, sendLimiter, ...db, ...opts.service });
  return {
    ...svc,
    clock,
    database,
    as: (persona) => personaClient(svc.url, persona),
    async close() {
      await svc.stop();
      if (!opts.database) await database.drop();
      const files = dirname(config.m365.documentsDir);
      if (files.startsWith(join(tmpdir(), 'intercambio-archivos-'))) rmSync(files, { recursive: true, force: true });
    },
  };
}
