import type { Person } from '../../../protocol';
import { buildMail, MAIL_FOOTER, type MailEffect } from '../../../bot/src/notify/mail-message';
import {
  CONVENIO_BUILDERS,
  createSolicitudDecision,
  DIRECTORY,
  SOLICITUD_BUILDERS,
} from '../../support/protocol-fixtures';

const people = (...ids: string[]): Person[] => ids.map((id) => DIRECTORY.people.find((p) => p.id === id)!);
const FROM = { name: 'Intercambio de Datos', email: 'intercambio.datos@quillota.cl' };
const OPTS = { from: FROM, detailUrl: 'https://intercambio.quillota.cl/tab/items/SOL-2026-0001' };

function created(raw: Record<string, unknown> = {}) {
  const d = createSolicitudDecision(raw);
  return { item: d.next, effect: d.effects.find((e): e is MailEffect => e.type === 'mail')! };
}

describe('buildMail', () => {
  it('writes the summary, reference, state, deadlines and deep link in text and HTML', () => {
    const { item, effect } = created();
    const mail = buildMail(effect, item, people('sofia'), people('ursula', 'ana'), OPTS);
    expect(mail.subject).toBe('SOL-2026-0001: solicitud de datos de DIDECO');
    expect(mail.from).toEqual(FROM);
    expect(mail.to).toEqual([{ name: 'Sofía Muñoz', email: 'sofia.munoz@quillota.cl' }]);
    expect(mail.text).toContain(effect.summary);
    expect(mail.text).toContain('Referencia: SOL-2026-0001 — Atenciones de salud por sector');
    expect(mail.text).toContain('Estado: Enviada');
    expect(mail.text).toContain('Acuse de recibo: hasta el 17-09-2026 (2 días hábiles)');
    expect(mail.text).toContain('Respuesta: hasta el 30-09-2026 (10 días hábiles)');
    expect(mail.text).toContain(`Ver en Intercambio de Datos: ${OPTS.detailUrl}`);
    expect(mail.text).toContain(MAIL_FOOTER);
    for (const piece of ['17-09-2026 (2 días hábiles)', '30-09-2026', `href="${OPTS.detailUrl}"`, MAIL_FOOTER])
      expect(mail.html).toContain(piece);
    expect(mail.headers).toEqual({
      'Auto-Submitted': 'auto-generated',
      'X-Intercambio-Aviso': 'solicitud.nueva',
      'X-Intercambio-Referencia': 'SOL-2026-0001',
    });
  });

  it('leaves out of Cc anyone already in To, and repeated Cc', () => {
    const { item, effect } = created();
    const mail = buildMail(effect, item, people('sofia', 'ana'), people('ana', 'ursula', 'sofia', 'ursula'), OPTS);
    expect(mail.cc.map((a) => a.email)).toEqual(['ursula.pinto@quillota.cl']);
  });

  it('escapes user text in the HTML and keeps the subject on one line', () => {
    const { item, effect } = created({
      dataset: { ...createSolicitudDecision().next.dataset, name: '<img src=x onerror=alert(1)> & "co"' },
    });
    const mail = buildMail(
      { ...effect, subject: 'SOL-2026-0001:\r\nBcc: intruso@example.com' },
      item,
      people('sofia'),
      [],
      OPTS,
    );
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;co&quot;');
    expect(mail.subject).toBe('SOL-2026-0001: Bcc: intruso@example.com');
  });

  it('never makes a non-http link clickable', () => {
    const { item, effect } = created();
    const mail = buildMail(effect, item, people('sofia'), [], { ...OPTS, detailUrl: 'javascript:alert(1)' });
    expect(mail.html).not.toContain('href=');
  });

  it('shows only the deadlines still owed, and the committed date while waiting', () => {
    const { effect } = created();
    const waiting = buildMail(effect, SOLICITUD_BUILDERS.en_plazo(), people('sofia'), [], OPTS);
    expect(waiting.text).toContain('Estado: En plazo de espera');
    expect(waiting.text).not.toContain('Acuse de recibo:');
    expect(waiting.text).toContain('Entrega comprometida: el 25-09-2026');
    const closed = buildMail(effect, SOLICITUD_BUILDERS.cerrada(), people('sofia'), [], OPTS);
    expect(closed.text).not.toMatch(/Respuesta:|Acuse de recibo:/);
  });

  it('shows a convenio in force with its validity, and copes with a missing item', () => {
    const { effect } = created();
    const c = CONVENIO_BUILDERS.vigente();
    const mail = buildMail(effect, c, people('sergio'), [], { ...OPTS, tabName: 'Datos Quillota' });
    expect(mail.text).toContain('Estado: Vigente');
    expect(mail.text).toMatch(/Vigencia: del 15-09-2026 al \d{2}-\d{2}-\d{4}/);
    expect(mail.text).toContain('Ver en Datos Quillota: ');
    const orphan = buildMail(effect, undefined, people('sofia'), [], { ...OPTS, detailUrl: '' });
    expect(orphan.text).not.toContain('Referencia');
    expect(orphan.text).not.toContain('Ver en');
    expect(orphan.headers['X-Intercambio-Referencia']).toBeUndefined();
  });
});
