// Response shapes and examples for the OpenAPI reference (openapi.ts). Requests are documented with the schemas the
// routes validate with (imported there); answers are built by code, so their shapes are described here, typed
// against the protocol's read models where one exists so a change of shape is a type error here too.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ERROR_CODES,
  type AllowedAction,
  type BulkAnswer,
  type DeliveryPage,
  type Persona,
  type RegisterPage,
  type RegisterRow,
  type SessionInfo,
} from '../../../protocol';

// Adds `.openapi()` (metadata only): parsing and its messages are unchanged (test/unit/api/openapi.test.ts).
extendZodWithOpenApi(z);

const errorCodes = Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]];

/** The one error answer of the API (http-errors.ts errorHandler, DomainError.toJSON). */
export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.enum([...errorCodes, 'ERROR_INTERNO']).openapi({ description: 'Código estable, para programas.' }),
      message: z.string().openapi({ description: 'Mensaje en español, apto para mostrarlo a una persona.' }),
      fields: z.record(z.string()).openapi({
        description: 'Campo → problema, para formularios; «(cuerpo)», «(ruta)» y «(consulta)» nombran la petición.',
      }),
    }),
  })
  .openapi('Error', {
    description: 'Error de la API: código, mensaje en español y campos con problemas. Nunca trae trazas internas.',
    example: {
      error: {
        code: 'DATOS_INVALIDOS',
        message: 'Filtros inválidos: limite: máximo 1000.',
        fields: { limite: 'máximo 1000' },
      },
    },
  });

export const allowedAction: z.ZodType<AllowedAction> = z
  .object({
    verb: z.string().openapi({ description: 'El verbo que se envía como `type` a …/comandos.' }),
    label: z.string().openapi({ description: 'Texto del botón.' }),
    signerId: z.string().optional().openapi({ description: 'Para «firmar»: el firmante por el que puede firmar.' }),
  })
  .openapi('AccionPermitida');

