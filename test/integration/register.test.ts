// The register over the REST API: filters, accent-insensitive search, keyset pagination in both orders, overdue
// items as the clock moves, and who sees what. Expected sets come from a model of what the test created, built
// from the API's own answers (deadlines) and the directory file (units), never from the service's SQL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startTestService, type ApiResponse, type TestService } from '../support/service';
import { convenioBody, solicitudBody, withSensitiveBasis } from '../support/fixtures';

jest.setTimeout(30_000);

// ---------------------------------------------------------------------------------------------------------------
// What the test creates

const directory = JSON.parse(readFileSync(join(__dirname, '../../config/directory.local.json'), 'utf8')) as {
  people: { id: string; name: string; unitId: string }[];
};
const unitOf = (persona: string) => directory.people.find((p) => p.id === persona)!.unitId;

type Access = 'publica' | 'uso_interno' | 'reservada' | 'secreta';
type Privacy = 'no_personal' | 'personal' | 'sensible' | 'nna';
interface Spec {
  by: string;
  owner: string;
  name: string;
  access: Access;
  privacy: Privacy;
  purpose?: string;
}
const spec = (by: string, owner: string, name: string, access: Access, privacy: Privacy, purpose?: string): Spec => ({
  by,
  owner,
  name,
  access,
  privacy,
  purpose,
});

/** 30 requests; SOL-2026-00NN is the NN-th line. */
const SPECS: Spec[] = [
  spec('alex.wilber', 'dideco', 'Beneficiarios del Registro Social de Hogares por sector', 'uso_interno', 'personal'),
  spec('miriam.graham', 'dom', 'Permisos de edificación otorgados', 'publica', 'no_personal'),
  spec(
    'johanna.lorenz',
    'salud',
    'Atenciones de salud escolar',
    'uso_interno',
    'sensible',
    'Coordinar la Educación para la salud en las escuelas',
  ),
  spec(
    'diego.siciliani',
    'educacion',
    'Matrícula escolar por establecimiento',
    'uso_interno',
    'nna',
    'Campaña de vacunación',
  ),
  spec('irvin.sayers', 'dom', 'Recepciones finales de obras', 'publica', 'no_personal'),
  spec('grady.archie', 'transito', 'Siniestros de tránsito georreferenciados', 'uso_interno', 'personal'),
  spec('debra.berger', 'educacion', 'Estudiantes prioritarios por establecimiento', 'reservada', 'nna'),
  spec('lee.gu', 'dom', 'Catastro de pavimentos', 'publica', 'no_personal'),
  spec('adele.vance', 'dideco', 'Organizaciones comunitarias vigentes', 'publica', 'personal'),
  spec('isaiah.langer', 'salud', 'Licencias médicas del personal', 'secreta', 'sensible'),
  spec('alex.wilber', 'transito', 'Flujos vehiculares en la avenida Condell', 'publica', 'no_personal'),
  spec('megan.bowen', 'rsh', 'Hogares por tramo de calificación socioeconómica', 'uso_interno', 'personal'),
  spec('miriam.graham', 'educacion', 'Talleres de educación de adultos', 'publica', 'personal'),
  spec('johanna.lorenz', 'dideco', 'Becas municipales entregadas', 'uso_interno', 'personal'),
  spec('diego.siciliani', 'dom', 'Viviendas con recepción definitiva', 'publica', 'no_personal'),
  spec('irvin.sayers', 'salud', 'Atropellos con lesionados', 'uso_interno', 'sensible'),
  spec('grady.archie', 'rsh', 'Hogares con déficit habitacional', 'uso_interno', 'personal'),
  spec('debra.berger', 'transito', 'Paraderos de locomoción colectiva', 'publica', 'no_personal'),
  spec('lee.gu', 'educacion', 'Establecimientos educacionales georreferenciados', 'publica', 'no_personal'),
  spec('henrietta.mueller', 'dideco', 'Subsidios entregados por el municipio', 'uso_interno', 'personal'),
  spec('alex.wilber', 'salud', 'Centros de salud familiar y su cobertura', 'publica', 'no_personal'),
  spec('miriam.graham', 'transito', 'Licencias de conducir otorgadas', 'uso_interno', 'personal'),
  spec('johanna.lorenz', 'rsh', 'Estudiantes en hogares vulnerables', 'reservada', 'nna'),
  spec('diego.siciliani', 'dideco', 'Adultos mayores postrados', 'uso_interno', 'sensible'),
  spec('irvin.sayers', 'educacion', 'Rutas de transporte escolar', 'uso_interno', 'nna'),
  spec('grady.archie', 'salud', 'Vacunatorios en sedes vecinales', 'publica', 'no_personal'),
  spec('debra.berger', 'dom', 'Campamentos y asentamientos precarios', 'uso_interno', 'personal'),
  spec('adele.vance', 'transito', 'Semáforos y su estado de mantención', 'publica', 'no_personal'),
  spec('isaiah.langer', 'dom', 'Sumarios por infracciones de construcción', 'reservada', 'personal'),
  spec('megan.bowen', 'educacion', 'Asistencia escolar mensual', 'uso_interno', 'nna'),
];
/** Indices created at the same instant as the one before them: ties on created_at exercise the id tie-break. */
const SAME_INSTANT = new Set([10, 11]);
const START = '2026-09-01T12:00:00.000Z'; // Tuesday 1 September 2026, 08:00 in Santiago (-04).
const STEP_MS = 7 * 3600_000; // 7 hours: creations fall at every hour of the local day, some after local midnight.

