// The tab's read models over the REST API: board, pending work, panel, the detail, the item's card per role, card
// actions and a convenio's documents. One story drives the clock from Tue 15-09-2026 to Thu 01-10-2026; each
// describe runs at the moment its title names (jest runs them in order), and every expected figure below is
// worked out by hand from that story, in días hábiles (Fri 18-09 is a public holiday in Chile).
import { startTestService, type ApiResponse, type TestService } from '../support/service';
import { convenioBody, solicitudBody, withSensitiveBasis } from '../support/fixtures';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { allActions, executes, schemaErrors, type ExecuteUse } from '../unit/cards/card-checks';

jest.setTimeout(60_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * The adaptivecards SDK's problems per card (test/unit/cards/sdk-check.cjs), without blocking: the service under
 * test runs in this process, and a loop blocked for seconds would drop the client's keep-alive connections.
 */
function sdkProblems(cards: unknown[]): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, '../unit/cards/sdk-check.cjs')]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as string[][]) : reject(new Error(`sdk-check.cjs falló: ${err}`)),
    );
    child.stdin.end(JSON.stringify(cards));
  });
}

let svc: TestService;
const as = (persona: string) => svc.as(persona);
/** 10:00 in Santiago (-03 from the September change) on the given day. */
const at = (day: string) => svc.clock.set(`${day}T13:00:00Z`);

const SECRET_FIELD = 'rut_paciente_reservado';
const SECRET_JUSTIFICATION = 'Justificación reservada del programa de salud escolar';
const SECRET_LINK = 'https://quillota.sharepoint.com/reservado/matricula-nna.xlsx';
const CONVENIO_SECRET_FIELD = 'diagnostico_reservado';
const CONVENIO_SECRET_URL = 'https://quillota.sharepoint.com/reservado/convenio-v2.docx';
// A transfer names only datasets the convenio covers (rule 5, issue 12); the read policy still reserves them, so
// Control's copy of the transfer line reads «[Reservado…] por …» where SECPLAN's reads the dataset.
const CONVENIO_SECRET_TRANSFER = 'Casos notificados por SharePoint, enlace nominativo';

function request(owner: string, name: string, privacy: 'personal' | 'sensible' | 'nna' = 'personal') {
  const base = solicitudBody();
  return withSensitiveBasis({
    ...base,
    ownerUnitId: owner,
    dataset: {
      ...base.dataset,
      name,
      ...(privacy === 'personal' ? {} : { fields: ['curso', SECRET_FIELD] }),
      classification: { access: 'uso_interno', privacy },
    },
    ...(privacy === 'personal' ? {} : { justification: SECRET_JUSTIFICATION }),
  });
}

/** References by name: S1 … S6 in order of creation (S5 is created last, on 01-10). */
const ref: Record<string, string> = {};
const C1 = 'CONV-2026-0001';
const h1 = '1'.repeat(64);
const h2 = '2'.repeat(64);
const h3 = '3'.repeat(64);

function ok(r: ApiResponse, status = 200) {
  expect({ status: r.status, error: r.body?.error }).toEqual({ status, error: undefined });
  return r.body;
}

async function create(persona: string, name: string, body: Record<string, unknown>) {
  const b = ok(await as(persona).post('/api/v1/solicitudes', body), 201);
  ref[name] = b.item.reference;
  return b.item;
}

async function command(persona: string, path: string, body: Record<string, unknown>) {
  return ok(await as(persona).post(`/api/v1/${path}/comandos`, body));
}

const conv = (persona: string, body: Record<string, unknown>) => command(persona, `convenios/${C1}`, body);
const sol = (persona: string, name: string, body: Record<string, unknown>) =>
  command(persona, `solicitudes/${ref[name]}`, body);

beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z');
});
afterAll(async () => svc.close());

