// The two legal exports over the REST API, parsed byte by byte: the Ley 19.880 art. 24 bis log of data requests
// and the Ley 21.719 art. 22 monthly publication of convenios that transfer personal data.
import { startTestService, type TestService } from '../support/service';
import { convenioBody, solicitudBody } from '../support/fixtures';
import { legalBasisText } from '../../protocol';

jest.setTimeout(30_000);

let svc: TestService;
const as = (persona: string) => svc.as(persona);

// ---------------------------------------------------------------------------------------------------------------
// CSV as a Chilean spreadsheet reads it

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The decoded text, BOM included (fetch's text() would strip it). */
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function download(persona: string | undefined, path: string): Promise<Download> {
  const res = await fetch(`${svc.url}${path}`, { headers: persona ? { 'x-persona': persona } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, bytes, text, body };
}

/**
 * RFC 4180 with ';' as separator and CRLF records, strictly: a quote may only open a cell, every record ends with
 * CRLF, and a bare CR, LF or quote outside a quoted cell is an error.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (ch === '"' && cell === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (ch === ';') {
      row.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      wasQuoted = false;
      i++;
    } else if (ch === '\r' || ch === '\n' || ch === '"' || wasQuoted) {
      throw new Error(`CSV mal formado en la posición ${i}: ${JSON.stringify(text.slice(i - 10, i + 10))}`);
    } else cell += ch;
  }
  if (quoted) throw new Error('CSV mal formado: comillas sin cerrar');
  if (cell !== '' || row.length > 0) throw new Error('CSV mal formado: el último registro no termina en CRLF');
  return rows;
}

/** Checks the encoding and framing of a CSV download and returns its records as objects by header. */
function readCsv(d: Download, header: string[]): Record<string, string>[] {
  expect(d.status).toBe(200);
  expect([...d.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(d.text.endsWith('\r\n')).toBe(true);
  const [head, ...rows] = parseCsv(d.text.slice(1));
  expect(head).toEqual(header);
  for (const r of rows) expect(r).toHaveLength(header.length);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
}

/** The file name of an attachment (quoted or as a bare token, both valid per RFC 6266). */
function filenameOf(d: Download): string | undefined {
  const m = /^attachment; filename=(?:"([^"]+)"|([^";\s]+))$/.exec(d.headers.get('content-disposition') ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

const ddmmyyyy = (d: string) => `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}`;
const localDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(iso))
    .slice(0, 10);

const SPANISH = /[áéíóúñ]|\b(el|la|de|falta|debe|no)\b/i;

// ---------------------------------------------------------------------------------------------------------------
// Requests: Ley 19.880 art. 24 bis

const REQUEST_HEADER = [
  'Referencia',
  'Fecha de solicitud',
  'Unidad solicitante',
  'Funcionario responsable',
  'Unidad de destino',
  'Datos solicitados',
  'Campos',
  'Período',
  'Clasificación (acceso)',
  'Clasificación (privacidad)',
  'Propósito',
  'Base legal',
  'Plazo de respuesta',
  'Prórrogas (días)',
  'Estado',
  'Fecha de respuesta',
  'Fuera de plazo',
  'Oficios reiterativos',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sols: Record<string, any> = {};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const convs: Record<string, any> = {};

async function createSol(key: string, persona: string, at: string, overrides: Record<string, unknown>) {
  svc.clock.set(at);
  const r = await as(persona).post('/api/v1/solicitudes', solicitudBody(overrides));
  expect({ key, status: r.status, error: r.body.error }).toEqual({ key, status: 201, error: undefined });
  sols[key] = r.body.item;
}

async function solCmd(key: string, persona: string, at: string, body: Record<string, unknown>) {
  svc.clock.set(at);
  const r = await as(persona).post(`/api/v1/solicitudes/${sols[key].reference}/comandos`, body);
  expect({ key, verb: body.type, status: r.status, error: r.body.error }).toEqual({
    key,
    verb: body.type,
    status: 200,
    error: undefined,
  });
  sols[key] = r.body.item;
}

const TRICKY_NAME = '=HIPERVINCULO("http://malo.example";"clic")';
const TRICKY_PURPOSE = 'Cruce "RSH; Salud" por sector; con comillas y punto y coma';
const MULTILINE_PURPOSE = '@SUMA(A1:A3) primera línea\nsegunda línea';

async function seedRequests() {
  // Monday 31 August 2026, 23:59 local (-04): still August.
  await createSol('F', 'irvin.sayers', '2026-09-01T03:59:00Z', { ownerUnitId: 'salud' });
  // Tuesday 1 September, 08:00 local.
  await createSol('A', 'alex.wilber', '2026-09-01T12:00:00Z', {});
  await createSol('B', 'miriam.graham', '2026-09-01T14:00:00Z', {
    ownerUnitId: 'salud',
    dataset: {
      name: TRICKY_NAME,
      fields: ['-edad', 'sexo'],
      period: '2024-2025',
      format: 'csv',
      classification: { access: 'reservada', legalGround: 'art21_n2_derechos_personas', privacy: 'sensible' },
    },
    purpose: TRICKY_PURPOSE,
    legalBasis: {
      basis: 'funciones_legales',
      norm: { law: 'Ley 19.378', article: 'art. 56' },
      sensitive: { basis: 'salud_y_beneficios', categories: ['salud'] },
    },
  });
  await createSol('C', 'johanna.lorenz', '2026-09-02T15:00:00Z', {
    ownerUnitId: 'dom',
    dataset: {
      name: 'Permisos de edificación cercanos a escuelas',
      fields: ['rol', 'direccion'],
      format: 'xlsx',
      classification: { access: 'publica', privacy: 'no_personal' },
    },
    purpose: MULTILINE_PURPOSE,
  });
  await solCmd('A', 'lynne.robbins', '2026-09-02T13:00:00Z', { type: 'acusar_recibo' });
  await solCmd('A', 'megan.bowen', '2026-09-03T13:00:00Z', {
    type: 'prorrogar',
    amount: 3,
    reason: 'Cierre mensual del RSH',
  });
  // Thursday 10 September, 23:30 local (-03 since the 6 September DST change): delivered that local day.
  await solCmd('A', 'lynne.robbins', '2026-09-11T02:30:00Z', {
    type: 'entregar',
    link: 'https://quillota.sharepoint.com/sites/datos/rsh.xlsx',
    note: 'Planilla por sector',
  });
  await solCmd('A', 'alex.wilber', '2026-09-14T13:00:00Z', { type: 'conforme' });
  await solCmd('B', 'diego.siciliani', '2026-09-04T13:00:00Z', {
    type: 'rechazar',
    reason: 'Datos sensibles sin base legal suficiente',
    legalGround: 'Ley 19.628 art. 10',
  });
  // Wednesday 30 September, 23:30 local: September, although it is already 1 October in UTC.
  await createSol('D', 'debra.berger', '2026-10-01T02:30:00Z', { ownerUnitId: 'educacion' });
  // Thursday 1 October, 00:30 local: October.
  await createSol('E', 'lynne.robbins', '2026-10-01T03:30:00Z', { ownerUnitId: 'dom' });
  await solCmd('D', 'debra.berger', '2026-10-01T13:00:00Z', { type: 'cancelar', reason: 'Se obtuvo por otra vía' });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function requestRow(s: any, answeredOn: string) {
  const units: Record<string, string> = {
    dom: 'Dirección de Obras Municipales',
    dideco: 'Dirección de Desarrollo Comunitario',
    salud: 'Departamento de Salud Municipal',
    educacion: 'Departamento de Educación Municipal',
    transito: 'Dirección de Tránsito',
    rsh: 'Registro Social de Hogares',
  };
  return {
    Referencia: s.reference,
    'Fecha de solicitud': ddmmyyyy(localDay(s.createdAt)),
    'Unidad solicitante': units[s.requester.unitId],
    'Funcionario responsable': s.requester.name,
    'Unidad de destino': units[s.ownerUnitId],
    'Datos solicitados': s.dataset.name,
    Campos: s.dataset.fields.join(', '),
    Período: s.dataset.period ?? '',
    'Clasificación (acceso)': { publica: 'Pública', uso_interno: 'Uso interno', reservada: 'Reservada' }[
      s.classification.access as string
    ],
    'Clasificación (privacidad)': {
      no_personal: 'No personal / anonimizado',
      personal: 'Datos personales',
      sensible: 'Datos sensibles',
    }[s.classification.privacy as string],
    Propósito: s.purpose,
    'Base legal': legalBasisText(s.legalBasis),
    'Plazo de respuesta': ddmmyyyy(s.deadlines.answer.dueDate),
    'Prórrogas (días)': String(s.deadlines.answer.extended),
    Estado: {
      enviada: 'Enviada',
      cerrada: 'Cerrada',
      rechazada: 'Rechazada con fundamento',
      cancelada: 'Cancelada',
    }[s.state as string],
    'Fecha de respuesta': answeredOn,
    'Fuera de plazo':
      s.overdue?.deadline === 'answer' ||
      (answeredOn && answeredOn.split('-').reverse().join('-') > s.deadlines.answer.dueDate)
        ? 'Sí'
        : 'No',
    'Oficios reiterativos': '',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Convenios: Ley 21.719 art. 22

const CONVENIO_HEADER = [
  'Referencia',
  'Entidad',
  'RUT',
  'Objeto',
  'Finalidad',
  'Datos transferidos',
  'Categoría de datos',
  'Base legal',
  'Decreto aprobatorio',
  'Fecha del decreto',
  'Vigencia desde',
  'Vigencia hasta',
  'Estado',
];

const HASH = 'd'.repeat(64);
const OK = { ok: true, note: 'Cumple' };

/** Drives a convenio from evaluación to `until` ('firma' or 'vigente' with a decree of `decreeDate`). */
async function convenio(key: string, overrides: Record<string, unknown>, until: 'firma' | 'vigente', decreeDate = '') {
  const c = await as('lee.gu').post('/api/v1/convenios', convenioBody(overrides));
  expect({ key, status: c.status, error: c.body.error }).toEqual({ key, status: 201, error: undefined });
  const ref = c.body.item.reference;
  const step = async (persona: string, body: Record<string, unknown>) => {
    const r = await as(persona).post(`/api/v1/convenios/${ref}/comandos`, body);
    expect({ key, verb: body.type, status: r.status, error: r.body.error }).toEqual({
      key,
      verb: body.type,
      status: 200,
      error: undefined,
    });
    convs[key] = r.body.item;
  };
  const draft = { version: 1, sha256: HASH };
  await step('adele.vance', {
    type: 'registrar_evaluacion',
    checklist: { necesidad: OK, beneficioMutuo: OK, cumplimientoNormativo: OK, privacidadSeguridad: OK },
  });
  await step('patti.fernandez', { type: 'aprobar_evaluacion', note: 'Aprobado por el Comité de Datos' });
  await step('adele.vance', { type: 'registrar_borrador', fileName: 'convenio.docx', sha256: HASH });
  await step('adele.vance', { type: 'enviar_a_visacion' });
  await step('isaiah.langer', { type: 'visar', ...draft });
  await step('adele.vance', {
    type: 'registrar_visacion_externa',
    ...draft,
    reviewer: 'Área jurídica de la contraparte',
    evidence: 'Correo de visación',
  });
  if (until === 'firma') return;
  await step('nestor.wilke', { type: 'firmar', signerId: 'f1', ...draft });
  await step('adele.vance', { type: 'firmar', signerId: 'f2', ...draft, evidence: 'PDF firmado recibido' });
  // Rule 6: a convenio with sensitive, children's or large-scale data records its EIPD before the decree.
  if (convs[key]!.impactAssessmentRequired)
    await step('adele.vance', {
      type: 'registrar_eipd',
      date: decreeDate,
      author: 'SECPLAN',
      documentName: `EIPD ${key}.pdf`,
    });
  await step('joni.sherman', {
    type: 'registrar_decreto',
    number: `${key}-${decreeDate.slice(5, 7)}`,
    date: decreeDate,
  });
}

const dataset = (name: string, privacy: string, access = 'uso_interno') => ({
  name,
  fields: ['a', 'b'],
  format: 'csv',
  classification: { access, privacy },
});

async function seedConvenios() {
  // Friday 2 October 2026, 10:00 local: every decree date below is today or in the past.
  svc.clock.set('2026-10-02T13:00:00Z');
  // Personal data (one of two datasets), decree on the last day of September.
  await convenio('K1', {}, 'vigente', '2026-09-30');
  // Sensitive data; formula-like title, quotes and semicolons, an unformatted RUT; decree on the first of October.
  await convenio(
    'K2',
    {
      title: '=HYPERLINK("http://malo.example";"clic") convenio con la Cámara',
      purpose: 'Finalidad "estadística"; sin fines comerciales',
      entity: { ...convenioBody().entity, name: 'Cámara Chilena de la Construcción A.G.', rut: '81458500k' },
      datasets: [dataset('Casos; notificados', 'sensible'), dataset('Obras "mayores"', 'nna')],
      durationMonths: 12,
    },
    'vigente',
    '2026-10-01',
  );
  // No personal data: never published.
  await convenio(
    'K3',
    { datasets: [dataset('Conteos de flujo vehicular', 'no_personal', 'publica')] },
    'vigente',
    '2026-09-15',
  );
  // Personal data but not approved yet: no decree, not published.
  await convenio('K4', { title: 'Convenio en firma con datos personales' }, 'firma');
  // Personal data, decree on 1 September, terminated since: still published for September, with its state.
  await convenio(
    'K5',
    { title: 'Convenio terminado con datos personales', durationMonths: 6 },
    'vigente',
    '2026-09-01',
  );
  const t = await as('adele.vance').post(`/api/v1/convenios/${convs.K5.reference}/comandos`, {
    type: 'terminar',
    reason: 'Fin anticipado del estudio',
    dataDisposition: 'eliminados',
    evidence: 'Acta de eliminación N° 3',
  });
  expect(t.status).toBe(200);
  convs.K5 = t.body.item;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function convenioRow(c: any, rut: string, categories: string, state: string) {
  return {
    Referencia: c.reference,
    Entidad: c.entity.name,
    RUT: rut,
    Objeto: c.title,
    Finalidad: c.purpose,
    'Datos transferidos': c.datasets.map((d: { name: string }) => d.name).join(', '),
    'Categoría de datos': categories,
    'Base legal': legalBasisText(c.legalBasis),
    'Decreto aprobatorio': `D.A. N° ${c.decree.number}`,
    'Fecha del decreto': ddmmyyyy(c.decree.date),
    'Vigencia desde': ddmmyyyy(c.validity.start),
    'Vigencia hasta': ddmmyyyy(c.validity.end),
    Estado: state,
  };
}

beforeAll(async () => {
  svc = await startTestService('2026-09-01T03:00:00Z');
  await seedRequests();
  await seedConvenios();
  svc.clock.set('2026-10-05T13:00:00Z');
}, 120_000);
afterAll(async () => svc.close());

// ---------------------------------------------------------------------------------------------------------------

describe('GET /api/v1/exportaciones/solicitudes.csv (Ley 19.880 art. 24 bis)', () => {
  const path = (desde: string, hasta: string) => `/api/v1/exportaciones/solicitudes.csv?desde=${desde}&hasta=${hasta}`;

  it('is a UTF-8 CSV with BOM, ";" and CRLF, served as an attachment named after the range', async () => {
    const d = await download('megan.bowen', path('2026-09-01', '2026-09-30'));
    expect(d.status).toBe(200);
    expect(d.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(filenameOf(d)).toBe('registro-solicitudes-2026-09-01-2026-09-30.csv');
    expect(d.headers.get('x-content-type-options')).toBe('nosniff');
    expect(d.text.startsWith(`\uFEFFReferencia;Fecha de solicitud;Unidad solicitante;`)).toBe(true);
    readCsv(d, REQUEST_HEADER);
  });

  it('lists the requests made in the local-date range, oldest first, with exact cells', async () => {
    const rows = readCsv(await download('megan.bowen', path('2026-09-01', '2026-09-30')), REQUEST_HEADER);
    expect(rows.map((r) => r.Referencia)).toEqual([sols.A, sols.B, sols.C, sols.D].map((s) => s.reference));
    expect(rows[0]).toEqual(requestRow(sols.A, '10-09-2026'));
    expect(rows[1]).toEqual({
      ...requestRow(sols.B, '04-09-2026'),
      'Datos solicitados': `'${TRICKY_NAME}`,
      Campos: "'-edad, sexo",
    });
    expect(rows[2]).toEqual({ ...requestRow(sols.C, ''), Propósito: `'${MULTILINE_PURPOSE}` });
    expect(rows[3]).toEqual(requestRow(sols.D, '01-10-2026'));
  });

  it('writes dates as dd-MM-yyyy in America/Santiago and states with their Spanish labels', async () => {
    const rows = readCsv(await download('megan.bowen', path('2026-09-01', '2026-09-30')), REQUEST_HEADER);
    const [a, b, c, d] = rows.map((r) => r);
    if (!a || !b || !c || !d) throw new Error('faltan filas');
    expect(a['Fecha de solicitud']).toBe('01-09-2026');
    // Delivered on 10 September at 23:30 local (already the 11th in UTC); closed on the 14th.
    expect(a['Fecha de respuesta']).toBe('10-09-2026');
    expect(a.Estado).toBe('Cerrada');
    // Extended by 3 working days from the original 15 September, across the Fiestas Patrias (18-19 September).
    expect(a['Prórrogas (días)']).toBe('3');
    expect(a['Plazo de respuesta']).toBe('21-09-2026');
    expect(b.Estado).toBe('Rechazada con fundamento');
    expect(c.Estado).toBe('Enviada');
    expect(c['Fecha de respuesta']).toBe('');
    // Made on 30 September at 23:30 local: 1 October in UTC.
    expect(sols.D.createdAt).toBe('2026-10-01T02:30:00.000Z');
    expect(d['Fecha de solicitud']).toBe('30-09-2026');
    expect(d.Estado).toBe('Cancelada');
    for (const r of rows) {
      for (const h of ['Fecha de solicitud', 'Plazo de respuesta'])
        expect({ h, v: r[h] }).toEqual({ h, v: expect.stringMatching(/^\d{2}-\d{2}-\d{4}$/) });
    }
  });

  it('neutralises cells that a spreadsheet would run as a formula, and quotes ";", quotes and line breaks', async () => {
    const d = await download('megan.bowen', path('2026-09-01', '2026-09-30'));
    const raw = d.text;
    // The formula is prefixed with an apostrophe, inside a quoted cell because it holds quotes and a ';'.
    expect(raw).toContain(`;"'=HIPERVINCULO(""http://malo.example"";""clic"")";`);
    expect(raw).not.toMatch(/(^|;)=/m);
    expect(raw).toContain(`;'-edad, sexo;`);
    expect(raw).toContain(`;"'@SUMA(A1:A3) primera línea\nsegunda línea";`);
    expect(raw).toContain(`;"Cruce ""RSH; Salud"" por sector; con comillas y punto y coma";`);
    const rows = readCsv(d, REQUEST_HEADER);
    // Round trip: what was typed comes back (apart from the apostrophe of a neutralised formula).
    expect(rows[1]!.Propósito).toBe(TRICKY_PURPOSE);
    expect(rows[1]!['Base legal']).toBe(
      'Cumplimiento de funciones legales del órgano público — Ley 19.378, art. 56; datos sensibles: Prestaciones de salud o beneficios sociales que la ley encarga al órgano (datos relativos a la salud)',
    );
    expect(String(rows[2]!.Propósito).slice(1)).toBe(MULTILINE_PURPOSE);
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it.each([
    ['2026-08-31', '2026-08-31', ['F']],
    ['2026-10-01', '2026-10-01', ['E']],
    ['2026-09-30', '2026-10-01', ['D', 'E']],
    ['2026-08-01', '2026-10-31', ['F', 'A', 'B', 'C', 'D', 'E']],
    ['2026-09-02', '2026-09-29', ['C']],
    ['2026-11-01', '2026-11-30', []],
  ])('desde=%s&hasta=%s → exactly %j', async (desde, hasta, keys) => {
    const rows = readCsv(await download('henrietta.mueller', path(desde, hasta)), REQUEST_HEADER);
    expect(rows.map((r) => r.Referencia)).toEqual(keys.map((k) => sols[k].reference));
  });

  it('an empty range is a CSV with only the header', async () => {
    const d = await download('megan.bowen', path('2026-11-01', '2026-11-30'));
    expect(d.text).toBe(`\uFEFF${REQUEST_HEADER.join(';')}\r\n`);
  });

  it('an official exports only the requests that involve their unit', async () => {
    const all = ['F', 'A', 'B', 'C', 'D', 'E'];
    const expected = (unit: string) =>
      all
        .filter((k) => sols[k].requester.unitId === unit || sols[k].ownerUnitId === unit)
        .map((k) => sols[k].reference);
    for (const [persona, unit] of [
      ['alex.wilber', 'dom'],
      ['diego.siciliani', 'salud'],
      ['lynne.robbins', 'dideco'],
      ['allan.deyoung', 'informatica'],
    ] as const) {
      const rows = readCsv(await download(persona, path('2026-08-01', '2026-10-31')), REQUEST_HEADER);
      expect({ persona, refs: rows.map((r) => r.Referencia) }).toEqual({ persona, refs: expected(unit) });
    }
    expect(expected('dom')).toEqual(['A', 'C', 'E'].map((k) => sols[k].reference));
  });

  const badDate = (label: string) => `${label}: no es una fecha válida`;
  const expectBadParameters = (d: Download, fields: Record<string, string>) => {
    expect({ status: d.status, code: d.body?.error?.code }).toEqual({ status: 400, code: 'DATOS_INVALIDOS' });
    expect(d.headers.get('content-type')).toMatch(/^application\/json/);
    expect(d.headers.get('content-disposition')).toBeNull();
    expect(d.body.error.message).toMatch(SPANISH);
    expect(d.body.error.fields).toEqual(fields);
  };

  it.each<[string, Record<string, string>]>([
    ['', { desde: 'falta la fecha desde', hasta: 'falta la fecha hasta' }],
    ['?desde=2026-09-01', { hasta: 'falta la fecha hasta' }],
    ['?desde=01-09-2026&hasta=30-09-2026', { desde: badDate('la fecha desde'), hasta: badDate('la fecha hasta') }],
    ['?desde=2026-09-01&hasta=2026-09-30&formato=xlsx', { formato: 'campo no permitido' }],
  ])('bad parameters %s → 400 naming %j', async (query, fields) => {
    expectBadParameters(await download('megan.bowen', `/api/v1/exportaciones/solicitudes.csv${query}`), fields);
  });

  it('a malformed hasta that sorts before desde (2026-09) → 400 naming hasta only', async () => {
    expectBadParameters(await download('megan.bowen', path('2026-09-01', '2026-09')), {
      hasta: badDate('la fecha hasta'),
    });
  });

  it('needs an identity', async () => {
    const d = await download(undefined, path('2026-09-01', '2026-09-30'));
    expect({ status: d.status, code: d.body?.error?.code }).toEqual({ status: 401, code: 'NO_AUTENTICADO' });
    expect((await download('mallory', path('2026-09-01', '2026-09-30'))).status).toBe(401);
  });

  // As in the register, an inverted range is refused rather than answered with an empty log (which would read as
  // "no requests in that period").
  it('an inverted range → 400 naming desde, as in the register', async () => {
    expectBadParameters(await download('megan.bowen', path('2026-09-30', '2026-09-01')), {
      desde: 'el rango de fechas está invertido',
    });
  });

  // Dates are real calendar dates: an impossible one is refused (it used to reach startOfLocalDay and end in 500).
  it.each<[string, string, Record<string, string>]>([
    ['2026-02-30', '2026-03-31', { desde: badDate('la fecha desde') }],
    ['2026-09-01', '2026-09-31', { hasta: badDate('la fecha hasta') }],
  ])('desde=%s&hasta=%s (impossible date) → 400, not 500', async (desde, hasta, fields) => {
    expectBadParameters(await download('megan.bowen', path(desde, hasta)), fields);
  });
});

describe('GET /api/v1/exportaciones/convenios.csv (Ley 21.719 art. 22)', () => {
  const path = (mes: string) => `/api/v1/exportaciones/convenios.csv?mes=${mes}`;

  it('is a UTF-8 CSV with BOM, ";" and CRLF, served as an attachment named after the month', async () => {
    const d = await download('megan.bowen', path('2026-09'));
    expect(d.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(filenameOf(d)).toBe('convenios-2026-09.csv');
    readCsv(d, CONVENIO_HEADER);
  });

  it('publishes only the convenios with personal data whose decree falls in that month, by decree date', async () => {
    const sept = readCsv(await download('megan.bowen', path('2026-09')), CONVENIO_HEADER);
    expect(sept.map((r) => r.Referencia)).toEqual([convs.K5.reference, convs.K1.reference]);
    const categories = 'No personal / anonimizado, Datos personales';
    expect(sept[0]).toEqual(convenioRow(convs.K5, '60.921.000-1', categories, 'Terminado'));
    expect(sept[1]).toEqual(convenioRow(convs.K1, '60.921.000-1', categories, 'Vigente'));
    expect(sept[1]).toMatchObject({
      'Decreto aprobatorio': 'D.A. N° K1-09',
      'Fecha del decreto': '30-09-2026',
      'Vigencia desde': '30-09-2026',
      Estado: 'Vigente',
    });

    const oct = readCsv(await download('megan.bowen', path('2026-10')), CONVENIO_HEADER);
    expect(oct).toEqual([
      {
        ...convenioRow(convs.K2, '81.458.500-K', 'Datos sensibles, Datos de niños, niñas y adolescentes', 'Vigente'),
        Objeto: `'${convs.K2.title}`,
      },
    ]);
    expect(oct[0]!['Fecha del decreto']).toBe('01-10-2026');

    // K3 (no personal data) and K4 (no decree) are never published.
    for (const mes of ['2026-08', '2026-09', '2026-10', '2026-11']) {
      const refs = readCsv(await download('megan.bowen', path(mes)), CONVENIO_HEADER).map((r) => r.Referencia);
      expect(refs).not.toContain(convs.K3.reference);
      expect(refs).not.toContain(convs.K4.reference);
    }
    expect(readCsv(await download('megan.bowen', path('2026-08')), CONVENIO_HEADER)).toEqual([]);
    expect(readCsv(await download('megan.bowen', path('2026-11')), CONVENIO_HEADER)).toEqual([]);
  });

  it('neutralises a formula in the title and round-trips quotes and semicolons', async () => {
    const d = await download('megan.bowen', path('2026-10'));
    expect(d.text).toContain(`;"'=HYPERLINK(""http://malo.example"";""clic"") convenio con la Cámara";`);
    expect(d.text).not.toMatch(/(^|;)=/m);
    const [row] = readCsv(d, CONVENIO_HEADER);
    expect(row!.Finalidad).toBe('Finalidad "estadística"; sin fines comerciales');
    expect(row!['Datos transferidos']).toBe('Casos; notificados, Obras "mayores"');
    expect(row!.Entidad).toBe('Cámara Chilena de la Construcción A.G.');
  });

  it.each([
    ['', 'mes'],
    ['?mes=2026-13', 'mes'],
    ['?mes=2026-9', 'mes'],
    ['?mes=2026-09-01', 'mes'],
    ['?mes=septiembre', 'mes'],
    ['?mes=2026-09&formato=xlsx', 'formato'],
  ])('bad parameters %s → 400 naming %s', async (query, field) => {
    const d = await download('megan.bowen', `/api/v1/exportaciones/convenios.csv${query}`);
    expect({ status: d.status, code: d.body?.error?.code }).toEqual({ status: 400, code: 'DATOS_INVALIDOS' });
    expect(d.body.error.message).toMatch(SPANISH);
    expect(Object.keys(d.body.error.fields)).toEqual([field]);
  });

  it('needs an identity', async () => {
    const d = await download(undefined, path('2026-09'));
    expect({ status: d.status, code: d.body?.error?.code }).toEqual({ status: 401, code: 'NO_AUTENTICADO' });
  });
});
