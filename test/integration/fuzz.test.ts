// Issue 11: every route of the REST API (the OpenAPI reference, /api/v1/openapi.json) and /api/messages, fed
// generated input (fast-check, seeded). Whatever comes in, the service answers below 500; every 4xx carries a Spanish
// JSON error.message; and a refused write changes no row.
//
// Reproduce a run with FUZZ_SEED=<seed> (printed at the start); FUZZ_RUNS overrides the number of inputs
// (default 5,000 on PGlite, 800 on PostgreSQL).
import { request as httpRequest, createServer, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { startTestService, type TestService } from '../support/service';
import { convenioBody, solicitudBody } from '../support/fixtures';
import { TEST_ENGINE } from '../support/test-db';
import { activityFrom, executeInvoke, message } from '../support/teams-activity';
import { figure } from '../support/figures';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207);
const RUNS = Number(process.env.FUZZ_RUNS ?? (TEST_ENGINE === 'postgres' ? 800 : 5000));

jest.setTimeout(180_000);

const PEOPLE = (
  JSON.parse(readFileSync(join(process.cwd(), 'config', 'directory.local.json'), 'utf8')) as {
    people: { id: string; email: string; aadObjectId?: string }[];
  }
).people;

let svc: TestService;
/** A stand-in Bot Connector: the bot's replies to messages go here and are accepted. */
let connector: Server;
let connectorUrl: string;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let sol: { id: string; reference: string; version: number };
let conv: { id: string; reference: string; version: number };

beforeAll(async () => {
  connector = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"respuesta-1"}'));
  });
  await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
  connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  // The public register's rate limit would answer most of its generated inputs with 429: raised for the fuzz.
  svc = await startTestService('2026-09-15T13:00:00Z', {
    config: { transparencyRateLimit: { burst: 100_000, perMinute: 60_000 } },
  });
  const s = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
  expect(s.status).toBe(201);
  sol = { id: s.body.item.id, reference: s.body.item.reference, version: s.body.item.version };
  const c = await svc.as('lee.gu').post('/api/v1/convenios', convenioBody());
  expect(c.status).toBe(201);
  conv = { id: c.body.item.id, reference: c.body.item.reference, version: c.body.item.version };
}, 60_000);
afterAll(async () => {
  agent.destroy();
  await svc?.close();
  await new Promise((r) => connector?.close(r));
});

// ---------------------------------------------------------------------------------------------------------------
// Generators

/** Atoms that broke the service before (issue 11) or that a hostile client would try. */
const EVIL_ATOMS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDC00y',
  '\uD83D',
  '\r\n',
  '\n',
  '\t',
  '\u001b[31m',
  '\u007f',
  '\u202e',
  '\ufeff',
  '%ff',
  '%00',
  '%25ff',
  '__proto__',
  'constructor',
  'prototype',
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  'file:///etc/passwd',
  'vbscript:msgbox',
  '//otro.example/x',
  'https://ok.example/(x)[y]',
  'https://ok.example/a b',
  'https://usuario:clave@ok.example/',
  'http://ok.example/x',
  'https://ok.example/informe.xlsx',
  '9999-12-31',
  '0000-01-01',
  '2026-02-30',
  '2026-09-15',
  '1e308',
  '-0',
  'NaN',
  'Infinity',
  '99999999999999999999999',
  '76086428-5',
  '760864285',
  ' 76.086.428-5 ',
  '76.086.428-K',
  "'; DROP TABLE items; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("https://malo.example")',
  'SOL-2026-0001',
  'CONV-2026-0001',
  'Ñandú árbol pingüino',
];
const atom = fc.constantFrom(...EVIL_ATOMS);
const huge = fc.constantFrom('x'.repeat(100_000), 'é'.repeat(50_000), '\u0000'.repeat(1000));
const evilString = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.string({ maxLength: 8 }), atom, fc.string({ maxLength: 8 })).map((p) => p.join('')),
  },
  { weight: 3, arbitrary: atom },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: huge },
);
const edgeNumber = fc.constantFrom(
  1e308,
  -1e308,
  -0,
  0,
  1,
  -1,
  2 ** 31,
  2 ** 53 + 2,
  1.5,
  Number.MAX_SAFE_INTEGER,
  1e21,
);

