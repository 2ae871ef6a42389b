// Issue 11, documents follow the read policy (protocol/read-policy.ts mayOpenDocuments): a reader who sees a
// sensitive convenio's detail with [Reservado…] gets no file of it (403, saying it holds reserved data) on every
// path, and is never shown an address that would open it. Readers entitled to the sensitive fields, and every
// reader of a convenio that is not sensitive, get the files.
import { currentDraft, RESERVED, type Convenio } from '../../protocol';
import { documentPath } from '../../bot/src/documents/document-handler';
import { convenioWithDraft } from '../support/convenio-flow';
import { startTestService, type TestService } from '../support/service';

jest.setTimeout(120_000);

let svc: TestService;
let S: { ref: string; item: Convenio }; // sensitive
let N: { ref: string; item: Convenio }; // not sensitive

beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z');
  const settle = async () => void (await svc.runJobs());
  S = await convenioWithDraft(svc, {
    settle,
    entityName: 'Servicio de Salud Viña del Mar-Quillota',
    contactPersonId: 'diego.siciliani',
    sensitive: true,
  });
  N = await convenioWithDraft(svc, { settle, contactPersonId: 'diego.siciliani' });
});
afterAll(() => svc.close());

/** Every way to a convenio's file: the API download, the library's versions, the local folder (both addresses). */
function filePaths(c: { ref: string; item: Convenio }): Record<string, string> {
  const p = documentPath(c.item, 'borrador');
  return {
    archivo: `/api/v1/convenios/${c.ref}/documentos/borrador/1/archivo`,
    versiones: `/api/v1/convenios/${c.ref}/documentos/borrador/versiones`,
    carpeta: `/documentos/${c.ref}/borrador/1`,
    'carpeta (dirección antigua)': `/documentos/${[...p.folder.split('/'), p.fileName].map(encodeURIComponent).join('/')}`,
  };
}

const ENTITLED = [
  ['adele.vance', 'SECPLAN'],
  ['megan.bowen', 'UGDT'],
  ['diego.siciliani', 'contraparte técnica municipal (parte)'],
  ['nestor.wilke', 'Alcalde, firmante (parte)'],
] as const;

describe('who opens a convenio’s files', () => {
  it('on a sensitive convenio: the UGDT, SECPLAN and the parties do; Control gets 403 saying why', async () => {
    for (const [persona] of ENTITLED)
      for (const [via, path] of Object.entries(filePaths(S))) {
        const r = await svc.as(persona).get(path);
        expect({ persona, via, status: r.status }).toEqual({ persona, via, status: 200 });
      }
    for (const [via, path] of Object.entries(filePaths(S))) {
      const control = await svc.as('henrietta.mueller').get(path);
      expect({ via, status: control.status }).toEqual({ via, status: 403 });
      expect(control.body.error.message).toMatch(/^El documento contiene datos reservados del convenio/);
      const outsider = await svc.as('alex.wilber').get(path);
      expect({ via, status: outsider.status }).toEqual({ via, status: 403 });
      expect(outsider.body.error.message).toMatch(/^No tiene acceso a este (registro|documento)\.$/);
    }
  });

  it('on a convenio that is not sensitive: every reader does, Control included; an uninvolved official does not', async () => {
    for (const persona of [...ENTITLED.map(([p]) => p), 'henrietta.mueller'])
      for (const [via, path] of Object.entries(filePaths(N))) {
        const r = await svc.as(persona).get(path);
        expect({ persona, via, status: r.status }).toEqual({ persona, via, status: 200 });
      }
    for (const [via, path] of Object.entries(filePaths(N)))
      expect({ via, status: (await svc.as('alex.wilber').get(path)).status }).toEqual({ via, status: 403 });
  });

  it('Control sees the sensitive convenio’s documents by version and hash, never an address that opens them', async () => {
    const control = svc.as('henrietta.mueller');
    const detail = await control.get(`/api/v1/convenios/${S.ref}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain(RESERVED);
    const list = await control.get(`/api/v1/convenios/${S.ref}/documentos`);
    expect(list.body.documents.map((d: { version: number; url: unknown }) => [d.version, d.url])).toEqual([[1, null]]);
    const views = await control.get(`/api/v1/convenios/${S.ref}/vistas`);
    for (const text of [detail.text, list.text, views.text]) {
      expect(text).not.toContain('enlace=');
      expect(text).not.toContain(`/documentos/${S.ref}`);
    }
    // The entitled see the address, with its link.
    const adele = await svc.as('adele.vance').get(`/api/v1/convenios/${S.ref}/documentos`);
    expect(adele.body.documents[0].url).toContain(`/documentos/${S.ref}/borrador/1?enlace=`);
  });

  it('a link keeps its meaning for a browser without identity; an identified reader is held to the policy', async () => {
    const url = new URL(currentDraft(S.item)!.url!);
    const link = `${url.pathname}${url.search}`;
    expect((await fetch(`${svc.url}${link}`)).status).toBe(200);
    const control = await svc.as('henrietta.mueller').get(link);
    expect(control.status).toBe(403);
    expect(control.body.error.message).toMatch(/datos reservados/);
  });
});
