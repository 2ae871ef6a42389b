// The REST API's reference as OpenAPI 3.1, generated from the zod schemas the routes validate with (imported from
// the route files, never copied), served at GET /api/v1/openapi.json. The integration test
// test/integration/openapi.test.ts holds it against the routes express really has, both ways.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  bulkRequestSchema,
  convenioCommandSchema,
  createConvenioSchema,
  createSolicitudSchema,
  MAX_BULK_ITEMS,
  solicitudCommandSchema,
} from '../../../protocol';
import { registerFilterSchema } from '../store/read/register-filter';
import {
  allowedAction,
  BULK_EXAMPLE,
  bulkAnswer,
  CARD_ACTION_EXAMPLE,
  COMMAND_EXAMPLES,
  CONVENIO_EXAMPLE,
  deliveryPage,
  errorEnvelope,
  health,
  itemDetail,
  itemView,
  persona,
  readModel,
  registerPage,
  sessionInfo,
  SOLICITUD_EXAMPLE,
} from './openapi-schemas';
import { deliveryListQuery } from './delivery-routes';
import { BULK_RATE_LIMIT } from './bulk';
import { documentKind, uploadQuery } from './document-routes';
import { declarationSchema, deliveryFilesSchema } from '../files/file-service';
import { PERSONA_HEADER } from './identity';
import { commandEnvelope, exportMonthSchema, exportRangeSchema } from './routes';
import { SSO_SCOPE } from './sso';
import { actionBody, boardQuery, panelQuery, PANEL_MAX_MONTHS } from './tab-routes';
import { PUBLIC_MONTH } from './transparency-routes';

export const OPENAPI_PATH = '/api/v1/openapi.json';

const FILE_EXAMPLE_ID = '3f1c2a9e-5b7d-4c1e-9a2b-8d6e4f0a1b2c';

const SSO = 'teamsSso';
const LOCAL = 'personaLocal';

