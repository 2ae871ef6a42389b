import { z } from 'zod';
import { localDateField as localDate, textField as text } from '../fields';
import { datasetSchema } from '../classification';
import { isValidRut } from '../rut';
import { CHECKLIST_ITEMS } from './state';

const sha256 = z.string().regex(/^[a-f0-9]{64}$/, 'huella SHA-256 inválida');
const contact = z
  .object({
    name: text('el nombre', 200),
    email: z.string().trim().email('correo inválido').optional(),
    phone: z.string().trim().max(30).optional(),
    position: z.string().trim().max(200).optional(),
    rut: z.string().trim().refine(isValidRut, 'RUT inválido').optional(),
  })
  .strict();
const signer = z
  .object({
    side: z.enum(['municipalidad', 'contraparte']),
    name: text('el nombre del firmante', 200),
    position: text('el cargo del firmante', 200),
    personId: z.string().min(1).optional(),
  })
  .strict();

export const createConvenioSchema = z
  .object({
    title: text('el objeto del convenio', 300),
    purpose: text('el propósito'),
    legalBasis: text('la base legal', 1000),
    benefits: z
      .object({
        municipality: text('el beneficio para el municipio'),
        counterpart: text('el beneficio para la contraparte'),
      })
      .strict(),
    entity: z
      .object({
        name: text('el nombre de la entidad', 300),
        rut: z
          .string({ required_error: 'falta el RUT de la entidad' })
          .trim()
          .refine(isValidRut, 'RUT inválido (revise el dígito verificador)'),
        representative: contact,
        legalContact: contact,
        technicalContact: contact,
      })
      .strict(),
    municipalTechnicalContact: contact.extend({ personId: z.string().optional() }),
    datasets: z.array(datasetSchema).min(1, 'indique al menos un conjunto de datos').max(30),
    securityMeasures: text('las medidas de seguridad', 4000),
    transferMethod: text('el método de transferencia', 1000),
    retention: z
      .object({
        endAction: z.enum(['eliminacion', 'devolucion']),
        detail: text('el detalle de eliminación o devolución'),
      })
      .strict(),
    durationMonths: z
      .number({ invalid_type_error: 'la duración debe ser un número' })
      .int()
      .min(1, 'al menos 1 mes')
      .max(120, 'máximo 120 meses'),
    renewal: z.enum(['automatica', 'expresa', 'sin_renovacion']),
    evaluationEveryMonths: z.number().int().min(1).max(36).optional(),
    signatureOrder: z.enum(['secuencial', 'paralelo']).optional(),
    signers: z.array(signer).min(2, 'se requieren al menos dos firmantes (uno por parte)').max(10),
  })
  .strict()
  .refine((c) => c.signers.some((s) => s.side === 'municipalidad') && c.signers.some((s) => s.side === 'contraparte'), {
    message: 'debe firmar al menos un representante de cada parte',
    path: ['signers'],
  });
export type CreateConvenio = z.infer<typeof createConvenioSchema>;

const checkItem = z.object({ ok: z.boolean(), note: z.string().trim().max(2000).default('') }).strict();

export const convenioCommandSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('registrar_evaluacion'),
      checklist: z
        .object(
          Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, checkItem])) as Record<
            (typeof CHECKLIST_ITEMS)[number],
            typeof checkItem
          >,
        )
        .strict(),
      committeeSession: z.string().trim().max(200).optional(),
    })
    .strict(),
  z.object({ type: z.literal('aprobar_evaluacion'), note: text('la nota') }).strict(),
  z.object({ type: z.literal('rechazar'), reason: text('el motivo') }).strict(),
  z
    .object({
      type: z.literal('registrar_borrador'),
      fileName: z.string().trim().min(1).max(200),
      sha256,
      url: z.string().trim().max(2000).optional(),
      storageVersionId: z.string().trim().max(200).optional(),
    })
    .strict(),
  z.object({ type: z.literal('enviar_a_visacion') }).strict(),
  z
    .object({
      type: z.literal('visar'),
      version: z.number().int().min(1),
      sha256,
      note: z.string().trim().max(2000).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('registrar_visacion_externa'),
      version: z.number().int().min(1),
      sha256,
      reviewer: text('quién visó', 200),
      evidence: text('la evidencia', 1000),
    })
    .strict(),
  z
    .object({
      type: z.literal('observar'),
      side: z.enum(['municipal', 'externa']),
      comments: text('las observaciones', 4000),
    })
    .strict(),
  z
    .object({
      type: z.literal('firmar'),
      signerId: z.string().min(1),
      version: z.number().int().min(1),
      sha256,
      method: z.enum(['fes', 'fea']).default('fes'),
      evidence: z.string().trim().max(1000).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('subir_firmado_fea'),
      fileName: z.string().trim().min(1).max(200),
      sha256,
      url: z.string().trim().max(2000).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('registrar_decreto'),
      number: z.string().trim().min(1, 'falta el número de decreto').max(50),
      date: localDate('la fecha del decreto'),
      externalAct: z.string().trim().max(500).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('registrar_transferencia'),
      date: localDate('la fecha de transferencia'),
      datasets: z.array(z.string().trim().min(1).max(200)).min(1, 'indique los datos transferidos'),
      method: text('el método', 500),
      municipalResponsible: text('el responsable municipal', 200),
      externalResponsible: text('el responsable de la contraparte', 200),
    })
    .strict(),
  z
    .object({
      type: z.literal('registrar_evaluacion_periodica'),
      compliance: z.enum(['cumple', 'cumple_parcial', 'no_cumple']),
      effectiveness: text('la efectividad'),
      findings: text('los hallazgos'),
    })
    .strict(),
  z
    .object({
      type: z.literal('renovar'),
      months: z.number().int().min(1).max(120),
      decree: z.string().trim().max(50).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('terminar'),
      reason: text('el motivo'),
      dataDisposition: z.enum(['eliminados', 'devueltos'], {
        required_error: 'confirme si los datos fueron eliminados o devueltos',
      }),
      evidence: text('la evidencia de eliminación o devolución', 1000),
    })
    .strict(),
  z.object({ type: z.literal('desistir'), reason: text('el motivo') }).strict(),
  z.object({ type: z.literal('comentar'), text: text('el comentario') }).strict(),
  // Issued by the scheduler only.
  z.object({ type: z.literal('evaluacion_pendiente'), about: z.string() }).strict(),
  z.object({ type: z.literal('marcar_por_vencer'), about: z.string() }).strict(),
  // The document worker records where a document was stored (and, for generated ones, the document itself).
  z
    .object({
      type: z.literal('registrar_documento'),
      document: z.enum(['borrador', 'firmado_fea', 'certificado']),
      version: z.number().int().min(1),
      fileName: z.string().trim().min(1).max(200),
      sha256,
      url: z.string().trim().max(2000),
      storageVersionId: z.string().trim().max(200),
      /** The head of the audit chain the document certifies (completion certificate). */
      auditHead: z
        .object({ seq: z.number().int().min(1), hash: sha256 })
        .strict()
        .optional(),
    })
    .strict(),
]);
export type ConvenioCommand = z.infer<typeof convenioCommandSchema>;
export type ConvenioVerb = ConvenioCommand['type'];
