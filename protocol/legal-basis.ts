import { z } from 'zod';
import { linkField, localDateField, safeString } from './fields';
import type { Classification, Dataset } from './classification';

/**
 * Rule 6 of issue 12: a legal basis is a real one. The free text of earlier versions becomes a structured choice:
 * the basis of lawfulness the law allows a public body, plus the norm (law and article) that grants the competence.
 *
 * Law (Ley 19.628 as amended by Ley 21.719, in force from 01-12-2026):
 * - Título IV «Del tratamiento de datos personales por los órganos públicos»: a public body processes personal data,
 *   without the data subject's consent, in the exercise of its legal functions and within its competence (the
 *   title was verified in the stored text; the article number, art. 20, is cited as the brief gives it).
 * - Art. 16 (verified): sensitive data are processed with the data subject's express consent; without it only in
 *   the cases the article lists (a: data made manifestly public by the data subject; b: legitimate interest of a
 *   non-profit body towards its members; the further letters were not in the stored excerpt).
 * - Art. 2 (definitions, verified in the stored text): «datos personales sensibles» are those revealing ethnic or
 *   racial origin, political, union or trade affiliation, socio-economic situation, ideological or philosophical
 *   convictions, religious beliefs, health, human biological profile, biometric data, sex life, sexual orientation
 *   and gender identity.
 */

/** The bases of lawfulness a municipality may invoke (Ley 19.628 as amended by Ley 21.719). */
export const LEGAL_BASES = [
  'funciones_legales',
  'obligacion_legal',
  'consentimiento',
  'interes_vital',
  'contrato',
] as const;
export type LegalBasisKind = (typeof LEGAL_BASES)[number];
export const LEGAL_BASIS_LABELS: Record<LegalBasisKind, string> = {
  // Ley 19.628 (texto Ley 21.719), Título IV: órganos públicos, funciones legales dentro de su competencia.
  funciones_legales: 'Cumplimiento de funciones legales del órgano público',
  obligacion_legal: 'Cumplimiento de una obligación legal',
  consentimiento: 'Consentimiento de la persona titular',
  interes_vital: 'Protección de la vida o la salud de la persona titular',
  contrato: 'Ejecución de un contrato con la persona titular',
};

/** The bases for sensitive data (Ley 19.628 art. 16, texto de la Ley 21.719). */
export const SENSITIVE_BASES = [
  'consentimiento_expreso',
  'ley_expresa',
  'datos_manifiestamente_publicos',
  'interes_vital',
  'salud_y_beneficios',
] as const;
export type SensitiveBasis = (typeof SENSITIVE_BASES)[number];
export const SENSITIVE_BASIS_LABELS: Record<SensitiveBasis, string> = {
  consentimiento_expreso: 'Consentimiento expreso de la persona titular (art. 16 inc. 1°)',
  ley_expresa: 'Una ley autoriza expresamente el tratamiento de estos datos',
  datos_manifiestamente_publicos: 'Datos que la persona titular hizo manifiestamente públicos (art. 16 letra a)',
  interes_vital: 'Protección de la vida o la salud de la persona titular',
  salud_y_beneficios: 'Prestaciones de salud o beneficios sociales que la ley encarga al órgano',
};

/** The categories of «datos personales sensibles» (Ley 19.628 art. 2, texto de la Ley 21.719): one list for all. */
export const SENSITIVE_CATEGORIES = [
  'origen_etnico_racial',
  'afiliacion_politica',
  'afiliacion_sindical_gremial',
  'situacion_socioeconomica',
  'convicciones_ideologicas_filosoficas',
  'creencias_religiosas',
  'salud',
  'perfil_biologico',
  'biometricos',
  'vida_sexual',
  'orientacion_sexual',
  'identidad_genero',
] as const;
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];
export const SENSITIVE_CATEGORY_LABELS: Record<SensitiveCategory, string> = {
  origen_etnico_racial: 'Origen étnico o racial',
  afiliacion_politica: 'Afiliación política',
  afiliacion_sindical_gremial: 'Afiliación sindical o gremial',
  situacion_socioeconomica: 'Situación socioeconómica',
  convicciones_ideologicas_filosoficas: 'Convicciones ideológicas o filosóficas',
  creencias_religiosas: 'Creencias religiosas',
  salud: 'Datos relativos a la salud',
  perfil_biologico: 'Perfil biológico humano',
  biometricos: 'Datos biométricos',
  vida_sexual: 'Vida sexual',
  orientacion_sexual: 'Orientación sexual',
  identidad_genero: 'Identidad de género',
};

export const PLACEHOLDER_MESSAGE = 'Indique una base legal real (ley y artículo que otorgan la competencia)';

