import {
  CONVENIO_IN_FORCE,
  CONVENIO_STATE_LABELS,
  formatDate,
  SOLICITUD_AWAITING_OWNER,
  SOLICITUD_STATE_LABELS,
  type Deadline,
  type Effect,
  type Item,
  type Person,
} from '../../../protocol';
import { allowedUrl, urlPolicyOf, type UrlPolicy } from '../cards/markdown';
import type { MailAddress, OutgoingMail } from '../m365/mail-port';
import { escapeHtml } from '../web/html';

export type MailEffect = Extract<Effect, { type: 'mail' }>;

export interface MailOptions {
  from: MailAddress;
  /** Deep link to the item in the tab; empty when there is no item to link to. */
  detailUrl: string;
  /** The tab's name as people see it in Teams. */
  tabName?: string;
  /** Links to the document the notice is about (SharePoint sharing links, or the service's in local mode). */
  documents?: { label: string; url: string }[];
}

export const MAIL_FOOTER =
  'Copia por correo de un aviso de Intercambio de Datos (Protocolo para Intercambio de Datos, Municipalidad de Quillota)';

const days = (n: number, unit: Deadline['period']['unit']) =>
  `${n} ${n === 1 ? 'día' : 'días'} ${unit === 'habiles' ? (n === 1 ? 'hábil' : 'hábiles') : n === 1 ? 'corrido' : 'corridos'}`;

function deadlineText(d: Deadline): string {
  const extra = d.extended > 0 ? `, más ${days(d.extended, d.period.unit)} de prórroga` : '';
  return `hasta el ${formatDate(d.dueDate)} (${days(d.period.amount, d.period.unit)}${extra})`;
}

/** Label/value rows shared by the text and HTML bodies, so both versions always say the same. */
function itemRows(item: Item | undefined): [string, string][] {
  if (!item) return [];
  if (item.kind === 'solicitud') {
    const rows: [string, string][] = [
      ['Referencia', `${item.reference} — ${item.dataset.name}`],
      ['Estado', SOLICITUD_STATE_LABELS[item.state]],
    ];
    // Only deadlines still owed: a closed request has none left to meet.
    if (SOLICITUD_AWAITING_OWNER.includes(item.state)) {
      if (item.state === 'enviada') rows.push(['Acuse de recibo', deadlineText(item.deadlines.acknowledge)]);
      rows.push(['Respuesta', deadlineText(item.deadlines.answer)]);
      if (item.wait) rows.push(['Entrega comprometida', `el ${formatDate(item.wait.until)}`]);
    }
    return rows;
  }
  const rows: [string, string][] = [
    ['Referencia', `${item.reference} — ${item.title}`],
    ['Estado', CONVENIO_STATE_LABELS[item.state]],
  ];
  if (CONVENIO_IN_FORCE.includes(item.state) && item.validity)
    rows.push(['Vigencia', `del ${formatDate(item.validity.start)} al ${formatDate(item.validity.end)}`]);
  if (CONVENIO_IN_FORCE.includes(item.state) && item.nextEvaluationDue)
    rows.push(['Próxima evaluación periódica', `el ${formatDate(item.nextEvaluationDue)}`]);
  return rows;
}

/**
 * One header line: a subject, a display name or an x- header built from titles, dataset names or references typed
 * by users. CR and LF would start a new header (a Bcc, a second body); every other control character (C0, DEL,
 * C1, the Unicode line and paragraph separators) is replaced too, and runs of blanks become one space.
 */