describe('Tue 15-09: new requests, waitingOn and working days left', () => {
  beforeAll(async () => {
    at('2026-09-15');
    await create('alex.wilber', 'S1', request('dideco', 'Beneficiarios del RSH por sector'));
    await create('alex.wilber', 'S2', request('salud', 'Atenciones de salud escolar', 'sensible'));
    await create('miriam.graham', 'S3', request('dom', 'Permisos de edificación'));
    await create('alex.wilber', 'S4', request('dideco', 'Organizaciones comunitarias'));
    await create('alex.wilber', 'S6', request('educacion', 'Matrícula por establecimiento', 'nna'));
    await sol('lynne.robbins', 'S4', { type: 'acusar_recibo' });
  });

  it('a request acknowledged today has 10 días hábiles left: Tue 15-09 → Wed 30-09', async () => {
    const d = ok(await as('megan.bowen').get(`/api/v1/solicitudes/${ref.S4}`));
    expect(d.item.deadlines.answer.dueDate).toBe('2026-09-30');
    expect(d).toMatchObject({
      waitingOn: 'Dirección de Desarrollo Comunitario',
      workingDaysLeft: 10,
      hidden: [],
    });
    expect(d.allowedActions.map((a: Json) => a.verb)).toEqual([
      'comentar',
      'recordar',
      'reasignar',
      'prorrogar',
      'cerrar',
    ]);
    expect(d.timeline.map((e: Json) => e.command)).toEqual(['crear', 'acusar_recibo']);
  });

  it('register rows carry the state label, unit names, who must act and the working days left', async () => {
    const page = ok(await as('megan.bowen').get('/api/v1/solicitudes?orden=vencimiento'));
    const row = (name: string) => page.items.find((r: Json) => r.reference === ref[name]);
    // Acknowledge within 2 días hábiles: Wed 16 and Thu 17.
    expect(row('S1')).toMatchObject({
      state: 'enviada',
      stateLabel: 'Enviada',
      requestingUnit: 'dom',
      requestingUnitName: 'Dirección de Obras Municipales',
      ownerUnit: 'dideco',
      ownerUnitName: 'Dirección de Desarrollo Comunitario',
      waitingOn: 'Dirección de Desarrollo Comunitario',
      workingDaysLeft: 2,
      overdue: false,
    });
    expect(row('S4')).toMatchObject({ state: 'recibida', stateLabel: 'Recibida', workingDaysLeft: 10 });
    expect(row('S3')).toMatchObject({ waitingOn: 'Dirección de Obras Municipales', workingDaysLeft: 2 });
  });

  it('Mis pendientes: the owner unit has both DIDECO requests, nearest deadline first', async () => {
    const p = ok(await as('lynne.robbins').get('/api/v1/pendientes'));
    expect(p.items.map((r: Json) => r.reference)).toEqual([ref.S1, ref.S4]);
    expect(p.items[0]).toMatchObject({ kind: 'solicitud', stateLabel: 'Enviada', workingDaysLeft: 2 });
    // Issue 14 §7: what to do, said to her, and the step her card makes primary, offered inline (one click: nothing
    // to type).
    expect(p.items[0]).toMatchObject({
      task: 'acusar recibo y responder la solicitud',
      next: { verb: 'acusar_recibo', label: 'Acusar recibo', direct: true },
    });
    // Somebody with nothing to do on anything gets an empty list, not an error.
    expect(ok(await as('henrietta.mueller').get('/api/v1/pendientes')).items).toEqual([]);
    const bad = await as('lynne.robbins').get('/api/v1/pendientes?limite=5');
    expect({ status: bad.status, field: bad.body.error.fields.limite }).toEqual({
      status: 400,
      field: 'campo no permitido',
    });
  });
  it('rows written before waiting_on existed get it at start, in batches, once (ItemsRepo.backfillWaitingOn)', async () => {
    const all = () =>
      svc.db.query<{ reference: string; waiting_on: string | null }>(
        'SELECT reference, waiting_on FROM items ORDER BY reference',
      );
    const written = (await all()).rows;
    expect(written.map((r) => r.waiting_on)).toEqual([
      'Dirección de Desarrollo Comunitario',
      'Departamento de Salud Municipal',
      'Dirección de Obras Municipales',
      'Dirección de Desarrollo Comunitario',
      'Departamento de Educación Municipal',
    ]);
    await svc.db.query('UPDATE items SET waiting_on = NULL');
    expect(await svc.repo.backfillWaitingOn(2)).toBe(5);
    expect((await all()).rows).toEqual(written);
    expect(await svc.repo.backfillWaitingOn(2)).toBe(0);
  });
});

describe('the convenio: evaluation, drafts, observation and legal review (Tue 15-09)', () => {
  it('goes to visación with two draft versions', async () => {
    const body = convenioBody({
      title: 'Vigilancia epidemiológica con el Servicio de Salud',
      durationMonths: 1,
      evaluationEveryMonths: 1,
      datasets: [
        {
          name: 'Casos notificados',
          fields: ['semana', CONVENIO_SECRET_FIELD],
          format: 'csv',
          classification: { access: 'uso_interno', privacy: 'sensible' },
        },
      ],
    });
    expect(ok(await as('lee.gu').post('/api/v1/convenios', body), 201).item.reference).toBe(C1);
    const yes = { ok: true, note: 'Cumple' };
    await conv('adele.vance', {
      type: 'registrar_evaluacion',
      checklist: { necesidad: yes, beneficioMutuo: yes, cumplimientoNormativo: yes, privacidadSeguridad: yes },
    });
    await conv('patti.fernandez', { type: 'aprobar_evaluacion', note: 'Aprobado por el Comité de Datos' });
    await conv('adele.vance', {
      type: 'registrar_borrador',
      fileName: 'convenio-v1.docx',
      sha256: h1,
      url: 'https://quillota.sharepoint.com/reservado/convenio-v1.docx',
    });
    await conv('adele.vance', { type: 'enviar_a_visacion' });
    await conv('isaiah.langer', { type: 'observar', side: 'municipal', comments: 'Falta la cláusula de brechas' });
    await conv('adele.vance', {
      type: 'registrar_borrador',
      fileName: 'convenio-v2.docx',
      sha256: h2,
      url: CONVENIO_SECRET_URL,
    });
    await conv('adele.vance', { type: 'enviar_a_visacion' });
    const visado = await conv('isaiah.langer', { type: 'visar', version: 2, sha256: h2 });
    expect(visado.item.state).toBe('visacion');
  });
});

