import { z } from 'zod';
import { lineField, linkField, localDateField as localDate, safeString, textField as text } from '../fields';
import { classificationSchema, datasetSchema } from '../classification';
import { storedFileSchema } from '../files';
import { legalBasisSchema, sensitiveBasisProblems } from '../legal-basis';

const url = linkField();
const fileName = safeString({ max: 200, min: 1, label: 'el nombre del archivo' });
const id = (label: string) => safeString({ max: 200, min: 1, label });

export const createSolicitudSchema = z
  .object({
    ownerUnitId: z
      .string({ required_error: 'falta la unidad dueña del dato' })
      .min(1, 'falta la unidad dueña del dato')
      .pipe(id('la unidad dueña del dato')),
    dataset: datasetSchema,
    purpose: text('el propósito'),
    justification: text('la justificación'),
    expectedBenefits: text('los beneficios esperados'),
    // Rule 6: a structured legal basis (Ley 19.628 as amended by Ley 21.719), not free text.
    legalBasis: legalBasisSchema,
    neededBy: localDate('la fecha requerida').optional(),
    attachments: z
      .array(z.object({ name: fileName, url }).strict())
      .max(20)
      .default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    // Ley 19.628 art. 16 (texto Ley 21.719): sensitive data need their own basis.
    for (const [path, message] of Object.entries(sensitiveBasisProblems(s.legalBasis, [s.dataset.classification])))
      ctx.addIssue({ code: 'custom', path: path.split('.'), message });
  });
export type CreateSolicitud = z.infer<typeof createSolicitudSchema>;

/** Every command on an existing request; `type` is the verb a card button or the API carries. */
/** Days of an extension (art. 26), whether UGDT's de oficio or the one the owner unit asks for. */
const extensionDays = z
  .number({ invalid_type_error: 'los días deben ser un número' })
  .int('días enteros')
  .min(1, 'al menos 1 día')
  .max(365, 'máximo 365 días');

// The UGDT's verbs on a stuck request, named because it may also issue them on many requests at once (bulk.ts).
const recordarCommand = z.object({ type: z.literal('recordar') }).strict();
const reasignarCommand = z
  .object({
    type: z.literal('reasignar'),
    unitId: z.string().min(1, 'falta la unidad').pipe(id('la unidad')),
    assigneeId: id('la persona asignada').optional(),
    reason: text('el motivo'),
  })
  .strict();
const cerrarCommand = z.object({ type: z.literal('cerrar'), reason: text('el motivo') }).strict();
const reiterarCommand = z
  .object({ type: z.literal('reiterar'), until: localDate('la nueva fecha de respuesta'), reason: text('el motivo') })
  .strict();

/**
 * What the UGDT may do on many overdue requests at once (issue 14 §8): the very schemas of the single commands, so
 * a batch accepts exactly what one request would. Each request still gets its own decision (solicitud/bulk.ts).
 */
export const bulkSolicitudCommandSchema = z.discriminatedUnion('type', [
  recordarCommand,
  reiterarCommand,
  reasignarCommand,
  cerrarCommand,
]);
export type BulkSolicitudCommand = z.infer<typeof bulkSolicitudCommandSchema>;

export const solicitudCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('acusar_recibo') }).strict(),
  z
    .object({ type: z.literal('indicar_plazo'), until: localDate('la fecha de entrega'), note: text('la nota') })
    .strict(),
  z
    .object({
      type: z.literal('entregar'),
      link: url.optional(),
      fileName: fileName.optional(),
      /**
       * Files uploaded for this delivery (issue 15). The service fills each record from its own upload (name, size,
       * media type, SHA-256); a client names only the upload ids, so the hashes the audit chain binds are the
       * service's own.
       */
      files: z.array(storedFileSchema).max(20, 'máximo 20 archivos por entrega').optional(),
      note: text('la nota'),
    })
    .strict(),
  z.object({ type: z.literal('no_disponible'), reason: text('el motivo') }).strict(),
  z
    .object({ type: z.literal('rechazar'), reason: text('el fundamento'), legalGround: lineField('la norma', 500) })
    .strict(),
  z.object({ type: z.literal('conforme') }).strict(),
  z.object({ type: z.literal('observar'), reason: text('la observación') }).strict(),
  z.object({ type: z.literal('cancelar'), reason: text('el motivo') }).strict(),
  z.object({ type: z.literal('comentar'), text: text('el comentario') }).strict(),
  recordarCommand,
  reasignarCommand,
  z
    .object({
      type: z.literal('prorrogar'),
      amount: extensionDays,
      reason: text('el motivo'),
    })
    .strict(),
  cerrarCommand,
  // Issued by the scheduler only.
  z
    .object({
      type: z.literal('recordatorio_plazo'),
      deadline: z.enum(['acknowledge', 'answer']),
      about: safeString({ max: 200 }),
    })
    .strict(),
  z
    .object({
      type: z.literal('marcar_vencida'),
      deadline: z.enum(['acknowledge', 'answer']),
      about: safeString({ max: 200 }),
    })
    .strict(),
  // Ley 19.880 art. 26: the owner unit asks, UGDT decides, both before the answer deadline expires.
  z
    .object({
      type: z.literal('solicitar_prorroga'),
      amount: extensionDays,
      reason: text('el motivo'),
    })
    .strict(),
  z.object({ type: z.literal('conceder_prorroga'), note: text('la nota').optional() }).strict(),
  z.object({ type: z.literal('denegar_prorroga'), reason: text('el motivo') }).strict(),
  // After expiry: an oficio reiterativo with a new response date; the request stays late.
  reiterarCommand,
  z
    .object({
      type: z.literal('corregir_clasificacion'),
      classification: classificationSchema,
      // A correction changes who may read the data: it needs a real explanation, not a word.
      reason: text('el motivo').refine((v) => v.length >= 10, 'el motivo: escriba al menos 10 caracteres'),
    })
    .strict(),
  // Issued by the scheduler only: the requester kept silent on a delivery.
  z.object({ type: z.literal('cerrar_por_silencio'), about: safeString({ max: 200 }) }).strict(),
  // Rule 6: the requester or the UGDT records a structured basis (replaces a legacy free-text one).
  z.object({ type: z.literal('actualizar_base_legal'), legalBasis: legalBasisSchema }).strict(),
]);
export type SolicitudCommand = z.infer<typeof solicitudCommandSchema>;
export type SolicitudVerb = SolicitudCommand['type'];
