import { startTestService, type TestService } from '../support/service';
import { solicitudBody } from '../support/fixtures';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z');
});
afterAll(async () => svc.close());

const count = async (sql: string, params: unknown[]) =>
  Number((await svc.db.query<{ n: number }>(sql, params)).rows[0]!.n);

describe('50 concurrent identical commands on one request', () => {
  it.each([
    ['without expectedVersion', {}],
    ['with the card version', { expectedVersion: 1 }],
  ])('%s: exactly one transition and one audit event; the rest get 409', async (_label, extra) => {
    const created = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
    const { id, reference } = created.body.item;
    const lynne = svc.as('lynne.robbins');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        lynne.post(`/api/v1/solicitudes/${reference}/comandos`, { type: 'acusar_recibo', ...extra }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(['CONFLICTO_VERSION', 'TRANSICION_INVALIDA']).toContain(a.body.error.code);
      expect(a.body.error.message).toMatch(/SOL-2026-\d{4}/);
    }
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_events WHERE item_id = $1 AND command = 'acusar_recibo'`, [id]),
    ).toBe(1);
    expect(await count('SELECT version AS n FROM items WHERE id = $1', [id])).toBe(2);
    // The notice to the requester went out once.
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox WHERE item_id = $1 AND audit_seq = 2 AND kind = 'notify'`, [
        id,
      ]),
    ).toBe(1);
  });

  it('concurrent creations get distinct, consecutive references', async () => {
    const before = await count(
      `SELECT coalesce(max(last), 0) AS n FROM reference_counters WHERE kind = 'solicitud'`,
      [],
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        svc.as('miriam.graham').post('/api/v1/solicitudes', solicitudBody({ ownerUnitId: 'salud' })),
      ),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const seqs = answers.map((a) => Number(a.body.item.reference.slice(-4))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
  });
});