/** A JSON nested `depth` levels deep (arrays or objects), as text: JSON.stringify of such values recurses. */
const deepJson = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

const evilValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: evilString },
  { weight: 2, arbitrary: edgeNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [1, 2], ['a'], { a: 1 }) },
  { weight: 1, arbitrary: fc.array(evilString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(evilString, evilString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Every path to a value inside a JSON-like value (objects and arrays), the root being []. */
function pathsOf(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out);
  return out;
}

type Mutation = { op: 'set' | 'delete' | 'add'; pick: number; value: unknown; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('set', 'set', 'set', 'delete', 'add'),
  pick: fc.nat(),
  value: evilValue,
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'type', 'id'), evilString),
});

/** A valid body with one to three mutations: reaches the checks behind the first one. */
function mutate(base: unknown, ms: Mutation[]): unknown {
  let v = structuredClone(base);
  for (const m of ms) {
    const paths = pathsOf(v);
    const path = paths[m.pick % paths.length]!;
    if (path.length === 0) {
      if (m.op === 'set') v = structuredClone(m.value);
      continue;
    }
    const parent = path.slice(0, -1).reduce((o: any, k) => o[k], v); // eslint-disable-line @typescript-eslint/no-explicit-any
    const last = path.at(-1)!;
    // Generated values may be shared between samples (constantFrom): each mutation gets its own copy.
    if (m.op === 'set') parent[last] = structuredClone(m.value);
    else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (parent && typeof parent === 'object' && !Array.isArray(parent))
      Object.defineProperty(parent, m.key, {
        value: structuredClone(m.value),
        enumerable: true,
        configurable: true,
        writable: true,
      });
  }
  return v;
}

const SHA = 'a'.repeat(64);
/** A valid-looking command per verb (the state may refuse it; the point is what lies behind parsing). */
const COMMANDS: Record<'solicitudes' | 'convenios', Record<string, unknown>[]> = {
  solicitudes: [
    { type: 'acusar_recibo' },
    { type: 'indicar_plazo', until: '2026-10-30', note: 'Plazo razonable' },
    { type: 'entregar', link: 'https://quillota.cl/datos.xlsx', fileName: 'datos.xlsx', note: 'Entregado' },
    { type: 'no_disponible', reason: 'No existe el dato' },
    { type: 'rechazar', reason: 'Datos sensibles', legalGround: 'Ley 19.628' },
    { type: 'conforme' },
    { type: 'observar', reason: 'Falta 2024' },
    { type: 'cancelar', reason: 'Ya no se necesita' },
    { type: 'comentar', text: 'Un comentario' },
    { type: 'recordar' },
    { type: 'reasignar', unitId: 'dom', reason: 'Corresponde a la DOM' },
    { type: 'prorrogar', amount: 2, reason: 'Carga de trabajo' },
    { type: 'cerrar', reason: 'Cierre administrativo' },
    { type: 'recordatorio_plazo', deadline: 'answer', about: '2026-09-29' },
  ],
  convenios: [
    { type: 'registrar_evaluacion', checklist: {}, committeeSession: 'Sesión 3' },
    { type: 'aprobar_evaluacion', note: 'Aprobado' },
    { type: 'rechazar', reason: 'No procede' },
    { type: 'registrar_borrador', fileName: 'borrador.docx', sha256: SHA, url: 'https://quillota.sharepoint.com/x' },
    { type: 'enviar_a_visacion' },
    { type: 'visar', version: 1, sha256: SHA },
    { type: 'registrar_visacion_externa', version: 1, sha256: SHA, reviewer: 'Abogada', evidence: 'Correo' },
    { type: 'observar', side: 'municipal', comments: 'Revisar cláusula' },
    { type: 'firmar', signerId: 's1', version: 1, sha256: SHA },
    { type: 'subir_firmado_fea', fileName: 'firmado.pdf', sha256: SHA, url: 'https://quillota.sharepoint.com/y' },
    { type: 'registrar_decreto', number: '1234', date: '2026-09-15' },
    {
      type: 'registrar_transferencia',
      date: '2026-09-15',
      datasets: ['Conteos'],
      method: 'SharePoint',
      municipalResponsible: 'Lee Gu',
      externalResponsible: 'Diego Fuentes',
    },
    { type: 'registrar_evaluacion_periodica', compliance: 'cumple', effectiveness: 'Buena', findings: 'Ninguno' },
    { type: 'renovar', months: 12, decree: '5.120', decreeDate: '2026-09-15' },
    { type: 'terminar', reason: 'Fin', dataDisposition: 'eliminados', evidence: 'Acta de eliminación' },
    { type: 'desistir', reason: 'Ya no' },
    { type: 'comentar', text: 'Un comentario' },
    {
      type: 'registrar_documento',
      document: 'borrador',
      version: 1,
      fileName: 'x.docx',
      sha256: SHA,
      url: 'x',
      storageVersionId: '1',
    },
    { type: 'proponer_rechazo', reason: 'No se acredita la necesidad' },
    { type: 'desestimar_rechazo', note: 'Necesidad acreditada' },
    { type: 'recordatorio_etapa', about: '2026-09-29T12:00:00.000Z' },
    { type: 'etapa_vencida', about: '2026-10-01T02:59:59.999Z' },
  ],
};