describe('Wed 16-09: card actions (POST /acciones) and the item’s cards per role (GET /vistas)', () => {
  let lynneViews: Json[];
  const mineOf = (views: Json[]) => views.filter((v) => v.mine);
  const use = (card: Json, verb: string): ExecuteUse => {
    const found = executes(card).find((u) => u.action.verb === verb);
    if (!found) throw new Error(`la tarjeta no ofrece ${verb}`);
    return found;
  };

  beforeAll(async () => {
    at('2026-09-16');
    lynneViews = ok(await as('lynne.robbins').get(`/api/v1/solicitudes/${ref.S1}/vistas`)).views;
  });

  it('one view per role, a real person each; the caller’s own view is theirs', () => {
    expect(lynneViews.map((v) => [v.role, v.label, v.mine])).toEqual([
      ['solicitante', 'Solicitante — Alex Wilber', false],
      ['unidad_duena', 'Unidad dueña (DIDECO) — Lynne Robbins', true],
      ['ugdt', 'UGDT — Megan Bowen', false],
      ['control', 'Dirección de Control — Henrietta Mueller', false],
    ]);
  });

  it('every view is a valid Adaptive Card 1.5 for the schema and for the SDK', async () => {
    const cards = lynneViews.map((v) => v.card);
    for (const c of cards) expect(schemaErrors(c)).toEqual([]);
    expect(await sdkProblems(cards)).toEqual(cards.map(() => []));
  });

  it('the own view offers exactly the caller’s allowed actions; the others none at all', async () => {
    const detail = ok(await as('lynne.robbins').get(`/api/v1/solicitudes/${ref.S1}`));
    const [mine] = mineOf(lynneViews);
    expect(
      executes(mine.card)
        .map((u) => u.action.verb)
        .sort(),
    ).toEqual(detail.allowedActions.map((a: Json) => `solicitud.${a.verb}`).sort());
    expect(detail.allowedActions.length).toBeGreaterThan(1);
    for (const v of lynneViews.filter((x) => !x.mine)) {
      expect(allActions(v.card)).toEqual([]);
      expect(JSON.stringify(v.card)).not.toMatch(/Action\.|Input\.|"refresh"/);
    }
  });

  it('a caller who holds none of the roles gets a reader’s view of their own, at the end', async () => {
    const views = ok(await as('lee.gu').get(`/api/v1/solicitudes/${ref.S1}/vistas`)).views;
    // lee.gu holds the UGDT role too, so they take the UGDT slot as their own.
    expect(views.map((v: Json) => [v.role, v.mine])).toContainEqual(['ugdt', true]);
    const outsider = await as('johanna.lorenz').get(`/api/v1/solicitudes/${ref.S3}/vistas`);
    expect(outsider.status).toBe(403);
  });

  it('acusar_recibo with the data of the caller’s own card moves the request and returns the new card', async () => {
    const ack = use(mineOf(lynneViews)[0].card, 'solicitud.acusar_recibo');
    expect(ack.action.data).toMatchObject({ version: 1 });
    const r = ok(
      await as('lynne.robbins').post(`/api/v1/solicitudes/${ref.S1}/acciones`, {
        verb: ack.action.verb,
        data: ack.action.data,
      }),
    );
    expect(r.item).toMatchObject({ state: 'recibida', version: 2 });
    expect(r.allowedActions.map((a: Json) => a.verb)).toEqual([
      'indicar_plazo',
      'entregar',
      'no_disponible',
      'rechazar',
      'comentar',
      'solicitar_prorroga',
      'corregir_clasificacion',
    ]);
    expect(schemaErrors(r.card)).toEqual([]);
    expect(executes(r.card).map((u) => u.action.verb)).toContain('solicitud.entregar');
    expect(use(r.card, 'solicitud.entregar').action.data).toMatchObject({ version: 2 });

    // The same click again: the card is now stale.
    const stale = await as('lynne.robbins').post(`/api/v1/solicitudes/${ref.S1}/acciones`, {
      verb: ack.action.verb,
      data: ack.action.data,
    });
    expect({ status: stale.status, code: stale.body.error.code }).toEqual({ status: 409, code: 'CONFLICTO_VERSION' });
  });

  it.each([
    [
      'an unknown verb',
      400,
      'Acción desconocida: «borrar_todo»',
      { verb: 'solicitud.borrar_todo', data: { version: 2 } },
    ],
    ['a verb of the other kind', 400, 'Acción desconocida para una solicitud', { verb: 'convenio.firmar', data: {} }],
    ['an intake form verb', 400, 'Acción desconocida para una solicitud', { verb: 'solicitud.crear', data: {} }],
    ['a UI verb', 400, 'Acción desconocida para una solicitud', { verb: 'pendientes', data: { version: 2 } }],
    ['no version', 400, 'Falta la versión', { verb: 'solicitud.comentar', data: { 'comentar.text': 'Hola' } }],
    ['no data', 400, 'Acción inválida', { verb: 'solicitud.comentar' }],
    ['an unknown key', 400, 'Acción inválida', { verb: 'solicitud.comentar', data: { version: 2 }, extra: 1 }],
    ['an empty form', 400, 'Acción inválida', { verb: 'solicitud.indicar_plazo', data: { version: 2 } }],
    ['a stale forged verb', 409, 'cambió mientras usted la veía', { verb: 'solicitud.cerrar', data: { version: 1 } }],
    [
      'a step already taken',
      409,
      'No se puede «Acusar recibo»',
      { verb: 'solicitud.acusar_recibo', data: { version: 2 } },
    ],
  ])('%s → %i «%s»', async (_name, status, message, body) => {
    const r = await as('lynne.robbins').post(`/api/v1/solicitudes/${ref.S1}/acciones`, body);
    expect({ status: r.status, code: r.body.error?.code }).toEqual({
      status,
      code: status === 400 ? 'DATOS_INVALIDOS' : expect.stringMatching(/^(CONFLICTO_VERSION|TRANSICION_INVALIDA)$/),
    });
    expect(r.body.error.message).toContain(message);
    expect(ok(await as('megan.bowen').get(`/api/v1/solicitudes/${ref.S1}`)).item.version).toBe(2);
  });

  it('a refused attempt is answered 403 and kept for Control, also on an item the caller cannot see', async () => {
    const before = await svc.db.query<{ n: number }>('SELECT count(*)::int AS n FROM denied_attempts');
    const r = await as('alex.wilber').post(`/api/v1/solicitudes/${ref.S1}/acciones`, {
      verb: 'solicitud.entregar',
      data: { version: 2, 'entregar.link': 'https://example.org/a.xlsx', 'entregar.note': 'Entrega falsa' },
    });
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 403, code: 'NO_AUTORIZADO' });
    const hidden = await as('johanna.lorenz').post(`/api/v1/solicitudes/${ref.S1}/acciones`, {
      verb: 'solicitud.comentar',
      data: { version: 2, 'comentar.text': 'No me corresponde' },
    });
    expect(hidden.status).toBe(403);
    const rows = await svc.db.query<{ actor_id: string; item_id: string; command: string; code: string }>(
      'SELECT actor_id, item_id, command, code FROM denied_attempts ORDER BY id OFFSET $1',
      [before.rows[0]!.n],
    );
    const s1 = ok(await as('megan.bowen').get(`/api/v1/solicitudes/${ref.S1}`)).item.id;
    expect(rows.rows).toEqual([
      { actor_id: 'alex.wilber', item_id: s1, command: 'solicitud.entregar', code: 'NO_AUTORIZADO' },
      { actor_id: 'johanna.lorenz', item_id: s1, command: 'solicitud.comentar', code: 'NO_AUTORIZADO' },
    ]);
  });

  it('the counterpart’s review and both signatures follow (convenio in aprobación)', async () => {
    await conv('adele.vance', {
      type: 'registrar_visacion_externa',
      version: 2,
      sha256: h2,
      reviewer: 'Paula Rojas (UV)',
      evidence: 'Correo del 16-09-2026',
    });
    await conv('nestor.wilke', { type: 'firmar', signerId: 'f1', version: 2, sha256: h2 });
    await conv('adele.vance', {
      type: 'firmar',
      signerId: 'f2',
      version: 2,
      sha256: h2,
      evidence: 'Firma FEA del rector recibida',
    });
    const up = await conv('adele.vance', {
      type: 'subir_firmado_fea',
      fileName: 'convenio-firmado.pdf',
      sha256: h3,
      url: 'https://quillota.sharepoint.com/reservado/convenio-firmado.pdf',
    });
    expect(up.item.state).toBe('aprobacion');
  });
});

