// Issue 15, uploads: a delivered file is declared (checked whole before a byte is read), sent in parts of at most
// 8 MiB, resumed from what the service says it received, hashed by the service as a stream and stored; `entregar`
// names the uploads and the delivery's audit event carries each file with its hash. Refusals leave nothing stored.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { solicitudBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';

jest.setTimeout(120_000);

const MiB = 1024 * 1024;
const OWNER = 'lynne.robbins'; // responsable of DIDECO, the owner unit of solicitudBody()
const REQUESTER = 'alex.wilber';
let svc: TestService;

beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z');
});
afterAll(() => svc.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const uploadsDir = () => join(svc.m365.localDocuments!.root, '.subidas');
const tempFiles = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []);

async function newRequest(overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await svc.as(REQUESTER).post('/api/v1/solicitudes', solicitudBody(overrides));
  expect(r.status).toBe(201);
  return r.body.item.reference as string;
}

const declare = (persona: string, ref: string, body: unknown) =>
  svc.as(persona).post(`/api/v1/solicitudes/${ref}/archivos`, body);

function putPart(persona: string, id: string, bytes: Buffer, start: number, total: number, headers = {}) {
  return svc.as(persona).raw(`/api/v1/archivos/${id}`, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: {
      'content-type': 'application/octet-stream',
      'content-range': `bytes ${start}-${start + bytes.length - 1}/${total}`,
      ...headers,
    },
  });
}

/** Sends `bytes` in parts of `part` bytes; the answers, in order. */
async function sendAll(persona: string, id: string, bytes: Buffer, part = 8 * MiB) {
  const answers = [];
  for (let at = 0; at < bytes.length; at += part)
    answers.push(await putPart(persona, id, bytes.subarray(at, at + part), at, bytes.length));
  return answers;
}

async function upload(ref: string, name: string, bytes: Buffer, type = 'text/csv') {
  const d = await declare(OWNER, ref, { nombre: name, tamano: bytes.length, tipo: type });
  expect(d.status).toBe(201);
  const answers = await sendAll(OWNER, d.body.id, bytes);
  expect(answers.at(-1)!.status).toBe(200);
  return d.body.id as string;
}

const counts = async () => {
  const one = async (sql: string) => (await svc.db.query<{ n: number }>(sql)).rows[0]!.n;
  return {
    uploads: await one('SELECT count(*)::int AS n FROM file_uploads'),
    received: await one('SELECT coalesce(sum(received), 0)::int AS n FROM file_uploads'),
    audit: await one('SELECT count(*)::int AS n FROM audit_events'),
  };
};

/** The headers of a part and no body at all: the answer must come without it (5 s at most). */
function headersOnly(path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const url = new URL(svc.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'PUT', headers });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('sin respuesta en 5 s: el servicio espera el cuerpo'));
    }, 5000);
    req.on('error', () => undefined);
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) });
      });
    });
    req.flushHeaders();
  });
}

/** Writes the first `sent` bytes of a part of `length` bytes, then drops the connection (a network cut). */
function cutPart(persona: string, id: string, start: number, length: number, total: number, sent: Buffer) {
  const url = new URL(svc.url);
  return new Promise<void>((resolve) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path: `/api/v1/archivos/${id}`,
      method: 'PUT',
      headers: {
        'x-persona': persona,
        'content-type': 'application/octet-stream',
        'content-length': String(length),
        'content-range': `bytes ${start}-${start + length - 1}/${total}`,
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(sent, () => setTimeout(() => req.destroy(), 200));
  });
}

