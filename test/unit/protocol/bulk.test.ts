// Issue 14 §8: what a batch of the UGDT looks like (protocol/solicitud/bulk.ts). Who may act on each request is
// decide()'s, tested with every verb elsewhere; here, which verbs a batch offers and what its body accepts.
import {
  BULK_VERBS,
  bulkRequestSchema,
  bulkVerbsOf,
  MAX_BULK_ITEMS,
  solicitudCommandSchema,
  SOLICITUD_TRANSITIONS,
  SYSTEM_ACTOR,
} from '../../../protocol';
import { actor } from '../../support/protocol-fixtures';

describe('the verbs of a batch', () => {
  it('are the UGDT’s four on a stuck request, each a verb of the table with its single schema', () => {
    expect(BULK_VERBS).toEqual(['recordar', 'reiterar', 'reasignar', 'cerrar']);
    for (const v of BULK_VERBS) {
      expect(SOLICITUD_TRANSITIONS[v].who).toBe('ugdt');
      expect(solicitudCommandSchema.optionsMap.get(v)).toBeDefined();
    }
  });

  it('are offered to the UGDT only', () => {
    expect(bulkVerbsOf(actor('ursula'))).toEqual(BULK_VERBS);
    for (const p of ['ana', 'diego', 'sergio', 'daniela']) expect([p, bulkVerbsOf(actor(p))]).toEqual([p, []]);
    expect(bulkVerbsOf(SYSTEM_ACTOR)).toEqual([]);
  });
});

describe('the body of a batch', () => {
  const ok = (body: unknown) => bulkRequestSchema.safeParse(body).success;

  it('takes 1 to 100 distinct request references, in any case, and one command with its own fields', () => {
    const refs = Array.from({ length: MAX_BULK_ITEMS }, (_, i) => `sol-2026-${String(i + 1).padStart(4, '0')}`);
    const parsed = bulkRequestSchema.parse({ referencias: refs, comando: { type: 'recordar' } });
    expect(parsed.referencias[0]).toBe('SOL-2026-0001');
    expect(ok({ referencias: [...refs, 'SOL-2026-0101'], comando: { type: 'recordar' } })).toBe(false);
    expect(ok({ referencias: ['SOL-2026-0001', 'SOL-2026-0001'], comando: { type: 'recordar' } })).toBe(false);
    expect(ok({ referencias: ['CONV-2026-0001'], comando: { type: 'recordar' } })).toBe(false);
    expect(ok({ referencias: ['SOL-2026-0001'], comando: { type: 'cerrar', reason: 'Sin respuesta' } })).toBe(true);
    expect(ok({ referencias: ['SOL-2026-0001'], comando: { type: 'cerrar', reason: 'no' } })).toBe(false);
    expect(ok({ referencias: ['SOL-2026-0001'], comando: { type: 'prorrogar', amount: 3, reason: 'Más' } })).toBe(
      false,
    );
    expect(
      ok({
        referencias: ['SOL-2026-0001'],
        comando: { type: 'reasignar', unitId: 'salud', reason: 'Salud tiene el dato' },
      }),
    ).toBe(true);
  });
});