describe('17-09 to 01-10: the requests are answered, the convenio comes into force', () => {
  it('each answer lands on its day', async () => {
    at('2026-09-17');
    await sol('lynne.robbins', 'S4', {
      type: 'entregar',
      link: 'https://quillota.sharepoint.com/org.xlsx',
      note: 'Listado',
    });
    at('2026-09-21');
    await sol('diego.siciliani', 'S2', { type: 'acusar_recibo' });
    at('2026-09-22');
    // Delivered through the card's own form: its inputs, named as the card names them.
    const views = ok(await as('lynne.robbins').get(`/api/v1/solicitudes/${ref.S1}/vistas`)).views;
    const deliver = executes(views.find((v: Json) => v.mine).card).find((u) => u.action.verb === 'solicitud.entregar')!;
    const ids = deliver.inputs.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['entregar.link', 'entregar.note']));
    const r = ok(
      await as('lynne.robbins').post(`/api/v1/solicitudes/${ref.S1}/acciones`, {
        verb: 'solicitud.entregar',
        data: {
          ...deliver.action.data,
          'entregar.link': 'https://quillota.sharepoint.com/rsh-sectores.xlsx',
          'entregar.note': 'Planilla por sector',
        },
      }),
    );
    expect(r.item.state).toBe('entregada');
    // Rule 6: the sensitive convenio records its EIPD before the decree.
    await conv('adele.vance', {
      type: 'registrar_eipd',
      date: '2026-09-22',
      author: 'Adele Vance (SECPLAN)',
      documentName: 'EIPD C1.pdf',
    });
    await conv('joni.sherman', { type: 'registrar_decreto', number: '4.321', date: '2026-09-22' });
    await conv('adele.vance', {
      type: 'registrar_transferencia',
      date: '2026-09-22',
      datasets: ['Casos notificados'],
      method: 'SharePoint, enlace nominativo',
      municipalResponsible: 'Lee Gu',
      externalResponsible: 'Diego Fuentes',
    });
    at('2026-09-23');
    await sol('diego.siciliani', 'S2', { type: 'no_disponible', reason: 'No se registra por establecimiento' });
    at('2026-10-01');
    await sol('johanna.lorenz', 'S6', { type: 'entregar', link: SECRET_LINK, note: 'Planilla por curso' });
    await create('alex.wilber', 'S5', request('dideco', 'Subsidios entregados'));
    expect(Object.keys(ref).sort()).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
  });
});