export function headerValue(s: string): string {
  return s
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export { escapeHtml };

const MUTED = 'color:#616161;font-size:12px;';

function htmlBody(
  summary: string,
  rows: [string, string][],
  link: string | undefined,
  linkLabel: string,
  documents: { label: string; url: string }[],
  policy: UrlPolicy,
): string {
  const cell = 'padding:2px 12px 2px 0;vertical-align:top;';
  const table = rows.length
    ? `<table style="border-collapse:collapse;margin:12px 0;">${rows
        .map(
          ([k, v]) =>
            `<tr><th style="${cell}text-align:left;font-weight:normal;color:#616161;">${escapeHtml(k)}</th>` +
            `<td style="${cell}">${escapeHtml(v)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const anchor = link ? `<p>${escapeHtml(linkLabel)}: ${anchorTo(link, link, policy)}</p>` : '';
  const docs = documents.length
    ? `<p>Documento:</p><ul>${documents.map((d) => `<li>${anchorTo(d.url, d.label, policy)}</li>`).join('')}</ul>`
    : '';
  return (
    '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"></head>' +
    '<body style="font-family:\'Segoe UI\',Arial,sans-serif;font-size:14px;color:#242424;">' +
    `<p>${escapeHtml(summary)}</p>${table}${docs}${anchor}` +
    `<hr style="border:none;border-top:1px solid #e0e0e0;margin:16px 0 8px;"><p style="${MUTED}">${escapeHtml(MAIL_FOOTER)}</p>` +
    '</body></html>'
  );
}

/**
 * An anchor only for a URL that parses with https: (http: only when the app's own link is http, in local mode) and
 * carries no user name or password (cards/markdown.ts allowedUrl); a javascript:, data: or unparsable URL is
 * shown as text, never made clickable.
 */
export function anchorTo(url: string, text: string, policy: UrlPolicy): string {
  const href = allowedUrl(url, policy);
  if (href) return `<a href="${escapeHtml(href)}" style="color:#5b5fc7;">${escapeHtml(text)}</a>`;
  return escapeHtml(text === url ? url : `${text}: ${url}`);
}

const address = (p: Pick<Person, 'name' | 'email'>): MailAddress => ({
  name: headerValue(p.name),
  email: headerValue(p.email),
});

/** Composes the mail copy of a notice (pure): Spanish text and equivalent escaped HTML, Cc without anyone in To. */
export function buildMail(
  effect: MailEffect,
  item: Item | undefined,
  to: Pick<Person, 'name' | 'email'>[],
  cc: Pick<Person, 'name' | 'email'>[],
  opts: MailOptions,
): OutgoingMail {
  const key = (p: Pick<Person, 'email'>) => p.email.toLowerCase();
  const taken = new Set(to.map(key));
  const ccOnly: Pick<Person, 'name' | 'email'>[] = [];
  for (const p of cc)
    if (!taken.has(key(p))) {
      taken.add(key(p));
      ccOnly.push(p);
    }
  const rows = itemRows(item);
  const linkLabel = `Ver en ${opts.tabName ?? 'Intercambio de Datos'}`;
  const link = opts.detailUrl || undefined;
  const text = [
    effect.summary,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(rows.length ? [''] : []),
    ...(opts.documents?.length ? ['Documento:', ...opts.documents.map((d) => `- ${d.label}: ${d.url}`), ''] : []),
    ...(link ? [`${linkLabel}: ${link}`, ''] : []),
    // '-- ' is the usenet/RFC 3676 signature separator: mail clients show the footer as such.
    '-- ',
    MAIL_FOOTER,
    '',
  ].join('\n');
  return {
    from: address(opts.from),
    to: to.map(address),
    cc: ccOnly.map(address),
    // A subject is one header line: line breaks from user text (an entity name) must not reach it.
    subject: headerValue(effect.subject),
    text,
    html: htmlBody(effect.summary, rows, link, linkLabel, opts.documents ?? [], urlPolicyOf(opts.detailUrl)),
    headers: {
      // RFC 3834: out-of-office and other automatic replies must not answer a notice.
      'Auto-Submitted': 'auto-generated',
      'X-Intercambio-Aviso': headerValue(effect.notice),
      ...(item ? { 'X-Intercambio-Referencia': headerValue(item.reference) } : {}),
    },
  };
}