interface Input {
  route: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const PERSONA_VALID = PEOPLE.map((p) => p.id);
const persona = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...PERSONA_VALID, ...PEOPLE.slice(0, 3).map((p) => p.email.toUpperCase())) },
  { weight: 1, arbitrary: fc.constantFrom('', 'nadie', 'ALEX.WILBER ', 'x'.repeat(5000), 'null', '__proto__') },
  // Header values must be visible ASCII/Latin-1 for node:http to send them.
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abcñ.-_ @%\u00e9'.split('')), maxLength: 40 }) },
);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Percent-encodes any string; a lone surrogate becomes %ED%A0%80, the UTF-8 a decoder must refuse. */
const encodeLoose = (s: string) =>
  encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD')).replace(/%EF%BF%BD/g, '%ED%A0%80');

/** A path segment: mostly a real key, sometimes a percent-encoded trap. */
const keySegment = (real: () => string) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant(null).map(() => encodeURIComponent(real())) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        '%ff',
        '%e0%a4%a',
        '%ED%A0%80',
        '%00',
        '%0a',
        '%25ff',
        '%2525',
        '..%2f..%2fetc',
        '%C0%AF',
        'SOL-9999-0001',
        'sol-2026-0001',
        '00000000-0000-0000-0000-000000000000',
        '99999999999999999999999',
        '-1',
        '1e308',
        '__proto__',
        'constructor',
        'x'.repeat(3000),
        '%F0%9F%98%80',
        '%EF%BF%BF',
      ),
    },
    {
      weight: 2,
      arbitrary: evilString.map((s) => encodeLoose(s.slice(0, 200))),
    },
  );

const queryValue = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: evilString },
  { weight: 2, arbitrary: fc.constantFrom('%ff', '%00', '%0d%0a', '%ED%A0%80', '%2500', 'a%20b', '%E2%80%AE') },
);
/** Percent-encodes a value, or keeps a raw percent trap (%ff, %00…) as it is. */
const encodeValue = (v: string, raw: boolean) =>
  raw && /^%[\x21-\x7e]*$/.test(v) ? v : encodeLoose(v.slice(0, 20_000));

