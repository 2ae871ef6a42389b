// Issue 15 with a tenant: delivered files through the service to the Graph fake (HTTPS, every request checked
// against the Graph OpenAPI subset). The file lands in the restricted deliveries library in the request's folder,
// the requester gets a specific-people permission with an expiry, downloads go through the app (recorded, hash
// checked while read), and at the expiry the jobs remove the permission from SharePoint.
import { createHash, randomBytes } from 'node:crypto';
import type { GraphFake } from '../support/graph-fake';
import { DELIVERIES_LIBRARY } from '../support/graph-fake/drive';
import { graphConfig, startTenantFake } from '../support/graph-service';
import { solicitudBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';

jest.setTimeout(180_000);

const OWNER = 'lynne.robbins';
const REQUESTER = 'alex.wilber';
const UGDT = 'megan.bowen';
const PART = 8 * 1024 * 1024;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const START = new Date();
const DAY = 86_400_000;
let fake: GraphFake;
let svc: TestService;

beforeAll(async () => {
  fake = await startTenantFake();
  // Graph refuses a permission whose expiry is not in the future, by its own clock (the fake's is the real one): the
  // service starts today, not on the suite's usual test date.
  svc = await startTestService(START.toISOString(), { config: (base) => graphConfig(fake, base) });
});
afterAll(async () => {
  await svc?.close();
  await fake?.close();
});

async function upload(ref: string, name: string, bytes: Buffer, persona = OWNER) {
  const declared = await svc.as(persona).post(`/api/v1/solicitudes/${ref}/archivos`, {
    nombre: name,
    tamano: bytes.length,
    tipo: 'text/csv',
  });
  if (declared.status !== 201) return { declared };
  let last: { status: number; body: { sha256?: string; recibido?: number } } | undefined;
  for (let start = 0; start < bytes.length; start += PART) {
    const end = Math.min(start + PART, bytes.length) - 1;
    last = await svc.as(persona).raw(`/api/v1/archivos/${declared.body.id}`, {
      method: 'PUT',
      body: new Uint8Array(bytes.subarray(start, end + 1)),
      headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${end}/${bytes.length}` },
    });
  }
  return { declared, last: last!, id: declared.body.id as string };
}

it('a delivered file goes to the request’s folder in the deliveries library, is shared only with the requester until its expiry, and that permission is removed at the expiry', async () => {
  const created = await svc.as(REQUESTER).post('/api/v1/solicitudes', solicitudBody());
  expect(created.status).toBe(201);
  const ref = created.body.item.reference as string;
  const bytes = randomBytes(PART + 123_457); // two parts
  const up = await upload(ref, 'Hogares por sector.csv', bytes);
  expect(up.last).toMatchObject({ status: 200, body: { sha256: sha(bytes) } });

  // Stored in SharePoint: the deliveries' own library, one folder per request, the same bytes.
  const stored = fake.state.file(`Entregas/2026/${ref}/Hogares por sector.csv`, DELIVERIES_LIBRARY);
  expect(stored).toBeDefined();
  expect(fake.state.file(`Entregas/2026/${ref}/Hogares por sector.csv`)).toBeUndefined(); // not the convenios' library

  const delivered = await svc.as(OWNER).post(`/api/v1/solicitudes/${ref}/comandos`, {
    type: 'entregar',
    note: 'Planilla por sector, corte 2025.',
    archivos: [up.id],
  });
  expect(delivered.status).toBe(200);
  await svc.runJobs();
  // The requester, by name, signed in, no invitation mail, with an expiry (no_personal: 90 días corridos).
  const invites = fake.state.permissionEvents.filter((e) => e.action === 'invite');
  expect(invites).toHaveLength(1);
  expect(invites[0]).toMatchObject({
    roles: ['read'],
    requireSignIn: true,
    sendInvitation: false,
  });
  expect(invites[0]!.email).toBe('alex.wilber@quillota.cl');
  // Personal data: 60 días corridos (settings.files.shareDays), to the end of that local day.
  const expiry = Date.parse(invites[0]!.expirationDateTime!);
  expect(expiry - START.getTime()).toBeGreaterThan(60 * DAY - DAY);
  expect(expiry - START.getTime()).toBeLessThan(60 * DAY + 2 * DAY);

  // The requester downloads through the app: the same bytes and hash, read from SharePoint.
  const res = await fetch(`${svc.url}/api/v1/solicitudes/${ref}/archivos/${up.id}/contenido`, {
    headers: { 'x-persona': REQUESTER },
  });
  const got = Buffer.from(await res.arrayBuffer());
  expect([res.status, got.length, sha(got), res.headers.get('x-sha256')]).toEqual([
    200,
    bytes.length,
    sha(bytes),
    sha(bytes),
  ]);
  const timeline = (await svc.as(UGDT).get(`/api/v1/solicitudes/${ref}`)).body.timeline as { command: string }[];
  expect(timeline.map((e) => e.command)).toContain('descargar_archivo');

  // A persona the policy does not allow is refused before anything is read from SharePoint.
  const downloadsBefore = fake.state.downloads.length;
  const refused = await fetch(`${svc.url}/api/v1/solicitudes/${ref}/archivos/${up.id}/contenido`, {
    headers: { 'x-persona': OWNER },
  });
  expect(refused.status).toBe(403);
  expect(fake.state.downloads).toHaveLength(downloadsBefore);

  // At the expiry the jobs remove the permission from SharePoint and record it.
  svc.clock.set(new Date(START.getTime() + 62 * DAY).toISOString());
  await svc.runJobs();
  const deletes = fake.state.permissionEvents.filter((e) => e.action === 'delete');
  expect(deletes.map((d) => d.permissionId)).toEqual([invites[0]!.permissionId]);
  const after = (await svc.as(UGDT).get(`/api/v1/solicitudes/${ref}`)).body.timeline as { command: string }[];
  expect(after.map((e) => e.command)).toContain('vencer_acceso_archivo');
  expect(fake.violations).toEqual([]);
  expect(fake.state.responseProblems).toEqual([]);
});
