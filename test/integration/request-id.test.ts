import { Writable } from 'node:stream';
import { createLogger } from '../../bot/src/logger';
import { startTestService, type TestService } from '../support/service';
import { FakeConnector } from '../support/fake-connector';
import { activityFrom, executeInvoke, message } from '../support/teams-activity';
import { solicitudBody } from '../support/fixtures';

/**
 * The request id and the access log on the real service: X-Request-Id taken when acceptable, replaced when not,
 * generated when absent, always answered; for /api/messages the Teams activity id; one access line per request.
 */
type Line = Record<string, unknown>;
const lines: Line[] = [];
const destination = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Line);
    done();
  },
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let svc: TestService;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await new FakeConnector().start();
  svc = await startTestService('2026-09-15T13:00:00Z', {
    service: { log: createLogger('debug', { instance: 'prueba' }, destination) },
  });
});
afterAll(async () => {
  await svc.close();
  await connector.stop();
});

/** The access log line of the request answered with `requestId` (written when the answer is finished). */
async function accessLine(requestId: string): Promise<Line> {
  for (let i = 0; i < 50; i++) {
    const line = lines.find((l) => l.msg === 'solicitud http' && l.requestId === requestId);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`sin línea de acceso para ${requestId}`);
}

const get = (path: string, headers: Record<string, string> = {}) =>
  svc.as('alex.wilber').raw(path, { method: 'GET', headers });

describe('request id', () => {
  it('is the caller’s X-Request-Id when acceptable, answered back and in the access log', async () => {
    const r = await get('/api/v1/yo', { 'x-request-id': 'portal-7f3a:42' });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe('portal-7f3a:42');
    const line = await accessLine('portal-7f3a:42');
    expect(line).toMatchObject({
      level: 'info',
      module: 'http',
      method: 'GET',
      path: '/api/v1/yo',
      route: '/api/v1/yo',
      status: 200,
      callerId: 'alex.wilber',
      instance: 'prueba',
    });
    expect(typeof line.durationMs).toBe('number');
    expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
    // The caller's id, never their name.
    expect(JSON.stringify(line)).not.toContain('Alex Wilber');
  });

  it.each([
    ['with spaces', 'mi id con espacios'],
    ['300 characters long', 'a'.repeat(300)],
    ['with characters outside printable ASCII', 'solicitud-ñandú'],
  ])('is replaced by a generated one when the header is unacceptable (%s)', async (_why, header) => {
    const r = await get('/api/v1/yo', { 'x-request-id': header });
    const id = r.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(id).not.toBe(header);
    expect((await accessLine(id!)).status).toBe(200);
    expect(JSON.stringify(lines)).not.toContain(header);
  });

  it('is generated when absent, a different one for every request', async () => {
    const a = (await get('/api/v1/yo')).headers.get('x-request-id');
    const b = (await get('/api/v1/yo')).headers.get('x-request-id');
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  it('is answered on refusals and errors too, with their status in the access log', async () => {
    const unknown = await svc.as(undefined as unknown as string).raw('/api/v1/yo', { method: 'GET' });
    expect(unknown.status).toBe(401);
    const id = unknown.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    expect(await accessLine(id)).toMatchObject({ status: 401, path: '/api/v1/yo' });
    expect((await accessLine(id)).callerId).toBeUndefined();
    const missing = await get('/no-existe');
    expect(await accessLine(missing.headers.get('x-request-id')!)).toMatchObject({ status: 404, path: '/no-existe' });
  });

  it('keeps query string values (which may hold personal data) out of the log', async () => {
    const r = await get('/api/v1/tablero?tipo=solicitud&q=Juana%20P%C3%A9rez', { 'x-request-id': 'consulta-1' });
    expect(r.status).toBe(200);
    const line = await accessLine('consulta-1');
    expect(line.path).toBe('/api/v1/tablero');
    expect(JSON.stringify(line)).not.toMatch(/Juana|P%C3%A9rez|tipo=/);
  });

  it('logs /healthz at debug only', async () => {
    const r = await svc.as(undefined as unknown as string).raw('/healthz', { method: 'GET' });
    expect(r.status).toBe(200);
    expect((await accessLine(r.headers.get('x-request-id')!)).level).toBe('debug');
  });

  it('is the Teams activity id for /api/messages, on every line logged while the bot handles it', async () => {
    const activity = activityFrom('alex.wilber', connector.url, message('ayuda'));
    const r = await fetch(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'ignorado-para-teams' },
      body: JSON.stringify(activity),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe(activity.id);
    const line = await accessLine(activity.id);
    expect(line).toMatchObject({ path: '/api/messages', status: 200, callerId: 'alex.wilber' });
    const during = lines.filter((l) => l.msg === 'actividad de Teams' && l.type === 'message');
    expect(during.at(-1)).toMatchObject({ requestId: activity.id, module: 'teams' });
  });

  it('writes no secret the caller sent', async () => {
    await get('/api/v1/yo', { authorization: 'Bearer secreto-del-portador', 'x-request-id': 'con-token' });
    await accessLine('con-token');
    expect(JSON.stringify(lines)).not.toContain('secreto-del-portador');
  });

  // What a request wrote is found by its id: the audit event it appended (hashed with the rest of the payload) and
  // the outbox rows it queued, whether it came through the REST API or as a Teams card action.
  const rows = async <T>(text: string, params: unknown[]) => (await svc.db.query<T>(text, params)).rows;

  it('is carried into the audit event and the outbox rows written while handling it (REST and Teams)', async () => {
    const created = await svc.as('alex.wilber').raw('/api/v1/solicitudes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'portal-crear-1' },
      body: JSON.stringify(solicitudBody()),
    });
    expect(created.status).toBe(201);
    const id = created.body.item.id as string;
    const written = async (seq: number) => ({
      audit: await rows<{ request_id: string | null }>(
        "SELECT payload->>'requestId' AS request_id FROM audit_events WHERE item_id = $1 AND seq = $2",
        [id, seq],
      ),
      outbox: await rows<{ request_id: string | null }>(
        'SELECT request_id FROM outbox WHERE item_id = $1 AND audit_seq = $2',
        [id, seq],
      ),
    });
    const first = await written(1);
    expect(first.audit.map((r) => r.request_id)).toEqual(['portal-crear-1']);
    expect(first.outbox.length).toBeGreaterThan(0);
    expect(first.outbox.every((r) => r.request_id === 'portal-crear-1')).toBe(true);

    const click = activityFrom(
      'lynne.robbins',
      connector.url,
      executeInvoke('solicitud.acusar_recibo', { id, version: 1 }),
    );
    const r = await fetch(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(click),
    });
    expect(r.status).toBe(200);
    const second = await written(2);
    expect(second.audit.map((row) => row.request_id)).toEqual([click.id]);
    expect(second.outbox.every((row) => row.request_id === click.id)).toBe(true);
  });
});
