import { resolveActor, type Actor, type Item } from '../../protocol';
import { runWithRequest } from '../../bot/src/request-context';
import { verifyAuditChain } from '../../bot/src/store/audit-chain';
import { MIGRATIONS } from '../../bot/src/store/migrations';
import { startTestService, type TestService } from '../support/service';
import { parsedSolicitudBody, solicitudBody } from '../support/fixtures';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z');
});
afterAll(async () => svc.close());

const actor = (persona: string) => resolveActor(svc.rt.directory, persona, '2026-09-15') as Actor;

async function newRequest(): Promise<Item> {
  const r = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
  expect(r.status).toBe(201);
  return (await svc.repo.get(r.body.item.id))!;
}

const rowsOf = async <T>(sql: string, params: unknown[]) => (await svc.db.query<T>(sql, params)).rows;

async function state(id: string) {
  const [item] = await rowsOf<{ version: number; audit_head_seq: number; audit_head_hash: string }>(
    'SELECT version, audit_head_seq, audit_head_hash FROM items WHERE id = $1',
    [id],
  );
  const events = await rowsOf<{ seq: number; hash: string; payload: Record<string, unknown> }>(
    'SELECT seq, hash, payload FROM audit_events WHERE item_id = $1 ORDER BY seq',
    [id],
  );
  const outbox = await rowsOf<{ audit_seq: number; request_id: string | null }>(
    'SELECT audit_seq, request_id FROM outbox WHERE item_id = $1 ORDER BY id',
    [id],
  );
  return { item: item!, events, outbox };
}

describe('one statement per command', () => {
  it('names the request in the audit payload (hashed) and the outbox rows, and keeps the chain head on the item', async () => {
    const item = await newRequest();
    const next = await runWithRequest({ requestId: 'r-1' }, () =>
      svc.repo.executeOn(item, { type: 'acusar_recibo' }, actor('lynne.robbins')),
    );
    expect(next.version).toBe(2);
    const s = await state(item.id);
    expect(s.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(s.events[1]!.payload.requestId).toBe('r-1');
    // The creation came through the REST API without X-Request-Id: it carries the id the service generated for it.
    expect(s.events[0]!.payload.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const written = s.outbox.filter((o) => o.audit_seq === 2);
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((o) => o.request_id === 'r-1')).toBe(true);
    expect(
      s.outbox.filter((o) => o.audit_seq === 1).every((o) => o.request_id === s.events[0]!.payload.requestId),
    ).toBe(true);
    expect(s.item).toEqual({ version: 2, audit_head_seq: 2, audit_head_hash: s.events[1]!.hash });
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
    // Tracing only: the item's timeline does not show it.
    const detail = await svc.as('lynne.robbins').get(`/api/v1/solicitudes/${item.reference}`);
    expect(detail.body.timeline).toHaveLength(2);
    expect(JSON.stringify(detail.body.timeline)).not.toContain('r-1');
  });

  it('a creation in a request names it too', async () => {
    const created = await runWithRequest({ requestId: 'r-crear' }, async () => {
      const r = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
      return r.body.item as Item;
    });
    // The HTTP request runs in its own context (set by the service, or none): only the direct call is checked here.
    expect(created.version).toBe(1);
    const direct = await runWithRequest({ requestId: 'r-2' }, () =>
      svc.repo.create({ kind: 'solicitud', input: parsedSolicitudBody() }, actor('alex.wilber')),
    );
    const s = await state(direct.id);
    expect(s.events[0]!.payload.requestId).toBe('r-2');
    expect(s.outbox.every((o) => o.request_id === 'r-2')).toBe(true);
    expect(s.item.audit_head_hash).toBe(s.events[0]!.hash);
  });

  it('a lost race writes nothing: one of two writers on the same copy wins, the other gets CONFLICTO_VERSION', async () => {
    const item = await newRequest();
    const lynne = actor('lynne.robbins');
    const results = await Promise.allSettled([
      svc.repo.executeOn(item, { type: 'comentar', text: 'Primero' }, lynne),
      svc.repo.executeOn(item, { type: 'comentar', text: 'Segundo' }, lynne),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason.code).toBe('CONFLICTO_VERSION');
    const s = await state(item.id);
    expect(s.events).toHaveLength(2);
    expect(new Set(s.outbox.map((o) => o.audit_seq))).toEqual(new Set(s.outbox.length ? [1, 2] : []));
    expect(s.item.version).toBe(2);
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
  });

  it('a head left behind by an older writer is read from the chain instead', async () => {
    const item = await newRequest();
    await svc.repo.executeOn(item, { type: 'comentar', text: 'Uno' }, actor('lynne.robbins'));
    // As an instance before migration 7 leaves it: the version moved on, the head did not.
    await svc.db.query('UPDATE items SET audit_head_seq = 1 WHERE id = $1', [item.id]);
    await svc.repo.execute(item.id, { type: 'comentar', text: 'Dos' }, actor('lynne.robbins'));
    const s = await state(item.id);
    expect(s.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(s.item).toEqual({ version: 3, audit_head_seq: 3, audit_head_hash: s.events[2]!.hash });
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
  });

  it('verify-audit holds the head kept on the item against the chain', async () => {
    const item = await newRequest();
    const [before] = await rowsOf<{ audit_head_hash: string }>('SELECT audit_head_hash FROM items WHERE id = $1', [
      item.id,
    ]);
    await svc.db.query(`UPDATE items SET audit_head_hash = repeat('f', 64) WHERE id = $1`, [item.id]);
    const report = await verifyAuditChain(svc.db);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ reference: item.reference, reason: expect.stringMatching(/cabeza/) });
    await svc.db.query('UPDATE items SET audit_head_hash = $2 WHERE id = $1', [item.id, before!.audit_head_hash]);
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
  });

  it('migration 7 fills the head of existing rows from the audit log', async () => {
    const item = await newRequest();
    await svc.repo.executeOn(item, { type: 'comentar', text: 'Uno' }, actor('lynne.robbins'));
    const before = await rowsOf('SELECT id, audit_head_seq, audit_head_hash FROM items ORDER BY id', []);
    await svc.db.query('UPDATE items SET audit_head_seq = NULL, audit_head_hash = NULL');
    const backfill = /UPDATE items[\s\S]*?;/.exec(MIGRATIONS.find((m) => m.version === 7)!.sql)![0];
    await svc.db.exec(backfill);
    expect(await rowsOf('SELECT id, audit_head_seq, audit_head_hash FROM items ORDER BY id', [])).toEqual(before);
  });

  it('timers and the public register still change with the command, in the same transaction', async () => {
    const item = await newRequest();
    await svc.repo.executeOn(item, { type: 'acusar_recibo' }, actor('lynne.robbins'));
    const timers = await rowsOf<{ n: number }>(
      `SELECT count(*)::int AS n FROM timers WHERE item_id = $1 AND status = 'pendiente'`,
      [item.id],
    );
    expect(timers[0]!.n).toBeGreaterThan(0);
    // Each kind replaced, never doubled: one pending timer per kind after the creation's and the command's schedules.
    const perKind = await rowsOf<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM timers WHERE item_id = $1 AND status = 'pendiente' GROUP BY kind`,
      [item.id],
    );
    expect(perKind.every((k) => k.n === 1)).toBe(true);
  });
});