/** A query string over `names` (and strangers): values from `special` where given, else generated traps. */
const queryOf = (names: string[], special: Record<string, fc.Arbitrary<string>> = {}) =>
  fc
    .array(
      fc.oneof(
        {
          weight: 6,
          arbitrary: fc.oneof(
            ...names.map((n) =>
              fc.tuple(fc.constant(n), special[n] ? fc.oneof(special[n], queryValue) : queryValue, fc.boolean()),
            ),
          ),
        },
        {
          weight: 1,
          arbitrary: fc.tuple(
            evilString.map((x) => x.slice(0, 50)),
            queryValue,
            fc.boolean(),
          ),
        },
      ),
      { maxLength: 4 },
    )
    .map((pairs) => pairs.map(([n, v, raw]) => `${encodeValue(n, false)}=${encodeValue(v, raw)}`).join('&'));

const date = fc.constantFrom(
  '2026-01-01',
  '2026-12-31',
  '9999-12-31',
  '0000-01-01',
  '1999-12-31',
  '2101-01-01',
  '2026-13-01',
  '26-1-1',
  '',
);
const month = fc.constantFrom('2026-09', '9999-12', '0000-01', '2026-13', '1900-01', '2100-12', '2026-9');
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const cursor = fc.oneof(
  fc.constantFrom(
    b64({ k: '9999-12-31T23:59:59Z', id: '00000000-0000-0000-0000-000000000000' }),
    b64({ k: '0000-01-01T00:00:00Z', id: '00000000-0000-0000-0000-000000000000' }),
    b64({ k: null, id: '00000000-0000-0000-0000-000000000000' }),
    b64({ k: 1e308, id: 1 }),
    b64([1, 2, 3]),
    '9'.repeat(199),
    '9'.repeat(5000),
    '%ff',
    'e30',
  ),
  fc.string({ maxLength: 250 }),
);
const numberText = fc.oneof(
  fc.constantFrom(
    '1e308',
    '-0',
    'NaN',
    'Infinity',
    '99999999999999999999999',
    '9223372036854775808',
    '0x10',
    '1.5',
    '-1',
    '',
  ),
  fc.integer().map(String),
);

const FILTERS = [
  'estado',
  'unidad',
  'acceso',
  'privacidad',
  'vencidas',
  'desde',
  'hasta',
  'q',
  'orden',
  'limite',
  'cursor',
];

/** A JSON body for a route: a mutated valid one, random JSON, or raw text of the wrong kind. */
const jsonBody = (valid: () => unknown) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => json(mutate(valid(), ms))) },
    { weight: 1, arbitrary: fc.constant(null).map(() => json(valid())) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        Buffer.from(deepJson(5000, 'array')),
        Buffer.from(deepJson(5000, 'object')),
        Buffer.from('{"__proto__":{"admin":true},"type":"comentar","text":"hola que tal"}'),
        Buffer.from('{"constructor":{"prototype":{"x":1}}}'),
        Buffer.from('{"type":"comentar","text":"\\u0000\\u0000\\u0000"}'),
        Buffer.from('{"type":"comentar","text":"a\\ud800b"}'),
        Buffer.from('{"a":1e400}'),
        Buffer.from('[1,2,3]'),
        Buffer.from('"texto"'),
        Buffer.from('nul'),
        Buffer.from('{"a":'),
        Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
        Buffer.from(''),
      ),
    },
  );
const json = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null');

