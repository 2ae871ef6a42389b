// Every way a caller can get a request wrong, over the real REST API: the answer is a Spanish DomainError with the
// right status, code and offending field paths, and nothing is written (no item, audit event, outbox row, timer or
// reference number). Refused role attempts land in the security log (denied_attempts) and nowhere else.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { personaClient, startTestService, type ApiResponse, type TestService } from '../support/service';
import { convenioBody, solicitudBody } from '../support/fixtures';
import { activityFrom, executeInvoke, message } from '../support/teams-activity';

jest.setTimeout(30_000);

let svc: TestService;
/** DOM (alex.wilber) → DIDECO (responsable lynne.robbins), state enviada, version 2 after one comment. */
let sol: { id: string; reference: string };
/** Proposed by lee.gu (UGDT), state evaluacion, version 1. */
let conv: { id: string; reference: string };

beforeAll(async () => {
  // Tuesday 15 September 2026, 10:00 in Santiago.
  svc = await startTestService('2026-09-15T13:00:00Z');
  const created = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
  expect(created.status).toBe(201);
  sol = { id: created.body.item.id, reference: created.body.item.reference };
  const commented = await svc
    .as('alex.wilber')
    .post(`/api/v1/solicitudes/${sol.reference}/comandos`, { type: 'comentar', text: '¿Pueden incluir 2024?' });
  expect(commented.body.item?.version).toBe(2);
  const c = await svc.as('lee.gu').post('/api/v1/convenios', convenioBody());
  expect(c.status).toBe(201);
  conv = { id: c.body.item.id, reference: c.body.item.reference };
}, 60_000);
afterAll(async () => svc.close());

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const as = (persona: string) => svc.as(persona);
const solPath = () => `/api/v1/solicitudes/${sol.reference}`;
const solCmd = (persona: string, body: unknown) => as(persona).post(`${solPath()}/comandos`, body);
const convCmd = (persona: string, body: unknown) =>
  as(persona).post(`/api/v1/convenios/${conv.reference}/comandos`, body);
const createSol = (body: unknown, persona = 'alex.wilber') => as(persona).post('/api/v1/solicitudes', body);
const createConv = (body: unknown, persona = 'lee.gu') => as(persona).post('/api/v1/convenios', body);
const rawPost = (path: string, body: string, contentType: string, persona = 'alex.wilber') =>
  as(persona).raw(path, { method: 'POST', body, headers: { 'content-type': contentType } });
const dataset = (overrides: Record<string, unknown> = {}) => ({
  ...(solicitudBody().dataset as Record<string, unknown>),
  ...overrides,
});
const entity = (overrides: Record<string, unknown> = {}) => ({
  ...(convenioBody().entity as Record<string, unknown>),
  ...overrides,
});
const without = (obj: Record<string, unknown>, key: string) => {
  const copy = { ...obj };
  delete copy[key];
  return copy;
};

/** A JSON body of exactly `bytes` bytes: a valid request whose purpose is padded with ASCII. */
function bodyOfBytes(bytes: number): string {
  const base = JSON.stringify(solicitudBody({ purpose: '' }));
  return JSON.stringify(solicitudBody({ purpose: 'x'.repeat(bytes - Buffer.byteLength(base)) }));
}
const MAX_BODY_BYTES = 256 * 1024;

/** Looks Spanish: an accented letter or a common Spanish word. */
const SPANISH = /[áéíóúñ¿¡«]|\b(el|la|los|las|de|del|falta|debe|no|una?|es|que|con|use|sin)\b/i;
/** zod's built-in English messages leaking through. */
const ENGLISH = /\b(required|expected|received|invalid|must|string|array|object|number|too (big|small))\b/i;

function expectSpanishMessage(r: ApiResponse) {
  expect(r.body?.error?.message).toEqual(expect.any(String));
  expect(r.body.error.message).toMatch(SPANISH);
}

/** Message and every field message are Spanish, with no English fragment of zod. */
function expectAllSpanish(r: ApiResponse) {
  expectSpanishMessage(r);
  const texts = [r.body.error.message as string, ...Object.values(r.body.error.fields as Record<string, string>)];
  expect(texts.filter((t) => ENGLISH.test(t))).toEqual([]);
}

interface Snapshot {
  counts: Record<string, number>;
  /** Every item's id, version, state and data: a change to any item shows here. */
  items: string;
  pendingTimers: number;
  referencesIssued: number;
  denied: number;
}

const WRITE_TABLES = ['items', 'audit_events', 'outbox', 'timers', 'reference_counters'] as const;

async function snapshot(): Promise<Snapshot> {
  const one = async (sql: string) => (await svc.db.query<{ v: number | string | null }>(sql)).rows[0]!.v;
  const counts: Record<string, number> = {};
  for (const t of WRITE_TABLES) counts[t] = Number(await one(`SELECT count(*)::int AS v FROM ${t}`));
  return {
    counts,
    items: String(
      await one(
        `SELECT coalesce(string_agg(id::text || ':' || version || ':' || state || ':' || md5(data::text), ',' ORDER BY id), '') AS v FROM items`,
      ),
    ),
    pendingTimers: Number(await one(`SELECT count(*)::int AS v FROM timers WHERE status = 'pendiente'`)),
    referencesIssued: Number(await one('SELECT coalesce(sum(last), 0)::int AS v FROM reference_counters')),
    denied: Number(await one('SELECT count(*)::int AS v FROM denied_attempts')),
  };
}

async function lastDenied() {
  const { rows } = await svc.db.query<{ actor_id: string; item_id: string | null; command: string; code: string }>(
    'SELECT actor_id, item_id, command, code FROM denied_attempts ORDER BY id DESC LIMIT 1',
  );
  return rows[0];
}

interface Case {
  name: string;
  send: () => Promise<ApiResponse>;
  status: number;
  code: string;
  /** The exact error message, when the case pins it. */
  message?: string;
  /** Field paths that must be named, each with a pattern its message must match. */
  fields?: Record<string, RegExp>;
  /** The refusal must be logged in denied_attempts for this actor, item and command. */
  denied?: { actor: string; item: () => string; command: string };
}