describe('a file in parts', () => {
  it('is received in parts of 8 MiB, hashed by the service and stored as sent', async () => {
    const ref = await newRequest();
    const bytes = randomBytes(17 * MiB + 123);
    const d = await declare(OWNER, ref, {
      nombre: 'Hogares por sector 2025.csv',
      tamano: bytes.length,
      tipo: 'text/csv',
    });
    expect(d.status).toBe(201);
    expect(d.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      nombre: 'Hogares por sector 2025.csv',
      tamano: bytes.length,
      tipo: 'text/csv',
      recibido: 0,
      subirEn: `/api/v1/archivos/${d.body.id}`,
    });
    expect(d.headers.get('location')).toBe(`/api/v1/archivos/${d.body.id}`);
    const answers = await sendAll(OWNER, d.body.id, bytes);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 200]);
    expect(answers[0]!.body).toEqual({ recibido: 8 * MiB });
    expect(answers[1]!.body).toEqual({ recibido: 16 * MiB });
    expect(answers[2]!.body).toEqual({
      id: d.body.id,
      nombre: 'Hogares por sector 2025.csv',
      tamano: bytes.length,
      tipo: 'text/csv',
      sha256: sha(bytes),
    });
    const status = await svc.as(OWNER).get(`/api/v1/archivos/${d.body.id}`);
    expect(status.body).toEqual({ ...answers[2]!.body, recibido: bytes.length, estado: 'completo' });
    // In the local store, under the request's folder, byte for byte; no temporary file is left.
    const row = await svc.files.files.getUpload(d.body.id);
    expect(row!.storeRef).toBe(`Entregas/2026/${ref}/${sha(bytes)}/Hogares por sector 2025.csv`);
    expect(readFileSync(join(svc.m365.localDocuments!.root, row!.storeRef!)).equals(bytes)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it('an interrupted upload is resumed from `recibido`: the client asks, then continues', async () => {
    const ref = await newRequest();
    const bytes = randomBytes(3 * MiB + 7);
    const part = MiB;
    const d = await declare(OWNER, ref, { nombre: 'padrón.csv', tamano: bytes.length, tipo: 'text/csv' });
    const id = d.body.id as string;
    expect((await putPart(OWNER, id, bytes.subarray(0, part), 0, bytes.length)).status).toBe(202);
    // The second part breaks off after half of it: nothing of it counts.
    await cutPart(OWNER, id, part, part, bytes.length, bytes.subarray(part, part + part / 2));
    await new Promise((r) => setTimeout(r, 300));
    const asked = await svc.as(OWNER).get(`/api/v1/archivos/${id}`);
    expect(asked.body).toMatchObject({ recibido: part, estado: 'subiendo' });
    expect(asked.body.sha256).toBeUndefined();
    // A client that lost count and sends from elsewhere is told where to continue.
    const wrong = await putPart(OWNER, id, bytes.subarray(2 * part, 3 * part), 2 * part, bytes.length);
    expect(wrong.status).toBe(409);
    expect(wrong.body.recibido).toBe(part);
    expect(wrong.body.error.message).toMatch(/^Se esperaba la parte desde el byte 1\.048\.576/);
    // Continuing from `recibido` completes the file with the right hash.
    for (let at = asked.body.recibido as number; at < bytes.length; at += part) {
      const r = await putPart(OWNER, id, bytes.subarray(at, at + part), at, bytes.length);
      expect(r.status).toBe(at + part >= bytes.length ? 200 : 202);
      if (r.status === 200) expect(r.body.sha256).toBe(sha(bytes));
    }
    // Sending again after it completed changes nothing.
    const again = await putPart(OWNER, id, bytes.subarray(0, part), 0, bytes.length);
    expect([again.status, again.body.recibido]).toEqual([409, bytes.length]);
  });

  it('resumed after a restart of the service, the file is hashed again from its temporary file', async () => {
    const ref = await newRequest();
    const bytes = randomBytes(2 * MiB + 3);
    const d = await declare(OWNER, ref, { nombre: 'reanudado.csv', tamano: bytes.length, tipo: 'text/csv' });
    expect((await putPart(OWNER, d.body.id, bytes.subarray(0, MiB), 0, bytes.length)).status).toBe(202);
    // As after a restart: the running hash this process kept of the parts so far is gone; the file on disk is not.
    (svc.files as unknown as { hashes: Map<string, unknown> }).hashes.clear();
    expect((await putPart(OWNER, d.body.id, bytes.subarray(MiB, 2 * MiB), MiB, bytes.length)).status).toBe(202);
    const last = await putPart(OWNER, d.body.id, bytes.subarray(2 * MiB), 2 * MiB, bytes.length);
    expect([last.status, last.body.sha256]).toEqual([200, sha(bytes)]);
  });

  it('an upload is discarded: its part is removed and it can no longer be sent or delivered', async () => {
    const ref = await newRequest();
    const bytes = randomBytes(2 * MiB);
    const d = await declare(OWNER, ref, { nombre: 'borrador.csv', tamano: bytes.length, tipo: 'text/csv' });
    const id = d.body.id as string;
    await putPart(OWNER, id, bytes.subarray(0, MiB), 0, bytes.length);
    expect(tempFiles()).toEqual([`${id}.parte`]);
    expect((await svc.as(REQUESTER).raw(`/api/v1/archivos/${id}`, { method: 'DELETE' })).status).toBe(403);
    const gone = await svc.as(OWNER).raw(`/api/v1/archivos/${id}`, { method: 'DELETE' });
    expect(gone.status).toBe(204);
    expect(tempFiles()).toEqual([]);
    expect((await svc.as(OWNER).get(`/api/v1/archivos/${id}`)).body).toMatchObject({
      estado: 'descartado',
      recibido: MiB,
    });
    const more = await putPart(OWNER, id, bytes.subarray(MiB), MiB, bytes.length);
    expect([more.status, more.body.error.message]).toEqual([
      409,
      'La subida de «borrador.csv» fue descartada; inicie una nueva.',
    ]);
    const deliver = await svc.as(OWNER).post(`/api/v1/solicitudes/${ref}/comandos`, {
      type: 'entregar',
      note: 'Datos',
      archivos: [id],
    });
    expect([deliver.status, deliver.body.error.message]).toEqual([
      409,
      '«borrador.csv» fue descartado; súbalo de nuevo.',
    ]);
  });
});