function classification(s: Spec) {
  if (s.access === 'reservada')
    return { access: s.access, privacy: s.privacy, legalGround: 'art21_n2_derechos_personas' };
  if (s.access === 'secreta')
    return {
      access: s.access,
      privacy: s.privacy,
      legalGround: 'ley_quorum_calificado',
      legalGroundDetail: 'Ley 19.628 art. 10',
    };
  return { access: s.access, privacy: s.privacy };
}

function bodyOf(s: Spec) {
  const base = solicitudBody();
  return withSensitiveBasis({
    ...base,
    ownerUnitId: s.owner,
    dataset: { ...base.dataset, name: s.name, fields: ['comuna', 'cantidad'], classification: classification(s) },
    ...(s.purpose ? { purpose: s.purpose } : {}),
  });
}

// The latest API view of every request, by reference.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ApiItem = any;
const items = new Map<string, ApiItem>();
const ref = (n: number) => `SOL-2026-${String(n).padStart(4, '0')}`;
const all = () => [...items.values()];

let svc: TestService;
const as = (persona: string) => svc.as(persona);

async function command(persona: string, n: number, body: Record<string, unknown>) {
  const r = await as(persona).post(`/api/v1/solicitudes/${ref(n)}/comandos`, body);
  expect({ status: r.status, error: r.body.error }).toEqual({ status: 200, error: undefined });
  items.set(ref(n), r.body.item);
}

beforeAll(async () => {
  svc = await startTestService(START);
  for (const [i, s] of SPECS.entries()) {
    if (i > 0 && !SAME_INSTANT.has(i)) svc.clock.advance(STEP_MS);
    const r = await as(s.by).post('/api/v1/solicitudes', bodyOf(s));
    expect({ i, status: r.status, error: r.body.error }).toEqual({ i, status: 201, error: undefined });
    expect(r.body.item.reference).toBe(ref(i + 1));
    items.set(r.body.item.reference, r.body.item);
  }
  // A few answers and outcomes, so the states vary (the clock is now on 9 September).
  await command('lynne.robbins', 1, { type: 'acusar_recibo' });
  await command('grady.archie', 2, {
    type: 'indicar_plazo',
    until: items.get(ref(2)).deadlines.answer.dueDate,
    note: 'Se extrae del sistema de permisos',
  });
  await command('diego.siciliani', 3, {
    type: 'entregar',
    link: 'https://quillota.sharepoint.com/a.xlsx',
    note: 'Planilla por establecimiento',
  });
  await command('johanna.lorenz', 4, {
    type: 'entregar',
    link: 'https://quillota.sharepoint.com/sites/daem/matricula.xlsx',
    note: 'Planilla adjunta',
  });
  await command('diego.siciliani', 4, { type: 'conforme' });
  await command('grady.archie', 5, { type: 'no_disponible', reason: 'No se registra por obra' });
  await command('irvin.sayers', 6, {
    type: 'rechazar',
    reason: 'Datos de víctimas',
    legalGround: 'Ley 19.628 art. 10',
  });
  await command('adele.vance', 9, { type: 'cancelar', reason: 'Ya no se necesita' });
  await command('debra.berger', 12, { type: 'acusar_recibo' });
  await command('lynne.robbins', 14, { type: 'acusar_recibo' });
}, 120_000);
afterAll(async () => svc.close());

// ---------------------------------------------------------------------------------------------------------------
// The model

const localDate = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(iso))
    .slice(0, 10);
const requestingUnit = (it: ApiItem): string => it.requester.unitId;
const involves = (it: ApiItem, unit: string) => it.ownerUnitId === unit || requestingUnit(it) === unit;
function currentDue(it: ApiItem): string | null {
  if (it.state === 'enviada') return it.deadlines.acknowledge.dueAt;
  if (it.state === 'recibida' || it.state === 'en_plazo') return it.deadlines.answer.dueAt;
  return null;
}
const isOverdue = (it: ApiItem, now: Date) => {
  const due = currentDue(it);
  return due !== null && new Date(due) < now;
};
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
/** Every word of the query is a prefix of a word of the request's searchable text. */
function matches(it: ApiItem, query: string): boolean {
  const text = [
    it.reference,
    it.dataset.name,
    it.dataset.fields.join(' '),
    it.purpose,
    it.requester.name,
    it.ownerUnitId,
  ];
  const words = new Set(fold(text.join(' ')).split(/[^a-z0-9]+/));
  return fold(query)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .every((q) => [...words].some((w) => w.startsWith(q)));
}
const byRecent = (a: ApiItem, b: ApiItem) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;
function byDue(a: ApiItem, b: ApiItem) {
  const da = currentDue(a) ? Date.parse(currentDue(a)!) : Infinity;
  const db = currentDue(b) ? Date.parse(currentDue(b)!) : Infinity;
  return da === db ? (a.id < b.id ? -1 : 1) : da - db;
}
const refs = (list: ApiItem[], order: 'recientes' | 'vencimiento' = 'recientes') =>
  [...list].sort(order === 'recientes' ? byRecent : byDue).map((it) => it.reference as string);

