// Issue 15, delivered files after the delivery: only the requester (until the share expiry), the UGDT and Control
// where the read policy allows open them; every download is recorded and shown on the timeline to the UGDT, the owner
// unit and the downloader; the bytes are checked against the recorded hash while they are read; and when the
// requester's access expires the jobs remove the recorded permission and record it, also after a restart.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileGrant, FileStore, FileToStore } from '../../bot/src/m365/file-store';
import { LocalFileStore } from '../../bot/src/m365/local/local-file-store';
import { solicitudBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

jest.setTimeout(180_000);

const OWNER = 'lynne.robbins';
const REQUESTER = 'alex.wilber';
const UGDT = 'megan.bowen';
const CONTROL = 'henrietta.mueller';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Delivered {
  ref: string;
  id: string;
  bytes: Buffer;
}

/** A request of `privacy` delivered by the owner with one file of `bytes`. */
async function delivered(svc: TestService, privacy: string, bytes: Buffer, name = 'Hogares por sector.csv') {
  const body = solicitudBody({
    dataset: { ...solicitudBody().dataset, classification: { access: 'uso_interno', privacy } },
  });
  const created = await svc.as(REQUESTER).post('/api/v1/solicitudes', body);
  expect(created.status).toBe(201);
  const ref = created.body.item.reference as string;
  const d = await svc.as(OWNER).post(`/api/v1/solicitudes/${ref}/archivos`, {
    nombre: name,
    tamano: bytes.length,
    tipo: 'text/csv',
  });
  expect(d.status).toBe(201);
  const part = await svc.as(OWNER).raw(`/api/v1/archivos/${d.body.id}`, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: {
      'content-type': 'application/octet-stream',
      'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}`,
    },
  });
  expect([part.status, part.body.sha256]).toEqual([200, sha(bytes)]);
  const r = await svc.as(OWNER).post(`/api/v1/solicitudes/${ref}/comandos`, {
    type: 'entregar',
    note: 'Se entregan los datos pedidos.',
    archivos: [d.body.id],
  });
  expect(r.status).toBe(200);
  return { ref, id: d.body.id as string, bytes };
}

const contentPath = (f: Delivered) => `/api/v1/solicitudes/${f.ref}/archivos/${f.id}/contenido`;