/** Items are large and depend on the kind; the reference names their main fields and lets the rest through. */
export const item = z
  .object({
    kind: z.enum(['solicitud', 'convenio']),
    id: z.string(),
    reference: z.string().openapi({ example: 'SOL-2026-0001' }),
    version: z.number().int().openapi({ description: 'Se envía como `expectedVersion` en el siguiente comando.' }),
    state: z.string().openapi({ description: 'Identificador del estado (docs/estados.generado.md).' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .passthrough()
  .openapi('Item', {
    description:
      'Una solicitud o un convenio tal como quien llama puede verlo (política de lectura): los campos sensibles a ' +
      'los que no tiene derecho no vienen.',
  });

export const itemView = z
  .object({ item, allowedActions: z.array(allowedAction) })
  .openapi('ItemConAcciones', { description: 'El ítem y las acciones que quien llama puede realizar ahora.' });

export const itemDetail = z
  .object({
    item,
    allowedActions: z.array(allowedAction),
    hidden: z.array(z.string()).openapi({ description: 'Rutas de campos ocultos para quien llama.' }),
    waitingOn: z.string().nullable(),
    workingDaysLeft: z.number().int().nullable(),
    contacts: z.array(z.object({}).passthrough()),
    timeline: z.array(z.object({}).passthrough()).openapi({
      description:
        'El registro de auditoría; en una solicitud, también los accesos a sus archivos entregados que quien llama ' +
        'puede ver (`descargar_archivo`, `vencer_acceso_archivo`, con `seq` negativo: no son eventos de la cadena).',
    }),
    archivos: z
      .array(
        z.object({
          id: z.string(),
          nombre: z.string(),
          tamano: z.number().int(),
          tipo: z.string(),
          sha256: z.string(),
          descargar: z.string().optional().openapi({ description: 'Solo si quien llama puede abrirlo ahora.' }),
        }),
      )
      .optional()
      .openapi({ description: 'Solicitudes: los archivos de la entrega, si quien llama puede ver sus datos.' }),
    accesoArchivos: z.object({ hasta: z.string(), vigente: z.boolean() }).optional().openapi({
      description: 'Solo para quien pidió los datos: hasta cuándo puede descargar los archivos entregados.',
    }),
  })
  .openapi('DetalleItem');

export const registerRow: z.ZodType<RegisterRow> = z
  .object({
    id: z.string(),
    kind: z.enum(['solicitud', 'convenio']),
    reference: z.string(),
    version: z.number().int(),
    state: z.string(),
    stateLabel: z.string(),
    requestingUnit: z.string(),
    requestingUnitName: z.string(),
    ownerUnit: z.string(),
    ownerUnitName: z.string(),
    title: z.string(),
    counterpart: z.string().nullable(),
    access: z.string(),
    privacy: z.string(),
    waitingOn: z.string().nullable(),
    dueAt: z.string().nullable(),
    workingDaysLeft: z.number().int().nullable(),
    overdue: z.boolean(),
    overdueFlag: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('FilaRegistro');

export const registerPage: z.ZodType<RegisterPage> = z
  .object({
    items: z.array(registerRow),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Se pasa como `cursor` para la página siguiente; null en la última.' }),
  })
  .openapi('PaginaRegistro');

export const persona: z.ZodType<Persona> = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    unitName: z.string(),
    roles: z.array(z.string()),
    signsForMunicipality: z.string().optional(),
  })
  .openapi('Persona');

export const sessionInfo: z.ZodType<SessionInfo> = z
  .object({
    mode: z.enum(['local', 'teams']),
    timeZone: z.string(),
    personas: z.array(persona).optional().openapi({ description: 'Solo en modo local: el selector de persona.' }),
    teamsAppId: z.string().optional(),
  })
  .openapi('Sesion');

export const deliveryPage: z.ZodType<DeliveryPage> = z
  .object({
    rows: z.array(z.any()),
    next: z.number().int().optional().openapi({ description: 'Se pasa como `antes` para la página siguiente.' }),
    counts: z.object({ pendiente: z.number().int(), fallido: z.number().int() }),
    canRetry: z.boolean(),
  })
  .openapi('PaginaEnvios');

export const bulkAnswer: z.ZodType<BulkAnswer> = z
  .object({
    resultados: z.array(
      z.discriminatedUnion('ok', [
        z.object({
          referencia: z.string().openapi({ example: 'SOL-2026-0001' }),
          ok: z.literal(true),
          version: z.number().int().openapi({ description: 'La versión de la solicitud después de la acción.' }),
        }),
        z.object({
          referencia: z.string().openapi({ example: 'SOL-2026-0002' }),
          ok: z.literal(false),
          codigo: z.enum([...errorCodes, 'ERROR_INTERNO']),
          mensaje: z.string().openapi({ description: 'El mismo mensaje en español que daría la acción sola.' }),
        }),
      ]),
    ),
    hechas: z.number().int(),
    fallidas: z.number().int(),
  })
  .openapi('ResultadoLote', {
    description:
      'Qué pasó con cada solicitud, en el orden pedido. Una referencia que no existe y una que quien llama no ' +
      'puede ver responden igual (NO_ENCONTRADO, «… no existe o no puede verla»).',
  });

export const health = z
  .object({
    status: z.enum(['ok', 'sin base de datos']),
    database: z.string(),
    instance: z.string(),
  })
  .openapi('Salud');

/** Read models whose detail the tab owns: documented as objects, their fields in protocol/read-models.ts. */
export const readModel = (name: string, description: string) =>
  z.object({}).passthrough().openapi(name, { description });

// ——— Examples. No personal data: fictitious units, entities and contacts; ids follow the demo directory's shape.

export const SOLICITUD_EXAMPLE = {
  ownerUnitId: 'dideco',
  dataset: {
    name: 'Hogares por tramo del Registro Social de Hogares, por sector',
    fields: ['sector', 'tramo_rsh', 'cantidad_hogares'],
    period: '2025',
    format: 'xlsx',
    classification: { access: 'uso_interno', privacy: 'no_personal' },
  },
  purpose: 'Priorizar la pavimentación participativa por sector',
  justification: 'Cruzar vulnerabilidad con déficit de pavimentos',
  expectedBenefits: 'Inversión focalizada en los sectores más vulnerables',
  legalBasis: { basis: 'funciones_legales', norm: { law: 'Ley 18.695', article: 'art. 3 y 4' } },
  neededBy: '2026-12-15',
};

/** Stands for the directory id of whoever signs for the municipality: each installation has its own. */
export const MUNICIPAL_SIGNER_PLACEHOLDER = 'id-del-alcalde-en-el-directorio';

export const CONVENIO_EXAMPLE = {
  title: 'Intercambio de datos territoriales con una universidad',
  purpose: 'Estudio de movilidad urbana en la comuna',
  legalBasis: { basis: 'funciones_legales', norm: { law: 'Ley 18.695', article: 'art. 4' } },
  benefits: { municipality: 'Diagnóstico de movilidad', counterpart: 'Datos para investigación aplicada' },
  entity: {
    name: 'Universidad de Ejemplo',
    rut: '76.123.456-0',
    representative: { name: 'Representante legal', position: 'Rector(a)' },
    legalContact: { name: 'Contacto jurídico', email: 'juridica@ejemplo.cl' },
    technicalContact: { name: 'Contacto técnico', email: 'datos@ejemplo.cl' },
  },
  municipalTechnicalContact: { name: 'Contraparte técnica municipal' },
  datasets: [
    {
      name: 'Conteos de flujo vehicular',
      fields: ['punto', 'fecha', 'conteo'],
      format: 'csv',
      classification: { access: 'publica', privacy: 'no_personal' },
    },
  ],
  securityMeasures: 'Transferencia cifrada y acceso nominativo',
  transferMethod: 'Biblioteca de documentos con enlace para personas específicas',
  retention: { endAction: 'eliminacion', detail: 'Eliminación certificada al término' },
  durationMonths: 24,
  renewal: 'expresa',
  signers: [
    // Rule 1: the municipal signer is the Alcalde or a delegate by decree, named by their id in the directory.
    { side: 'municipalidad', name: 'Alcalde(sa)', position: 'Alcalde(sa)', personId: MUNICIPAL_SIGNER_PLACEHOLDER },
    { side: 'contraparte', name: 'Representante legal', position: 'Rector(a)' },
  ],
};

export const COMMAND_EXAMPLES = {
  solicitud: {
    type: 'entregar',
    link: 'https://sig.quillota.cl/datos/hogares-por-sector.xlsx',
    note: 'Se entregan los datos agregados por sector.',
  },
  convenio: { type: 'comentar', text: 'Se adjuntará la evaluación en la próxima versión.', expectedVersion: 1 },
};

export const BULK_EXAMPLE = {
  referencias: ['SOL-2026-0001', 'SOL-2026-0002'],
  comando: { type: 'reiterar', until: '2026-10-15', reason: 'Se reitera la solicitud vencida.' },
};

export const CARD_ACTION_EXAMPLE = { verb: 'solicitud.acusar_recibo', data: { version: 1 } };