// ---------------------------------------------------------------------------------------------------------------
// Calls

async function list(persona: string, query: string, kind = 'solicitudes'): Promise<ApiResponse> {
  return as(persona).get(`/api/v1/${kind}${query ? `?${query}` : ''}`);
}

/** The references of one page of at most 200 rows (the whole set here). */
async function found(persona: string, query = '', kind = 'solicitudes'): Promise<string[]> {
  const r = await list(persona, query ? `${query}&limite=200` : 'limite=200', kind);
  expect({ status: r.status, error: r.body.error }).toEqual({ status: 200, error: undefined });
  expect(r.body.nextCursor).toBeNull();
  return r.body.items.map((i: { reference: string }) => i.reference);
}

/** Follows nextCursor to the end; checks every page but the last is full and none is empty. */
async function walk(
  persona: string,
  query: string,
  limit: number,
  kind = 'solicitudes',
  between?: (page: number) => Promise<void>,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page++) {
    if (page > 200) throw new Error('la paginación no termina');
    const q: string[] = [query, `limite=${limit}`, cursor ? `cursor=${encodeURIComponent(cursor)}` : ''];
    const r = await list(persona, q.filter(Boolean).join('&'), kind);
    expect({ status: r.status, error: r.body.error }).toEqual({ status: 200, error: undefined });
    const pageRefs = r.body.items.map((i: { reference: string }) => i.reference);
    cursor = r.body.nextCursor;
    if (cursor) expect(pageRefs).toHaveLength(limit);
    else if (page > 0) expect(pageRefs.length).toBeGreaterThan(0);
    seen.push(...pageRefs);
    if (!cursor) return seen;
    await between?.(page);
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe('register of requests: filters', () => {
  it('lists every request, newest first, to UGDT and Control, with the row the board shows', async () => {
    expect(items.size).toBe(30);
    const expected = refs(all());
    expect(await found('megan.bowen')).toEqual(expected);
    expect(await found('henrietta.mueller')).toEqual(expected);
    // Default page size is 50, so no limit returns all 30 too.
    const r = await list('megan.bowen', '');
    expect(r.body.items.map((i: { reference: string }) => i.reference)).toEqual(expected);
    expect(r.body.nextCursor).toBeNull();

    const one = r.body.items.find((i: { reference: string }) => i.reference === ref(1));
    const it1 = items.get(ref(1));
    expect(it1.deadlines.answer.dueDate).toBe('2026-09-15');
    expect(one).toEqual({
      id: it1.id,
      kind: 'solicitud',
      reference: ref(1),
      version: 2,
      state: 'recibida',
      stateLabel: 'Recibida',
      requestingUnit: 'dom',
      requestingUnitName: 'Dirección de Obras Municipales',
      ownerUnit: 'dideco',
      ownerUnitName: 'Dirección de Desarrollo Comunitario',
      title: 'Beneficiarios del Registro Social de Hogares por sector',
      counterpart: null,
      access: 'uso_interno',
      privacy: 'personal',
      waitingOn: 'Dirección de Desarrollo Comunitario',
      dueAt: it1.deadlines.answer.dueAt,
      // Answer due Tue 15-09 (10 días hábiles from Tue 01-09); the clock is on Wed 09-09: 10, 11, 14 and 15 remain.
      workingDaysLeft: 4,
      overdue: false,
      overdueFlag: false,
      createdAt: START,
      updatedAt: it1.updatedAt,
    });
    // Convenios never show in the request register.
    expect(r.body.items.every((i: { kind: string }) => i.kind === 'solicitud')).toBe(true);
  });

  it.each([
    ['estado=enviada', (it: ApiItem) => it.state === 'enviada'],
    ['estado=recibida,en_plazo', (it: ApiItem) => ['recibida', 'en_plazo'].includes(it.state)],
    [
      'estado=cerrada,no_disponible,rechazada,cancelada',
      (it: ApiItem) => ['cerrada', 'no_disponible', 'rechazada', 'cancelada'].includes(it.state),
    ],
    ['estado=entregada', (it: ApiItem) => it.state === 'entregada'],
    ['unidad=dom', (it: ApiItem) => involves(it, 'dom')],
    ['unidad=educacion,rsh', (it: ApiItem) => involves(it, 'educacion') || involves(it, 'rsh')],
    ['unidad=control', (it: ApiItem) => involves(it, 'control')],
    ['acceso=publica', (it: ApiItem) => it.classification.access === 'publica'],
    ['acceso=reservada,secreta', (it: ApiItem) => ['reservada', 'secreta'].includes(it.classification.access)],
    ['privacidad=nna', (it: ApiItem) => it.classification.privacy === 'nna'],
    ['privacidad=sensible,nna', (it: ApiItem) => ['sensible', 'nna'].includes(it.classification.privacy)],
    [
      'estado=enviada&unidad=educacion&privacidad=nna',
      (it: ApiItem) => it.state === 'enviada' && involves(it, 'educacion') && it.classification.privacy === 'nna',
    ],
    [
      'acceso=uso_interno&privacidad=personal&unidad=dideco',
      (it: ApiItem) =>
        it.classification.access === 'uso_interno' &&
        it.classification.privacy === 'personal' &&
        involves(it, 'dideco'),
    ],
    ['desde=2026-09-01&hasta=2026-09-01', (it: ApiItem) => localDate(it.createdAt) === '2026-09-01'],
    ['desde=2026-09-03', (it: ApiItem) => localDate(it.createdAt) >= '2026-09-03'],
    ['hasta=2026-09-02', (it: ApiItem) => localDate(it.createdAt) <= '2026-09-02'],
    [
      'desde=2026-09-05&hasta=2026-09-06',
      (it: ApiItem) => localDate(it.createdAt) >= '2026-09-05' && localDate(it.createdAt) <= '2026-09-06',
    ],
    ['desde=2026-10-01', () => false],
    ['hasta=2026-08-31', () => false],
  ])('%s → exactly the matching requests', async (query, pick) => {
    const expected = refs(all().filter(pick));
    expect(await found('megan.bowen', query)).toEqual(expected);
  });

  it('a filter that matches nothing, in each dimension, gives an empty page', async () => {
    for (const q of ['estado=entregada&unidad=dom', 'unidad=alcaldia', 'acceso=secreta&privacidad=nna']) {
      const expected = refs(
        all().filter((it) =>
          q === 'unidad=alcaldia'
            ? involves(it, 'alcaldia')
            : q.startsWith('estado')
              ? it.state === 'entregada' && involves(it, 'dom')
              : it.classification.access === 'secreta' && it.classification.privacy === 'nna',
        ),
      );
      expect(expected).toEqual([]);
      expect(await found('megan.bowen', q)).toEqual([]);
    }
  });

  it('dates are local (America/Santiago) days: a request made at 22:00 local belongs to that day, not the UTC one', async () => {
    const late = items.get(ref(3)); // created 2026-09-02T02:00Z = Tuesday 1 September, 22:00 local
    expect(late.createdAt).toBe('2026-09-02T02:00:00.000Z');
    expect(await found('megan.bowen', 'desde=2026-09-01&hasta=2026-09-01')).toEqual([ref(3), ref(2), ref(1)]);
    expect(await found('megan.bowen', 'desde=2026-09-02&hasta=2026-09-02')).not.toContain(ref(3));
    // Across the September DST change (Sunday 6 September: 00:00 → 01:00) the filter still cuts at local midnight.
    const weekend = all().filter((it) => ['2026-09-05', '2026-09-06'].includes(localDate(it.createdAt)));
    expect(weekend.length).toBeGreaterThan(0);
  });

  it.each([
    ['educacion'],
    ['EDUCACIÓN'],
    ['Educación'],
    ['escolar'],
    ['salud escolar'],
    ['salud & !escolar | ('],
    ['tránsito'],
    ['wilber'],
    ['Hogares déficit'],
    ['georref'],
    ['licencias'],
  ])('q=%s: accent- and case-insensitive, every word a prefix', async (q) => {
    const expected = refs(all().filter((it) => matches(it, q)));
    expect(expected.length).toBeGreaterThan(0);
    expect(await found('megan.bowen', `q=${encodeURIComponent(q)}`)).toEqual(expected);
  });

  it("'educacion' finds 'Educación' in a purpose, 'educación' in a name and 'educacionales' as a prefix", async () => {
    const r = await found('megan.bowen', 'q=educacion');
    expect(r).toEqual(expect.arrayContaining([ref(3), ref(13), ref(19)]));
    expect(r).not.toContain(ref(1));
  });

  it('a reference finds exactly that request, in any case and with spaces', async () => {
    expect(await found('megan.bowen', 'q=SOL-2026-0003')).toEqual([ref(3)]);
    expect(await found('megan.bowen', `q=${encodeURIComponent('  sol-2026-0003 ')}`)).toEqual([ref(3)]);
    expect(await found('megan.bowen', 'q=SOL-2026-0031')).toEqual([]);
    expect(await found('megan.bowen', 'q=SOL-2026-0003&estado=enviada')).toEqual([]); // it was delivered
  });

  it('no search words at all (only spaces) means no search filter', async () => {
    expect(await found('megan.bowen', `q=${encodeURIComponent('   ')}`)).toEqual(refs(all()));
  });
});

describe('register of requests: keyset pagination', () => {
  it.each([1, 4, 7, 30, 31])('newest first, %i per page: every row once, in order', async (limit) => {
    expect(await walk('megan.bowen', '', limit)).toEqual(refs(all()));
  });

  it.each([1, 4, 7, 30])(
    'by deadline, %i per page: every row once, soonest first, without deadline last',
    async (limit) => {
      const expected = refs(all(), 'vencimiento');
      expect(await walk('megan.bowen', 'orden=vencimiento', limit)).toEqual(expected);
      expect(await found('megan.bowen', 'orden=vencimiento')).toEqual(expected);
      // The requests with no running deadline (delivered, closed…) come last.
      const tail = expected.slice(-all().filter((it) => currentDue(it) === null).length);
      expect(tail.every((r) => currentDue(items.get(r)) === null)).toBe(true);
    },
  );

  it('ties on the creation instant are broken by id without losing or repeating rows', async () => {
    const tied = all().filter((it) => it.createdAt === items.get(ref(10)).createdAt);
    expect(tied.map((it) => it.reference).sort()).toEqual([ref(10), ref(11), ref(12)]);
    // Pages of 1 and 2 cut inside the tie.
    expect(await walk('megan.bowen', 'desde=2026-09-03', 1)).toEqual(
      refs(all().filter((it) => localDate(it.createdAt) >= '2026-09-03')),
    );
    expect(await walk('megan.bowen', '', 2)).toEqual(refs(all()));
  });

  it('pagination keeps the filters and the caller’s visibility', async () => {
    expect(await walk('megan.bowen', 'unidad=dideco&acceso=uso_interno', 2)).toEqual(
      refs(all().filter((it) => involves(it, 'dideco') && it.classification.access === 'uso_interno')),
    );
    expect(await walk('alex.wilber', 'orden=vencimiento', 3)).toEqual(
      refs(
        all().filter((it) => involves(it, 'dom')),
        'vencimiento',
      ),
    );
    expect(await walk('megan.bowen', 'q=escolar&orden=vencimiento', 1)).toEqual(
      refs(
        all().filter((it) => matches(it, 'escolar')),
        'vencimiento',
      ),
    );
  });

  it('a request created while someone pages newest-first does not shift the pages', async () => {
    const before = refs(all());
    const extra: string[] = [];
    const seen = await walk('megan.bowen', '', 5, 'solicitudes', async (page) => {
      if (page !== 1) return;
      svc.clock.advance(60_000);
      const r = await as('miriam.graham').post(
        '/api/v1/solicitudes',
        bodyOf(spec('miriam.graham', 'salud', 'Controles prenatales por sector', 'uso_interno', 'sensible')),
      );
      expect(r.status).toBe(201);
      extra.push(r.body.item.reference);
      items.set(r.body.item.reference, r.body.item);
    });
    expect(seen).toEqual(before);
    expect(extra).toEqual([ref(31)]);
    expect((await found('megan.bowen'))[0]).toBe(ref(31));
  });
});

describe('register of requests: overdue', () => {
  const check = async () => {
    const now = svc.clock.now();
    const overdue = refs(all().filter((it) => isOverdue(it, now)));
    const onTime = refs(all().filter((it) => !isOverdue(it, now)));
    expect(await found('megan.bowen', 'vencidas=true')).toEqual(overdue);
    expect(await found('megan.bowen', 'vencidas=false')).toEqual(onTime);
    const rows = (await list('megan.bowen', 'limite=200')).body.items as {
      reference: string;
      overdue: boolean;
      dueAt: string | null;
    }[];
    for (const row of rows) {
      const it = items.get(row.reference);
      expect({ ref: row.reference, overdue: row.overdue, dueAt: row.dueAt }).toEqual({
        ref: row.reference,
        overdue: isOverdue(it, now),
        dueAt: currentDue(it),
      });
    }
    return { overdue, onTime };
  };

  it('is decided by the clock: more requests fall overdue as time passes, none that was answered', async () => {
    // Now: 9-10 September. The first acknowledgements (2 working days) have passed.
    const early = await check();
    expect(early.overdue.length).toBeGreaterThan(0);
    expect(early.overdue).toContain(ref(7)); // enviada since 3 September
    expect(early.overdue).not.toContain(ref(1)); // acknowledged: the answer deadline (15 September) runs

    // Friday 2 October, 12:00: every acknowledgement and every answer deadline has passed.
    svc.clock.set('2026-10-02T15:00:00Z');
    const late = await check();
    expect(late.overdue.length).toBeGreaterThan(early.overdue.length);
    expect(late.overdue).toEqual(expect.arrayContaining(early.overdue));
    expect(late.overdue).toEqual(expect.arrayContaining([ref(1), ref(2), ref(12), ref(14)]));
    // Delivered, closed, unavailable, rejected and cancelled requests have no running deadline.
    expect(late.onTime.sort()).toEqual([ref(3), ref(4), ref(5), ref(6), ref(9)]);
    expect(await found('megan.bowen', 'vencidas=true&estado=recibida')).toEqual([ref(14), ref(12), ref(1)]);
  });

  it('once the scheduler ran, the board’s flag agrees with the clock', async () => {
    const run = await svc.runJobs();
    expect(run.fired).toBeGreaterThan(0);
    const rows = (await list('megan.bowen', 'limite=200')).body.items as {
      reference: string;
      overdue: boolean;
      overdueFlag: boolean;
    }[];
    expect(rows.filter((r) => r.overdueFlag !== r.overdue)).toEqual([]);
    expect(rows.filter((r) => r.overdueFlag).length).toBe(rows.length - 5);
  });
});

describe('register of requests: visibility', () => {
  it.each([
    ['alex.wilber', 'dom'],
    ['grady.archie', 'dom'],
    ['miriam.graham', 'dideco'],
    ['diego.siciliani', 'salud'],
    ['johanna.lorenz', 'educacion'],
    ['isaiah.langer', 'daj'],
    ['adele.vance', 'secplan'],
    ['allan.deyoung', 'informatica'],
  ])('%s sees only the requests involving %s', async (persona, unit) => {
    expect(unitOf(persona)).toBe(unit);
    const expected = refs(all().filter((it) => involves(it, unit)));
    expect(await found(persona)).toEqual(expected);
    expect(await walk(persona, '', 2)).toEqual(expected);
  });

  it.each(['megan.bowen', 'lee.gu', 'henrietta.mueller'])('%s (UGDT or Control) sees them all', async (persona) => {
    expect(await found(persona)).toEqual(refs(all()));
  });

  it('a request between two other units is invisible to a DOM official: not listed, not found, not readable', async () => {
    const between = items.get(ref(4)); // Salud → Educación
    expect([requestingUnit(between), between.ownerUnitId]).toEqual(['salud', 'educacion']);
    expect(await found('alex.wilber')).not.toContain(ref(4));
    expect(await found('alex.wilber', 'q=SOL-2026-0004')).toEqual([]);
    expect(await found('alex.wilber', 'q=matricula')).toEqual([]);
    expect(await found('alex.wilber', 'unidad=salud,educacion')).toEqual(
      refs(all().filter((it) => involves(it, 'dom') && (involves(it, 'salud') || involves(it, 'educacion')))),
    );
    expect((await as('alex.wilber').get(`/api/v1/solicitudes/${ref(4)}`)).status).toBe(403);
    expect((await as('megan.bowen').get(`/api/v1/solicitudes/${ref(4)}`)).status).toBe(200);
  });

  it('the filters never widen what one sees', async () => {
    for (const q of ['unidad=educacion', 'vencidas=true', 'vencidas=false', 'orden=vencimiento', 'q=escolar']) {
      const mine = new Set(
        all()
          .filter((it) => involves(it, 'dom'))
          .map((it) => it.reference as string),
      );
      const got = await found('alex.wilber', q);
      expect(got.filter((r) => !mine.has(r))).toEqual([]);
    }
  });
});

describe('register of requests: invalid filters', () => {
  const longCursor = 'a'.repeat(201);
  // Each error is named by its query parameter (`estado`, not `estado.1` for the second value of
  // `estado=enviada,bogus`); an unknown parameter is named by its own name.
  it.each([
    ['estado=abierta', 'estado', 'estado desconocido'],
    ['estado=enviada,bogus', 'estado', 'estado desconocido'],
    ['estado=evaluacion', 'estado', 'estado desconocido'],
    ['unidad=DOM', 'unidad', 'unidad inválida'],
    ['unidad=dom;salud', 'unidad', 'unidad inválida'],
    ['unidad=', 'unidad', 'unidad inválida'],
    ['acceso=abierta', 'acceso', 'nivel de acceso desconocido'],
    ['privacidad=intima', 'privacidad', 'nivel de privacidad desconocido'],
    ['vencidas=si', 'vencidas', 'use true o false'],
    ['vencidas=1', 'vencidas', 'use true o false'],
    ['desde=01-09-2026', 'desde', 'la fecha: no es una fecha válida'],
    ['hasta=2026/09/30', 'hasta', 'la fecha: no es una fecha válida'],
    ['desde=2026-09-10&hasta=2026-09-01', 'desde', 'posterior a hasta'],
    ['orden=antiguos', 'orden', 'orden: recientes o vencimiento'],
    ['limite=0', 'limite', 'mínimo 1'],
    ['limite=1001', 'limite', 'máximo 1000'],
    ['limite=diez', 'limite', 'límite numérico'],
    [`q=${'x'.repeat(201)}`, 'q', 'búsqueda: máximo 200 caracteres'],
    ['pagina=2', 'pagina', 'campo no permitido'],
    ['cursor=abc', 'cursor', 'inválido'],
  ])('%s → 400 naming %s', async (query, field, message) => {
    const r = await list('megan.bowen', query);
    expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: 400, code: 'DATOS_INVALIDOS' });
    expect(r.body.error.message).toMatch(/[áéíóúñ]|\b(el|la|de|falta|debe|no)\b|inválid/i);
    expect(r.body.error.fields).toEqual({ [field]: message });
  });

  it('several unknown parameters are each named', async () => {
    const r = await list('megan.bowen', 'pagina=2&formato=csv');
    expect({ status: r.status, fields: r.body.error?.fields }).toEqual({
      status: 400,
      fields: { pagina: 'campo no permitido', formato: 'campo no permitido' },
    });
  });

  it('convenio filters check the convenio states', async () => {
    const r = await list('megan.bowen', 'estado=enviada', 'convenios');
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual({ estado: 'estado desconocido' });
    expect((await list('megan.bowen', 'estado=evaluacion', 'convenios')).status).toBe(200);
  });

  it.each([
    ['limite=1.5', 'limite'],
    [`cursor=${longCursor}`, 'cursor'],
    ['estado=enviada&estado=recibida', 'estado'],
  ])('%s → 400 with a Spanish message for %s', async (query, field) => {
    const r = await list('megan.bowen', query);
    expect(r.status).toBe(400);
    expect(r.body.error.fields[field]).toEqual(expect.any(String));
    expect(r.body.error.fields[field]).not.toMatch(/\b(expected|received|must|string|integer)\b/i);
  });

  it('an unknown unit matches nothing and is not an error of the service', async () => {
    const r = await list('megan.bowen', 'unidad=bomberos');
    // Surprising: unknown unit ids are not checked against the directory (no 400), they just match nothing.
    expect([200, 400]).toContain(r.status);
    if (r.status === 200) expect(r.body.items).toEqual([]);
  });

  // Dates are real calendar dates: an impossible one is refused by the filter schema (it used to reach
  // startOfLocalDay and end in 500 ERROR_INTERNO).
  it.each(['desde=2026-02-30', 'hasta=2026-13-01', 'desde=2026-09-00'])('%s → 400, not 500', async (query) => {
    const r = await list('megan.bowen', query);
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 400, code: 'DATOS_INVALIDOS' });
    expect(r.body.error.fields).toEqual({ [query.split('=')[0]!]: 'la fecha: no es una fecha válida' });
  });
});