describe('refusals, before the body is read, nothing stored', () => {
  let ref: string;
  let id: string;
  const total = 2 * MiB;
  const path = () => `/api/v1/archivos/${id}`;
  const headers = (persona?: string, extra: Record<string, string> = {}) => ({
    'content-type': 'application/octet-stream',
    'content-length': String(MiB),
    'content-range': `bytes 0-${MiB - 1}/${total}`,
    ...(persona ? { 'x-persona': persona } : {}),
    ...extra,
  });

  beforeAll(async () => {
    ref = await newRequest();
    id = (await declare(OWNER, ref, { nombre: 'datos.csv', tamano: total, tipo: 'text/csv' })).body.id;
  });

  it('a part from anyone but the uploader, or that does not fit, is answered on its headers alone', async () => {
    const before = await counts();
    const cases: [Record<string, string>, number, RegExp][] = [
      [headers(), 401, /^Falta la identidad/],
      [headers(REQUESTER), 403, /^Solo quien inició esta subida/],
      [headers('megan.bowen'), 403, /^Solo quien inició esta subida/], // the UGDT does not deliver for the unit
      [headers(OWNER, { 'content-type': 'text/csv' }), 415, /application\/octet-stream/],
      [headers(OWNER, { 'content-range': `bytes 0-${MiB - 1}/${total + 1}` }), 400, /no es el tamaño declarado/],
      [headers(OWNER, { 'content-range': 'bytes=0-10' }), 400, /^Indique qué parte del archivo envía/],
      [headers(OWNER, { 'content-range': `bytes ${MiB}-${2 * MiB - 1}/${total}` }), 409, /^Se esperaba la parte/],
      [headers(OWNER, { 'content-length': '10' }), 400, /no coincide con la parte/],
    ];
    for (const [h, status, message] of cases) {
      const r = await headersOnly(path(), h);
      expect({ h, status: r.status }).toEqual({ h, status });
      expect((r.body as { error: { message: string } }).error.message).toMatch(message);
    }
    // Over 8 MiB in one part: refused on its range.
    const big = await svc.as(OWNER).post(`/api/v1/solicitudes/${ref}/archivos`, {
      nombre: 'grande.csv',
      tamano: 20 * MiB,
      tipo: 'text/csv',
    });
    const tooBig = await headersOnly(`/api/v1/archivos/${big.body.id}`, {
      ...headers(OWNER),
      'content-length': String(9 * MiB),
      'content-range': `bytes 0-${9 * MiB - 1}/${20 * MiB}`,
    });
    expect([tooBig.status, (tooBig.body as { error: { message: string } }).error.message]).toEqual([
      413,
      'Cada parte puede tener hasta 8 MiB (8.388.608 bytes); esta tiene 9.437.184.',
    ]);
    expect(await counts()).toEqual({ ...before, uploads: before.uploads + 1 });
    expect(tempFiles()).toEqual([]);
  });

  it('a wrong persona that sends the body anyway writes nothing', async () => {
    const before = await counts();
    const r = await putPart(REQUESTER, id, randomBytes(MiB), 0, total);
    expect(r.status).toBe(403);
    expect(await counts()).toEqual(before);
    expect(tempFiles()).toEqual([]);
    expect((await svc.as(OWNER).get(path())).body).toMatchObject({ recibido: 0, estado: 'subiendo' });
    expect((await svc.as(REQUESTER).get(path())).status).toBe(403);
    const denied = await svc.db.query<{ actor_id: string; command: string }>(
      `SELECT actor_id, command FROM denied_attempts WHERE command = 'subir_archivo' ORDER BY id`,
    );
    expect(denied.rows.some((d) => d.actor_id === REQUESTER)).toBe(true);
    // An unknown upload is 404, to anyone.
    expect((await svc.as(OWNER).get('/api/v1/archivos/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await svc.as(OWNER).get('/api/v1/archivos/no-es-un-id')).status).toBe(404);
  });

  it('a declaration by someone who may not deliver: 403, or 404 when they cannot see the request', async () => {
    const before = await counts();
    const body = { nombre: 'x.csv', tamano: 10, tipo: 'text/csv' };
    const requester = await declare(REQUESTER, ref, body);
    expect([requester.status, requester.body.error.message]).toEqual([
      403,
      `No le corresponde entregar datos en ${ref}.`,
    ]);
    expect((await declare('henrietta.mueller', ref, body)).status).toBe(403); // Control reads, does not deliver
    const stranger = await declare('johanna.lorenz', ref, body); // DAEM: does not see a DIDECO request
    expect([stranger.status, stranger.body.error.message]).toEqual([404, `No existe la solicitud ${ref}.`]);
    expect((await declare(OWNER, 'SOL-2026-9999', body)).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('empty, over the limit, a type the classification does not allow, a bad name: 422 in Spanish', async () => {
    const sensitive = await newRequest({
      dataset: { ...solicitudBody().dataset, classification: { access: 'uso_interno', privacy: 'sensible' } },
    });
    const before = await counts();
    const cases: [string, unknown, string, string][] = [
      [
        ref,
        { nombre: 'vacío.csv', tamano: 0, tipo: 'text/csv' },
        'tamano',
        '«vacío.csv» está vacío: no hay datos que entregar.',
      ],
      [
        ref,
        { nombre: 'enorme.csv', tamano: 300 * MiB, tipo: 'text/csv' },
        'tamano',
        '«enorme.csv» pesa 300 MB; el máximo es 250 MB. Divídalo o entréguelo por un enlace al sistema municipal.',
      ],
      [
        sensitive,
        { nombre: 'fichas.zip', tamano: 1000, tipo: 'application/zip' },
        'tipo',
        expect.stringMatching(
          /^Los datos sensibles no se entregan como «application\/zip»\. Tipos permitidos: text\/csv/,
        ),
      ],
      [
        ref,
        { nombre: 'programa.exe', tamano: 1000, tipo: 'application/x-msdownload' },
        'tipo',
        expect.stringMatching(/^Los datos de esta solicitud no se entregan como «application\/x-msdownload»/),
      ],
      [
        ref,
        { nombre: '../../etc/passwd', tamano: 1000, tipo: 'text/plain' },
        'nombre',
        'El nombre del archivo no puede tener barras (/ \\) ni caracteres de control; cámbielo y vuelva a subirlo.',
      ],
      [ref, { nombre: 'a\u0000b.csv', tamano: 10, tipo: 'text/csv' }, '(cuerpo)', expect.any(String)],
      [
        ref,
        { nombre: 'ok.csv', tamano: 'mucho', tipo: 'text/csv' },
        'tamano',
        'El tamaño debe ser un número de bytes.',
      ],
    ];
    for (const [r, body, field, message] of cases) {
      const res = await declare(OWNER, r, body);
      // NUL in JSON is refused by the API's body guard (400) before the route.
      const status = field === '(cuerpo)' ? 400 : 422;
      expect({ body, status: res.status }).toEqual({ body, status });
      if (status === 422) {
        expect(res.body.error.message).toEqual(message);
        expect(res.body.error.fields[field]).toEqual(message);
      }
    }
    expect(await counts()).toEqual(before);
  });
});

describe('entregar with archivos', () => {
  it('resolves each upload to its record: entregada, with the files and their hashes in the audit event', async () => {
    const ref = await newRequest();
    const a = randomBytes(MiB + 5);
    const b = Buffer.from('sector;hogares\nNorte;120\nSur;98\n');
    const idA = await upload(ref, 'Hogares 2025.csv', a);
    const idB = await upload(ref, 'Resumen.json', b, 'application/json');
    const before = await counts();
    const r = await svc.as(OWNER).post(`/api/v1/solicitudes/${ref}/comandos`, {
      type: 'entregar',
      note: 'Se entregan los datos por sector.',
      archivos: [idA, idB],
    });
    expect(r.status).toBe(200);
    expect(r.body.item.state).toBe('entregada');
    const files = [
      { id: idA, name: 'Hogares 2025.csv', size: a.length, mediaType: 'text/csv', sha256: sha(a) },
      { id: idB, name: 'Resumen.json', size: b.length, mediaType: 'application/json', sha256: sha(b) },
    ];
    expect(r.body.item.delivery.files).toEqual(files);
    const event = await svc.db.query<{ command: string; to_state: string; payload: Record<string, unknown> }>(
      `SELECT e.command, e.to_state, e.payload FROM audit_events e JOIN items i ON i.id = e.item_id
        WHERE i.reference = $1 ORDER BY e.seq DESC LIMIT 1`,
      [ref],
    );
    expect(event.rows[0]).toMatchObject({ command: 'entregar', to_state: 'entregada' });
    expect(event.rows[0]!.payload.files).toEqual(files);
    expect((await counts()).audit).toBe(before.audit + 1);
    // Both uploads are delivered, bound to that event; the requester's access to each is recorded with its expiry.
    for (const id of [idA, idB])
      expect((await svc.as(OWNER).get(`/api/v1/archivos/${id}`)).body.estado).toBe('entregado');
    const grants = await svc.files.files.grantsOf(r.body.item.id);
    expect(grants.map((g) => [g.personId, g.status, g.role])).toEqual([
      [REQUESTER, 'vigente', 'download'],
      [REQUESTER, 'vigente', 'download'],
    ]);
    // Personal data: 60 días corridos, to the end of that day in Chile (2026-11-14 23:59:59.999 -03:00).
    expect(grants[0]!.expiresAt.toISOString()).toBe('2026-11-15T02:59:59.999Z');
  });

  it('refuses files sent by the client, uploads not finished, of another request or already delivered', async () => {
    const ref = await newRequest();
    const other = await newRequest();
    const bytes = randomBytes(1000);
    const done = await upload(ref, 'ok.csv', bytes);
    const elsewhere = await upload(other, 'otra.csv', bytes);
    const half = (await declare(OWNER, ref, { nombre: 'mitad.csv', tamano: 2000, tipo: 'text/csv' })).body.id;
    await putPart(OWNER, half, bytes, 0, 2000);
    const before = await counts();
    const send = (body: Record<string, unknown>) =>
      svc.as(OWNER).post(`/api/v1/solicitudes/${ref}/comandos`, { type: 'entregar', note: 'Datos', ...body });
    const forged = await send({
      files: [{ id: done, name: 'ok.csv', size: 1000, mediaType: 'text/csv', sha256: '0'.repeat(64) }],
    });
    expect([forged.status, forged.body.error.fields]).toEqual([400, { files: 'use archivos (ids de las subidas)' }]);
    const unfinished = await send({ archivos: [done, half] });
    expect([unfinished.status, unfinished.body.error.message]).toEqual([
      409,
      '«mitad.csv» aún no termina de subirse (1.000 de 2.000 bytes); termine de subirlo o quítelo de la entrega.',
    ]);
    const foreign = await send({ archivos: [elsewhere] });
    expect([foreign.status, foreign.body.error.fields]).toEqual([
      400,
      { archivos: 'no es una subida de esta solicitud' },
    ]);
    expect((await send({ archivos: [] })).body.error.fields).toEqual({ archivos: 'indique al menos un archivo' });
    expect((await send({ archivos: [done, done] })).body.error.fields).toEqual({
      archivos: 'el mismo archivo figura dos veces',
    });
    // The requester may not deliver, with files or without.
    const byRequester = await svc.as(REQUESTER).post(`/api/v1/solicitudes/${ref}/comandos`, {
      type: 'entregar',
      note: 'Entrega de datos',
      archivos: [done],
    });
    expect(byRequester.status).toBe(403);
    expect(await counts()).toEqual(before);
    // Delivered once; the same upload cannot be delivered again (after an observation, say).
    expect((await send({ archivos: [done] })).status).toBe(200);
    await svc
      .as(REQUESTER)
      .post(`/api/v1/solicitudes/${ref}/comandos`, { type: 'observar', reason: 'Falta el sector Oriente' });
    const again = await send({ archivos: [done] });
    expect([again.status, again.body.error.message]).toEqual([409, '«ok.csv» ya fue entregado.']);
    // Once entregada, nothing more is uploaded for it (the owner may not deliver now).
    const closed = await newRequest();
    const id = await upload(closed, 'x.csv', bytes);
    await svc
      .as(OWNER)
      .post(`/api/v1/solicitudes/${closed}/comandos`, { type: 'entregar', note: 'Entrega de datos', archivos: [id] });
    const late = await declare(OWNER, closed, { nombre: 'y.csv', tamano: 10, tipo: 'text/csv' });
    expect([late.status, late.body.error.message]).toEqual([
      403,
      `La solicitud ${closed} está en estado «Entregada»: no recibe archivos de entrega.`,
    ]);
  });
});