async function download(svc: TestService, persona: string, f: Delivered) {
  const res = await fetch(`${svc.url}${contentPath(f)}`, { headers: { 'x-persona': persona } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    bytes,
    headers: res.headers,
    json: res.status === 200 ? undefined : JSON.parse(bytes.toString()),
  };
}

const downloadsOnTimeline = async (svc: TestService, persona: string, ref: string) =>
  (
    (await svc.as(persona).get(`/api/v1/solicitudes/${ref}`)).body.timeline as {
      command: string;
      actor: { personId: string };
      seq: number;
    }[]
  )
    .filter((e) => e.command === 'descargar_archivo')
    .map((e) => e.actor.personId);

describe('who opens a delivered file, and the record of it', () => {
  let svc: TestService;
  let personal: Delivered;
  let sensitive: Delivered;

  beforeAll(async () => {
    svc = await startTestService('2026-09-15T13:00:00Z');
    personal = await delivered(svc, 'personal', randomBytes(3 * 1024 * 1024 + 11));
    sensitive = await delivered(
      svc,
      'sensible',
      Buffer.from('rut;diagnóstico\n11.111.111-1;reservado\n'),
      'Fichas clínicas.csv',
    );
  });
  afterAll(() => svc.close());

  it('the requester downloads it: the same bytes, the recorded hash, as an attachment', async () => {
    const r = await download(svc, REQUESTER, personal);
    expect(r.status).toBe(200);
    expect(r.bytes.equals(personal.bytes)).toBe(true);
    expect(sha(r.bytes)).toBe(sha(personal.bytes));
    expect(r.headers.get('x-sha256')).toBe(sha(personal.bytes));
    expect(r.headers.get('content-type')).toBe('text/csv');
    expect(r.headers.get('content-length')).toBe(String(personal.bytes.length));
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="Hogares por sector.csv"; filename*=UTF-8''Hogares%20por%20sector.csv`,
    );
    const events = await svc.db.query<{ kind: string; actor_id: string; file_name: string; sha256: string }>(
      `SELECT kind, actor_id, file_name, sha256 FROM file_events WHERE upload_id = $1`,
      [personal.id],
    );
    expect(events.rows).toEqual([
      { kind: 'descarga', actor_id: REQUESTER, file_name: 'Hogares por sector.csv', sha256: sha(personal.bytes) },
    ]);
  });

  it('the UGDT, and Control where the read policy allows, open it too; the owner unit and others do not', async () => {
    expect((await download(svc, UGDT, personal)).status).toBe(200);
    expect((await download(svc, CONTROL, personal)).status).toBe(200);
    expect((await download(svc, UGDT, sensitive)).bytes.equals(sensitive.bytes)).toBe(true);
    expect((await download(svc, REQUESTER, sensitive)).status).toBe(200);
    const refused: [string, Delivered][] = [
      [OWNER, personal], // the owner unit holds the data at its source
      [OWNER, sensitive],
      [CONTROL, sensitive], // Control is not entitled to sensitive fields
      ['grady.archie', personal], // the requester's unit head: reads the request, does not open the file
    ];
    for (const [persona, f] of refused) {
      const r = await download(svc, persona, f);
      expect({ persona, ref: f.ref, status: r.status }).toEqual({ persona, ref: f.ref, status: 403 });
      expect(r.json.error.message).toMatch(/^Los archivos entregados solo los abren/);
    }
    expect((await download(svc, 'johanna.lorenz', personal)).status).toBe(403); // does not see the request
    const unknown = { ...personal, id: '00000000-0000-4000-8000-000000000000' };
    expect((await download(svc, REQUESTER, unknown)).status).toBe(404);
    const denied = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM denied_attempts WHERE command = 'descargar_archivo'`,
    );
    expect(denied.rows[0]!.n).toBe(4);
  });

  it('downloads are on the timeline of the UGDT and the owner unit; the others see only their own', async () => {
    expect(await downloadsOnTimeline(svc, UGDT, personal.ref)).toEqual([REQUESTER, UGDT, CONTROL]);
    expect(await downloadsOnTimeline(svc, OWNER, personal.ref)).toEqual([REQUESTER, UGDT, CONTROL]);
    expect(await downloadsOnTimeline(svc, REQUESTER, personal.ref)).toEqual([REQUESTER]);
    expect(await downloadsOnTimeline(svc, CONTROL, personal.ref)).toEqual([CONTROL]);
    // Control does not see who opened a sensitive delivery: not even that files were delivered.
    expect(await downloadsOnTimeline(svc, CONTROL, sensitive.ref)).toEqual([]);
    const timeline = (await svc.as(UGDT).get(`/api/v1/solicitudes/${personal.ref}`)).body.timeline;
    const entry = timeline.find((e: { command: string }) => e.command === 'descargar_archivo');
    expect(entry).toMatchObject({
      actor: { personId: REQUESTER, name: 'Alex Wilber' },
      from: 'entregada',
      to: 'entregada',
      payload: { fileId: personal.id, fileName: 'Hogares por sector.csv', sha256: sha(personal.bytes) },
    });
    expect(entry.seq).toBeLessThan(0);
    // In time order among the audit events, each entry once.
    const seqs = timeline.map((e: { seq: number }) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    const times = timeline.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it("the detail lists the delivery's files, with a download address only for who may open them", async () => {
    const file = {
      id: personal.id,
      nombre: 'Hogares por sector.csv',
      tamano: personal.bytes.length,
      tipo: 'text/csv',
      sha256: sha(personal.bytes),
    };
    const detail = async (p: string, f: Delivered) => (await svc.as(p).get(`/api/v1/solicitudes/${f.ref}`)).body;
    expect((await detail(REQUESTER, personal)).archivos).toEqual([{ ...file, descargar: contentPath(personal) }]);
    expect((await detail(UGDT, personal)).archivos).toEqual([{ ...file, descargar: contentPath(personal) }]);
    expect((await detail(OWNER, personal)).archivos).toEqual([file]);
    const control = await detail(CONTROL, sensitive);
    expect(control.archivos).toEqual([]);
    expect(control.hidden).toContain('delivery.files');
    expect(JSON.stringify(control)).not.toContain('Fichas clínicas');
  });

  it('the bytes are checked while they are read: a file changed on disk never reaches the reader whole', async () => {
    const f = await delivered(svc, 'personal', randomBytes(256 * 1024), 'Alterado.csv');
    const row = await svc.files.files.getUpload(f.id);
    const tampered = Buffer.from(f.bytes);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 0xff;
    writeFileSync(join(svc.m365.localDocuments!.root, row!.storeRef!), tampered);
    const res = await fetch(`${svc.url}${contentPath(f)}`, { headers: { 'x-persona': REQUESTER } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-sha256')).toBe(sha(f.bytes));
    // The answer breaks off before its last bytes: the client sees an incomplete body, never the altered file.
    let got: Buffer | undefined;
    await expect(
      res.arrayBuffer().then((b) => {
        got = Buffer.from(b);
      }),
    ).rejects.toThrow();
    expect(got).toBeUndefined();
  });

  it('the requester is refused after the share expiry; the UGDT is not', async () => {
    // Personal data: 60 días corridos from the delivery (15-09-2026), to the end of 14-11-2026 in Chile.
    svc.clock.set('2026-11-15T02:59:00Z');
    expect((await download(svc, REQUESTER, personal)).status).toBe(200);
    // The requester is told the date before it passes; nobody else gets it.
    const detail = async (who: string) => (await svc.as(who).get(`/api/v1/solicitudes/${personal.ref}`)).body;
    expect((await detail(REQUESTER)).accesoArchivos).toEqual({ hasta: '2026-11-15T02:59:59.999Z', vigente: true });
    expect((await detail(UGDT)).accesoArchivos).toBeUndefined();
    expect((await detail(OWNER)).accesoArchivos).toBeUndefined();
    svc.clock.set('2026-11-15T03:00:00Z');
    const late = await download(svc, REQUESTER, personal);
    expect([late.status, late.json.error.message]).toEqual([
      403,
      'Su acceso a «Hogares por sector.csv» terminó el 14-11-2026, 60 días corridos después de la entrega. Si aún necesita los datos, pídalos de nuevo o consulte a la UGDT.',
    ]);
    expect(
      (await svc.as(REQUESTER).get(`/api/v1/solicitudes/${personal.ref}`)).body.archivos[0].descargar,
    ).toBeUndefined();
    expect((await detail(REQUESTER)).accesoArchivos).toEqual({ hasta: '2026-11-15T02:59:59.999Z', vigente: false });
    expect((await download(svc, UGDT, personal)).status).toBe(200);
    // Sensitive data: 30 días corridos, already past.
    expect((await download(svc, REQUESTER, sensitive)).status).toBe(403);
  });
});

/**
 * A store that stands in for SharePoint's permissions: it keeps the bytes in a local folder and answers each grant
 * with a permission id, recording grants and removals. A fresh instance after a restart knows nothing of the first.
 */
class PermissionStore implements FileStore {
  readonly kind = 'sharepoint' as const;
  grants: (FileGrant & { ref: string; id: string })[] = [];
  revoked: { ref: string; permissionId: string }[] = [];
  failRevokes = 0;
  constructor(
    private readonly inner: LocalFileStore,
    private readonly prefix: string,
  ) {}
  put(f: FileToStore) {
    return this.inner.put(f);
  }
  open(ref: string): Promise<Readable> {
    return this.inner.open(ref);
  }
  async grant(ref: string, g: FileGrant) {
    const id = `${this.prefix}-${this.grants.length + 1}`;
    this.grants.push({ ...g, ref, id });
    return id;
  }
  async revoke(ref: string, permissionId: string) {
    if (this.failRevokes-- > 0) throw new Error('SharePoint no responde (503)');
    this.revoked.push({ ref, permissionId });
  }
}

describe('the expiry job, after a restart', () => {
  let database: TestDatabase;
  let documents: string;
  let svc: TestService | undefined;

  beforeAll(async () => {
    documents = mkdtempSync(join(tmpdir(), 'entregas-reinicio-'));
    database =
      TEST_ENGINE === 'postgres'
        ? await createTestDatabase()
        : await createTestDatabase('pglite', { pgliteDir: mkdtempSync(join(tmpdir(), 'entregas-pglite-')) });
  });
  afterAll(async () => {
    await svc?.close();
    await database.drop();
    rmSync(documents, { recursive: true, force: true });
  });

  const start = (at: string, store: PermissionStore) =>
    startTestService(at, {
      database,
      config: (base) => ({ m365: { ...base.m365, documentsDir: documents } }),
      service: { files: store },
    });

  it('grants at delivery, then removes the recorded permission at expiry and records it, from the database', async () => {
    const first = new PermissionStore(new LocalFileStore(documents), 'permiso-antes');
    svc = await start('2026-09-15T13:00:00Z', first);
    const f = await delivered(svc, 'sensible', Buffer.from('rut;dato\n1-9;x\n'), 'Sensibles.csv');
    // The requester's access is given in the store with the delivery: view-only for sensitive data, 30 days.
    expect(first.grants).toEqual([
      {
        ref: expect.stringMatching(/^Entregas\/2026\/SOL-2026-\d+\//),
        id: 'permiso-antes-1',
        email: 'alex.wilber@quillota.cl',
        role: 'view',
        expiresAt: '2026-10-16T02:59:59.999Z',
      },
    ]);
    expect((await download(svc, REQUESTER, f)).status).toBe(200);
    // Nothing is due yet.
    expect((await svc.runJobs()).filesExpired).toBe(0);
    await svc.close();
    svc = undefined;

    // A new process, a month later: it knows nothing but the database (and the folder).
    const second = new PermissionStore(new LocalFileStore(documents), 'permiso-despues');
    second.failRevokes = 1;
    svc = await start('2026-10-20T12:00:00Z', second);
    expect((await download(svc, REQUESTER, f)).status).toBe(403);
    // SharePoint fails once: the grant stays due, with the error, and is tried again after the backoff.
    expect((await svc.runJobs()).filesExpired).toBe(0);
    const [pending] = await svc.files.files.grantsOf((await svc.repo.findByReference(f.ref))!.id);
    expect(pending).toMatchObject({ status: 'vigente', permissionId: 'permiso-antes-1', attempts: 1 });
    svc.clock.advance(10_000);
    expect((await svc.runJobs()).filesExpired).toBe(1);
    expect(second.revoked).toEqual([{ ref: first.grants[0]!.ref, permissionId: 'permiso-antes-1' }]);
    expect((await svc.runJobs()).filesExpired).toBe(0);
    expect(second.grants).toEqual([]);
    const [ended] = await svc.files.files.grantsOf((await svc.repo.findByReference(f.ref))!.id);
    expect(ended!.status).toBe('vencido');
    // On the timeline of the UGDT, the owner unit and the requester; the UGDT still opens the file.
    for (const persona of [UGDT, OWNER, REQUESTER]) {
      const timeline = (await svc.as(persona).get(`/api/v1/solicitudes/${f.ref}`)).body.timeline;
      expect(timeline.filter((e: { command: string }) => e.command === 'vencer_acceso_archivo')).toEqual([
        expect.objectContaining({
          actor: { personId: 'sistema', name: 'Sistema' },
          payload: expect.objectContaining({
            fileName: 'Sensibles.csv',
            permissionRemoved: true,
            note: 'Venció el acceso de Alex Wilber a este archivo; se retiró su permiso en SharePoint.',
          }),
        }),
      ]);
    }
    expect((await download(svc, UGDT, f)).status).toBe(200);
  });
});