describe('Thu 01-10: the board (GET /tablero)', () => {
  const columns = (b: Json) =>
    Object.fromEntries(
      b.columns.map((c: Json) => [c.state, [c.count, c.overdue, c.items.map((i: Json) => i.reference)]]),
    );

  it('UGDT sees every request: a column per state in the life cycle’s order, counts, overdue, rows', async () => {
    const b = ok(await as('megan.bowen').get('/api/v1/tablero?tipo=solicitud'));
    expect(b.kind).toBe('solicitud');
    expect(b.columns.map((c: Json) => [c.state, c.label])).toEqual([
      ['enviada', 'Enviada'],
      ['recibida', 'Recibida'],
      ['en_plazo', 'En plazo de espera'],
      ['entregada', 'Entregada'],
      ['cerrada', 'Cerrada'],
      ['no_disponible', 'No disponible'],
      ['rechazada', 'Rechazada con fundamento'],
      ['cancelada', 'Cancelada'],
    ]);
    expect(columns(b)).toEqual({
      // S3 was to be acknowledged by Thu 17-09: overdue, and nearer than S5's Mon 05-10.
      enviada: [2, 1, [ref.S3, ref.S5]],
      recibida: [0, 0, []],
      en_plazo: [0, 0, []],
      // No deadline runs once delivered: most recently changed first.
      entregada: [3, 0, [ref.S6, ref.S1, ref.S4]],
      cerrada: [0, 0, []],
      no_disponible: [1, 0, [ref.S2]],
      rechazada: [0, 0, []],
      cancelada: [0, 0, []],
    });
    const s3 = b.columns[0].items[0];
    // Overdue since Thu 17-09: 21, 22, 23, 24, 25, 28, 29, 30 and 01 have passed.
    expect(s3).toMatchObject({ overdue: true, workingDaysLeft: -9, waitingOn: 'Dirección de Obras Municipales' });
    expect(b.columns[0].items[1]).toMatchObject({ overdue: false, workingDaysLeft: 2 });
    expect(b.columns[3].items[0]).toMatchObject({
      waitingOn: 'Alex Wilber (solicitante): revisar la entrega',
      workingDaysLeft: null,
      dueAt: null,
    });
    expect(ok(await as('henrietta.mueller').get('/api/v1/tablero?tipo=solicitud'))).toEqual(b);
  });

  it('a DIDECO official sees only what involves DIDECO', async () => {
    const b = ok(await as('miriam.graham').get('/api/v1/tablero?tipo=solicitud'));
    expect(columns(b)).toMatchObject({
      enviada: [2, 1, [ref.S3, ref.S5]],
      entregada: [2, 0, [ref.S1, ref.S4]],
      no_disponible: [0, 0, []],
    });
    for (const c of b.columns) for (const i of c.items) expect([i.ownerUnit, i.requestingUnit]).toContain('dideco');
    expect(
      ok(await as('miriam.graham').get('/api/v1/tablero?tipo=convenio')).columns.every((c: Json) => c.count === 0),
    ).toBe(true);
  });

  it('filters by unit and text like the register', async () => {
    const salud = ok(await as('megan.bowen').get('/api/v1/tablero?tipo=solicitud&unidad=salud'));
    expect(columns(salud).no_disponible).toEqual([1, 0, [ref.S2]]);
    expect(salud.columns.reduce((n: number, c: Json) => n + c.count, 0)).toBe(1);
    const one = ok(await as('megan.bowen').get(`/api/v1/tablero?tipo=solicitud&q=${ref.S1}`));
    expect(one.columns.flatMap((c: Json) => c.items.map((i: Json) => i.reference))).toEqual([ref.S1]);
  });

  it('the convenio board', async () => {
    const b = ok(await as('adele.vance').get('/api/v1/tablero?tipo=convenio'));
    expect(b.columns.map((c: Json) => c.state)).toEqual([
      'evaluacion',
      'redaccion',
      'visacion',
      'firma',
      'aprobacion',
      'vigente',
      'por_vencer',
      'terminado',
      'desistido',
      'rechazado',
      'vencido',
    ]);
    // In force with its first evaluation due Thu 22-10: 14 días hábiles from Thu 01-10 (Mon 12-10 is a holiday).
    expect(columns(b).vigente).toEqual([1, 0, [C1]]);
    expect(b.columns[5].items[0]).toMatchObject({
      stateLabel: 'Vigente',
      ownerUnitName: 'Secretaría Comunal de Planificación',
      waitingOn: 'SECPLAN (seguimiento)',
      workingDaysLeft: 14,
    });
  });

  it.each([
    ['', 'tipo'],
    ['tipo=ambos', 'tipo'],
    ['tipo=solicitud&estado=enviada', 'estado'],
    ['tipo=solicitud&unidad=DIDECO!', 'unidad'],
  ])('?%s → 400 naming %s', async (query, field) => {
    const r = await as('megan.bowen').get(`/api/v1/tablero?${query}`);
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.error.fields)).toEqual([field]);
  });
});

