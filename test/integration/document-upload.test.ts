// Issue 11, uploads: who calls, whether they see the convenio, whether they may hand in that file now, and the size
// they declare are all settled before the service reads one byte of the body. A refused upload changes no row.
import { request, type IncomingMessage } from 'node:http';
import { type Convenio } from '../../protocol';
import { DOCX_TYPE } from '../../bot/src/documents/document-handler';
import { convenioWithDraft } from '../support/convenio-flow';
import { startTestService, type TestService } from '../support/service';

jest.setTimeout(120_000);

const LIMIT = 64 * 1024;
let svc: TestService;
let C: { ref: string; item: Convenio };

beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z', {
    config: (base) => ({ m365: { ...base.m365, maxDocumentBytes: LIMIT } }),
  });
  C = await convenioWithDraft(svc, { settle: async () => void (await svc.runJobs()) });
});
afterAll(() => svc.close());

/** What a refused upload must leave as it was. */
async function counts() {
  const one = async (sql: string) => (await svc.db.query<{ n: number }>(sql)).rows[0]!.n;
  return {
    blobs: await one('SELECT count(*)::int AS n FROM document_blobs'),
    versions: await one('SELECT coalesce(sum(version), 0)::int AS n FROM items'),
    audit: await one('SELECT count(*)::int AS n FROM audit_events'),
    outbox: await one('SELECT count(*)::int AS n FROM outbox'),
  };
}

interface Early {
  status: number;
  message: string;
  ms: number;
}

/**
 * Sends the headers of a large upload and no body at all, and waits for the answer: it must come without the body
 * (a service that read the body first would wait for ever; the test gives it 5 s).
 */
function headersOnly(path: string, headers: Record<string, string>): Promise<Early> {
  const url = new URL(svc.url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'POST', headers });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`sin respuesta en 5 s a ${path}: el servicio espera el cuerpo`));
    }, 5000);
    req.on('error', () => undefined);
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        let message: string;
        try {
          message = JSON.parse(Buffer.concat(chunks).toString()).error.message;
        } catch {
          message = Buffer.concat(chunks).toString();
        }
        resolve({ status: res.statusCode!, message, ms: Date.now() - started });
      });
    });
    // The headers only: not one byte of the body is ever written.
    req.flushHeaders();
  });
}

/** A chunked body (no Content-Length) of `size` bytes written in 8 KiB pieces. */
function chunked(
  path: string,
  headers: Record<string, string>,
  size: number,
): Promise<{ status: number; text: string }> {
  const url = new URL(svc.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'POST', headers });
    req.on('error', () => undefined);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    const piece = Buffer.alloc(8192, 0x41);
    piece.set([0x50, 0x4b, 0x03, 0x04]);
    let written = 0;
    const pump = () => {
      while (written < size) {
        written += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

const docxHeaders = (persona?: string, length = 40 * 1024 * 1024) => ({
  'content-type': DOCX_TYPE,
  'content-length': String(length),
  ...(persona ? { 'x-persona': persona } : {}),
});
const path = (q = 'tipo=borrador&nombre=Borrador%20editado.docx') => `/api/v1/convenios/${C.ref}/documentos?${q}`;

describe('an upload is refused before its body is read', () => {
  it('401 without identity, 403 for readers without the step and for strangers, 409 in the wrong state', async () => {
    const before = await counts();
    const cases: [string | undefined, string, number, RegExp][] = [
      [undefined, path(), 401, /^Falta la identidad/],
      ['henrietta.mueller', path(), 403, /^No le corresponde «Registrar borrador»/], // Control reads, may not hand in
      ['lee.gu', path(), 403, /^No le corresponde «Registrar borrador»/], // the proposer (and UGDT)
      ['alex.wilber', path(), 403, /^No tiene acceso a este registro/], // does not see the convenio
      ['adele.vance', path('tipo=firmado_fea&nombre=x.pdf'), 409, /^«Subir PDF con FEA» no corresponde/],
      ['adele.vance', path('tipo=otro&nombre=x.pdf'), 400, /^Datos del archivo inválidos/],
      // Allowed, but a declared size over the limit is refused on its header.
      ['adele.vance', path(), 413, /^El archivo supera el máximo permitido \(64 KB\)\.$/],
    ];
    // A declared length over the limit, and one within it (a service reading the body first would wait for it).
    for (const [persona, p, status, message] of cases)
      for (const length of status === 413 ? [LIMIT + 1, 40 * 1024 * 1024] : [40 * 1024 * 1024, LIMIT / 2]) {
        const r = await headersOnly(p, docxHeaders(persona, length));
        expect({ persona, length, status: r.status }).toEqual({ persona, length, status });
        expect(r.message).toMatch(message);
        expect(r.ms).toBeLessThan(5000);
      }
    // The declared type is checked on the header too.
    const pdfAsDraft = await headersOnly(path(), {
      ...docxHeaders('adele.vance', 1000),
      'content-type': 'application/pdf',
    });
    expect([pdfAsDraft.status, pdfAsDraft.message]).toEqual([415, 'El archivo debe ser un documento Word (.docx).']);
    expect(await counts()).toEqual(before);
    // A refusal by role is kept for Control, as the API's and the cards' are (two tries each above).
    const denied = await svc.db.query<{ actor_id: string; command: string }>(
      `SELECT actor_id, command FROM denied_attempts WHERE command = 'registrar_borrador' ORDER BY id`,
    );
    expect(denied.rows.map((r) => r.actor_id)).toEqual(['henrietta.mueller', 'henrietta.mueller', 'lee.gu', 'lee.gu']);
  });

  it('a body larger than the limit without a declared length is cut at the limit: 413, nothing kept', async () => {
    const before = await counts();
    const r = await chunked(path(), { 'content-type': DOCX_TYPE, 'x-persona': 'adele.vance' }, 4 * LIMIT);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text).error.message).toBe('El archivo supera el máximo permitido (64 KB).');
    expect(await counts()).toEqual(before);
  });

  it('what the file is, once read: empty or not a Word document, changing nothing', async () => {
    const before = await counts();
    const send = (body: Uint8Array<ArrayBuffer>) =>
      svc.as('adele.vance').raw(path(), { method: 'POST', body, headers: { 'content-type': DOCX_TYPE } });
    const empty = await send(new Uint8Array(0));
    expect([empty.status, empty.body.error.message]).toEqual([400, 'El archivo está vacío.']);
    const notWord = await send(new TextEncoder().encode('hola'));
    expect([notWord.status, notWord.body.error.message]).toEqual([
      415,
      'El archivo debe ser un documento Word (.docx).',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('SECPLAN hands in an edited draft within the limit: kept with its command', async () => {
    const before = await counts();
    const r = await chunked(path(), { 'content-type': DOCX_TYPE, 'x-persona': 'adele.vance' }, LIMIT / 2);
    expect(r.status).toBe(201);
    const after = await counts();
    expect(after.blobs).toBe(before.blobs + 1);
    expect(after.audit).toBe(before.audit + 1);
    expect(after.versions).toBe(before.versions + 1);
  });
});
