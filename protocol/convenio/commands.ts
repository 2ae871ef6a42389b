import { z } from 'zod';
import {
  emailField,
  lineField as line,
  linkField,
  localDateField as localDate,
  rutField,
  safeString,
  textField as text,
} from '../fields';
import { datasetSchema } from '../classification';
import { eipdFields, legalBasisSchema, originAuthorizationFields, sensitiveBasisProblems } from '../legal-basis';
import { CHECKLIST_ITEMS } from './state';

const sha256 = z.string().regex(/^[a-f0-9]{64}$/, 'huella SHA-256 inválida');
/** One short line, optional in most commands (position, decree number, committee session). */
const short = (max: number, label?: string) => safeString({ max, label });
const id = (label: string) => safeString({ max: 200, min: 1, label });
const fileName = safeString({ max: 200, min: 1, label: 'el nombre del archivo' });
const contact = z
  .object({
    name: line('el nombre', 200),
    email: emailField().optional(),
    phone: short(30, 'el teléfono').optional(),
    position: short(200, 'el cargo').optional(),
    rut: rutField('RUT inválido').optional(),
  })
  .strict();
const signer = z
  .object({
    side: z.enum(['municipalidad', 'contraparte']),
    name: line('el nombre del firmante', 200),
    position: line('el cargo del firmante', 200),
    personId: id('la persona firmante').optional(),
  })
  .strict();

export const createConvenioSchema = z
  .object({
    title: line('el objeto del convenio', 300),
    purpose: text('el propósito'),
    // Rule 6: a structured legal basis (Ley 19.628 as amended by Ley 21.719), not free text.
    legalBasis: legalBasisSchema,
    benefits: z
      .object({
        municipality: text('el beneficio para el municipio'),
        counterpart: text('el beneficio para la contraparte'),
      })
      .strict(),
    entity: z
      .object({
        name: line('el nombre de la entidad', 300),
        rut: rutField('RUT inválido (revise el dígito verificador)', 'falta el RUT de la entidad'),
        representative: contact,
        legalContact: contact,
        technicalContact: contact,
      })
      .strict(),
    municipalTechnicalContact: contact.extend({ personId: short(200, 'la persona').optional() }),
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
  })
  .superRefine((c, ctx) => {
    // Ley 19.628 art. 16 (texto Ley 21.719): sensitive data need their own basis.
    const problems = sensitiveBasisProblems(
      c.legalBasis,
      c.datasets.map((d) => d.classification),
    );
    for (const [path, message] of Object.entries(problems))
      ctx.addIssue({ code: 'custom', path: path.split('.'), message });
  });
export type CreateConvenio = z.infer<typeof createConvenioSchema>;

const checkItem = z
  .object({ ok: z.boolean(), note: safeString({ max: 2000, multiline: true, label: 'la nota' }).default('') })
  .strict();

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
      committeeSession: short(200, 'la sesión del comité').optional(),
    })
    .strict(),
  z.object({ type: z.literal('aprobar_evaluacion'), note: text('la nota') }).strict(),
  z.object({ type: z.literal('rechazar'), reason: text('el motivo') }).strict(),
  z
    .object({
      type: z.literal('registrar_borrador'),
      fileName,
      sha256,
      url: linkField().optional(),
      storageVersionId: short(200).optional(),
    })
    .strict(),
  z.object({ type: z.literal('enviar_a_visacion') }).strict(),
  z
    .object({
      type: z.literal('visar'),
      version: z.number().int().min(1),
      sha256,
      note: safeString({ max: 2000, multiline: true, label: 'la nota' }).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('registrar_visacion_externa'),
      version: z.number().int().min(1),
      sha256,
      reviewer: line('quién visó', 200),
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
      signerId: id('el firmante'),
      version: z.number().int().min(1),
      sha256,
      method: z.enum(['fes', 'fea']).default('fes'),
      evidence: safeString({ max: 1000, multiline: true, label: 'la evidencia' }).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('subir_firmado_fea'),
      fileName,
      sha256,
      url: linkField().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('registrar_decreto'),
      number: safeString({ max: 50, min: 1, label: 'el número de decreto' }),
      date: localDate('la fecha del decreto'),
      externalAct: short(500, 'el acto de la contraparte').optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('registrar_transferencia'),
      date: localDate('la fecha de transferencia'),
      datasets: z
        .array(safeString({ max: 200, min: 1, label: 'el conjunto de datos' }))
        .min(1, 'indique los datos transferidos')
        .max(100),
      method: text('el método', 500),
      municipalResponsible: line('el responsable municipal', 200),
      externalResponsible: line('el responsable de la contraparte', 200),
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
      decree: short(50, 'el decreto').optional(),
      /** Date of the act approving the express renewal: required, and not after the end of the vigencia. */
      decreeDate: localDate('la fecha del decreto de renovación').optional(),
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
  z.object({ type: z.literal('evaluacion_pendiente'), about: short(200) }).strict(),
  z.object({ type: z.literal('marcar_por_vencer'), about: short(200) }).strict(),
  // The document worker records where a document was stored (and, for generated ones, the document itself).
  z
    .object({
      type: z.literal('registrar_documento'),
      document: z.enum(['borrador', 'firmado_fea', 'certificado']),
      version: z.number().int().min(1),
      fileName,
      sha256,
      // The store's own address (system command): http in local mode, not typed by a person.
      url: short(2000),
      storageVersionId: short(200),
      /** The head of the audit chain the document certifies (completion certificate). */
      auditHead: z
        .object({ seq: z.number().int().min(1), hash: sha256 })
        .strict()
        .optional(),
    })
    .strict(),
  // Rule 1: SECPLAN changes who signs before signing starts; the same check as at creation applies.
  z
    .object({
      type: z.literal('cambiar_firmantes'),
      signers: z.array(signer).min(2, 'se requieren al menos dos firmantes (uno por parte)').max(10),
      reason: text('el motivo'),
    })
    .strict(),
  // Issued by the scheduler at the end of the vigencia (`about`: the end date it concerns).
  z.object({ type: z.literal('vencer'), about: short(200) }).strict(),
  // Issued by the scheduler: reminder before, and escalation at, the termination deadline of a vencido convenio.
  z
    .object({ type: z.literal('plazo_termino'), stage: z.enum(['recordatorio', 'vencimiento']), about: short(200) })
    .strict(),
  // Rule 9b: at evaluación SECPLAN proposes a rejection; the Administración Municipal decides it or dismisses it.
  z.object({ type: z.literal('proponer_rechazo'), reason: text('el motivo') }).strict(),
  z.object({ type: z.literal('desestimar_rechazo'), note: text('la nota') }).strict(),
  // Rule 3: step timers, issued by the scheduler only.
  z.object({ type: z.literal('recordatorio_etapa'), about: short(200) }).strict(),
  z.object({ type: z.literal('etapa_vencida'), about: short(200) }).strict(),
  // Rule 6: SECPLAN records a structured legal basis (replaces a legacy free-text one).
  z.object({ type: z.literal('actualizar_base_legal'), legalBasis: legalBasisSchema }).strict(),
  // Rule 6: the data-protection impact assessment (EIPD), required before the approving decree when the data call for it.
  z.object({ type: z.literal('registrar_eipd'), ...eipdFields }).strict(),
  // Rule 7: the authorization of the body a dataset was obtained from, to share it onward.
  z.object({ type: z.literal('registrar_autorizacion_origen'), ...originAuthorizationFields }).strict(),
]);
export type ConvenioCommand = z.infer<typeof convenioCommandSchema>;
export type ConvenioVerb = ConvenioCommand['type'];