describe('Thu 01-10: pending work matches who can act', () => {
  it.each([
    'alex.wilber',
    'miriam.graham',
    'lynne.robbins',
    'grady.archie',
    'megan.bowen',
    'henrietta.mueller',
    'adele.vance',
  ])('%s: exactly the open items whose detail offers them work beyond commenting or withdrawing', async (persona) => {
    // Commenting and withdrawing are always open; the UGDT's oversight verbs count only past a deadline (§2b).
    // Asking for a prórroga and correcting the class are always open to the owner unit, never owed work.
    const ALWAYS_OPEN = ['comentar', 'cancelar', 'desistir', 'solicitar_prorroga', 'corregir_clasificacion'];
    const OVERSIGHT = ['recordar', 'reasignar', 'prorrogar', 'cerrar', 'reiterar'];
    const expected: string[] = [];
    for (const key of [...Object.values(ref), C1]) {
      const segment = key.startsWith('SOL') ? 'solicitudes' : 'convenios';
      const d = await as(persona).get(`/api/v1/${segment}/${key}`);
      if (d.status === 403) continue;
      const overdue = key.startsWith('SOL') && !!d.body.item.overdue;
      const work = d.body.allowedActions.filter(
        (a: Json) =>
          !ALWAYS_OPEN.includes(a.verb) && (overdue || !key.startsWith('SOL') || !OVERSIGHT.includes(a.verb)),
      );
      if (work.length > 0) expected.push(key);
    }
    const got = ok(await as(persona).get('/api/v1/pendientes')).items.map((r: Json) => r.reference);
    expect([...got].sort()).toEqual(expected.sort());
  });

  it('by hand: DOM must acknowledge S3; DIDECO must acknowledge S5; SECPLAN follows up the convenio', async () => {
    const refs = async (p: string) => ok(await as(p).get('/api/v1/pendientes')).items.map((r: Json) => r.reference);
    expect(await refs('grady.archie')).toEqual([ref.S3]);
    expect(await refs('lynne.robbins')).toEqual([ref.S5]);
    expect(await refs('adele.vance')).toEqual([C1]);
  });

  // Issue 14 §7: «En seguimiento», what the caller takes part in while it waits for someone else.
  it('Mis pendientes also lists what the caller follows: Alex follows his open requests, none of them twice', async () => {
    const body = ok(await as('alex.wilber').get('/api/v1/pendientes'));
    const pending = new Set(body.items.map((r: Json) => r.id));
    const followed = body.following.map((r: Json) => r.reference);
    expect(followed.length).toBeGreaterThan(0);
    expect(body.following.every((r: Json) => !pending.has(r.id))).toBe(true);
    for (const r of body.following as Json[])
      expect(['enviada', 'recibida', 'en_plazo', 'entregada']).toContain(r.state);
    // Someone who takes part in nothing follows nothing.
    expect(ok(await as('irvin.sayers').get('/api/v1/pendientes')).following).toEqual([]);
  });
});

describe('Thu 01-10: the panel (GET /panel)', () => {
  it('UGDT: by state, overdue by unit, medians per unit and month, share within deadline, convenios due', async () => {
    const p = ok(await as('megan.bowen').get('/api/v1/panel?desde=2026-09&hasta=2026-10'));
    expect(p.months).toEqual(['2026-09', '2026-10']);
    expect(p.generatedAt).toBe('2026-10-01T13:00:00.000Z');
    expect(p.scope).toBe('todo'); // the UGDT reads the whole register
    expect(Object.fromEntries(p.solicitudesByState.map((c: Json) => [c.key, c.count]))).toEqual({
      enviada: 2,
      recibida: 0,
      en_plazo: 0,
      entregada: 3,
      cerrada: 0,
      no_disponible: 1,
      rechazada: 0,
      cancelada: 0,
    });
    expect(p.solicitudesByState[0]).toEqual({ key: 'enviada', label: 'Enviada', count: 2 });
    expect(p.conveniosByState.find((c: Json) => c.key === 'vigente')).toEqual({
      key: 'vigente',
      label: 'Vigente',
      count: 1,
    });
    expect(p.overdueByUnit).toEqual([{ key: 'dom', label: 'Dirección de Obras Municipales', count: 1 }]);
    // Working days from the day the request arrived (Tue 15-09) to the act:
    //  DIDECO  S1 acknowledged Wed 16 (1), delivered Tue 22 (16, 17, 21, 22: 4);
    //          S4 acknowledged Tue 15 (0), delivered Thu 17 (2). Medians 0.5 and 3; both within the 30-09 deadline.
    //  Salud   S2 acknowledged Mon 21 (16, 17, 21: 3), not available on Wed 23: answered within the deadline.
    //  DAEM    S6 delivered (and so acknowledged) Thu 01-10: 11 working days, after the 30-09 deadline.
    expect(p.unitMonths).toEqual([
      {
        month: '2026-09',
        unitId: 'salud',
        unitName: 'Departamento de Salud Municipal',
        acknowledged: 1,
        medianDaysToAcknowledge: 3,
        delivered: 0,
        medianDaysToDeliver: null,
        answered: 1,
        answeredInTime: 1,
      },
      {
        month: '2026-09',
        unitId: 'dideco',
        unitName: 'Dirección de Desarrollo Comunitario',
        acknowledged: 2,
        medianDaysToAcknowledge: 0.5,
        delivered: 2,
        medianDaysToDeliver: 3,
        answered: 2,
        answeredInTime: 2,
      },
      {
        month: '2026-10',
        unitId: 'educacion',
        unitName: 'Departamento de Educación Municipal',
        acknowledged: 1,
        medianDaysToAcknowledge: 11,
        delivered: 1,
        medianDaysToDeliver: 11,
        answered: 1,
        answeredInTime: 0,
      },
    ]);
    expect(p.withinDeadline).toEqual({ answered: 4, inTime: 3, share: 0.75 });
    // Decree of Tue 22-09 for one month: vigencia ends Wed 21-10, the monthly evaluation is due Thu 22-10. Counted
    // in working days as every deadline (issue 14 §5): 02-10, 05–09-10, 13–16-10 (12-10 is a holiday), 19–21-10.
    expect(p.conveniosDue).toEqual([
      expect.objectContaining({ reference: C1, reason: 'vencimiento', date: '2026-10-21', daysLeft: 13 }),
      expect.objectContaining({ reference: C1, reason: 'evaluacion', date: '2026-10-22', daysLeft: 14 }),
    ]);
    expect(p.conveniosDue[0]).toMatchObject({
      title: 'Vigilancia epidemiológica con el Servicio de Salud',
      entity: 'Universidad de Valparaíso',
      state: 'vigente',
    });
  });

  it('only September: October’s answer is out of the period', async () => {
    const p = ok(await as('megan.bowen').get('/api/v1/panel?desde=2026-09&hasta=2026-09'));
    expect(p.unitMonths.map((u: Json) => `${u.month} ${u.unitId}`)).toEqual(['2026-09 salud', '2026-09 dideco']);
    expect(p.withinDeadline).toEqual({ answered: 3, inTime: 3, share: 1 });
  });

  it('defaults to the last six months up to the current one', async () => {
    const p = ok(await as('megan.bowen').get('/api/v1/panel'));
    expect(p.months).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(p.withinDeadline.answered).toBe(4);
  });

  it('a DIDECO official’s panel counts only what involves DIDECO', async () => {
    const p = ok(await as('miriam.graham').get('/api/v1/panel?desde=2026-09&hasta=2026-10'));
    expect(p.scope).toBe('propio'); // the panel says so: «Solo lo que usted puede ver»
    expect(p.unitMonths.map((u: Json) => u.unitId)).toEqual(['dideco']);
    expect(p.overdueByUnit).toEqual([{ key: 'dom', label: 'Dirección de Obras Municipales', count: 1 }]);
    expect(p.solicitudesByState.reduce((n: number, c: Json) => n + c.count, 0)).toBe(4);
    expect(p.conveniosDue).toEqual([]);
    expect(p.withinDeadline).toEqual({ answered: 2, inTime: 2, share: 1 });
  });

  it.each([
    ['desde=2026-13', 'desde', 'mes AAAA-MM'],
    ['hasta=octubre', 'hasta', 'mes AAAA-MM'],
    ['desde=2026-10&hasta=2026-09', 'desde', 'posterior a hasta'],
    ['desde=2020-01&hasta=2026-10', 'desde', 'máximo 24 meses'],
    ['mes=2026-09', 'mes', 'campo no permitido'],
  ])('?%s → 400 %s: %s', async (query, field, message) => {
    const r = await as('megan.bowen').get(`/api/v1/panel?${query}`);
    expect({ status: r.status, code: r.body.error.code, fields: r.body.error.fields }).toEqual({
      status: 400,
      code: 'DATOS_INVALIDOS',
      fields: { [field]: message },
    });
  });
});

