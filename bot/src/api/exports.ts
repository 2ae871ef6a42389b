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
  type Solicitud,
  legalBasisText,
} from '../../../protocol';
import type { Sql } from '../store/db';
import { toCsv } from './csv';

const day = (iso: string | undefined, tz: string) => (iso ? formatDate(toLocalDate(new Date(iso), tz)) : '');

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