/** Lower case, without accents, punctuation or repeated spaces: «N/A», «n.a.» and «No aplica.» compare alike. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, ' ')
    .trim();

/** What people type when they have no legal basis. Compared after fold(); a value made only of x, -, . or ? too. */
const PLACEHOLDERS = new Set(
  [
    'n/a',
    'na',
    'n a',
    'no aplica',
    'no corresponde',
    'sin base legal',
    'sin base',
    'sin ley',
    'ninguna',
    'ninguno',
    'nada',
    'pendiente',
    'por definir',
    'a definir',
    'tbd',
    'xxx',
    'x',
    'sin informacion',
    'no se',
    'desconocida',
    'desconocido',
    'otro',
    'otra',
    'ley',
    'articulo',
    'art',
    'varios',
    'varias',
    'test',
    'prueba',
  ].map(fold),
);

/** Whether a value is a placeholder rather than a norm («N/A», «---», «sin base legal», empty…). */
export function isPlaceholder(value: string): boolean {
  const f = fold(value);
  if (f === '') return true; // only spaces, dashes, dots, slashes…
  if (/^[x?]+$/.test(f.replace(/ /g, ''))) return true;
  if (/^0+$/.test(f.replace(/ /g, ''))) return true;
  return PLACEHOLDERS.has(f);
}

const normText = (label: string, max: number) =>
  safeString({ max, label })
    .refine((s) => s.trim().length > 0, `falta ${label}`)
    .refine((s) => s.trim().length === 0 || !isPlaceholder(s), PLACEHOLDER_MESSAGE);

/** A card's empty sub-form (every input left blank) arrives as {}: that is "not given", not an invalid object. */
const emptyIsAbsent = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => x === undefined || x === '')
    ? undefined
    : v;

export const sensitiveBasisSchema = z
  .object({
    basis: z.enum(SENSITIVE_BASES, {
      errorMap: () => ({ message: 'elija la base legal para datos sensibles' }),
    }),
    categories: z
      .array(z.enum(SENSITIVE_CATEGORIES, { errorMap: () => ({ message: 'categoría de dato sensible desconocida' }) }))
      .max(SENSITIVE_CATEGORIES.length)
      .default([]),
  })
  .strict();

export const legalBasisSchema = z
  .object(
    {
      basis: z.enum(LEGAL_BASES, { errorMap: () => ({ message: PLACEHOLDER_MESSAGE }) }),
      norm: z
        .object(
          {
            law: normText('la ley que otorga la competencia', 200),
            article: normText('el artículo', 200),
          },
          { required_error: PLACEHOLDER_MESSAGE, invalid_type_error: PLACEHOLDER_MESSAGE },
        )
        .strict(),
      note: safeString({ max: 1000, multiline: true, label: 'la nota de la base legal' }).optional(),
      sensitive: z.preprocess(emptyIsAbsent, sensitiveBasisSchema.optional()),
    },
    { required_error: PLACEHOLDER_MESSAGE, invalid_type_error: PLACEHOLDER_MESSAGE },
  )
  .strict();
export type LegalBasis = z.infer<typeof legalBasisSchema>;

/** A free-text basis written before rule 6: kept as typed and flagged «Base legal por revisar» until replaced. */
export interface LegacyLegalBasis {
  legacyText: string;
}
export type StoredLegalBasis = LegalBasis | LegacyLegalBasis;

/** Tolerant read of what a row holds: old rows have a string, new ones the object. */
export function storedLegalBasis(raw: unknown): StoredLegalBasis {
  if (typeof raw === 'string') return { legacyText: raw };
  if (raw && typeof raw === 'object') {
    if (typeof (raw as LegacyLegalBasis).legacyText === 'string') return raw as LegacyLegalBasis;
    const parsed = legalBasisSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
  }
  return { legacyText: raw == null ? '' : JSON.stringify(raw) };
}

export const isLegacyLegalBasis = (b: StoredLegalBasis | string | undefined | null): boolean =>
  b == null || typeof b === 'string' || 'legacyText' in b;

export const LEGAL_BASIS_REVIEW_LABEL = 'Base legal por revisar';

/** The norm as one phrase: «Ley 18.695, art. 4 letra c». */
export function normLine(b: LegalBasis): string {
  const article = b.norm.article.trim();
  const art = /^art/i.test(article) ? article : `art. ${article}`;
  return `${b.norm.law.trim()}, ${art}`;
}

/**
 * Any stored basis (structured, legacy or a raw old string) as one Spanish line, for cards, documents, exports and
 * the public register: «Cumplimiento de funciones legales del órgano público — Ley 18.695, art. 4 letra c».
 */
export function legalBasisText(b: StoredLegalBasis | string | undefined | null): string {
  if (b == null) return `${LEGAL_BASIS_REVIEW_LABEL}: sin información`;
  if (typeof b === 'string') return `${b} (${LEGAL_BASIS_REVIEW_LABEL.toLowerCase()})`;
  if ('legacyText' in b) return `${b.legacyText} (${LEGAL_BASIS_REVIEW_LABEL.toLowerCase()})`;
  // Labels by key; a value outside the lists (a row edited by hand) is shown as stored, never dropped.
  const parts = [`${LEGAL_BASIS_LABELS[b.basis] ?? String(b.basis)} — ${normLine(b)}`];
  if (b.sensitive) {
    const cats = (b.sensitive.categories ?? []).map((c) => (SENSITIVE_CATEGORY_LABELS[c] ?? String(c)).toLowerCase());
    const label = SENSITIVE_BASIS_LABELS[b.sensitive.basis] ?? String(b.sensitive.basis);
    parts.push(`datos sensibles: ${label}${cats.length ? ` (${cats.join(', ')})` : ''}`);
  }
  return parts.join('; ');
}