describe('Thu 01-10: sensitive fields stay hidden from Control, in the detail and in every card', () => {
  it('the detail hides them and says which; the timeline does not give the link back', async () => {
    const d = ok(await as('henrietta.mueller').get(`/api/v1/solicitudes/${ref.S6}`));
    expect(d.hidden).toEqual([
      'dataset.description',
      'dataset.fields',
      'justification',
      'attachments',
      'delivery.link',
      'delivery.fileName',
      'delivery.files',
    ]);
    expect(d.allowedActions).toEqual([]);
    const text = JSON.stringify(d);
    for (const secret of [SECRET_FIELD, SECRET_JUSTIFICATION, SECRET_LINK]) expect(text).not.toContain(secret);
    expect(d.timeline.map((e: Json) => e.command)).toEqual(['crear', 'entregar']);
    expect(d.timeline[1].payload).toEqual({ note: 'Planilla por curso' });
    // The owner unit is entitled: the same detail shows everything.
    const own = ok(await as('johanna.lorenz').get(`/api/v1/solicitudes/${ref.S6}`));
    expect(own.hidden).toEqual([]);
    expect(JSON.stringify(own)).toContain(SECRET_LINK);
  });

  it('no view of a sensitive request leaks them to Control; the UGDT’s own views do show them', async () => {
    const views = ok(await as('henrietta.mueller').get(`/api/v1/solicitudes/${ref.S6}/vistas`)).views;
    expect(views.map((v: Json) => [v.role, v.mine])).toEqual([
      ['solicitante', false],
      ['unidad_duena', false],
      ['ugdt', false],
      ['control', true],
    ]);
    const text = JSON.stringify(views);
    for (const secret of [SECRET_FIELD, SECRET_JUSTIFICATION, SECRET_LINK]) expect(text).not.toContain(secret);
    expect(text).toContain('[Reservado: datos sensibles]');
    expect(executes(views[3].card)).toEqual([]);
    const ugdt = JSON.stringify(ok(await as('megan.bowen').get(`/api/v1/solicitudes/${ref.S6}/vistas`)).views);
    expect(ugdt).toContain(SECRET_FIELD);
    expect(ugdt).toContain(SECRET_LINK);
  });

  it('nor any view of the sensitive convenio, nor its documents’ addresses', async () => {
    const views = ok(await as('henrietta.mueller').get(`/api/v1/convenios/${C1}/vistas`)).views;
    expect(views.map((v: Json) => [v.role, v.label, v.mine])).toEqual([
      ['solicitante', 'Proponente — Lee Gu', false],
      ['secplan', 'SECPLAN — Adele Vance', false],
      ['administrador_municipal', 'Administración Municipal — Patti Fernandez', false],
      ['daj', 'Dirección de Asesoría Jurídica — Isaiah Langer', false],
      ['firmante', 'Firmante (Alcalde) — Nestor Wilke', false],
      ['secretaria_municipal', 'Secretaría Municipal (decreto) — Joni Sherman', false],
      ['control', 'Dirección de Control — Henrietta Mueller', true],
    ]);
    const cards = views.map((v: Json) => v.card);
    for (const c of cards) expect(schemaErrors(c)).toEqual([]);
    expect(await sdkProblems(cards)).toEqual(cards.map(() => []));
    const text = JSON.stringify(views);
    for (const secret of [CONVENIO_SECRET_FIELD, CONVENIO_SECRET_URL, CONVENIO_SECRET_TRANSFER, 'reservado/'])
      expect(text).not.toContain(secret);
    // SECPLAN is entitled: its views show the transfer that Control's copies of the same cards hide.
    expect(JSON.stringify(ok(await as('adele.vance').get(`/api/v1/convenios/${C1}/vistas`)).views)).toContain(
      CONVENIO_SECRET_TRANSFER,
    );
    const docs = ok(await as('henrietta.mueller').get(`/api/v1/convenios/${C1}/documentos`)).documents;
    expect(docs.map((d: Json) => d.url)).toEqual([null, null, null]);
  });

  it('SECPLAN’s own convenio view offers exactly its allowed actions on cards', async () => {
    const views = ok(await as('adele.vance').get(`/api/v1/convenios/${C1}/vistas`)).views;
    const mine = views.filter((v: Json) => v.mine);
    expect(mine.map((v: Json) => v.role)).toEqual(['secplan']);
    const detail = ok(await as('adele.vance').get(`/api/v1/convenios/${C1}`));
    const onCards = detail.allowedActions
      .map((a: Json) => `convenio.${a.verb}`)
      .filter((v: string) => !['convenio.registrar_borrador', 'convenio.subir_firmado_fea'].includes(v));
    expect(onCards.length).toBeGreaterThan(0);
    expect(
      executes(mine[0].card)
        .map((u) => u.action.verb)
        .sort(),
    ).toEqual(onCards.sort());
    for (const v of views.filter((x: Json) => !x.mine)) expect(allActions(v.card)).toEqual([]);
  });
});

