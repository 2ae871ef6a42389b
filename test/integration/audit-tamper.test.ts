import { startTestService, type TestService } from '../support/service';
import { solicitudBody } from '../support/fixtures';
import { verifyAuditChain } from '../../bot/src/store/audit-chain';
import { verifyAudit } from '../../bot/src/cli/verify-audit';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z');
  for (const unit of ['dideco', 'salud', 'educacion']) {
    const r = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody({ ownerUnitId: unit }));
    const owner = { dideco: 'lynne.robbins', salud: 'diego.siciliani', educacion: 'johanna.lorenz' }[unit]!;
    await svc.as(owner).post(`/api/v1/solicitudes/${r.body.item.reference}/comandos`, { type: 'acusar_recibo' });
    await svc
      .as(owner)
      .post(`/api/v1/solicitudes/${r.body.item.reference}/comandos`, { type: 'comentar', text: 'Revisando la base' });
  }
});
afterAll(async () => svc.close());

/** A DBA with direct access: the append-only trigger must be switched off first, which is the point. */
async function tamper(sql: string, params: unknown[]) {
  await svc.db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');
  });
}

const eventOf = async (reference: string, seq: number) =>
  (
    await svc.db.query<{ id: number; item_id: string }>(
      'SELECT e.id, e.item_id FROM audit_events e JOIN items i ON i.id = e.item_id WHERE i.reference = $1 AND e.seq = $2',
      [reference, seq],
    )
  ).rows[0]!;

describe('audit chain', () => {
  it('is intact after normal use', async () => {
    expect(await verifyAuditChain(svc.db)).toEqual({ ok: true, items: 3, events: 9 });
  });

  it('refuses updates and deletes through the append-only trigger', async () => {
    await expect(svc.db.query(`UPDATE audit_events SET actor_name = 'X'`)).rejects.toThrow(/solo anexión/);
    await expect(svc.db.query('DELETE FROM audit_events')).rejects.toThrow(/solo anexión/);
  });

  it('names the first broken event when one row is altered', async () => {
    const target = await eventOf('SOL-2026-0002', 2);
    await tamper(`UPDATE audit_events SET actor_name = 'Otra Persona' WHERE id = $1`, [target.id]);
    const r = await verifyAuditChain(svc.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({
      eventId: target.id,
      reference: 'SOL-2026-0002',
      seq: 2,
      reason: 'el contenido del evento fue alterado (el hash no coincide)',
    });
    await tamper(`UPDATE audit_events SET actor_name = 'Diego Siciliani' WHERE id = $1`, [target.id]);
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
  });

  it('detects a payload edit, a re-hashed row (broken link) and a deleted event', async () => {
    const third = await eventOf('SOL-2026-0003', 3);
    // The payload as written (the comment's text and the request id that wrote it), put back after the edit.
    const { rows } = await svc.db.query<{ payload: string }>(
      'SELECT payload::text AS payload FROM audit_events WHERE id = $1',
      [third.id],
    );
    await tamper(`UPDATE audit_events SET payload = '{"text":"otro"}' WHERE id = $1`, [third.id]);
    expect((await verifyAuditChain(svc.db)).firstBroken?.eventId).toBe(third.id);
    await tamper(`UPDATE audit_events SET payload = $2::jsonb WHERE id = $1`, [third.id, rows[0]!.payload]);
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);

    // Rewriting an event and its own hash still breaks the link from the next event.
    const first = await eventOf('SOL-2026-0001', 1);
    await tamper(`UPDATE audit_events SET hash = repeat('f', 64) WHERE id = $1`, [first.id]);
    const linked = await verifyAuditChain(svc.db);
    expect(linked.firstBroken).toMatchObject({ reference: 'SOL-2026-0001', seq: 1 });

    // Removing the whole chain of an item is caught too.
    await tamper(`DELETE FROM audit_events WHERE item_id = $1`, [first.item_id]);
    const r = await verifyAuditChain(svc.db);
    expect(r.firstBroken).toEqual({
      eventId: null,
      reference: 'SOL-2026-0001',
      seq: 1,
      reason: 'el ítem no tiene eventos de auditoría',
    });
  });

  it('the verify command reports the broken event with exit code 2', async () => {
    const r = await verifyAudit(svc.db);
    expect(r.code).toBe(2);
    expect(r.message).toBe(
      'Cadena de auditoría ALTERADA. Primer evento roto: evento faltante, SOL-2026-0001, posición 1: el ítem no tiene eventos de auditoría.',
    );
  });
});