type Responses = RouteConfig['responses'];
const json = (schema: z.ZodTypeAny, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const csv = (description: string) => ({
  description,
  headers: z.object({
    'content-disposition': z.string().openapi({ description: 'attachment; filename="….csv"' }),
  }),
  content: { 'text/csv; charset=utf-8': { schema: z.string() } },
});
const CSV_NOTE =
  'UTF-8 con BOM, separado por «;», fin de línea CRLF, fechas dd-MM-aaaa; una celda que empieza con =, +, -, @, ' +
  'tabulador o retorno lleva antes un apóstrofo.';
const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** The errors every signed-in route may answer, plus those given. */
const signedInErrors = (...more: string[]): Responses =>
  Object.fromEntries(
    [
      ['400', 'DatosInvalidos'],
      ['401', 'NoAutenticado'],
      ['403', 'NoAutorizado'],
      ...more.map((m) => [m.split(':')[0]!, m.split(':')[1]!] as const),
    ].map(([status, name]) => [status!, ref(name!)]),
  );

const keyParam = z.object({
  key: z.string().openapi({
    description: 'La referencia (SOL-2026-0001, CONV-2026-0001) o el id del ítem.',
    example: 'SOL-2026-0001',
  }),
});

/**
 * The command body as the route reads it: the envelope's `expectedVersion` next to each verb's own fields (each
 * verb's object is strict, so the envelope goes into every branch rather than beside the union).
 */
const withEnvelope = (commands: typeof solicitudCommandSchema | typeof convenioCommandSchema) =>
  z.union(
    commands.options.map((o: z.AnyZodObject) => asSent(o).extend(commandEnvelope.shape)) as unknown as [
      z.ZodTypeAny,
      z.ZodTypeAny,
      ...z.ZodTypeAny[],
    ],
  );

/**
 * A verb's fields as a client sends them: `entregar` names its files by upload id (`archivos`); the service fills the
 * protocol's `files` (name, size, type, SHA-256) from its own records and refuses `files` from a client.
 */
function asSent(o: z.AnyZodObject): z.AnyZodObject {
  if (o.shape.type?.value !== 'entregar' || !('files' in o.shape)) return o;
  return o.omit({ files: true }).extend({
    archivos: deliveryFilesSchema.optional().openapi({
      description:
        'Los ids de las subidas completas de esta solicitud (POST …/archivos, PUT /archivos/{id}); cada archivo ' +
        'queda en la entrega y en su evento de auditoría con su nombre, tamaño, tipo y SHA-256.',
    }),
  });
}

const KIND_SEGMENTS = [
  { segment: 'solicitudes', kind: 'solicitud', tag: 'Solicitudes', one: 'una solicitud' },
  { segment: 'convenios', kind: 'convenio', tag: 'Convenios', one: 'un convenio' },
] as const;

type OpenAPIObject = ReturnType<OpenApiGeneratorV31['generateDocument']>;

function build(): OpenAPIObject {
  const r = new OpenAPIRegistry();
  r.register('Error', errorEnvelope);
  r.registerComponent('securitySchemes', SSO, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'Con un inquilino configurado: el token de acceso de Entra ID que la pestaña de Teams obtiene con ' +
      `authentication.getAuthToken() (permiso ${SSO_SCOPE}), en «Authorization: Bearer <token>». Su «oid» debe ` +
      'corresponder a una persona del directorio municipal (si no, 403).',
  });
  r.registerComponent('securitySchemes', LOCAL, {
    type: 'apiKey',
    in: 'header',
    name: PERSONA_HEADER,
    description:
      'Solo en modo local (sin inquilino, desarrollo y pruebas): el id, correo o id de Entra de una persona del ' +
      'directorio. Con un inquilino configurado, una petición con este encabezado se rechaza (401).',
  });
  const errorResponse = (name: string, description: string) =>
    r.registerComponent('responses', name, {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
  errorResponse('DatosInvalidos', 'Datos inválidos (DATOS_INVALIDOS): `fields` nombra cada campo con problemas.');
  errorResponse('NoAutenticado', 'Falta la identidad o no es válida (NO_AUTENTICADO).');
  errorResponse('NoAutorizado', 'La identidad no tiene permiso para esto (NO_AUTORIZADO).');
  errorResponse('NoEncontrado', 'No existe o quien llama no puede verlo (NO_ENCONTRADO).');
  errorResponse(
    'Conflicto',
    'El ítem cambió (CONFLICTO_VERSION), la acción no corresponde a su estado (TRANSICION_INVALIDA) o el ' +
      'documento no es la versión registrada (DOCUMENTO_DISTINTO).',
  );
  errorResponse('DemasiadoGrande', 'La petición o el archivo supera el máximo (DEMASIADO_GRANDE).');
  errorResponse('TipoNoSoportado', 'El cuerpo no es del tipo esperado (TIPO_NO_SOPORTADO).');
  errorResponse('DemasiadasConsultas', 'Demasiadas peticiones seguidas (DEMASIADAS_CONSULTAS); ver Retry-After.');

  const path = (route: RouteConfig) => r.registerPath(route);
  const open = { security: [] };

  // ——— Service
  path({
    method: 'get',
    path: '/healthz',
    tags: ['Servicio'],
    summary: 'Estado del servicio y de su base de datos',
    ...open,
    responses: { 200: json(health, 'En servicio.'), 503: json(health, 'Sin base de datos.') },
  });
  path({
    method: 'get',
    path: OPENAPI_PATH,
    tags: ['Servicio'],
    summary: 'Esta referencia (OpenAPI 3.1)',
    description: 'Pública: describe la API, no contiene datos.',
    ...open,
    responses: { 200: json(z.object({}).passthrough(), 'El documento OpenAPI.') },
  });

  // ——— Session and directory
  path({
    method: 'get',
    path: '/api/v1/sesion',
    tags: ['Sesión'],
    summary: 'Modo del servicio y, en modo local, las personas del selector',
    description: 'Lo que la pestaña necesita antes de identificar a alguien; no requiere identidad.',
    ...open,
    responses: { 200: json(sessionInfo, 'El modo (local o teams) y la zona horaria.') },
  });
  path({
    method: 'get',
    path: '/api/v1/yo',
    tags: ['Sesión'],
    summary: 'La identidad de quien llama, con sus roles de hoy (subrogancias incluidas)',
    responses: { 200: json(z.object({ actor: z.object({}).passthrough() }), 'Quien llama.'), ...signedInErrors() },
  });
  path({
    method: 'get',
    path: '/api/v1/personas',
    tags: ['Sesión'],
    summary: 'Funcionarios del directorio con sus roles de hoy (elegir firmantes o contraparte técnica)',
    responses: { 200: json(z.object({ personas: z.array(persona) }), 'El personal municipal.'), ...signedInErrors() },
  });
  path({
    method: 'get',
    path: '/api/v1/unidades',
    tags: ['Sesión'],
    summary: 'Unidades municipales del directorio',
    responses: {
      200: json(z.object({ units: z.array(z.object({}).passthrough()) }), 'Las unidades.'),
      ...signedInErrors(),
    },
  });
  path({
    method: 'get',
    path: '/api/v1/feriados',
    tags: ['Sesión'],
    summary: 'Feriados de Chile del año anterior, el actual y el siguiente',
    description: 'Público: el calendario con que se cuentan los días hábiles (Ley 19.880 art. 25).',
    ...open,
    responses: {
      200: json(
        z.object({
          holidays: z.array(z.object({}).passthrough()),
          today: z.string().openapi({ description: 'La fecha de hoy para el servicio (AAAA-MM-DD, hora de Chile).' }),
        }),
        'Los feriados.',
      ),
    },
  });

  // ——— Items
  for (const { segment, kind, tag, one } of KIND_SEGMENTS) {
    const base = `/api/v1/${segment}`;
    path({
      method: 'post',
      path: base,
      tags: [tag],
      summary: `Crear ${one}`,
      description:
        'Queda registrado con su referencia; la respuesta trae el ítem y su dirección en Location.' +
        (kind === 'convenio'
          ? ' El firmante municipal es el Alcalde o quien firma por delegación por decreto, nombrado por su id en ' +
            'el directorio (`personId`; en el ejemplo, un marcador que se reemplaza).'
          : ''),
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: kind === 'solicitud' ? createSolicitudSchema : createConvenioSchema,
              example: kind === 'solicitud' ? SOLICITUD_EXAMPLE : CONVENIO_EXAMPLE,
            },
          },
        },
      },
      responses: {
        201: json(itemView, 'Creado.'),
        ...signedInErrors('413:DemasiadoGrande', '415:TipoNoSoportado'),
      },
    });
    path({
      method: 'get',
      path: base,
      tags: [tag],
      summary: `Registro: ${segment} que quien llama puede ver, filtrados y paginados`,
      description:
        'Solo lo que quien llama puede leer. Paginación por cursor: `limite` filas (50 por omisión, máximo 1000); ' +
        '`nextCursor` se pasa como `cursor`, con el mismo `orden` y filtros, hasta que sea null. Las listas ' +
        '(`estado`, `unidad`, `acceso`, `privacidad`) se separan con comas. `unidad`: la unidad dueña o la ' +
        'solicitante. `vencidas=true`: el plazo en curso ya pasó. `desde`/`hasta`: días de creación (hora de Chile). ' +
        '`q`: una referencia exacta, o cada palabra (hasta 8, sin acentos) como prefijo; los textos que la política ' +
        'de lectura oculta solo se buscan para quien tiene derecho a verlos. `orden`: recientes (omisión) o ' +
        'vencimiento (el plazo más próximo primero).',
      request: { query: registerFilterSchema(kind) },
      responses: { 200: json(registerPage, 'Una página del registro.'), ...signedInErrors() },
    });
    path({
      method: 'get',
      path: `${base}/{key}`,
      tags: [tag],
      summary: `Detalle de ${one} tal como quien llama puede verlo, con su historia`,
      description:
        'El ítem pasa por la política de lectura (protocol/read-policy.ts): los datos sensibles a los que quien ' +
        'llama no tiene derecho se leen «[Reservado: datos sensibles]» o no vienen, y `hidden` lista sus rutas. ' +
        '`allowedActions` es exactamente lo que puede hacer ahora; `contacts`, con quién abrir un chat de Teams ' +
        '(primero quien debe actuar); `timeline`, la historia del registro de auditoría.',
      request: { params: keyParam },
      responses: { 200: json(itemDetail, 'El detalle.'), ...signedInErrors('404:NoEncontrado') },
    });
    path({
      method: 'post',
      path: `${base}/{key}/comandos`,
      tags: [tag],
      summary: `Realizar una acción del protocolo sobre ${one}`,
      description:
        '`type` es el verbo (docs/estados.generado.md); los demás campos dependen de él. `expectedVersion` ' +
        '(opcional) es la versión que quien llama vio: si el ítem cambió, 409 CONFLICTO_VERSION y nada cambia.',
      request: {
        params: keyParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: withEnvelope(kind === 'solicitud' ? solicitudCommandSchema : convenioCommandSchema),
              example: COMMAND_EXAMPLES[kind],
            },
          },
        },
      },
      responses: {
        200: json(itemView, 'El ítem después de la acción.'),
        ...signedInErrors('404:NoEncontrado', '409:Conflicto'),
      },
    });
    path({
      method: 'get',
      path: `${base}/{key}/vistas`,
      tags: ['Pestaña'],
      summary: `Las tarjetas adaptables de ${one} para quien llama`,
      request: { params: keyParam },
      responses: {
        200: json(z.object({ views: z.array(z.object({}).passthrough()) }), 'Las vistas de tarjeta.'),
        ...signedInErrors('404:NoEncontrado'),
      },
    });
    path({
      method: 'post',
      path: `${base}/{key}/acciones`,
      tags: ['Pestaña'],
      summary: `Enviar la acción de una tarjeta de ${one} (como en el chat)`,
      description:
        '`verb` es «tipo.verbo» (solicitud.acusar_recibo); `data` lleva los campos de la tarjeta y su `version`.',
      request: {
        params: keyParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: actionBody,
              example:
                kind === 'solicitud'
                  ? CARD_ACTION_EXAMPLE
                  : { verb: 'convenio.comentar', data: { version: 2, text: 'Revisado.' } },
            },
          },
        },
      },
      responses: {
        200: json(
          z.object({
            item: z.object({}).passthrough(),
            allowedActions: z.array(allowedAction),
            card: z.object({}).passthrough(),
          }),
          'El ítem, sus acciones y la tarjeta nueva.',
        ),
        ...signedInErrors('404:NoEncontrado', '409:Conflicto'),
      },
    });
  }

  // ——— The UGDT in bulk (issue 14 §8)
  path({
    method: 'post',
    path: '/api/v1/solicitudes/lote',
    tags: ['Solicitudes'],
    summary: 'Recordar, reiterar, reasignar o cerrar varias solicitudes a la vez',
    description:
      `Hasta ${MAX_BULK_ITEMS} referencias distintas y un comando con los mismos campos que la acción sola. Cada ` +
      'solicitud se decide por separado (el protocolo revisa rol y estado en cada una) y queda con su propia ' +
      'transición auditada y sus avisos; lo que falla en una no deshace las otras. Responde 200 con el resultado ' +
      'de cada una; un cuerpo inválido es 400 y nada cambia. Límite por persona: ' +
      `${BULK_RATE_LIMIT.burst} lotes seguidos, luego ${BULK_RATE_LIMIT.perMinute} por minuto (429 con Retry-After).`,
    request: {
      body: { required: true, content: { 'application/json': { schema: bulkRequestSchema, example: BULK_EXAMPLE } } },
    },
    responses: {
      200: json(bulkAnswer, 'El resultado de cada solicitud.'),
      ...signedInErrors('413:DemasiadoGrande', '429:DemasiadasConsultas'),
    },
  });

  // ——— Tab read models
  path({
    method: 'get',
    path: '/api/v1/tablero',
    tags: ['Pestaña'],
    summary: 'Tablero por estado (columnas con sus primeras filas)',
    request: { query: boardQuery },
    responses: {
      200: json(readModel('Tablero', 'protocol/read-models.ts Board.'), 'El tablero.'),
      ...signedInErrors(),
    },
  });
  path({
    method: 'get',
    path: '/api/v1/pendientes',
    tags: ['Pestaña'],
    summary: 'Lo que espera una acción de quien llama',
    responses: {
      200: json(
        z.object({
          items: z.array(
            z
              .object({
                task: z.string().nullable().openapi({ example: 'revisar la entrega' }),
                next: z
                  .object({ verb: z.string(), label: z.string(), direct: z.boolean() })
                  .nullable()
                  .openapi({ example: { verb: 'conforme', label: 'Conforme', direct: true } }),
              })
              .passthrough(),
          ),
          following: z.array(z.object({}).passthrough()),
        }),
        'Los pendientes (items, cada uno con lo que le toca hacer y el paso que se ofrece en la misma fila) y lo que ' +
          'la persona sigue sin que le toque actuar (following).',
      ),
      ...signedInErrors(),
    },
  });
  path({
    method: 'get',
    path: '/api/v1/panel',
    tags: ['Pestaña'],
    summary: `Panel de indicadores por mes (máximo ${PANEL_MAX_MONTHS} meses)`,
    request: { query: panelQuery },
    responses: {
      200: json(readModel('Panel', 'protocol/read-models.ts PanelStats.'), 'El panel.'),
      ...signedInErrors(),
    },
  });

  // ——— Documents
  path({
    method: 'get',
    path: '/api/v1/convenios/{key}/documentos',
    tags: ['Documentos'],
    summary: 'Documentos de un convenio (versiones, huellas y firmas)',
    request: { params: keyParam },
    responses: {
      200: json(z.object({ documents: z.array(z.object({}).passthrough()) }), 'Los documentos.'),
      ...signedInErrors('404:NoEncontrado'),
    },
  });
  path({
    method: 'post',
    path: '/api/v1/convenios/{key}/documentos',
    tags: ['Documentos'],
    summary: 'Entregar un archivo: el PDF firmado con FEA o un borrador Word editado fuera de la aplicación',
    description:
      'El cuerpo es el archivo tal cual (no JSON), con su Content-Type. Se revisa quién entrega y qué declara antes ' +
      'de leer un byte; el archivo y la acción que lo registra se guardan juntos o ninguno.',
    request: {
      params: keyParam,
      query: uploadQuery,
      body: {
        required: true,
        content: {
          'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
            schema: z.string().openapi({ format: 'binary' }),
          },
        },
      },
    },
    responses: {
      201: json(z.object({ item: z.object({}).passthrough() }), 'El convenio con el documento registrado.'),
      ...signedInErrors('404:NoEncontrado', '409:Conflicto', '413:DemasiadoGrande', '415:TipoNoSoportado'),
    },
  });
  const docParams = z.object({ key: keyParam.shape.key, kind: documentKind });
  path({
    method: 'get',
    path: '/api/v1/convenios/{key}/documentos/{kind}/versiones',
    tags: ['Documentos'],
    summary: 'Versiones de un documento en la biblioteca, cada una con la versión que registró el convenio',
    request: { params: docParams },
    responses: {
      200: json(z.object({ versions: z.array(z.object({}).passthrough()) }), 'Las versiones.'),
      ...signedInErrors('404:NoEncontrado'),
    },
  });
  const file = (description: string) => ({
    description,
    content: {
      'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
        schema: z.string().openapi({ format: 'binary' }),
      },
    },
  });
  path({
    method: 'get',
    path: '/api/v1/convenios/{key}/documentos/{kind}/{version}/archivo',
    tags: ['Documentos'],
    summary: 'Descargar una versión guardada de un documento',
    request: {
      params: docParams.extend({
        version: z
          .string()
          .regex(/^[1-9]\d{0,5}$/)
          .openapi({ example: '1' }),
      }),
    },
    responses: { 200: file('El archivo.'), ...signedInErrors('404:NoEncontrado') },
  });
  for (const withVersion of [false, true])
    path({
      method: 'get',
      path: `/documentos/{reference}/{kind}${withVersion ? '/{version}' : ''}`,
      tags: ['Documentos'],
      summary: withVersion
        ? 'Modo local: una versión de un documento de la carpeta local'
        : 'Modo local: la última versión de un documento de la carpeta local',
      description:
        'Solo en modo local. Con identidad rige la política de lectura; sin identidad, `enlace` (el enlace que la ' +
        'tarjeta entrega) abre ese documento. También responde las direcciones antiguas ' +
        '/documentos/Convenios/<año>/<carpeta>/<archivo>.',
      security: [{ [SSO]: [] }, { [LOCAL]: [] }, {}],
      request: {
        params: z.object({
          reference: z
            .string()
            .regex(/^CONV-\d{4}-\d{4,6}$/)
            .openapi({ example: 'CONV-2026-0001' }),
          kind: documentKind,
          ...(withVersion
            ? {
                version: z
                  .string()
                  .regex(/^[1-9]\d{0,5}$/)
                  .openapi({ example: '1' }),
              }
            : {}),
        }),
        query: z.object({ enlace: z.string().optional().openapi({ description: 'Enlace firmado del documento.' }) }),
      },
      responses: { 200: file('El archivo.'), ...signedInErrors('404:NoEncontrado', '409:Conflicto') },
    });

  // ——— Delivered files (issue 15)
  const uploadParam = z.object({
    id: z.string().uuid().openapi({ description: 'El id de la subida.', example: FILE_EXAMPLE_ID }),
  });
  const uploadState = z
    .object({
      id: z.string().uuid(),
      nombre: z.string(),
      tamano: z.number().int(),
      tipo: z.string(),
      recibido: z.number().int(),
      estado: z.enum(['subiendo', 'completo', 'entregado', 'descartado']),
      sha256: z.string().optional(),
    })
    .openapi('EstadoSubida');
  const conflictWithReceived = json(
    errorEnvelope.extend({ recibido: z.number().int().openapi({ description: 'Lo recibido: continúe desde ahí.' }) }),
    'La parte no empieza en lo recibido, otra parte se está recibiendo o el archivo ya está completo ' +
      '(CONFLICTO_VERSION, con `recibido`); o la subida fue descartada (TRANSICION_INVALIDA).',
  );
  const declarationProblem = json(
    errorEnvelope,
    'El archivo declarado no se acepta (422): `fields.nombre`, `fields.tamano` (vacío o sobre el máximo) o ' +
      '`fields.tipo` (un tipo que la clasificación no permite), con el motivo en español. No se guarda nada.',
  );
  path({
    method: 'post',
    path: '/api/v1/solicitudes/{key}/archivos',
    tags: ['Archivos'],
    summary: 'Declarar un archivo de la entrega (antes de enviar un byte)',
    description:
      'Solo quien puede «Entregar» la solicitud ahora (la unidad dueña, en un estado que espera la entrega; si no, ' +
      '403). Se revisan el nombre, el tamaño (settings.files.maxBytes) y el tipo según la clasificación del ' +
      'conjunto de datos (settings.files.mediaTypes) antes de recibir el archivo. La respuesta trae `subirEn`, ' +
      'la dirección a la que se envían sus partes.',
    request: {
      params: keyParam,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: declarationSchema,
            example: { nombre: 'Hogares por sector 2025.csv', tamano: 18874368, tipo: 'text/csv' },
          },
        },
      },
    },
    responses: {
      201: json(
        uploadState.omit({ estado: true, sha256: true }).extend({
          recibido: z.literal(0),
          subirEn: z.string().openapi({ example: `/api/v1/archivos/${FILE_EXAMPLE_ID}` }),
        }),
        'La subida, lista para recibir sus partes.',
      ),
      422: declarationProblem,
      ...signedInErrors('404:NoEncontrado'),
    },
  });
  path({
    method: 'put',
    path: '/api/v1/archivos/{id}',
    tags: ['Archivos'],
    summary: 'Enviar una parte del archivo (hasta 8 MiB)',
    description:
      'El cuerpo son los bytes tal cual (`Content-Type: application/octet-stream`, sin `Content-Encoding`), con ' +
      '`Content-Range: bytes <inicio>-<fin>/<total>` y `Content-Length`. `inicio` debe ser lo recibido (si no, 409 ' +
      'con `recibido`); solo quien creó la subida la envía. Todo eso se revisa antes de leer el cuerpo. Mientras ' +
      'falte, 202 con lo recibido; con la última parte el servicio calcula el SHA-256 del archivo completo, lo guarda ' +
      'y responde 200 con la huella. Una parte interrumpida no cuenta: se envía de nuevo desde `recibido` ' +
      '(GET de esta dirección).',
    request: {
      params: uploadParam,
      headers: z.object({
        'content-range': z.string().openapi({ example: 'bytes 0-8388607/18874368' }),
      }),
      body: {
        required: true,
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
    },
    responses: {
      200: json(
        uploadState.pick({ id: true, nombre: true, tamano: true, tipo: true }).extend({ sha256: z.string() }),
        'Archivo completo y guardado, con su SHA-256.',
      ),
      202: json(z.object({ recibido: z.number().int() }), 'Parte recibida; falta el resto.'),
      409: conflictWithReceived,
      411: json(errorEnvelope, 'Falta Content-Length.'),
      ...signedInErrors('404:NoEncontrado', '413:DemasiadoGrande', '415:TipoNoSoportado'),
    },
  });
  path({
    method: 'get',
    path: '/api/v1/archivos/{id}',
    tags: ['Archivos'],
    summary: 'Estado de una subida: lo recibido, para continuar tras una interrupción',
    description: 'Solo quien creó la subida.',
    request: { params: uploadParam },
    responses: { 200: json(uploadState, 'La subida.'), ...signedInErrors('404:NoEncontrado') },
  });
  path({
    method: 'delete',
    path: '/api/v1/archivos/{id}',
    tags: ['Archivos'],
    summary: 'Descartar una subida que no se ha entregado',
    description: 'Solo quien creó la subida; una ya entregada no se descarta (409).',
    request: { params: uploadParam },
    responses: { 204: { description: 'Descartada.' }, ...signedInErrors('404:NoEncontrado', '409:Conflicto') },
  });
  path({
    method: 'get',
    path: '/api/v1/solicitudes/{key}/archivos/{id}/contenido',
    tags: ['Archivos'],
    summary: 'Descargar un archivo entregado',
    description:
      'Solo quien pidió los datos (hasta el vencimiento de su acceso: la entrega más settings.files.shareDays días ' +
      'corridos), la UGDT, y Control cuando la política de lectura le deja ver los datos de la solicitud; si no, ' +
      '403. Cada descarga queda registrada (quién, cuándo, qué archivo, su huella) y se ve en la línea de tiempo de ' +
      'la UGDT y de la unidad dueña. Los bytes se comparan con la huella registrada mientras se leen: si no ' +
      'coinciden, la respuesta se corta antes de su largo.',
    request: { params: keyParam.extend({ id: uploadParam.shape.id }) },
    responses: {
      200: {
        description: 'El archivo, como adjunto.',
        headers: z.object({
          'x-sha256': z.string().openapi({ description: 'SHA-256 registrado del archivo (hex).' }),
          'content-disposition': z.string().openapi({ description: "attachment; filename*=UTF-8''…" }),
        }),
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...signedInErrors('404:NoEncontrado'),
    },
  });

  // ——— Exports
  path({
    method: 'get',
    path: '/api/v1/exportaciones/solicitudes.csv',
    tags: ['Exportaciones'],
    summary: 'Registro de solicitudes de un rango de fechas (CSV, con la política de lectura)',
    description:
      'Ley 19.880 art. 24 bis y Ley 19.628 art. 5: las solicitudes creadas entre esos días (inclusive) que quien ' +
      'llama puede leer. ' +
      CSV_NOTE,
    request: { query: exportRangeSchema },
    responses: { 200: csv('El registro en CSV.'), ...signedInErrors() },
  });
  path({
    method: 'get',
    path: '/api/v1/exportaciones/convenios.csv',
    tags: ['Exportaciones'],
    summary: 'Convenios publicados en un mes (CSV)',
    description:
      'Ley 21.719 art. 22: los convenios con datos personales cuyo decreto aprobatorio es de ese mes. ' + CSV_NOTE,
    request: { query: exportMonthSchema },
    responses: { 200: csv('Los convenios en CSV.'), ...signedInErrors() },
  });
  path({
    method: 'get',
    path: '/api/v1/exportaciones/transferencias.csv',
    tags: ['Exportaciones'],
    summary: 'Transferencias bajo convenios en un rango de fechas (CSV, Ley 19.628 art. 5)',
    description:
      'Las transferencias fechadas entre esos días (inclusive) de los convenios que quien llama puede leer; para ' +
      'quien no tiene derecho a los datos de un convenio sensible, «Datos transferidos» se lee reservado. ' +
      CSV_NOTE,
    request: { query: exportRangeSchema },
    responses: { 200: csv('Las transferencias en CSV.'), ...signedInErrors() },
  });
  path({
    method: 'get',
    path: '/api/v1/convenios/{key}/transferencias.csv',
    tags: ['Exportaciones'],
    summary: 'Transferencias de un convenio (CSV)',
    request: { params: keyParam },
    responses: { 200: csv('Las transferencias en CSV.'), ...signedInErrors('404:NoEncontrado') },
  });

  // ——— Outbox
  path({
    method: 'get',
    path: '/api/v1/envios',
    tags: ['Envíos'],
    summary: 'Cola de envíos (UGDT, Informática y Control)',
    description:
      'Los envíos en ese estado (por omisión `fallido`: agotados sus reintentos), los más recientes primero. ' +
      'Paginación: `next` de la respuesta se pasa como `antes`. Otras personas: 403.',
    request: { query: deliveryListQuery },
    responses: { 200: json(deliveryPage, 'Una página de la cola.'), ...signedInErrors() },
  });
  path({
    method: 'post',
    path: '/api/v1/envios/{id}/reintentar',
    tags: ['Envíos'],
    summary: 'Reintentar un envío fallido (UGDT e Informática)',
    description:
      'Vuelve a la cola, para ahora, con sus intentos en cero; queda registrado con la persona. 409 si ya no está ' +
      'fallido.',
    request: { params: z.object({ id: z.string().regex(/^\d+$/).openapi({ example: '42' }) }) },
    responses: {
      200: json(z.object({ ok: z.literal(true) }), 'Reintento programado.'),
      ...signedInErrors('404:NoEncontrado', '409:Conflicto'),
    },
  });

  // ——— Public register (Ley 21.719): no sign-in, rate-limited per address.
  const publicQuery = z.object({
    mes: PUBLIC_MONTH.optional().openapi({ description: 'AAAA-MM; vacío o ausente: todos.', example: '2026-12' }),
  });
  const publicErrors: Responses = {
    304: { description: 'Sin cambios (If-None-Match con el ETag vigente).' },
    400: json(errorEnvelope, 'Mes inválido.'),
    429: json(errorEnvelope, 'Demasiadas consultas (DEMASIADAS_CONSULTAS); ver Retry-After.'),
  };
  for (const [suffix, type, what] of [
    ['', 'text/html; charset=utf-8', 'página HTML'],
    ['.csv', 'text/csv; charset=utf-8', 'CSV'],
    ['.json', 'application/json; charset=utf-8', 'JSON'],
  ] as const)
    path({
      method: 'get',
      path: `/transparencia${suffix}`,
      tags: ['Registro público'],
      summary: `Registro público de convenios de datos personales (${what})`,
      description: 'Sin inicio de sesión; solo la proyección publicada de cada convenio. Caché pública de 5 minutos.',
      ...open,
      request: { query: publicQuery },
      responses: {
        200: { description: `El registro (${what}).`, content: { [type]: { schema: z.string() } } },
        ...publicErrors,
      },
    });

  return new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Intercambio de Datos — API REST',
      version: 'v1',
      description:
        'API de la aplicación Intercambio de Datos de la Municipalidad de Quillota: solicitudes internas de datos, ' +
        'convenios de uso compartido, documentos, exportaciones y el registro público. Guía: docs/api.md.',
    },
    security: [{ [SSO]: [] }, { [LOCAL]: [] }],
    tags: [
      { name: 'Servicio', description: 'Estado y esta referencia.' },
      { name: 'Sesión', description: 'Modo, identidad y directorio.' },
      { name: 'Solicitudes', description: 'Solicitudes internas de datos (§2 del protocolo).' },
      { name: 'Convenios', description: 'Convenios de uso compartido de datos (§3–§6).' },
      { name: 'Documentos', description: 'Archivos de los convenios.' },
      {
        name: 'Archivos',
        description: 'Archivos entregados de las solicitudes: subida por partes, entrega, descarga registrada.',
      },
      { name: 'Pestaña', description: 'Modelos de lectura de la pestaña de Teams y acciones de tarjeta.' },
      { name: 'Exportaciones', description: 'Registros en CSV.' },
      { name: 'Envíos', description: 'Cola de avisos por Teams y correo.' },
      { name: 'Registro público', description: 'Convenios publicados (Ley 21.719), sin inicio de sesión.' },
    ],
  });
}

let cached: OpenAPIObject | undefined;

/** The document, built once (the schemas do not change while the service runs). */
export function openApiDocument(): OpenAPIObject {
  cached ??= build();
  return cached;
}