/** Whether a classification holds sensitive data in the sense of art. 2 (privacy «sensible») or children's data. */
export const needsSensitiveBasis = (c: Pick<Classification, 'privacy'>) =>
  c.privacy === 'sensible' || c.privacy === 'nna';

/**
 * The sensitive-data check shared by creation and `actualizar_base_legal`: a dataset classified «sensible» needs
 * its own basis (art. 16) and the categories it holds (art. 2); children's data («nna») need the basis.
 * Returns path → Spanish message, empty when fine.
 */
export function sensitiveBasisProblems(
  basis: LegalBasis,
  classifications: Pick<Classification, 'privacy'>[],
  path = 'legalBasis',
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!classifications.some(needsSensitiveBasis)) return out;
  if (!basis.sensitive)
    out[`${path}.sensitive.basis`] =
      'hay datos sensibles o de niños, niñas y adolescentes: indique su base legal propia (Ley 19.628 art. 16)';
  else if (classifications.some((c) => c.privacy === 'sensible') && basis.sensitive.categories.length === 0)
    out[`${path}.sensitive.categories`] = 'marque las categorías de datos sensibles que incluye (Ley 19.628 art. 2)';
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Rule 7: where a dataset comes from.

/**
 * A card or form sends the three origin inputs together: without «convenio» chosen the dataset is the
 * municipality's own (the empty body and agreement inputs are not an error); a body typed without choosing the kind
 * means data from another body.
 */
function normalizeOrigin(v: unknown): unknown {
  const o = emptyIsAbsent(v);
  if (!o || typeof o !== 'object' || Array.isArray(o)) return o;
  const { kind, body, agreement, ...rest } = o as Record<string, unknown>;
  const typed = [body, agreement].some((x) => typeof x === 'string' && x.trim() !== '');
  if (Object.keys(rest).length) return o; // unknown keys: let the strict schema name them
  if (kind === 'convenio' || (kind === undefined && typed)) return { kind: 'convenio', body, agreement };
  if (kind === 'propio' || kind === undefined) return { kind: 'propio' };
  return o;
}

export const datasetOriginSchema = z.preprocess(
  normalizeOrigin,
  z
    .discriminatedUnion(
      'kind',
      [
        z.object({ kind: z.literal('propio') }).strict(),
        z
          .object({
            kind: z.literal('convenio'),
            body: normText('el organismo de origen', 300),
            agreement: normText('el convenio con ese organismo', 300),
          })
          .strict(),
      ],
      { errorMap: () => ({ message: 'indique si el dato es propio o de otro organismo' }) },
    )
    .optional(),
);
export type DatasetOrigin = { kind: 'propio' } | { kind: 'convenio'; body: string; agreement: string };

/** Old datasets, written before rule 7, are the municipality's own. */
export const originOf = (d: Pick<Dataset, 'origin'>): DatasetOrigin => d.origin ?? { kind: 'propio' };

export const ORIGIN_LABELS = { propio: 'Propio de la municipalidad', convenio: 'De otro organismo, por convenio' };

export function originText(d: Pick<Dataset, 'origin'>): string {
  const o = originOf(d);
  return o.kind === 'propio' ? ORIGIN_LABELS.propio : `Obtenido de ${o.body} (convenio: ${o.agreement})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Command fields shared by convenio and solicitud.

export const eipdFields = {
  date: localDateField('la fecha de la evaluación de impacto'),
  author: normText('quién realizó la evaluación de impacto', 200),
  documentName: normText('el nombre del documento de la evaluación', 200),
  url: linkField().optional(),
};

export const originAuthorizationFields = {
  dataset: normText('el conjunto de datos', 200),
  body: normText('el organismo que autoriza', 300),
  evidence: safeString({ max: 1000, multiline: true, label: 'la evidencia de la autorización' })
    .refine((s) => s.trim().length >= 3, 'falta la evidencia de la autorización')
    .refine((s) => s.trim().length < 3 || !isPlaceholder(s), 'indique el documento que acredita la autorización'),
  date: localDateField('la fecha de la autorización'),
  url: linkField().optional(),
};

/**
 * Read-time upgrade of a stored item (no SQL migration): a row written before rule 6 holds its legal basis as a
 * string; it is read as `{ legacyText }` and so flagged «Base legal por revisar», the text kept as typed.
 */
export function withStoredLegalBasis<T extends object>(item: T): T {
  const raw = (item as { legalBasis?: unknown }).legalBasis;
  if (raw !== undefined && typeof raw !== 'string') return item;
  return { ...item, legalBasis: storedLegalBasis(raw ?? '') };
}
