import { person, role, unit, type Item } from '../../../protocol';
import { mailEffectHandler } from '../../../bot/src/notify/mail-handler';
import type { MailEffect } from '../../../bot/src/notify/mail-message';
import type { MailPort, OutgoingMail } from '../../../bot/src/m365/mail-port';
import { createSolicitudDecision, DATASET, DIRECTORY, TODAY } from '../../support/protocol-fixtures';

const decision = createSolicitudDecision();
const effect = decision.effects.find((e): e is MailEffect => e.type === 'mail')!;
const row = {
  id: 7,
  itemId: decision.next.id,
  idempotencyKey: `${decision.next.id}:1:1`,
  attempts: 0,
  createdAt: new Date(),
  auditSeq: 1,
};

function setup(directory = DIRECTORY) {
  const sent: { mail: OutgoingMail; key: string }[] = [];
  const port: MailPort = {
    send: async (mail, key) => {
      sent.push({ mail, key });
      return { id: `<${key}>` };
    },
  };
  const handler = mailEffectHandler({
    repo: { get: async (id): Promise<Item | undefined> => (id === decision.next.id ? decision.next : undefined) },
    directory,
    port,
    from: { name: 'Intercambio de Datos', email: 'intercambio.datos@quillota.cl' },
    detailUrl: (item) => `https://intercambio.quillota.cl/tab/items/${item.reference}`,
    today: () => TODAY,
  });
  return { handler, sent };
}

describe('mailEffectHandler', () => {
  it('sends to the owner unit and its subrogante, UGDT and the requester in copy, with the row key', async () => {
    const { handler, sent } = setup();
    await handler(effect, row);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.key).toBe(row.idempotencyKey);
    // Sofía's subrogante Pablo acts this week (Decreto 2101/2026).
    expect(sent[0]!.mail.to.map((a) => a.email)).toEqual(['sofia.munoz@quillota.cl', 'pablo.diaz@quillota.cl']);
    expect(sent[0]!.mail.cc.map((a) => a.email)).toEqual(['ursula.pinto@quillota.cl', 'ana.rojas@quillota.cl']);
    expect(sent[0]!.mail.text).toContain('https://intercambio.quillota.cl/tab/items/SOL-2026-0001');
  });

  it('completes without sending when nobody resolves, and skips people without a mailbox', async () => {
    const { handler, sent } = setup();
    await expect(
      handler({ ...effect, to: [unit('inexistente')], cc: [person('nadie')] }, row),
    ).resolves.toBeUndefined();
    expect(sent).toHaveLength(0);
    const noMail = { ...DIRECTORY, people: DIRECTORY.people.map((p) => (p.id === 'ursula' ? { ...p, email: '' } : p)) };
    const other = setup(noMail);
    await other.handler({ ...effect, to: [role('ugdt')], cc: [] }, row);
    expect(other.sent).toHaveLength(0);
  });

  it('refuses an effect of another kind (a wiring mistake, not a delivery problem)', async () => {
    const { handler } = setup();
    await expect(handler({ type: 'update_cards' }, row)).rejects.toThrow(
      'mailEffectHandler recibió un efecto update_cards',
    );
  });

  it('the document goes only to staff who may open it: Control, copied on a sensitive item, gets its own copy without it', async () => {
    const sensitive = createSolicitudDecision({
      dataset: { ...DATASET, classification: { access: 'uso_interno', privacy: 'sensible' } },
    }).next;
    const sent: { mail: OutgoingMail; key: string }[] = [];
    const handler = mailEffectHandler({
      repo: { get: async () => sensitive },
      directory: DIRECTORY,
      port: { send: async (mail, key) => (sent.push({ mail, key }), { id: `<${key}>` }) },
      from: { name: 'Intercambio de Datos', email: 'intercambio.datos@quillota.cl' },
      detailUrl: (item) => `https://intercambio.quillota.cl/tab/items/${item.reference}`,
      today: () => TODAY,
      documents: async () => ({
        attachments: [{ name: 'borrador.docx', contentType: 'application/octet-stream', bytes: Buffer.from('x') }],
        links: [],
      }),
    });
    await handler({ ...effect, to: [person('ana')], cc: [role('control')] }, row);
    expect(
      sent.map((s) => [s.key, s.mail.to.concat(s.mail.cc).map((a) => a.email), s.mail.attachments?.length ?? 0]),
    ).toEqual([
      [row.idempotencyKey, ['ana.rojas@quillota.cl'], 1],
      [`${row.idempotencyKey}:sin-documentos`, ['claudio.perez@quillota.cl'], 0],
    ]);
  });
});