describe('Thu 01-10: a convenio’s documents (GET /convenios/{key}/documentos)', () => {
  it('newest first, labelled in Spanish, with the reviews and signatures bound to each version', async () => {
    const docs = ok(await as('adele.vance').get(`/api/v1/convenios/${C1}/documentos`)).documents;
    expect(docs.map((d: Json) => [d.kind, d.version, d.kindLabel, d.fileName, d.sha256])).toEqual([
      ['firmado_fea', 1, 'Firmado con firma electrónica avanzada', 'convenio-firmado.pdf', h3],
      ['borrador', 2, 'Borrador', 'convenio-v2.docx', h2],
      ['borrador', 1, 'Borrador', 'convenio-v1.docx', h1],
    ]);
    expect(docs[1]).toMatchObject({ url: CONVENIO_SECRET_URL, by: 'Adele Vance', at: '2026-09-15T13:00:00.000Z' });
    expect(docs[1].boundTo).toEqual([
      'Visación de la DAJ: Isaiah Langer, 15-09-2026',
      'Visación de Universidad de Valparaíso: Paula Rojas (UV) (registrada por Adele Vance), 16-09-2026',
      'Firma de Nestor Wilke (Alcalde), FES, 16-09-2026',
      'Firma de Osvaldo Corrales (Rector), FES, registrada por Adele Vance, 16-09-2026',
    ]);
    expect(docs[2].boundTo).toEqual(['Observación de la DAJ: Isaiah Langer, 15-09-2026']);
    expect(docs[0].boundTo).toEqual([]);
  });

  it('Control sees every version with its hash, date and signatures, but may not open a sensitive file', async () => {
    const mine = ok(await as('adele.vance').get(`/api/v1/convenios/${C1}/documentos`)).documents as Json[];
    expect(mine.every((d) => d.canOpen === true)).toBe(true);
    const control = ok(await as('henrietta.mueller').get(`/api/v1/convenios/${C1}/documentos`)).documents as Json[];
    expect(control.map((d) => [d.kind, d.version, d.sha256, d.canOpen, d.url])).toEqual(
      mine.map((d) => [d.kind, d.version, d.sha256, false, null]),
    );
    expect(control[1].boundTo).toEqual(mine[1].boundTo);
  });

  it('a request has no documents route; another unit’s official may not read them', async () => {
    expect((await as('megan.bowen').get(`/api/v1/solicitudes/${ref.S1}/documentos`)).status).toBe(404);
    expect((await as('miriam.graham').get(`/api/v1/convenios/${C1}/documentos`)).status).toBe(403);
  });
});

describe('Thu 01-10: whom the detail offers to chat with (contacts)', () => {
  it('the requester is offered the owner unit’s responsable; the responsable the requester; nobody themselves', async () => {
    const forAlex = ok(await as('alex.wilber').get(`/api/v1/solicitudes/${ref.S5}`)).contacts as Json[];
    expect(forAlex[0]).toMatchObject({ name: 'Lynne Robbins', why: expect.stringContaining('responsable') });
    expect(forAlex.map((c) => c.email)).not.toContain('alex.wilber@quillota.cl');
    const forLynne = ok(await as('lynne.robbins').get(`/api/v1/solicitudes/${ref.S5}`)).contacts as Json[];
    expect(forLynne).toContainEqual(expect.objectContaining({ name: 'Alex Wilber', why: 'solicitante' }));
    expect(forLynne.map((c) => c.name)).not.toContain('Lynne Robbins');
  });
});

describe('the directory for choosing signers (GET /personas)', () => {
  it('any signed-in official gets the staff with today’s roles; nobody without an identity', async () => {
    const list = ok(await as('alex.wilber').get('/api/v1/personas')).personas as Json[];
    expect(list).toContainEqual(
      expect.objectContaining({ id: 'nestor.wilke', roles: expect.arrayContaining(['Alcalde(sa)']) }),
    );
    expect(list.length).toBeGreaterThan(10);
    expect((await fetch(`${svc.url}/api/v1/personas`)).status).toBe(401);
  });
});
