import { z } from 'zod';
import {
  ACCESS_LEVELS,
  CONVENIO_STATES,
  PRIVACY_LEVELS,
  SOLICITUD_STATES,
  parseReference,
  localDateField,
  invalid,
  type ItemKind,
} from '../../../protocol';
import type { Sql } from './db';
import { searchWords } from './items-repo';

const list = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { errorMap: () => ({ message: `${label} desconocido` }) })));

const localDate = localDateField('la fecha');

/** Filters of the register, as the API receives them in the query string. */
export function registerFilterSchema(kind: ItemKind) {
  const states = kind === 'solicitud' ? SOLICITUD_STATES : CONVENIO_STATES;
  return z
    .object({
      estado: list(states, 'estado').optional(),
      unidad: z
        .string()
        .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, 'unidad inválida')
        .transform((s) => s.split(','))
        .optional(),
      acceso: list(ACCESS_LEVELS, 'nivel de acceso').optional(),
      privacidad: list(PRIVACY_LEVELS, 'nivel de privacidad').optional(),
      vencidas: z
        .enum(['true', 'false'], { errorMap: () => ({ message: 'use true o false' }) })
        .transform((v) => v === 'true')
        .optional(),
      desde: localDate.optional(),
      hasta: localDate.optional(),
      q: z.string().trim().max(200, 'búsqueda: máximo 200 caracteres').optional(),
      orden: z
        .enum(['recientes', 'vencimiento'], { errorMap: () => ({ message: 'orden: recientes o vencimiento' }) })
        .default('recientes'),
      limite: z.coerce
        .number({ invalid_type_error: 'límite numérico' })
        .int()
        .min(1, 'mínimo 1')
        .max(200, 'máximo 200')
        .default(50),
      cursor: z.string().max(200).optional(),
    })
    .strict();
}
export type RegisterFilter = z.infer<ReturnType<typeof registerFilterSchema>>;

export interface RegisterRow {
  id: string;
  kind: ItemKind;
  reference: string;
  version: number;
  state: string;
  requestingUnit: string;
  ownerUnit: string;
  title: string;
  access: string;
  privacy: string;
  dueAt: string | null;
  overdue: boolean;
  overdueFlag: boolean;
  createdAt: string;
  updatedAt: string;
}

interface Cursor {
  k: string | null;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A cursor is opaque to clients, but it comes back from them: check every part before it reaches SQL. */
function decodeCursor(s: string, keyMayBeNull: boolean): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    c = undefined;
  }
  const ok =
    !!c &&
    typeof c === 'object' &&
    !Array.isArray(c) &&
    typeof (c as Cursor).id === 'string' &&
    UUID_RE.test((c as Cursor).id) &&
    (((c as Cursor).k === null && keyMayBeNull) ||
      (typeof (c as Cursor).k === 'string' &&
        INSTANT_RE.test((c as Cursor).k!) &&
        !isNaN(Date.parse((c as Cursor).k!))));
  if (!ok) throw invalid('Cursor de paginación inválido.', { cursor: 'inválido' });
  return c as Cursor;
}

/** Words for to_tsquery: folded, stripped of operators, each as a prefix. */
function tsQuery(q: string): string | undefined {
  const words = searchWords(q).slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

/**
 * One page of the register with keyset pagination. `visible` is 'all' or the participant keys of the caller;
 * `now` decides what is overdue. Sorted newest first, or by the running deadline (soonest first).
 */
export async function queryRegister(
  sql: Sql,
  kind: ItemKind,
  f: RegisterFilter,
  visible: 'all' | string[],
  now: Date,
  timeZoneOffsetDates: { from?: string; to?: string } = {},
): Promise<{ items: RegisterRow[]; nextCursor: string | null }> {
  const where: string[] = ['kind = $1'];
  const params: unknown[] = [kind];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (visible !== 'all') where.push(`participants && ${p(visible)}::text[]`);
  if (f.estado?.length) where.push(`state = ANY(${p(f.estado)}::text[])`);
  if (f.unidad?.length) {
    const u = p(f.unidad);
    where.push(`(owner_unit = ANY(${u}::text[]) OR requesting_unit = ANY(${u}::text[]))`);
  }
  if (f.acceso?.length) where.push(`access = ANY(${p(f.acceso)}::text[])`);
  if (f.privacidad?.length) where.push(`privacy = ANY(${p(f.privacidad)}::text[])`);
  if (f.vencidas !== undefined)
    where.push(
      f.vencidas ? `due_at < ${p(now.toISOString())}` : `(due_at IS NULL OR due_at >= ${p(now.toISOString())})`,
    );
  if (timeZoneOffsetDates.from) where.push(`created_at >= ${p(timeZoneOffsetDates.from)}`);
  if (timeZoneOffsetDates.to) where.push(`created_at <= ${p(timeZoneOffsetDates.to)}`);
  if (f.q) {
    const ref = parseReference(f.q);
    const ts = tsQuery(f.q);
    if (ref) where.push(`reference = ${p(f.q.trim().toUpperCase())}`);
    else if (ts) where.push(`search @@ to_tsquery('simple', ${p(ts)})`);
  }
  let order: string;
  if (f.orden === 'vencimiento') {
    // Items without a running deadline sort last; the sentinel keeps the keyset comparison total.
    const key = `COALESCE(due_at, 'infinity'::timestamptz)`;
    if (f.cursor) {
      const c = decodeCursor(f.cursor, true);
      where.push(`(${key}, id) > (${p(c.k ?? 'infinity')}::timestamptz, ${p(c.id)}::uuid)`);
    }
    order = `${key} ASC, id ASC`;
  } else {
    if (f.cursor) {
      const c = decodeCursor(f.cursor, false);
      where.push(`(created_at, id) < (${p(c.k)}::timestamptz, ${p(c.id)}::uuid)`);
    }
    order = 'created_at DESC, id DESC';
  }
  const limit = f.limite;
  const { rows } = await sql.query<{
    id: string;
    reference: string;
    version: number;
    state: string;
    requesting_unit: string;
    owner_unit: string;
    title: string;
    access: string;
    privacy: string;
    due_at: Date | null;
    overdue_flag: boolean;
    created_at: Date;
    updated_at: Date;
  }>(
    `SELECT id, reference, version, state, requesting_unit, owner_unit, title, access, privacy, due_at, overdue_flag,
            created_at, updated_at
       FROM items WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${p(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit).map((r): RegisterRow => ({
    id: r.id,
    kind,
    reference: r.reference,
    version: r.version,
    state: r.state,
    requestingUnit: r.requesting_unit,
    ownerUnit: r.owner_unit,
    title: r.title,
    access: r.access,
    privacy: r.privacy,
    dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
    overdue: !!r.due_at && new Date(r.due_at) < now,
    overdueFlag: r.overdue_flag,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ k: f.orden === 'vencimiento' ? last.dueAt : last.createdAt, id: last.id })
      : null;
  return { items: page, nextCursor };
}
