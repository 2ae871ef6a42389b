import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { solicitudBody } from '../support/fixtures';

/**
 * The built service (`npm start`) against a PostgreSQL server, two instances on one database as in production:
 * both migrate at start without stepping on each other, and both serve the same register.
 */
const ROOT = resolve(__dirname, '..', '..');
let database: TestDatabase;
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase('postgres');
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  await database.drop();
});

function start(port: number, instance: string): Promise<void> {
  const child = spawn('node', ['dist/bot/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATABASE_URL: database.url, INSTANCE_ID: instance, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((res, rej) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('servicio iniciado')) res();
    });
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => rej(new Error(`la instancia ${instance} terminó (${code}): ${out}`)));
  });
}

it('two instances start together on one PostgreSQL and serve the same register', async () => {
  const [p1, p2] = [4100 + Math.floor(Math.random() * 400), 4600 + Math.floor(Math.random() * 400)];
  await Promise.all([start(p1, 'uno'), start(p2, 'dos')]);
  const h1 = await (await fetch(`http://127.0.0.1:${p1}/healthz`)).json();
  const h2 = await (await fetch(`http://127.0.0.1:${p2}/healthz`)).json();
  expect(h1).toEqual({ status: 'ok', database: 'postgres', instance: 'uno' });
  expect(h2).toEqual({ status: 'ok', database: 'postgres', instance: 'dos' });

  const created = await fetch(`http://127.0.0.1:${p1}/api/v1/solicitudes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-persona': 'alex.wilber' },
    body: JSON.stringify(solicitudBody()),
  });
  const { item } = (await created.json()) as { item: { reference: string } };
  const ack = await fetch(`http://127.0.0.1:${p2}/api/v1/solicitudes/${item.reference}/comandos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-persona': 'lynne.robbins' },
    body: JSON.stringify({ type: 'acusar_recibo', expectedVersion: 1 }),
  });
  expect(ack.status).toBe(200);
  const seen = await fetch(`http://127.0.0.1:${p1}/api/v1/solicitudes/${item.reference}`, {
    headers: { 'x-persona': 'megan.bowen' },
  });
  expect(((await seen.json()) as { item: { state: string; version: number } }).item).toMatchObject({
    state: 'recibida',
    version: 2,
  });
}, 60_000);