describe('register of requests: tampered cursors', () => {
  const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const decode = (c: string) => JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  let real: string;
  beforeAll(async () => {
    real = (await list('megan.bowen', 'limite=3')).body.nextCursor;
    expect(real).toEqual(expect.any(String));
  });

  it('the cursor is opaque base64url JSON of the last row’s key and id', () => {
    expect(decode(real)).toEqual({ k: expect.any(String), id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it.each([
    ['not base64 JSON', () => 'abc'],
    ['truncated', () => real.slice(0, -6)],
    ['JSON without id', () => encode({ k: decode(real).k })],
    ['an id that is not a uuid', () => encode({ ...decode(real), id: 'SOL-2026-0001' })],
    ['an id of another type', () => encode({ ...decode(real), id: 42 })],
    ['a JSON array', () => encode([1, 2])],
    ['JSON null', () => encode(null)],
  ])('%s → 400 cursor', async (_name, make) => {
    const r = await list('megan.bowen', `cursor=${encodeURIComponent(make())}`);
    expect({ status: r.status, code: r.body.error?.code, field: r.body.error?.fields?.cursor }).toEqual({
      status: 400,
      code: 'DATOS_INVALIDOS',
      field: 'inválido',
    });
  });

  // Every part of a returned cursor is checked before it reaches SQL: `id` must be a UUID and `k` an ISO instant
  // (null only for orden=vencimiento). These used to end in 500 ERROR_INTERNO or, with k = null in newest-first
  // order, in a silent empty page.
  it.each([
    ['a key that is not an instant', () => encode({ ...decode(real), k: 'ayer' })],
    ['an id of 36 dashes', () => encode({ ...decode(real), id: '-'.repeat(36) })],
    ['a null key in newest-first order', () => encode({ ...decode(real), k: null })],
    ['a key that is not an instant, by deadline', () => encode({ k: 'pronto', id: decode(real).id })],
  ])('%s → 400 cursor (not 500 nor a silent empty page)', async (name, make) => {
    const q = name.endsWith('by deadline') ? 'orden=vencimiento&' : '';
    const r = await list('megan.bowen', `${q}cursor=${encodeURIComponent(make())}`);
    expect({ status: r.status, field: r.body.error?.fields?.cursor }).toEqual({ status: 400, field: 'inválido' });
  });

  it('a cursor naming a row that does not exist still pages from its key (keyset, not offset)', async () => {
    const c = decode(real);
    const id = randomUUID();
    const r = await list('megan.bowen', `limite=200&cursor=${encodeURIComponent(encode({ ...c, id }))}`);
    expect(r.status).toBe(200);
    const expected = refs(all().filter((it) => it.createdAt < c.k || (it.createdAt === c.k && it.id < id)));
    expect(r.body.items.map((i: { reference: string }) => i.reference)).toEqual(expected);
  });
});

describe('register of convenios', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const convs = new Map<string, any>();
  const cref = (n: number) => `CONV-2026-${String(n).padStart(4, '0')}`;
  const dataset = (name: string, privacy: Privacy, access: Access = 'uso_interno') => ({
    name,
    fields: ['a', 'b'],
    format: 'csv',
    classification: { access, privacy },
  });

  beforeAll(async () => {
    const specs: [string, Record<string, unknown>][] = [
      ['lee.gu', {}],
      [
        'alex.wilber',
        {
          title: 'Datos de edificación con la Cámara Chilena de la Construcción',
          entity: { ...convenioBody().entity, name: 'Cámara Chilena de la Construcción', rut: '81.458.500-K' },
          datasets: [dataset('Permisos de edificación', 'no_personal', 'publica')],
          municipalTechnicalContact: { name: 'Alex Wilber', personId: 'alex.wilber' },
        },
      ],
      [
        'diego.siciliani',
        {
          title: 'Vigilancia epidemiológica con el Servicio de Salud Viña del Mar-Quillota',
          entity: { ...convenioBody().entity, name: 'Servicio de Salud Viña del Mar-Quillota', rut: '61.606.800-8' },
          datasets: [dataset('Casos notificados', 'sensible')],
          municipalTechnicalContact: { name: 'Diego Siciliani', personId: 'diego.siciliani' },
          signers: [
            { side: 'municipalidad', name: 'Nestor Wilke', position: 'Alcalde', personId: 'nestor.wilke' },
            { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Director' },
          ],
        },
      ],
      ['adele.vance', { title: 'Convenio desistido de prueba con la Universidad de Valparaíso' }],
    ];
    for (const [who, overrides] of specs) {
      svc.clock.advance(3600_000);
      const r = await as(who).post('/api/v1/convenios', convenioBody(overrides));
      expect({ status: r.status, error: r.body.error }).toEqual({ status: 201, error: undefined });
      convs.set(r.body.item.reference, r.body.item);
    }
    const d = await as('adele.vance').post(`/api/v1/convenios/${cref(4)}/comandos`, {
      type: 'desistir',
      reason: 'La universidad desistió',
    });
    expect(d.status).toBe(200);
    convs.set(cref(4), d.body.item);
  });

  const convRefs = (pick: (c: ApiItem) => boolean = () => true) =>
    [...convs.values()]
      .filter(pick)
      .sort(byRecent)
      .map((c) => c.reference as string);

  it('lists every convenio newest first, apart from the requests', async () => {
    expect(await found('megan.bowen', '', 'convenios')).toEqual([cref(4), cref(3), cref(2), cref(1)]);
    const r = await list('megan.bowen', '', 'convenios');
    expect(r.body.items[0]).toMatchObject({
      kind: 'convenio',
      reference: cref(4),
      state: 'desistido',
      requestingUnit: 'secplan',
      ownerUnit: 'secplan',
      privacy: 'personal',
      dueAt: null,
      overdue: false,
      // Issue 14 §10: the board's convenio card shows the counterpart on its own line.
      counterpart: convs.get(cref(4)).entity.name,
    });
    expect(r.body.items.find((x: { reference: string }) => x.reference === cref(2)).counterpart).toBe(
      'Cámara Chilena de la Construcción',
    );
  });

  it.each([
    ['estado=evaluacion', (c: ApiItem) => c.state === 'evaluacion'],
    ['estado=desistido', (c: ApiItem) => c.state === 'desistido'],
    ['privacidad=no_personal', (c: ApiItem) => c.classification.privacy === 'no_personal'],
    ['privacidad=personal,sensible', (c: ApiItem) => c.classification.privacy !== 'no_personal'],
    ['acceso=publica', (c: ApiItem) => c.classification.access === 'publica'],
    ['unidad=dom', (c: ApiItem) => c.proposer.unitId === 'dom'],
    ['unidad=secplan', () => true],
    ['vencidas=true', () => false],
    ['vencidas=false', () => true],
    ['q=valparaiso', (c: ApiItem) => /Valparaíso/.test(`${c.title} ${c.entity.name}`)],
    ['q=CAMARA%20construccion', (c: ApiItem) => c.entity.name.startsWith('Cámara')],
    ['q=epidemiologica', (c: ApiItem) => c.reference === cref(3)],
    [`q=${cref(2)}`, (c: ApiItem) => c.reference === cref(2)],
    ['q=81', (c: ApiItem) => c.reference === cref(2)],
  ])('%s → exactly the matching convenios', async (query, pick) => {
    expect(await found('megan.bowen', query, 'convenios')).toEqual(convRefs(pick));
  });

  // The search text is split the way the search box splits the query, so a dotted RUT as the app prints it finds
  // the convenio (PostgreSQL's parser used to keep '81.458.500' as one token that the split query never matched).
  it.each(['81.458.500-K', '81.458.500'])('q=%s finds the convenio by its RUT', async (q) => {
    expect(await found('megan.bowen', `q=${encodeURIComponent(q)}`, 'convenios')).toEqual([cref(2)]);
  });

  it.each([1, 3])('pages of %i walk all convenios in both orders', async (limit) => {
    expect(await walk('megan.bowen', '', limit, 'convenios')).toEqual(convRefs());
    // Rule 3: a convenio in evaluación runs against its evaluation deadline (these were proposed the same day, so
    // the same one: then by id); the withdrawn one has none and goes last.
    const due = (c: ApiItem) => (c.state === 'evaluacion' ? (c.stepDeadlines.evaluacion.dueAt as string) : '\uffff');
    const byDue = [...convs.values()]
      .sort((a, b) => (due(a) !== due(b) ? (due(a) < due(b) ? -1 : 1) : a.id < b.id ? -1 : 1))
      .map((c) => c.reference);
    expect(await walk('megan.bowen', 'orden=vencimiento', limit, 'convenios')).toEqual(byDue);
  });

  it.each([
    ['megan.bowen', () => true],
    ['henrietta.mueller', () => true],
    ['nestor.wilke', () => true],
    ['isaiah.langer', () => true],
    ['joni.sherman', () => true],
    ['alex.wilber', (c: ApiItem) => c.proposer.unitId === 'dom'],
    ['diego.siciliani', (c: ApiItem) => c.proposer.unitId === 'salud'],
    ['miriam.graham', () => false],
    ['johanna.lorenz', () => false],
  ])('%s sees the convenios of their role or unit', async (persona, pick) => {
    expect(await found(persona, '', 'convenios')).toEqual(convRefs(pick));
  });
});