/** Headers around a body: mostly JSON, sometimes the wrong type, a gzip claim over junk, or a real gzip. */
const bodyHeaders = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ 'content-type': 'application/json' }) },
  {
    weight: 3,
    arbitrary: fc.record({
      'content-type': fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/json; charset=klingon',
        'application/xml',
        'application/json',
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      'content-type': fc.constant('application/json'),
      'content-encoding': fc.constantFrom(
        'gzip',
        'deflate',
        'br',
        'x-gzip',
        'compress',
        'identity',
        'gzip, gzip',
        'zstd',
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constant({ 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-real-gzip': '1' }),
  },
);

function withBody(route: string, path: string, valid: () => unknown, method: 'POST' = 'POST') {
  return fc
    .record({ persona, headers: bodyHeaders, body: jsonBody(valid) })
    .map(({ persona: p, headers, body }): Input => {
      const h: Record<string, string> = { ...headers, 'x-persona': p };
      let b = body;
      if (h['x-real-gzip']) {
        delete h['x-real-gzip'];
        b = gzipSync(body);
      }
      return { route, method, path, headers: h, body: b };
    });
}

const get = (route: string, path: fc.Arbitrary<string>) =>
  fc
    .record({ persona, path })
    .map(({ persona: p, path: pth }): Input => ({ route, method: 'GET', path: pth, headers: { 'x-persona': p } }));

const segments = ['solicitudes', 'convenios'] as const;
const itemKey = (segment: (typeof segments)[number]) => () =>
  segment === 'solicitudes' ? sol.reference : conv.reference;
const docKind = fc.constantFrom('borrador', 'firmado_fea', 'certificado', 'otro', '%ff', '%00', '__proto__');

const activityBase = (kind: 'invoke' | 'message' | 'install') => {
  const body =
    kind === 'invoke'
      ? executeInvoke('ayuda', { id: sol.id, version: sol.version })
      : kind === 'message'
        ? message('ayuda')
        : { type: 'installationUpdate', action: 'add' };
  return activityFrom(kind === 'message' ? 'alex.wilber' : 'megan.bowen', connectorUrl, body);
};
const invokeVerbs = fc.constantFrom(
  'ayuda',
  'abrir',
  'refresh',
  'mis_solicitudes',
  'pendientes',
  'solicitud.acusar_recibo',
  'solicitud.comentar',
  'convenio.comentar',
  'solicitud.crear',
  'convenio.crear',
  '',
  'x.y.z',
);
const messagesInput: fc.Arbitrary<Input> = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.constantFrom('invoke', 'message', 'install') as fc.Arbitrary<'invoke' | 'message' | 'install'>,
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
        )
        .map(([kind, ms]) => json(mutate(activityBase(kind), ms))),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({
          verb: invokeVerbs,
          data: fc.dictionary(fc.constantFrom('id', 'version', 'text', 'verb', 'reason', 'x'), evilValue, {
            maxKeys: 4,
          }),
        })
        .map(({ verb, data }) =>
          json({
            ...activityBase('invoke'),
            value: {
              action: { type: 'Action.Execute', verb, data: { id: sol.id, version: sol.version, ...data } },
              trigger: 'manual',
            },
          }),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom<() => Buffer>(
          () => json({ ...activityBase('invoke'), name: undefined }),
          () => json({ ...activityBase('invoke'), name: 'composeExtension/query' }),
          () => json({ ...activityBase('invoke'), name: 'signin/verifyState' }),
          () => json({ ...activityBase('invoke'), name: 'task/fetch' }),
          () => json({ ...activityBase('invoke'), value: undefined }),
          () => json({ ...activityBase('invoke'), value: 'basura' }),
          () => json({ ...activityBase('invoke'), value: { action: 'x' } }),
          () => json({ ...activityBase('invoke'), value: { action: { type: 'Action.Submit' } } }),
          () =>
            json({
              ...activityBase('invoke'),
              value: { action: { type: 'Action.Execute', verb: 'ayuda', data: [1, 2] } },
            }),
          () =>
            json({
              ...activityBase('invoke'),
              value: { action: { type: 'Action.Execute', verb: 'ayuda', data: 'x' } },
            }),
          () => json({ ...activityBase('message'), from: undefined }),
          () => json({ ...activityBase('message'), conversation: undefined }),
          () => json({ ...activityBase('message'), text: { a: 1 } }),
          () => json({ ...activityBase('message'), membersAdded: 'x' }),
          () =>
            json({
              ...activityBase('invoke'),
              value: { action: { type: 'Action.Execute', verb: 'ayuda', data: JSON.parse(deepJson(30, 'object')) } },
            }),
          () => Buffer.from(`{"type":"invoke","name":"adaptiveCard/action","value":${deepJson(5000, 'object')}}`),
          () => Buffer.from('[]'),
          () => Buffer.from('no es json'),
          () => Buffer.from('null'),
        )
        .map((f) => f()),
    },
  )
  .chain((body) =>
    fc.record({ headers: bodyHeaders }).map(({ headers }): Input => {
      const h: Record<string, string> = { ...headers };
      let b = body;
      if (h['x-real-gzip']) {
        delete h['x-real-gzip'];
        b = gzipSync(body);
      }
      return { route: 'POST /api/messages', method: 'POST', path: '/api/messages', headers: h, body: b };
    }),
  );

const inputs: fc.Arbitrary<Input> = fc.oneof(
  get(
    'GET /api/v1/sesion',
    queryOf(['x']).map((q) => `/api/v1/sesion?${q}`),
  ),
  get(
    'GET /api/v1/yo',
    queryOf(['x']).map((q) => `/api/v1/yo?${q}`),
  ),
  get(
    'GET /api/v1/unidades',
    queryOf(['x']).map((q) => `/api/v1/unidades?${q}`),
  ),
  get(
    'GET /api/v1/feriados',
    queryOf(['anio']).map((q) => `/api/v1/feriados?${q}`),
  ),
  get(
    'GET /api/v1/personas',
    queryOf(['q']).map((q) => `/api/v1/personas?${q}`),
  ),
  ...segments.flatMap((seg) => [
    withBody(`POST /api/v1/${seg}`, `/api/v1/${seg}`, () => (seg === 'solicitudes' ? solicitudBody() : convenioBody())),
    get(
      `GET /api/v1/${seg}`,
      queryOf(FILTERS, { desde: date, hasta: date, cursor, limite: numberText }).map((q) => `/api/v1/${seg}?${q}`),
    ),
    get(
      `GET /api/v1/${seg}/{key}`,
      keySegment(itemKey(seg)).map((k) => `/api/v1/${seg}/${k}`),
    ),
    fc.tuple(keySegment(itemKey(seg)), fc.constantFrom(...COMMANDS[seg])).chain(([k, cmd]) =>
      withBody(`POST /api/v1/${seg}/{key}/comandos`, `/api/v1/${seg}/${k}/comandos`, () => ({
        ...cmd,
        expectedVersion: seg === 'solicitudes' ? sol.version : conv.version,
      })),
    ),
    get(
      `GET /api/v1/${seg}/{key}/vistas`,
      keySegment(itemKey(seg)).map((k) => `/api/v1/${seg}/${k}/vistas`),
    ),
    fc.tuple(keySegment(itemKey(seg)), invokeVerbs).chain(([k, verb]) =>
      withBody(`POST /api/v1/${seg}/{key}/acciones`, `/api/v1/${seg}/${k}/acciones`, () => ({
        verb: verb.includes('.') ? verb : `${seg === 'solicitudes' ? 'solicitud' : 'convenio'}.comentar`,
        data: { version: seg === 'solicitudes' ? sol.version : conv.version, text: 'Comentario desde la tarjeta' },
      })),
    ),
  ]),
  get(
    'GET /api/v1/convenios/{key}/documentos',
    keySegment(itemKey('convenios')).map((k) => `/api/v1/convenios/${k}/documentos`),
  ),
  fc
    .record({
      k: keySegment(itemKey('convenios')),
      q: queryOf(['tipo', 'nombre'], { tipo: fc.constantFrom('borrador', 'firmado_fea', 'x') }),
      persona,
      type: fc.constantFrom(
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/json',
        'text/plain',
      ),
      enc: fc.constantFrom(undefined, 'gzip', 'br', 'x-nada'),
      body: fc.oneof(
        fc.constantFrom(
          Buffer.from('%PDF-1.7\n%\u00e2\n'),
          Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
          Buffer.alloc(0),
        ),
        fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      ),
    })
    .map(({ k, q, persona: p, type, enc, body }): Input => ({
      route: 'POST /api/v1/convenios/{key}/documentos',
      method: 'POST',
      path: `/api/v1/convenios/${k}/documentos?${q}`,
      headers: { 'x-persona': p, 'content-type': type, ...(enc ? { 'content-encoding': enc } : {}) },
      body,
    })),
  get(
    'GET /api/v1/convenios/{key}/documentos/{kind}/{version}/archivo',
    fc
      .tuple(keySegment(itemKey('convenios')), docKind, numberText)
      .map(([k, kind, v]) => `/api/v1/convenios/${k}/documentos/${kind}/${encodeURIComponent(v)}/archivo`),
  ),
  get(
    'GET /api/v1/convenios/{key}/documentos/{kind}/versiones',
    fc
      .tuple(keySegment(itemKey('convenios')), docKind)
      .map(([k, kind]) => `/api/v1/convenios/${k}/documentos/${kind}/versiones`),
  ),
  get(
    'GET /documentos/...',
    fc
      .tuple(
        keySegment(() => 'Convenios'),
        keySegment(() => '2026'),
        keySegment(() => `${conv.reference} - Universidad`),
        keySegment(() => 'borrador.docx'),
        queryOf(['version', 'enlace']),
      )
      .map(([a, b, c, d, q]) => `/documentos/${a}/${b}/${c}/${d}?${q}`),
  ),
  get(
    'GET /api/v1/envios',
    queryOf(['estado', 'antes', 'limite'], { antes: numberText, limite: numberText }).map((q) => `/api/v1/envios?${q}`),
  ),
  fc
    .record({
      id: fc.oneof(
        numberText,
        keySegment(() => '1'),
      ),
      persona: fc.constantFrom('megan.bowen', 'allan.deyoung', 'alex.wilber'),
    })
    .chain(({ id }) =>
      withBody(
        'POST /api/v1/envios/{id}/reintentar',
        `/api/v1/envios/${encodeURIComponent(id)}/reintentar`,
        () => ({}),
      ),
    ),
  get(
    'GET /api/v1/tablero',
    queryOf(['tipo', 'unidad', 'q'], { tipo: fc.constantFrom('solicitud', 'convenio', 'x') }).map(
      (q) => `/api/v1/tablero?${q}`,
    ),
  ),
  get(
    'GET /api/v1/pendientes',
    queryOf(['x']).map((q) => `/api/v1/pendientes?${q}`),
  ),
  get(
    'GET /api/v1/panel',
    queryOf(['desde', 'hasta'], { desde: month, hasta: month }).map((q) => `/api/v1/panel?${q}`),
  ),
  get(
    'GET /api/v1/exportaciones/solicitudes.csv',
    queryOf(['desde', 'hasta'], { desde: date, hasta: date }).map((q) => `/api/v1/exportaciones/solicitudes.csv?${q}`),
  ),
  get(
    'GET /api/v1/exportaciones/convenios.csv',
    queryOf(['mes'], { mes: month }).map((q) => `/api/v1/exportaciones/convenios.csv?${q}`),
  ),
  get(
    'GET /transparencia',
    queryOf(['mes'], { mes: month }).map((q) => `/transparencia?${q}`),
  ),
  get(
    'GET /transparencia.csv',
    queryOf(['mes'], { mes: month }).map((q) => `/transparencia.csv?${q}`),
  ),
  get(
    'GET /transparencia.json',
    queryOf(['mes'], { mes: month }).map((q) => `/transparencia.json?${q}`),
  ),
  get(
    'GET /api/v1/exportaciones/transferencias.csv',
    queryOf(['desde', 'hasta'], { desde: date, hasta: date }).map(
      (q) => `/api/v1/exportaciones/transferencias.csv?${q}`,
    ),
  ),
  get(
    'GET /api/v1/convenios/{key}/transferencias.csv',
    keySegment(itemKey('convenios')).map((k) => `/api/v1/convenios/${k}/transferencias.csv`),
  ),
  messagesInput,
  messagesInput,
  messagesInput,
);

// ---------------------------------------------------------------------------------------------------------------
// Running and checking

interface Answer {
  status: number;
  type: string;
  text: string;
}

function send(input: Input): Promise<Answer> {
  const url = new URL(svc.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: input.method,
        path: input.path,
        agent,
        headers: { ...input.headers, ...(input.body ? { 'content-length': String(input.body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(input.body);
  });
}

/** English stock phrases of express, body-parser, botbuilder or zod that must never reach a person. */
const ENGLISH =
  /Unexpected token|Cannot|Internal Server Error|Not Found|\binvalid\b|\brequired\b|\bExpected\b|Bad Request|Unauthorized|Forbidden|is not supported|\bundefined\b|SyntaxError|at \w+ \(/i;

/** Rows that a refused write must not touch (denied_attempts legitimately grows on a 403 policy refusal). */
const COUNTS_SQL = `SELECT (SELECT count(*) FROM items)::int AS items, (SELECT coalesce(sum(version), 0) FROM items)::int AS versions,
  (SELECT count(*) FROM audit_events)::int AS audit_events, (SELECT count(*) FROM outbox)::int AS outbox,
  (SELECT count(*) FROM timers)::int AS timers, (SELECT count(*) FROM document_blobs)::int AS document_blobs,
  (SELECT coalesce(sum(last), 0) FROM reference_counters)::int AS references_issued`;
const counts = async () => JSON.stringify((await svc.db.query(COUNTS_SQL)).rows[0]);

/** The item's current version, so later generated commands and card actions are not all stale. */
async function refreshVersions() {
  const { rows } = await svc.db.query<{ id: string; version: number }>(
    'SELECT id, version FROM items WHERE id = ANY($1)',
    [[sol.id, conv.id]],
  );
  for (const r of rows) (r.id === sol.id ? sol : conv).version = r.version;
}

it(`fuzz: ${RUNS} generated inputs over every route answer < 500, in Spanish, and refused writes change nothing`, async () => {
  figure(`fuzz: semilla FUZZ_SEED=${SEED}, ${RUNS} entradas, motor ${TEST_ENGINE}`);
  const started = Date.now();
  const samples = fc.sample(inputs, { seed: SEED, numRuns: RUNS });
  const histogram: Record<string, number> = {};
  const perRoute: Record<string, number> = {};
  const failures: string[] = [];
  const show = (i: Input) =>
    `${i.method} ${i.path.slice(0, 160)} ${JSON.stringify(i.headers).slice(0, 200)} ${i.body ? i.body.subarray(0, 200).toString('utf8') : ''}`;
  let known: string | undefined;
  for (const [n, input] of samples.entries()) {
    if (n % 50 === 0) await refreshVersions();
    // GETs write none of these rows: the counts after one POST are the counts before the next.
    const before = input.method === 'POST' ? (known ?? (await counts())) : '';
    const answer = await send(input);
    histogram[answer.status] = (histogram[answer.status] ?? 0) + 1;
    perRoute[input.route] = (perRoute[input.route] ?? 0) + 1;
    if (answer.status >= 500) failures.push(`${answer.status} ← ${show(input)} → ${answer.text.slice(0, 300)}`);
    else if (answer.status >= 400) {
      let msg: unknown;
      try {
        msg = answer.type.startsWith('text/html')
          ? // The public register's page answers its errors as a page, the message in its alert.
            /<p class="error" role="alert" id="mensaje-error">([^<]+)<\/p>/.exec(answer.text)?.[1]
          : (JSON.parse(answer.text) as { error?: { message?: unknown } }).error?.message;
      } catch {
        msg = undefined;
      }
      if (typeof msg !== 'string' || msg.trim() === '' || ENGLISH.test(msg))
        failures.push(`${answer.status} sin mensaje en español ← ${show(input)} → ${answer.text.slice(0, 300)}`);
      if (input.method === 'POST') {
        const after = await counts();
        if (after !== before) failures.push(`${answer.status} pero cambió ${before} → ${after} ← ${show(input)}`);
        known = after;
      }
    } else if (input.method === 'POST') known = undefined;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  figure(
    `fuzz: ${samples.length} entradas en ${seconds} s (semilla ${SEED}, ${TEST_ENGINE}); estados ${JSON.stringify(histogram)}; ` +
      `rutas ${Object.keys(perRoute).length}: ${JSON.stringify(perRoute)}`,
  );
  expect(Object.keys(perRoute).length).toBeGreaterThanOrEqual(30);
  expect(failures.slice(0, 25)).toEqual([]);
});
