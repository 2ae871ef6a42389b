import {
  ACCESS_LABELS,
  CONVENIO_STATE_LABELS,
  PRIVACY_LABELS,
  SOLICITUD_STATE_LABELS,
  unitName,
  formatDate,
  redactFor,
  visibilityOf,
  type Actor,
  formatRut,
  toLocalDate,
  type Convenio,
  type Directory,
  type LocalDate,
  type Solicitud,
  legalBasisText,
} from '../../../protocol';
import type { Sql } from '../store/db';
import { toCsv } from './csv';

const day = (iso: string | undefined, tz: string) => (iso ? formatDate(toLocalDate(new Date(iso), tz)) : '');

/** Late: flagged at the expiry of the answer deadline, or answered after its last day. */
function answeredLate(s: Solicitud, tz: string): boolean {
  if (s.overdue?.deadline === 'answer') return true;
  const answered = s.delivery?.at ?? s.outcome?.at;
  return !!answered && toLocalDate(new Date(answered), tz) > s.deadlines.answer.dueDate;
}

/**
 * Ley 19.880 art. 24 bis and Ley 19.628 art. 5: the log of data requests between bodies, with requesting unit,
 * responsible official, destination, data requested, purpose, legal basis, deadline and state.
 */
export async function exportRequestLog(
  sql: Sql,
  directory: Directory,
  tz: string,
  range: { from: string; to: string },
  reader: Actor,
): Promise<string> {
  // The read policy, as for every output: the rows the reader may read, each with the fields they may see.
  const visible = visibilityOf(reader, 'solicitud');
  const { rows } = await sql.query<{ data: Solicitud }>(
    `SELECT data FROM items WHERE kind = 'solicitud' AND created_at >= $1 AND created_at <= $2
       ${visible === 'all' ? '' : 'AND participants && $3::text[]'}
     ORDER BY created_at, reference`,
    visible === 'all' ? [range.from, range.to] : [range.from, range.to, visible],
  );
  return toCsv(
    [
      'Referencia',
      'Fecha de solicitud',
      'Unidad solicitante',
      'Funcionario responsable',
      'Unidad de destino',
      'Datos solicitados',
      'Campos',
      'Período',
      'Clasificación (acceso)',
      'Clasificación (privacidad)',
      'Propósito',
      'Base legal',
      'Plazo de respuesta',
      'Prórrogas (días)',
      'Estado',
      'Fecha de respuesta',
      // Ley 19.880 art. 26: an expired deadline is never extended, so a late answer stays late; UGDT's oficios
      // reiterativos are listed, they do not make it timely.
      'Fuera de plazo',
      'Oficios reiterativos',
    ],
    rows
      .map(({ data }) => redactFor(reader, data).item as Solicitud)
      .map((s) => [
        s.reference,
        day(s.createdAt, tz),
        unitName(directory, s.requester.unitId),
        s.requester.name,
        unitName(directory, s.ownerUnitId),
        s.dataset.name,
        s.dataset.fields.join(', '),
        s.dataset.period ?? '',
        ACCESS_LABELS[s.classification.access],
        PRIVACY_LABELS[s.classification.privacy],
        s.purpose,
        legalBasisText(s.legalBasis),
        formatDate(s.deadlines.answer.dueDate),
        s.deadlines.answer.extended,
        SOLICITUD_STATE_LABELS[s.state],
        day(s.delivery?.at ?? s.outcome?.at, tz),
        answeredLate(s, tz) ? 'Sí' : 'No',
        (s.reiterations ?? []).map((r) => `${day(r.at, tz)} (responder al ${formatDate(r.until)})`).join('; '),
      ]),
  );
}

/**
 * Ley 21.719 art. 22: the agreements on transfer of personal data, published monthly. A convenio belongs to the
 * month of its approving decree.
 */
export async function exportConvenioPublication(sql: Sql, month: string): Promise<string> {
  const first = `${month}-01`;
  const { rows } = await sql.query<{ data: Convenio }>(
    `SELECT data FROM items WHERE kind = 'convenio' AND privacy <> 'no_personal' AND data->'decree'->>'date' >= $1
        AND data->'decree'->>'date' < to_char(($1::date + interval '1 month'), 'YYYY-MM-DD')
      ORDER BY data->'decree'->>'date', reference`,
    [first],
  );
  return toCsv(
    [
      'Referencia',
      'Entidad',
      'RUT',
      'Objeto',
      'Finalidad',
      'Datos transferidos',
      'Categoría de datos',
      'Base legal',
      'Decreto aprobatorio',
      'Fecha del decreto',
      'Vigencia desde',
      'Vigencia hasta',
      'Estado',
    ],
    rows.map(({ data: c }) => [
      c.reference,
      c.entity.name,
      formatRut(c.entity.rut) ?? c.entity.rut,
      c.title,
      c.purpose,
      c.datasets.map((d) => d.name).join(', '),
      [...new Set(c.datasets.map((d) => PRIVACY_LABELS[d.classification.privacy]))].join(', '),
      legalBasisText(c.legalBasis),
      c.decree ? `D.A. N° ${c.decree.number}` : '',
      c.decree ? formatDate(c.decree.date) : '',
      c.validity ? formatDate(c.validity.start) : '',
      c.validity ? formatDate(c.validity.end) : '',
      CONVENIO_STATE_LABELS[c.state],
    ]),
  );
}

const TRANSFER_HEADER = [
  'Referencia',
  'Entidad',
  'Fecha de transferencia',
  'Datos transferidos',
  'Método',
  'Responsable municipal',
  'Responsable de la contraparte',
  'Registrada por',
  'Registrada el',
];

/** A convenio's transfers as rows, each as the reader may see it (the datasets of a sensitive one are reserved). */
function transferRows(reader: Actor, convenio: Convenio, tz: string, range?: { from: string; to: string }) {
  const c = redactFor(reader, convenio).item as Convenio;
  return c.transfers
    .filter((t) => !range || (t.date >= range.from && t.date <= range.to))
    .map((t) => [
      c.reference,
      c.entity.name,
      formatDate(t.date),
      t.datasets.join(', '),
      t.method,
      t.municipalResponsible,
      t.externalResponsible,
      t.by.name,
      day(t.at, tz),
    ]);
}

/** Rule 5 (issue 12): the transfer log of one convenio, which the caller may read. */
export function exportConvenioTransfers(reader: Actor, convenio: Convenio, tz: string): string {
  return toCsv(TRANSFER_HEADER, transferRows(reader, convenio, tz));
}

/**
 * Ley 19.628 art. 5: the communications of personal data are part of the record, next to the request log — every
 * transfer under a convenio dated within the range, of the convenios the reader may read, with the read policy.
 */
export async function exportTransferLog(
  sql: Sql,
  tz: string,
  range: { from: LocalDate; to: LocalDate },
  reader: Actor,
): Promise<string> {
  const visible = visibilityOf(reader, 'convenio');
  const { rows } = await sql.query<{ data: Convenio }>(
    `SELECT data FROM items WHERE kind = 'convenio' AND jsonb_array_length(COALESCE(data->'transfers', '[]'::jsonb)) > 0
       ${visible === 'all' ? '' : 'AND participants && $1::text[]'}
     ORDER BY reference`,
    visible === 'all' ? [] : [visible],
  );
  const all = rows.flatMap(({ data }) => transferRows(reader, data, tz, range));
  return toCsv(
    TRANSFER_HEADER,
    all.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  );
}

/** Date (dd-MM-yyyy turned sortable) then reference. */
const sortKey = (r: (string | number)[]) => `${String(r[2]).split('-').reverse().join('-')} ${r[0]}`;
