import type { Person } from '../../../protocol';
import {
  anchorTo,
  buildMail,
  escapeHtml,
  headerValue,
  MAIL_FOOTER,
  type MailEffect,
} from '../../../bot/src/notify/mail-message';
import { HOSTILE_STRINGS } from '../cards/hostile-text';
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

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'https://quillota.cl@evil.example/',
    'no es una dirección',
    '//evil.example/x',
  ])('anchorTo refuses %j and shows it as text', (url) => {
    for (const allowHttp of [false, true]) {
      const html = anchorTo(url, 'Documento', { allowHttp });
      expect(html).not.toContain('<a');
      expect(html).toBe(escapeHtml(`Documento: ${url}`));
    }
  });

  it('anchorTo: https always, http only when the app runs on http; the href is the parsed URL, escaped', () => {
    expect(anchorTo('https://q.cl/a"b', 'Ver', { allowHttp: false })).toBe(
      '<a href="https://q.cl/a%22b" style="color:#5b5fc7;">Ver</a>',
    );
    expect(anchorTo('http://localhost:3978/x', 'Ver', { allowHttp: false })).not.toContain('<a');
    expect(anchorTo('http://localhost:3978/x', 'Ver', { allowHttp: true })).toContain('href="http://localhost:3978/x"');
    const { item, effect } = created();
    const local = buildMail(effect, item, people('sofia'), [], {
      ...OPTS,
      detailUrl: 'http://localhost:3978/detalle/solicitudes/SOL-2026-0001',
      documents: [{ label: 'Borrador <v1>', url: 'http://localhost:3978/documentos/SOL.docx' }],
    });
    expect(local.html).toContain('href="http://localhost:3978/documentos/SOL.docx"');
    expect(local.html).toContain('>Borrador &lt;v1&gt;</a>');
    const prod = buildMail(effect, item, people('sofia'), [], {
      ...OPTS,
      documents: [{ label: 'Borrador', url: 'http://quillota.sharepoint.com/x.docx' }],
    });
    expect(prod.html).not.toContain('href="http://');
  });

  it('no header can be split: CR, LF and every other control character leave subject, names and x- headers', () => {
    const { item, effect } = created();
    const nasty = 'SOL-2026-0001:\r\nBcc: intruso@example.com\u0000\u0085\u2028X-Otro: 1\n\n<html>';
    const mail = buildMail(
      { ...effect, subject: nasty, notice: `aviso\r\nBcc: intruso@example.com` },
      { ...item, reference: `SOL-2026-0001\r\nBcc: intruso@example.com` },
      [{ name: 'Sofía\r\nBcc: intruso@example.com', email: 'sofia.munoz@quillota.cl' }],
      [{ name: 'Úrsula\nX: y', email: 'ursula.pinto@quillota.cl\r\n' }],
      { ...OPTS, from: { name: 'Intercambio\r\nBcc: x@y.z', email: FROM.email } },
    );
    const headerLines = [
      mail.subject,
      mail.from.name,
      ...mail.to.flatMap((a) => [a.name, a.email]),
      ...mail.cc.flatMap((a) => [a.name, a.email]),
      ...Object.values(mail.headers),
    ];
    for (const h of headerLines) expect(h).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    expect(mail.subject).toBe('SOL-2026-0001: Bcc: intruso@example.com X-Otro: 1 <html>');
    expect(mail.cc[0]).toEqual({ name: 'Úrsula X: y', email: 'ursula.pinto@quillota.cl' });
  });

  it('hostile text never becomes markup in the HTML, in text or attribute context', () => {
    const { item, effect } = created();
    for (const hostile of HOSTILE_STRINGS) {
      const mail = buildMail(
        { ...effect, summary: hostile, subject: hostile },
        { ...item, dataset: { ...item.dataset, name: hostile } },
        people('sofia'),
        [],
        { ...OPTS, documents: [{ label: hostile, url: 'https://quillota.sharepoint.com/x.docx' }] },
      );
      const body = mail.html.slice(mail.html.indexOf('<body'));
      // Only the tags the message itself writes, and only the two app links.
      expect(
        [...body.matchAll(/<([a-z]+)/g)]
          .map((m) => m[1])
          .filter((t) => !/^(body|p|table|tr|th|td|ul|li|a|hr)$/.test(t!)),
      ).toEqual([]);
      expect([...body.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual([
        'https://quillota.sharepoint.com/x.docx',
        OPTS.detailUrl,
      ]);
      expect(mail.html).toContain(escapeHtml(hostile));
      expect(headerValue(mail.subject)).toBe(mail.subject);
    }
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
