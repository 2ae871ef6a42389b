// The register's filters: the query-string schema the API validates, and the SQL they become. The register, the
// board and the pending-work scan share them, so each counts exactly what the list shows.
import { z } from 'zod';
import {
  ACCESS_LEVELS,
  CONVENIO_STATES,
  PRIVACY_LEVELS,
  SOLICITUD_STATES,
  parseReference,
  localDateField,
  safeString,
  SENSITIVE_ACCESS,
  SENSITIVE_PRIVACY,
  type ItemKind,
  type ReadScope,
} from '../../../../protocol';
import { searchWords } from '../items-repo';

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
      q: safeString({ max: 200, label: 'búsqueda' }).optional(),
      orden: z
        .enum(['recientes', 'vencimiento'], { errorMap: () => ({ message: 'orden: recientes o vencimiento' }) })
        .default('recientes'),
      limite: z.coerce
        .number({ invalid_type_error: 'límite numérico' })
        .int()
        .min(1, 'mínimo 1')
        .max(1000, 'máximo 1000')
        .default(50),
      // Opaque to clients (base64url of the last row's key); decodeCursor checks what it holds.
      cursor: z
        .string()
        .max(200, 'cursor de paginación inválido')
        .regex(/^[A-Za-z0-9_-]+$/, 'cursor de paginación inválido')
        .optional(),
    })
    .strict();
}
export type RegisterFilter = z.infer<ReturnType<typeof registerFilterSchema>>;

/** Words for to_tsquery: folded, stripped of operators, each as a prefix. */
function tsQuery(q: string): string | undefined {
  const words = searchWords(q).slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

/** A WHERE clause under construction: its conditions and their parameters ($1 is always the kind). */
export interface Where {
  conditions: string[];
  params: unknown[];
  /** Adds a parameter and returns its placeholder. */
  p(v: unknown): string;
  sql(): string;
}

/** The register's filters as SQL; the board and the panel share them so they count exactly what the list shows. */
export function registerWhere(
  kind: ItemKind,
  f: Partial<RegisterFilter>,
  scope: ReadScope,
  now: Date,
  created: { from?: string; to?: string } = {},
): Where {
  const conditions: string[] = ['kind = $1'];
  const params: unknown[] = [kind];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (scope.items !== 'all') conditions.push(`participants && ${p(scope.items)}::text[]`);
  if (f.estado?.length) conditions.push(`state = ANY(${p(f.estado)}::text[])`);
  if (f.unidad?.length) {
    const u = p(f.unidad);
    conditions.push(`(owner_unit = ANY(${u}::text[]) OR requesting_unit = ANY(${u}::text[]))`);
  }
  if (f.acceso?.length) conditions.push(`access = ANY(${p(f.acceso)}::text[])`);
  if (f.privacidad?.length) conditions.push(`privacy = ANY(${p(f.privacidad)}::text[])`);
  if (f.vencidas !== undefined)
    conditions.push(
      f.vencidas ? `due_at < ${p(now.toISOString())}` : `(due_at IS NULL OR due_at >= ${p(now.toISOString())})`,
    );
  if (created.from) conditions.push(`created_at >= ${p(created.from)}`);
  if (created.to) conditions.push(`created_at <= ${p(created.to)}`);
  if (f.q) {
    const ref = parseReference(f.q);
    const ts = tsQuery(f.q);
    if (ref) conditions.push(`reference = ${p(f.q.trim().toUpperCase())}`);
    else if (ts) {
      // The read policy: hidden texts are searched only where the reader may see them (not sensitive, or entitled),
      // so a hit never confirms a value the detail shows as reserved.
      const q = `to_tsquery('simple', ${p(ts)})`;
      const entitled = [
        `NOT (privacy = ANY(${p(SENSITIVE_PRIVACY)}::text[]) OR access = ANY(${p(SENSITIVE_ACCESS)}::text[]))`,
        ...(scope.sensitive === 'all' ? ['true'] : [`participants && ${p(scope.sensitive)}::text[]`]),
      ].join(' OR ');
      conditions.push(`(search @@ ${q} OR (search_reserved @@ ${q} AND (${entitled})))`);
    }
  }
  return { conditions, params, p, sql: () => conditions.join(' AND ') };
}
