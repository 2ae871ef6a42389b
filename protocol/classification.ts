import { z } from 'zod';
import { lineField, safeString } from './fields';
import { datasetOriginSchema } from './legal-basis';

/** §1a: two independent axes, both required on every dataset. */
export const ACCESS_LEVELS = ['publica', 'uso_interno', 'reservada', 'secreta'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const ACCESS_LABELS: Record<AccessLevel, string> = {
  publica: 'Pública',
  uso_interno: 'Uso interno',
  reservada: 'Reservada',
  secreta: 'Secreta',
};

/** reservada/secreta need a legal ground: a quorum law or one of the causales of Ley 20.285 art. 21. */
export const LEGAL_GROUNDS = [
  'ley_quorum_calificado',
  'art21_n1_funciones',
  'art21_n2_derechos_personas',
  'art21_n3_seguridad_nacion',
  'art21_n4_interes_nacional',
  'art21_n5_ley_quorum',
] as const;
export type LegalGround = (typeof LEGAL_GROUNDS)[number];
export const LEGAL_GROUND_LABELS: Record<LegalGround, string> = {
  ley_quorum_calificado: 'Ley de quórum calificado',
  art21_n1_funciones: 'Ley 20.285 art. 21 N°1 (funciones del órgano)',
  art21_n2_derechos_personas: 'Ley 20.285 art. 21 N°2 (derechos de las personas)',
  art21_n3_seguridad_nacion: 'Ley 20.285 art. 21 N°3 (seguridad de la Nación)',
  art21_n4_interes_nacional: 'Ley 20.285 art. 21 N°4 (interés nacional)',
  art21_n5_ley_quorum: 'Ley 20.285 art. 21 N°5 (declarado secreto por ley de quórum)',
};

export const PRIVACY_LEVELS = ['no_personal', 'personal', 'sensible', 'nna'] as const;
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number];
export const PRIVACY_LABELS: Record<PrivacyLevel, string> = {
  no_personal: 'No personal / anonimizado',
  personal: 'Datos personales',
  sensible: 'Datos sensibles',
  nna: 'Datos de niños, niñas y adolescentes',
};

export const classificationSchema = z
  .object({
    access: z.enum(ACCESS_LEVELS, { errorMap: () => ({ message: 'elija el nivel de acceso' }) }),
    legalGround: z.enum(LEGAL_GROUNDS).optional(),
    /** Free text naming the law and article when the ground is a quorum law. */
    legalGroundDetail: safeString({ max: 300, label: 'el detalle del fundamento legal' }).optional(),
    privacy: z.enum(PRIVACY_LEVELS, { errorMap: () => ({ message: 'elija el nivel de privacidad' }) }),
    /** Large-scale processing (many data subjects) also calls for an impact assessment. */
    largeScale: z.boolean().default(false),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.access === 'reservada' || c.access === 'secreta') && !c.legalGround)
      ctx.addIssue({
        code: 'custom',
        path: ['legalGround'],
        message: 'un dato reservado o secreto requiere su fundamento legal',
      });
    if (c.legalGround === 'ley_quorum_calificado' && !c.legalGroundDetail)
      ctx.addIssue({ code: 'custom', path: ['legalGroundDetail'], message: 'indique la ley de quórum calificado' });
  });
export type Classification = z.infer<typeof classificationSchema>;

/** Ley 21.719: sensitive data, children's data or large-scale processing call for an EIPD. */
export function requiresImpactAssessment(c: Pick<Classification, 'privacy' | 'largeScale'>): boolean {
  return c.privacy === 'sensible' || c.privacy === 'nna' || c.largeScale;
}

/** Whether the fields of a dataset are personal data whose detail only entitled people may see. */
export const isSensitive = (c: Pick<Classification, 'privacy' | 'access'>) =>
  SENSITIVE_PRIVACY.includes(c.privacy) || SENSITIVE_ACCESS.includes(c.access);

/** The levels that make a dataset sensitive (isSensitive), as lists for SQL over the register's columns. */
export const SENSITIVE_PRIVACY: readonly PrivacyLevel[] = ['sensible', 'nna'];
export const SENSITIVE_ACCESS: readonly AccessLevel[] = ['reservada', 'secreta'];

const ACCESS_RANK: Record<AccessLevel, number> = { publica: 0, uso_interno: 1, reservada: 2, secreta: 3 };
const PRIVACY_RANK: Record<PrivacyLevel, number> = { no_personal: 0, personal: 1, sensible: 2, nna: 3 };

/** The strictest classification of several datasets (a convenio's summary badge). */
export function strictest(list: Classification[]): Classification | undefined {
  if (list.length === 0) return undefined;
  return list.reduce((a, b) => ({
    ...(ACCESS_RANK[b.access] > ACCESS_RANK[a.access] ? b : a),
    privacy: PRIVACY_RANK[b.privacy] > PRIVACY_RANK[a.privacy] ? b.privacy : a.privacy,
    largeScale: a.largeScale || b.largeScale,
  }));
}

/** Dataset metadata (§1a "sus respectivos metadatos"). */
export const datasetSchema = z
  .object({
    name: lineField('el nombre del conjunto de datos', 200, 'indique el nombre del conjunto de datos'),
    description: safeString({ max: 2000, multiline: true, label: 'la descripción' }).optional(),
    fields: z
      .array(safeString({ max: 100, min: 1, label: 'el campo' }))
      .min(1, 'indique al menos un campo')
      .max(100),
    period: safeString({ max: 100, label: 'el período' }).optional(),
    format: z.enum(['xlsx', 'csv', 'json', 'shp', 'geojson', 'pdf', 'api', 'otro'], {
      errorMap: () => ({ message: 'formato no reconocido' }),
    }),
    source: safeString({ max: 200, label: 'la fuente' }).optional(),
    updateFrequency: safeString({ max: 100, label: 'la frecuencia de actualización' }).optional(),
    classification: classificationSchema,
    /** Rule 7: the municipality's own data, or obtained from another body under an agreement (absent = propio). */
    origin: datasetOriginSchema,
  })
  .strict();
export type Dataset = z.infer<typeof datasetSchema>;