const CASES: Case[] = [
  // --- The body itself ---------------------------------------------------------------------------------------
  {
    name: 'malformed JSON',
    send: () => rawPost('/api/v1/solicitudes', '{"ownerUnitId": "dideco",', 'application/json'),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { '(cuerpo)': /JSON/ },
  },
  {
    name: 'malformed JSON on a command',
    send: () => rawPost(`${solPath()}/comandos`, "{'type': 'acusar_recibo'}", 'application/json', 'lynne.robbins'),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { '(cuerpo)': /JSON/ },
  },
  {
    name: 'wrong content type (text/plain) on creation',
    send: () => rawPost('/api/v1/solicitudes', JSON.stringify(solicitudBody()), 'text/plain'),
    status: 415,
    code: 'TIPO_NO_SOPORTADO',
    message: 'El cuerpo debe ser JSON (Content-Type: application/json).',
    fields: { '(cuerpo)': /^tipo de contenido no soportado$/ },
  },
  {
    name: 'wrong content type (form) on a command',
    send: () =>
      rawPost(`${solPath()}/comandos`, 'type=acusar_recibo', 'application/x-www-form-urlencoded', 'lynne.robbins'),
    status: 415,
    code: 'TIPO_NO_SOPORTADO',
    message: 'El cuerpo debe ser JSON (Content-Type: application/json).',
    fields: { '(cuerpo)': /^tipo de contenido no soportado$/ },
  },
  {
    name: 'a JSON array instead of an object',
    send: () => createSol([solicitudBody()]),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { '(cuerpo)': /./ },
  },
  {
    name: 'a body one byte over MAX_BODY_BYTES (256 KiB)',
    send: () => rawPost('/api/v1/solicitudes', bodyOfBytes(MAX_BODY_BYTES + 1), 'application/json'),
    status: 413,
    code: 'DEMASIADO_GRANDE',
    fields: { '(cuerpo)': /grande/ },
  },
  {
    name: 'a body of exactly MAX_BODY_BYTES is read (and refused only for its oversized purpose)',
    send: () => rawPost('/api/v1/solicitudes', bodyOfBytes(MAX_BODY_BYTES), 'application/json'),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { purpose: /máximo 2000 caracteres/ },
  },
  // --- Creation: missing fields, wrong types, sizes, extra keys ------------------------------------------------
  {
    name: 'missing purpose',
    send: () => createSol(without(solicitudBody(), 'purpose')),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { purpose: /falta el propósito/ },
  },
  {
    name: 'missing ownerUnitId',
    send: () => createSol(without(solicitudBody(), 'ownerUnitId')),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { ownerUnitId: /falta la unidad dueña/ },
  },
  {
    name: 'missing dataset',
    send: () => createSol(without(solicitudBody(), 'dataset')),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { dataset: /./ },
  },
  {
    name: 'missing dataset.name',
    send: () => createSol(solicitudBody({ dataset: without(dataset(), 'name') })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { 'dataset.name': /./ },
  },
  {
    name: 'dataset.name too short',
    send: () => createSol(solicitudBody({ dataset: dataset({ name: 'ab' }) })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { 'dataset.name': /nombre del conjunto de datos/ },
  },
  {
    name: 'an empty object reports every required field',
    send: () => createSol({}),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: {
      ownerUnitId: /falta/,
      purpose: /falta/,
      justification: /falta/,
      expectedBenefits: /^faltan los beneficios esperados$/,
      legalBasis: /Indique una base legal real/,
      dataset: /./,
    },
  },
  {
    name: 'purpose of the wrong type (number)',
    send: () => createSol(solicitudBody({ purpose: 42 })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { purpose: /debe ser texto/ },
  },
  {
    name: 'dataset.fields of the wrong type (string)',
    send: () => createSol(solicitudBody({ dataset: dataset({ fields: 'sector, tramo' }) })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { 'dataset.fields': /./ },
  },
  {
    name: 'unknown access level',
    send: () =>
      createSol(solicitudBody({ dataset: dataset({ classification: { access: 'abierta', privacy: 'personal' } }) })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { 'dataset.classification.access': /nivel de acceso/ },
  },
  {
    name: 'reservada without a legal ground',
    send: () =>
      createSol(solicitudBody({ dataset: dataset({ classification: { access: 'reservada', privacy: 'personal' } }) })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { 'dataset.classification.legalGround': /fundamento legal/ },
  },
  {
    name: 'purpose of 2001 characters',
    send: () => createSol(solicitudBody({ purpose: 'p'.repeat(2001) })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { purpose: /máximo 2000 caracteres/ },
  },
  {
    name: 'legalBasis as free text (rule 6: a structured basis)',
    send: () => createSol(solicitudBody({ legalBasis: 'Ley 18.695 art. 4' })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { legalBasis: /Indique una base legal real/ },
  },
  {
    name: 'legalBasis naming «N/A» as the law',
    send: () =>
      createSol(solicitudBody({ legalBasis: { basis: 'funciones_legales', norm: { law: 'N/A', article: 'art. 4' } } })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { 'legalBasis.norm.law': /Indique una base legal real/ },
  },
  {
    name: 'an unknown extra key at the top level',
    send: () => createSol(solicitudBody({ prioridad: 'alta' })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    message: 'Solicitud inválida: prioridad: campo no permitido.',
    fields: { prioridad: /^campo no permitido$/ },
  },
  {
    name: 'an unknown extra key in the convenio contact',
    send: () =>
      createConv(
        convenioBody({ municipalTechnicalContact: { name: 'Lee Gu', email: 'lee.gu@quillota.cl', cargo: 'x' } }),
      ),
    status: 400,
    code: 'DATOS_INVALIDOS',
    message: 'Convenio inválido: municipalTechnicalContact.cargo: campo no permitido.',
    fields: { 'municipalTechnicalContact.cargo': /^campo no permitido$/ },
  },
  // --- Creation: checks of the protocol (after the reference counter was touched: must roll back) -------------
  {
    name: 'unknown owner unit',
    send: () => createSol(solicitudBody({ ownerUnitId: 'bomberos' })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { ownerUnitId: /unidad desconocida/ },
  },
  {
    name: 'own unit as owner',
    send: () => createSol(solicitudBody({ ownerUnitId: 'dom' })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { ownerUnitId: /propia unidad/ },
  },
  {
    name: 'neededBy in the past',
    send: () => createSol(solicitudBody({ neededBy: '2026-09-14' })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { neededBy: /fecha pasada/ },
  },
  {
    name: 'neededBy not in AAAA-MM-DD',
    send: () => createSol(solicitudBody({ neededBy: '30-09-2026' })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { neededBy: /^la fecha requerida: no es una fecha válida$/ },
  },
  // --- Convenio creation -----------------------------------------------------------------------------------------
  {
    name: 'convenio with an invalid RUT (wrong check digit)',
    send: () => createConv(convenioBody({ entity: entity({ rut: '60.921.000-2' }) })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { 'entity.rut': /RUT inválido/ },
  },
  {
    name: 'convenio with a RUT that is not a RUT',
    send: () => createConv(convenioBody({ entity: entity({ rut: 'UV' }) })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { 'entity.rut': /RUT inválido/ },
  },
  {
    name: 'convenio durationMonths of the wrong type',
    send: () => createConv(convenioBody({ durationMonths: '24' })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { durationMonths: /debe ser un número/ },
  },
  {
    name: 'convenio of 121 months',
    send: () => createConv(convenioBody({ durationMonths: 121 })),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { durationMonths: /máximo 120 meses/ },
  },
  {
    name: 'convenio signed by one side only',
    send: () =>
      createConv(
        convenioBody({
          signers: [
            { side: 'municipalidad', name: 'Nestor Wilke', position: 'Alcalde' },
            { side: 'municipalidad', name: 'Patti Fernandez', position: 'Administradora' },
          ],
        }),
      ),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { signers: /cada parte/ },
  },
  // --- Commands: shape -------------------------------------------------------------------------------------------
  {
    name: 'command without type',
    send: () => solCmd('lynne.robbins', { note: 'hola' }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { type: /requerido/ },
  },
  {
    name: 'unknown verb',
    send: () => solCmd('lynne.robbins', { type: 'borrar' }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { type: /acción desconocida/ },
  },
  {
    name: 'a convenio verb on a request',
    send: () => solCmd('lynne.robbins', { type: 'registrar_decreto', number: '1', date: '2026-09-15' }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { type: /acción desconocida/ },
  },
  {
    name: 'command with an unknown extra key',
    send: () => solCmd('lynne.robbins', { type: 'acusar_recibo', urgente: true }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    message: 'Acción inválida: urgente: campo no permitido.',
    fields: { urgente: /^campo no permitido$/ },
  },
  {
    name: 'command missing a required field (rechazar without legalGround)',
    send: () => solCmd('lynne.robbins', { type: 'rechazar', reason: 'Datos sensibles sin base legal' }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { legalGround: /falta la norma/ },
  },
  {
    name: 'prorrogar with amount of the wrong type',
    send: () => solCmd('megan.bowen', { type: 'prorrogar', amount: 'cinco', reason: 'Cierre mensual' }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { amount: /número/ },
  },
  {
    name: 'prorrogar beyond half the original period (checked inside the transaction)',
    send: () => solCmd('megan.bowen', { type: 'prorrogar', amount: 6, reason: 'Cierre mensual' }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { amount: /máximo 5/ },
  },
  {
    name: 'indicar_plazo with a past date',
    send: () => solCmd('lynne.robbins', { type: 'indicar_plazo', until: '2026-09-01', note: 'Ya se entregó' }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { until: /fecha pasada/ },
  },
  {
    name: 'indicar_plazo with an oversized note',
    send: () => solCmd('lynne.robbins', { type: 'indicar_plazo', until: '2026-09-25', note: 'n'.repeat(2001) }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { note: /máximo 2000/ },
  },
  {
    name: 'expectedVersion of the wrong type',
    send: () => solCmd('lynne.robbins', { type: 'acusar_recibo', expectedVersion: '2' }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { expectedVersion: /./ },
  },
  {
    name: 'expectedVersion 0',
    send: () => solCmd('lynne.robbins', { type: 'acusar_recibo', expectedVersion: 0 }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { expectedVersion: /./ },
  },
  // --- Identifiers -------------------------------------------------------------------------------------------------
  {
    name: 'unknown id (random uuid) on GET',
    send: () => as('megan.bowen').get(`/api/v1/solicitudes/${randomUUID()}`),
    status: 404,
    code: 'NO_ENCONTRADO',
  },
  {
    name: 'unknown id (random uuid) on a command',
    send: () => as('megan.bowen').post(`/api/v1/solicitudes/${randomUUID()}/comandos`, { type: 'recordar' }),
    status: 404,
    code: 'NO_ENCONTRADO',
  },
  {
    name: 'malformed id on GET',
    send: () => as('megan.bowen').get('/api/v1/solicitudes/solicitud-1'),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { id: /inválido/ },
  },
  {
    name: 'malformed id on a command',
    send: () => as('megan.bowen').post('/api/v1/solicitudes/123/comandos', { type: 'recordar' }),
    status: 400,
    code: 'DATOS_INVALIDOS',
    fields: { id: /inválido/ },
  },
  {
    name: 'a well-formed reference that does not exist',
    send: () => as('megan.bowen').get('/api/v1/solicitudes/SOL-2026-9999'),
    status: 404,
    code: 'NO_ENCONTRADO',
  },
  {
    name: 'a well-formed reference that does not exist, on a command',
    send: () => as('megan.bowen').post('/api/v1/solicitudes/SOL-2025-0001/comandos', { type: 'recordar' }),
    status: 404,
    code: 'NO_ENCONTRADO',
  },
  {
    name: 'a convenio reference under /solicitudes',
    send: () => as('megan.bowen').get(`/api/v1/solicitudes/${conv.reference}`),
    status: 404,
    code: 'NO_ENCONTRADO',
  },
  {
    name: 'a request id under /convenios',
    send: () => as('megan.bowen').get(`/api/v1/convenios/${sol.id}`),
    status: 404,
    code: 'NO_ENCONTRADO',
  },
  // --- Roles ---------------------------------------------------------------------------------------------------------
  {
    name: 'the requester acknowledges receipt (owner unit only)',
    send: () => solCmd('alex.wilber', { type: 'acusar_recibo' }),
    status: 403,
    code: 'NO_AUTORIZADO',
    denied: { actor: 'alex.wilber', item: () => sol.id, command: 'acusar_recibo' },
  },
  {
    name: 'the owner gives conformity (requester only; refused before the state check)',
    send: () => solCmd('lynne.robbins', { type: 'conforme' }),
    status: 403,
    code: 'NO_AUTORIZADO',
    denied: { actor: 'lynne.robbins', item: () => sol.id, command: 'conforme' },
  },
  {
    name: 'a plain official of the owner unit extends the deadline (UGDT only)',
    send: () => solCmd('miriam.graham', { type: 'prorrogar', amount: 2, reason: 'Cierre mensual' }),
    status: 403,
    code: 'NO_AUTORIZADO',
    denied: { actor: 'miriam.graham', item: () => sol.id, command: 'prorrogar' },
  },
  {
    name: 'a plain official of the owner unit delivers (responsable only)',
    send: () => solCmd('miriam.graham', { type: 'entregar', link: 'https://quillota.sharepoint.com/x', note: 'Aquí' }),
    status: 403,
    code: 'NO_AUTORIZADO',
    denied: { actor: 'miriam.graham', item: () => sol.id, command: 'entregar' },
  },
  {
    name: 'Control (read-only) closes the request',
    send: () => solCmd('henrietta.mueller', { type: 'cerrar', reason: 'Resuelto por otra vía' }),
    status: 403,
    code: 'NO_AUTORIZADO',
    denied: { actor: 'henrietta.mueller', item: () => sol.id, command: 'cerrar' },
  },
  {
    name: 'an official issues a scheduler-only command',
    send: () =>
      solCmd('megan.bowen', { type: 'marcar_vencida', deadline: 'answer', about: '2026-10-01T02:59:59.999Z' }),
    status: 403,
    code: 'NO_AUTORIZADO',
    denied: { actor: 'megan.bowen', item: () => sol.id, command: 'marcar_vencida' },
  },
  {
    name: 'DAJ records the needs assessment (SECPLAN only)',
    send: () =>
      convCmd('isaiah.langer', {
        type: 'registrar_evaluacion',
        checklist: Object.fromEntries(
          ['necesidad', 'beneficioMutuo', 'cumplimientoNormativo', 'privacidadSeguridad'].map((k) => [
            k,
            { ok: true, note: '' },
          ]),
        ),
      }),
    status: 403,
    code: 'NO_AUTORIZADO',
    denied: { actor: 'isaiah.langer', item: () => conv.id, command: 'registrar_evaluacion' },
  },
  {
    name: 'someone of a third unit, who cannot see the request, comments on it',
    send: () => solCmd('irvin.sayers', { type: 'comentar', text: 'Tránsito también tiene esos datos' }),
    status: 403,
    code: 'NO_AUTORIZADO',
    message: 'No tiene acceso a este registro.',
    denied: { actor: 'irvin.sayers', item: () => sol.id, command: 'comentar' },
  },
  {
    name: 'someone of a third unit reads the request',
    send: () => as('johanna.lorenz').get(solPath()),
    status: 403,
    code: 'NO_AUTORIZADO',
  },
  {
    name: 'a plain official reads a convenio she is not part of',
    send: () => as('miriam.graham').get(`/api/v1/convenios/${conv.reference}`),
    status: 403,
    code: 'NO_AUTORIZADO',
  },
  // --- State and concurrency -------------------------------------------------------------------------------------
  {
    name: 'conformity on a request that was not delivered',
    send: () => solCmd('alex.wilber', { type: 'conforme' }),
    status: 409,
    code: 'TRANSICION_INVALIDA',
  },
  {
    name: 'observar on a request that was not delivered',
    send: () => solCmd('alex.wilber', { type: 'observar', reason: 'Falta el sector rural' }),
    status: 409,
    code: 'TRANSICION_INVALIDA',
  },
  {
    name: 'sending a convenio to visación while it is being assessed',
    send: () => convCmd('adele.vance', { type: 'enviar_a_visacion' }),
    status: 409,
    code: 'TRANSICION_INVALIDA',
  },
  {
    name: 'a stale expectedVersion',
    send: () => solCmd('lynne.robbins', { type: 'acusar_recibo', expectedVersion: 1 }),
    status: 409,
    code: 'CONFLICTO_VERSION',
  },
  {
    name: 'an expectedVersion from the future',
    send: () => solCmd('lynne.robbins', { type: 'acusar_recibo', expectedVersion: 3 }),
    status: 409,
    code: 'CONFLICTO_VERSION',
  },
  // --- Identity ----------------------------------------------------------------------------------------------------
  {
    name: 'missing persona header on creation',
    send: () => personaClient(svc.url, undefined).post('/api/v1/solicitudes', solicitudBody()),
    status: 401,
    code: 'NO_AUTENTICADO',
  },
  {
    name: 'missing persona header on a command',
    send: () => personaClient(svc.url, undefined).post(`${solPath()}/comandos`, { type: 'acusar_recibo' }),
    status: 401,
    code: 'NO_AUTENTICADO',
  },
  {
    name: 'missing persona header on the register',
    send: () => personaClient(svc.url, undefined).get('/api/v1/solicitudes'),
    status: 401,
    code: 'NO_AUTENTICADO',
  },
  {
    name: 'unknown persona on creation',
    send: () => as('mallory').post('/api/v1/solicitudes', solicitudBody()),
    status: 401,
    code: 'NO_AUTENTICADO',
  },
  {
    name: 'unknown persona on a command',
    send: () => as('mallory@quillota.cl').post(`${solPath()}/comandos`, { type: 'acusar_recibo' }),
    status: 401,
    code: 'NO_AUTENTICADO',
  },
];

describe('bad input over the REST API', () => {
  it.each(CASES)('$name → $status $code, Spanish, nothing written', async (c) => {
    const before = await snapshot();
    const lastDeniedBefore = await lastDenied();
    const r = await c.send();
    expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: c.status, code: c.code });
    expectAllSpanish(r);
    if (c.message !== undefined) expect(r.body.error.message).toBe(c.message);
    expect(r.body.error.fields).toEqual(expect.any(Object));
    for (const [path, pattern] of Object.entries(c.fields ?? {})) {
      expect({ path, message: r.body.error.fields[path] }).toEqual({ path, message: expect.stringMatching(pattern) });
    }
    if (!c.fields) expect(r.body.error.fields).toEqual({});
    // Never a stack trace or an internal detail.
    expect(r.text).not.toMatch(/at .+\.(ts|js):\d+|node_modules|ZodError/);

    const after = await snapshot();
    expect({ ...after, denied: 0 }).toEqual({ ...before, denied: 0 });
    if (c.denied) {
      expect(after.denied).toBe(before.denied + 1);
      expect(await lastDenied()).toEqual({
        actor_id: c.denied.actor,
        item_id: c.denied.item(),
        command: c.denied.command,
        code: 'NO_AUTORIZADO',
      });
    } else {
      expect(after.denied).toBe(before.denied);
      expect(await lastDenied()).toEqual(lastDeniedBefore);
    }
  });

  it('the item the refused commands aimed at is untouched: same version, state and timeline', async () => {
    const detail = await as('megan.bowen').get(solPath());
    expect(detail.body.item).toMatchObject({ version: 2, state: 'enviada' });
    expect(detail.body.timeline.map((e: { command: string }) => e.command)).toEqual(['crear', 'comentar']);
    const audit = await svc.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE item_id = $1', [
      sol.id,
    ]);
    expect(audit.rows[0]!.n).toBe(2);
    const c = await as('megan.bowen').get(`/api/v1/convenios/${conv.reference}`);
    expect(c.body.item).toMatchObject({ version: 1, state: 'evaluacion' });
  });

  it('the security log holds the refused attempts with actor, item, command, code and message', async () => {
    const { rows } = await svc.db.query<{ actor_id: string; command: string; code: string; message: string }>(
      'SELECT actor_id, command, code, message FROM denied_attempts WHERE item_id = $1 ORDER BY id',
      [sol.id],
    );
    expect(rows.map((r) => `${r.actor_id}:${r.command}:${r.code}`)).toEqual(
      expect.arrayContaining([
        'alex.wilber:acusar_recibo:NO_AUTORIZADO',
        'lynne.robbins:conforme:NO_AUTORIZADO',
        'miriam.graham:prorrogar:NO_AUTORIZADO',
        'irvin.sayers:comentar:NO_AUTORIZADO',
      ]),
    );
    // A role refusal says who may act; a caller who cannot even see the item is told only that.
    for (const r of rows)
      expect({ actor: r.actor_id, message: r.message }).toEqual({
        actor: r.actor_id,
        message:
          r.actor_id === 'irvin.sayers'
            ? 'No tiene acceso a este registro.'
            : expect.stringMatching(/^Solo .+ puede realizar esta acción\.$/),
      });
  });

  // Also kept: a command refused because the caller cannot even see the item (it used to escape the security log).
  it('a command refused because the caller cannot see the item is also kept in denied_attempts', async () => {
    const before = await snapshot();
    const r = await solCmd('irvin.sayers', { type: 'comentar', text: 'Tránsito también tiene esos datos' });
    expect({ status: r.status, code: r.body.error?.code, message: r.body.error?.message }).toEqual({
      status: 403,
      code: 'NO_AUTORIZADO',
      message: 'No tiene acceso a este registro.',
    });
    expect((await snapshot()).denied).toBe(before.denied + 1);
    expect(await lastDenied()).toEqual({
      actor_id: 'irvin.sayers',
      item_id: sol.id,
      command: 'comentar',
      code: 'NO_AUTORIZADO',
    });
  });
});

describe('inputs the service used to accept and now refuses', () => {
  // The dataset and its classification are strict, like the request and convenio schemas around them: an unknown or
  // misspelt key (e.g. `descripcion` for `description`) is named with its full path instead of silently dropped.
  it.each([
    ['dataset.descripcion', { descripcion: 'Con tramos' }],
    ['dataset.classification.masivo', { classification: { access: 'uso_interno', privacy: 'personal', masivo: true } }],
  ])('an unknown key %s → 400 naming it', async (path, extra) => {
    const before = await snapshot();
    const r = await createSol(solicitudBody({ dataset: dataset(extra) }));
    expect({ status: r.status, fields: r.body.error?.fields }).toEqual({
      status: 400,
      fields: { [path]: 'campo no permitido' },
    });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['datasets.0.extra', { extra: 1 }],
    [
      'datasets.0.classification.masivo',
      { classification: { access: 'uso_interno', privacy: 'personal', masivo: true } },
    ],
  ])('in a convenio, an unknown key %s → 400 naming it', async (path, extra) => {
    const before = await snapshot();
    const body = convenioBody();
    const [first] = body.datasets as Record<string, unknown>[];
    const r = await createConv({ ...body, datasets: [{ ...first, ...extra }] });
    expect({ status: r.status, fields: r.body.error?.fields }).toEqual({
      status: 400,
      fields: { [path]: 'campo no permitido' },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown key in an attachment → 400 naming attachments.0.nombre', async () => {
    const before = await snapshot();
    const r = await createSol(
      solicitudBody({ attachments: [{ name: 'Oficio', nombre: 'Oficio N° 12', url: 'https://quillota.cl/o.pdf' }] }),
    );
    expect({ status: r.status, fields: r.body.error?.fields }).toEqual({
      status: 400,
      fields: { 'attachments.0.nombre': 'campo no permitido' },
    });
    expect(await snapshot()).toEqual(before);
  });

  // Dates are real calendar dates: an impossible one is refused, not stored as the request's neededBy.
  it('an impossible neededBy (2027-02-30) → 400 neededBy', async () => {
    const before = await snapshot();
    const r = await createSol(solicitudBody({ neededBy: '2027-02-30' }));
    expect({ status: r.status, fields: r.body.error?.fields }).toEqual({
      status: 400,
      fields: { neededBy: 'la fecha requerida: no es una fecha válida' },
    });
    expect(await snapshot()).toEqual(before);
  });

  // An impossible date never reaches the calendar (which threw a RangeError that became 500 ERROR_INTERNO).
  it('indicar_plazo with an impossible date (2026-09-31) → 400 until, not 500', async () => {
    const before = await snapshot();
    const r = await solCmd('lynne.robbins', { type: 'indicar_plazo', until: '2026-09-31', note: 'Fin de mes' });
    expect({ status: r.status, code: r.body.error?.code, fields: r.body.error?.fields }).toEqual({
      status: 400,
      code: 'DATOS_INVALIDOS',
      fields: { until: 'la fecha de entrega: no es una fecha válida' },
    });
    expect(r.text).not.toMatch(/RangeError|at .+\.(ts|js):\d+/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('reference numbers', () => {
  it('a failed creation does not consume a reference number: the next one is consecutive', async () => {
    const seqOf = (ref: string) => Number(ref.slice(-4));
    const first = await createSol(solicitudBody({ ownerUnitId: 'salud' }));
    expect(first.status).toBe(201);
    const n = seqOf(first.body.item.reference);

    // Failures before and after the counter is touched (the protocol checks run inside the creating transaction).
    const failures = [
      await createSol(solicitudBody({ ownerUnitId: 'bomberos' })),
      await createSol(solicitudBody({ ownerUnitId: 'dom' })),
      await createSol(solicitudBody({ neededBy: '2026-09-01' })),
      await createSol(solicitudBody({ purpose: 'p'.repeat(2001) })),
      await rawPost('/api/v1/solicitudes', bodyOfBytes(MAX_BODY_BYTES + 1), 'application/json'),
      await rawPost('/api/v1/solicitudes', '{', 'application/json'),
      await as('mallory').post('/api/v1/solicitudes', solicitudBody()),
      await createSol(solicitudBody({ ownerUnitId: 'dom' }), 'grady.archie'),
    ];
    expect(failures.map((f) => f.status)).toEqual([400, 400, 400, 400, 413, 400, 401, 400]);

    // The boundary: exactly 2000 characters of purpose is accepted.
    const second = await createSol(solicitudBody({ ownerUnitId: 'salud', purpose: 'p'.repeat(2000) }));
    expect(second.status).toBe(201);
    expect(seqOf(second.body.item.reference)).toBe(n + 1);
    const counter = await svc.db.query<{ last: number }>(
      `SELECT last FROM reference_counters WHERE kind = 'solicitud' AND year = 2026`,
    );
    expect(counter.rows[0]!.last).toBe(n + 1);

    const c1 = await createConv(convenioBody());
    await createConv(convenioBody({ entity: entity({ rut: '60.921.000-2' }) }));
    await createConv(convenioBody({ datasets: [] }));
    const c2 = await createConv(convenioBody());
    expect([c1.status, c2.status]).toEqual([201, 201]);
    expect(seqOf(c2.body.item.reference)).toBe(seqOf(c1.body.item.reference) + 1);

    // Every reference of the year, in order, with no gap.
    const { rows } = await svc.db.query<{ reference: string }>(
      `SELECT reference FROM items WHERE kind = 'solicitud' ORDER BY reference`,
    );
    expect(rows.map((r) => seqOf(r.reference))).toEqual(rows.map((_, i) => i + 1));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Issue 11: classes of input that answered 5xx (or were stored as typed). One explicit case per class; the fuzz
// suite (fuzz.test.ts) covers the rest of the input space.

/** A 4xx with a Spanish JSON message and no English fragment, and not one row changed. */
async function expectRefusedUnchanged(
  send: () => Promise<ApiResponse>,
  status: number,
  fields?: Record<string, RegExp>,
) {
  const before = await snapshot();
  const r = await send();
  expect({ status: r.status, code: typeof r.body?.error?.code }).toEqual({ status, code: 'string' });
  expectAllSpanish(r);
  expect(r.text).not.toMatch(/Unexpected token|URIError|at .+\.(ts|js):\d+|Internal Server Error/);
  if (fields)
    for (const [path, re] of Object.entries(fields))
      expect({ path, message: r.body.error.fields?.[path] }).toEqual({ path, message: expect.stringMatching(re) });
  expect(await snapshot()).toEqual(before);
  return r;
}

const messages = (body: string | object, headers: Record<string, string> = {}) =>
  fetch(`${svc.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).then(async (res) => {
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, headers: res.headers } as ApiResponse;
  });

describe('issue 11: no 5xx on bad input', () => {
  it.each([
    [
      'NUL in a multi-line field (purpose)',
      () => createSol(solicitudBody({ purpose: 'Focalizar\u0000 el programa' })),
      { '(cuerpo)': /caracteres no válidos/ },
    ],
    [
      'a lone surrogate in a field',
      () => createSol(solicitudBody({ justification: 'Cruce de datos \uD800 de la DOM' })),
      { '(cuerpo)': /caracteres no válidos/ },
    ],
    [
      'NUL in a dataset field name',
      () => createSol(solicitudBody({ dataset: dataset({ fields: ['sector\u0000'] }) })),
      { '(cuerpo)': /caracteres no válidos/ },
    ],
    [
      'NUL in a command',
      () => solCmd('alex.wilber', { type: 'comentar', text: 'hola\u0000 mundo' }),
      { '(cuerpo)': /caracteres no válidos/ },
    ],
    [
      'an escape character in a single-line field',
      () => createConv(convenioBody({ title: 'Convenio \u001b[31m rojo' })),
      { title: /control/ },
    ],
  ])('%s → 400 (the JSON guard, before any schema), nothing written', async (_name, send, fields) => {
    await expectRefusedUnchanged(send, 400, fields);
  });

  // The schemas refuse the other control characters field by field (also for Teams cards, which skip the JSON guard).
  it.each([
    [
      'a bell in a multi-line field (purpose)',
      () => createSol(solicitudBody({ purpose: 'Focalizar\u0007 el programa' })),
      'purpose',
    ],
    [
      'a backspace in a dataset field name',
      () => createSol(solicitudBody({ dataset: dataset({ fields: ['sector\b'] }) })),
      'dataset.fields.0',
    ],
    ['DEL in a command', () => solCmd('alex.wilber', { type: 'comentar', text: 'hola\u007f mundo' }), 'text'],
  ])('%s → 400 naming the field, nothing written', async (_name, send, field) => {
    await expectRefusedUnchanged(send, 400, { [field]: /caracteres de control/ });
  });

  it('a raw JSON body with \\u0000 or an unpaired \\ud800 escape anywhere (even an ignored key) → 400', async () => {
    await expectRefusedUnchanged(
      () => rawPost('/api/v1/solicitudes', '{"purpose":"a\\u0000b"}', 'application/json'),
      400,
    );
    await expectRefusedUnchanged(
      () => rawPost(`${solPath()}/comandos`, '{"type":"comentar","text":"hola que tal \\ud800"}', 'application/json'),
      400,
    );
    await expectRefusedUnchanged(
      () =>
        rawPost(
          `${solPath()}/acciones`,
          '{"verb":"solicitud.comentar","data":{"x\\u0000":1,"version":2}}',
          'application/json',
        ),
      400,
    );
  });

  it('NUL or control characters in a query parameter → 400', async () => {
    for (const q of ['q=a%00b', 'q=%0d%0a', 'estado=enviada%00', '%00=1'])
      await expectRefusedUnchanged(() => as('alex.wilber').get(`/api/v1/solicitudes?${q}`), 400);
    await expectRefusedUnchanged(() => as('megan.bowen').get('/api/v1/tablero?tipo=solicitud&q=%00'), 400);
  });

  it('a malformed percent-encoding (%ff) or an encoded NUL in a path → 400, also behind a double encoding', async () => {
    await expectRefusedUnchanged(() => as('alex.wilber').get('/api/v1/solicitudes/%ff'), 400, {
      '(ruta)': /codificación/,
    });
    await expectRefusedUnchanged(() => as('alex.wilber').get('/api/v1/solicitudes/%ED%A0%80'), 400);
    await expectRefusedUnchanged(
      () => as('alex.wilber').post('/api/v1/solicitudes/%ff/comandos', { type: 'acusar_recibo' }),
      400,
    );
    await expectRefusedUnchanged(() => as('alex.wilber').get('/api/v1/solicitudes/a%00b'), 400, {
      '(ruta)': /caracteres/,
    });
    const double = await as('lee.gu').get('/documentos/Convenios/2026/%25ff/x.docx');
    expect(double.status).toBeLessThan(500);
    expect(double.status).toBeGreaterThanOrEqual(400);
    expectSpanishMessage(double);
  });

  it.each([
    ['/api/v1/solicitudes?hasta=9999-12-31', 'hasta'],
    ['/api/v1/convenios?desde=0000-01-01', 'desde'],
    ['/api/v1/exportaciones/solicitudes.csv?desde=2026-01-01&hasta=9999-12-31', 'hasta'],
    ['/api/v1/exportaciones/convenios.csv?mes=9999-12', 'mes'],
    ['/api/v1/panel?desde=2026-01&hasta=9999-12', 'hasta'],
  ])('a far date %s → 400 on %s (bounded to 2000–2100)', async (path, field) => {
    const r = await expectRefusedUnchanged(() => as('megan.bowen').get(path), 400);
    expect(r.body.error.fields[field]).toMatch(/2000 y 2100|no es una fecha válida/);
  });

  it('a far date in a command (indicar_plazo until 9999-12-31) → 400 until', async () => {
    await expectRefusedUnchanged(
      () => solCmd('lynne.robbins', { type: 'indicar_plazo', until: '9999-12-31', note: 'Muy lejos' }),
      400,
      { until: /2000 y 2100/ },
    );
  });

  it.each([
    ['a huge numeric cursor', `cursor=${'9'.repeat(199)}`],
    ['a cursor over 200 characters', `cursor=${'9'.repeat(5000)}`],
    [
      'a cursor that decodes to year 9999',
      `cursor=${Buffer.from(JSON.stringify({ k: '9999-12-31T23:59:59Z', id: randomUUID() })).toString('base64url')}`,
    ],
    [
      'a cursor that decodes to year 0000',
      `cursor=${Buffer.from(JSON.stringify({ k: '0000-01-01T00:00:00Z', id: randomUUID() })).toString('base64url')}`,
    ],
    ['a cursor that is not base64url', 'cursor=%2B%2F%3D'],
  ])('%s → 400', async (_name, q) => {
    await expectRefusedUnchanged(() => as('megan.bowen').get(`/api/v1/solicitudes?${q}`), 400);
  });

  it('an outbox id beyond bigint (envios?antes=1e30, reintentar/1e30) → 4xx, not an SQL overflow', async () => {
    await expectRefusedUnchanged(
      () => as('megan.bowen').get('/api/v1/envios?antes=1000000000000000000000000000000'),
      400,
    );
    await expectRefusedUnchanged(
      () => as('megan.bowen').post('/api/v1/envios/1000000000000000000000000000000/reintentar', {}),
      404,
    );
  });

  it('Content-Encoding: gzip over a body that is not gzip → 400; an unknown encoding → 415; a real gzip body is read', async () => {
    const send = (encoding: string, body: Buffer | string) =>
      as('alex.wilber').raw('/api/v1/solicitudes', {
        method: 'POST',
        body: typeof body === 'string' ? body : new Uint8Array(body),
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      });
    await expectRefusedUnchanged(() => send('gzip', JSON.stringify(solicitudBody())), 400, {
      '(cuerpo)': /codificación/,
    });
    await expectRefusedUnchanged(() => send('deflate', 'no es deflate'), 400);
    await expectRefusedUnchanged(() => send('br', 'no es brotli'), 400);
    await expectRefusedUnchanged(() => send('x-nada', JSON.stringify(solicitudBody())), 415);
    const ok = await send('gzip', gzipSync(JSON.stringify(solicitudBody({ ownerUnitId: 'salud' }))));
    expect(ok.status).toBe(201);
  });

  it('a JSON body nested 5,000 levels deep, or with a __proto__ key → 400', async () => {
    await expectRefusedUnchanged(
      () => rawPost('/api/v1/solicitudes', '['.repeat(5000) + ']'.repeat(5000), 'application/json'),
      400,
    );
    await expectRefusedUnchanged(
      () => rawPost('/api/v1/solicitudes', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), 'application/json'),
      400,
    );
    await expectRefusedUnchanged(
      () =>
        rawPost(
          '/api/v1/solicitudes',
          JSON.stringify(solicitudBody()).replace(/^\{/, '{"__proto__":{"admin":true},'),
          'application/json',
        ),
      400,
    );
  });

  describe('malformed activities on /api/messages → 4xx in Spanish, never 5xx', () => {
    const act = (body: Record<string, unknown>) => activityFrom('megan.bowen', 'http://127.0.0.1:9/', body);
    it.each([
      ['an invoke without a name', () => ({ ...act(executeInvoke('ayuda', {})), name: undefined })],
      ['an invoke with an unknown name', () => act({ type: 'invoke', name: 'composeExtension/query', value: {} })],
      ['adaptiveCard/action without value', () => ({ ...act(executeInvoke('ayuda', {})), value: undefined })],
      ['adaptiveCard/action with a string value', () => ({ ...act(executeInvoke('ayuda', {})), value: 'basura' })],
      [
        'adaptiveCard/action whose action is not an object',
        () => ({ ...act(executeInvoke('ayuda', {})), value: { action: 7 } }),
      ],
      [
        'adaptiveCard/action with a list as data',
        () => ({
          ...act(executeInvoke('ayuda', {})),
          value: { action: { type: 'Action.Execute', verb: 'ayuda', data: [1] } },
        }),
      ],
      [
        'adaptiveCard/action with a string as data',
        () => ({
          ...act(executeInvoke('ayuda', {})),
          value: { action: { type: 'Action.Execute', verb: 'ayuda', data: 'x' } },
        }),
      ],
      ['a message without from', () => ({ ...act(message('ayuda')), from: undefined })],
      ['a message without conversation', () => ({ ...act(message('ayuda')), conversation: undefined })],
      ['a message whose text is an object', () => act({ type: 'message', text: { a: 1 } })],
      ['an activity without type', () => ({ ...act(message('ayuda')), type: undefined })],
      ['an activity with a NUL in from.id', () => ({ ...act(message('ayuda')), from: { id: 'a\u0000b' } })],
    ])('%s → 400', async (_name, body) => {
      const r = await messages(body());
      expect(r.status).toBe(400);
      expectSpanishMessage(r);
    });

    it.each([
      ['a body that is not JSON', 'no es json'],
      ['a JSON array', '[]'],
      ['JSON null', 'null'],
      [
        'data nested 5,000 levels',
        `{"type":"invoke","name":"adaptiveCard/action","value":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      ],
    ])('%s → 400', async (_name, body) => {
      const r = await messages(body);
      expect(r.status).toBe(400);
      expectSpanishMessage(r);
    });

    it('a well-formed adaptiveCard/action with unknown verb and garbage data → 200 with a card', async () => {
      const r = await messages(act(executeInvoke('no.existe', { id: 'x'.repeat(50), version: 'uno' })));
      expect(r.status).toBe(200);
      expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    });
  });
});

describe('issue 11: text hygiene', () => {
  it.each([
    ['the convenio title', () => createConv(convenioBody({ title: 'Convenio con la\nUniversidad' })), 'title'],
    [
      'the entity name',
      () => createConv(convenioBody({ entity: entity({ name: 'Universidad\r\nde Valparaíso' }) })),
      'entity.name',
    ],
    [
      'a signer name',
      () =>
        createConv(
          convenioBody({
            signers: [
              { side: 'municipalidad', name: 'Nestor\nWilke', position: 'Alcalde' },
              { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' },
            ],
          }),
        ),
      'signers.0.name',
    ],
    [
      'the dataset name',
      () => createSol(solicitudBody({ dataset: dataset({ name: 'Beneficiarios\ndel RSH' }) })),
      'dataset.name',
    ],
    [
      'the delivered file name',
      () => solCmd('lynne.robbins', { type: 'entregar', fileName: 'datos\n.xlsx', note: 'Entregado' }),
      'fileName',
    ],
    [
      'a contact e-mail',
      () =>
        createConv(
          convenioBody({
            entity: entity({ legalContact: { name: 'Paula Rojas', email: 'juridica@uv.cl\nBcc: otro@uv.cl' } }),
          }),
        ),
      'entity.legalContact.email',
    ],
  ])('a line break in %s → 400 naming it', async (_name, send, field) => {
    await expectRefusedUnchanged(send, 400, { [field]: /saltos de línea|control/ });
  });

  it('multi-line fields keep their line breaks', async () => {
    const r = await createSol(
      solicitudBody({ ownerUnitId: 'salud', justification: 'Primera línea\nSegunda línea\n\tcon sangría' }),
    );
    expect(r.status).toBe(201);
    expect(r.body.item.justification).toBe('Primera línea\nSegunda línea\n\tcon sangría');
  });

  it.each(['60921000-1', '609210001', ' 60.921.000-1 ', '060.921.000-1'])(
    'a RUT typed as «%s» is stored as 60.921.000-1',
    async (rut) => {
      const r = await createConv(
        convenioBody({ entity: entity({ rut, representative: { name: 'Osvaldo Corrales', rut: '12345678-5' } }) }),
      );
      expect(r.status).toBe(201);
      expect(r.body.item.entity.rut).toBe('60.921.000-1');
      expect(r.body.item.entity.representative.rut).toBe('12.345.678-5');
    },
  );

  it('a RUT with a lowercase k is stored with an uppercase K', async () => {
    // 10.000.013-K: body 10000013, check digit K.
    const r = await createConv(convenioBody({ entity: entity({ rut: '10000013-k' }) }));
    expect(r.status).toBe(201);
    expect(r.body.item.entity.rut).toBe('10.000.013-K');
  });

  it('API JSON answers and CSV exports carry Cache-Control: no-store', async () => {
    for (const path of [
      '/api/v1/yo',
      '/api/v1/solicitudes',
      `${solPath()}`,
      '/api/v1/exportaciones/solicitudes.csv?desde=2026-01-01&hasta=2026-12-31',
      '/api/v1/exportaciones/convenios.csv?mes=2026-09',
      '/api/v1/no-existe',
    ])
      expect({ path, cache: (await as('megan.bowen').get(path)).headers.get('cache-control') }).toEqual({
        path,
        cache: 'no-store',
      });
  });
});

describe('issue 11: links at input', () => {
  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<b>hola</b>'],
    ['file:', 'file:///etc/passwd'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['a relative address', '/datos/planilla.xlsx'],
    ['a protocol-relative address', '//otro.example/x'],
  ])('a %s link → 400 «El enlace debe comenzar con https://»', async (_name, link) => {
    const r = await expectRefusedUnchanged(
      () => solCmd('lynne.robbins', { type: 'entregar', link, note: 'Entregado' }),
      400,
    );
    expect(r.body.error.fields.link).toBe('El enlace debe comenzar con https://');
  });

  it.each([
    ['a space', 'https://quillota.cl/mis datos.xlsx'],
    ['parentheses', 'https://quillota.cl/datos(1).xlsx'],
    ['brackets', 'https://quillota.cl/[datos].xlsx'],
    ['a backtick', 'https://quillota.cl/`x`'],
    ['an asterisk', 'https://quillota.cl/*'],
    ['a line break', 'https://quillota.cl/\nx'],
    ['credentials', 'https://usuario:clave@quillota.cl/x'],
  ])('a link with %s → 400', async (_name, link) => {
    await expectRefusedUnchanged(() => solCmd('lynne.robbins', { type: 'entregar', link, note: 'Entregado' }), 400, {
      link: /./,
    });
  });

  it.each([
    [
      'an attachment',
      () => createSol(solicitudBody({ attachments: [{ name: 'Oficio', url: 'javascript:alert(1)' }] })),
      'attachments.0.url',
    ],
    [
      'a convenio draft url',
      () =>
        convCmd('lee.gu', { type: 'registrar_borrador', fileName: 'b.docx', sha256: 'a'.repeat(64), url: 'data:x' }),
      'url',
    ],
    [
      'a signed FEA url',
      () =>
        convCmd('lee.gu', { type: 'subir_firmado_fea', fileName: 'f.pdf', sha256: 'a'.repeat(64), url: 'file:///x' }),
      'url',
    ],
  ])('the same rule on %s', async (_name, send, field) => {
    await expectRefusedUnchanged(send, 400, { [field]: /https:\/\// });
  });

  it('a link is stored normalised (WHATWG URL href)', async () => {
    const created = await createSol(
      solicitudBody({
        ownerUnitId: 'salud',
        attachments: [{ name: 'Oficio', url: 'HTTPS://Quillota.CL/oficios/../oficio%20N°12.pdf' }],
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.item.attachments[0].url).toBe('https://quillota.cl/oficio%20N%C2%B012.pdf');
  });
});
