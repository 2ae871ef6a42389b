// Local mode (no tenant): the convenio's documents go to the documents folder with versions and hashes, the mail
// copies to .eml files, and both are what people would get from SharePoint and Exchange.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { currentDraft, type Convenio } from '../../protocol';
import { verifyAuditChain } from '../../bot/src/store/audit-chain';
import { DRAFT_CLAUSES } from '../../bot/src/documents/convenio-docx';
import { documentPath } from '../../bot/src/documents/document-handler';
import { convenioWithDocuments } from '../support/convenio-flow';
import { pdfText } from '../support/pdf-text';
import { startTestService, type TestService } from '../support/service';

jest.setTimeout(120_000);

let svc: TestService;
let ref: string;
let item: Convenio;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const names = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address));

beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z');
  ({ ref, item } = await convenioWithDocuments(svc, { settle: async () => void (await svc.runJobs()) }));
});
afterAll(() => svc.close());

const docsDir = () => svc.m365.localDocuments!.root;
const mailDir = () => join(docsDir(), '..', 'correo-saliente');
async function mails(): Promise<ParsedMail[]> {
  return Promise.all(
    readdirSync(mailDir())
      .filter((f) => f.endsWith('.eml'))
      .map((f) => simpleParser(readFileSync(join(mailDir(), f)))),
  );
}

describe('convenio documents in the local documents folder', () => {
  it('stores draft v1 and v2 as versions of one file, each recorded with its hash and version id', async () => {
    const drafts = item.documents.filter((d) => d.kind === 'borrador');
    expect(drafts.map((d) => [d.version, d.storageVersionId])).toEqual([
      [1, '1'],
      [2, '2'],
    ]);
    const store = svc.m365.localDocuments!;
    const path = {
      folder: `Convenios/2026/${ref} - Universidad de Valparaíso`,
      fileName: `${ref} Borrador de convenio.docx`,
    };
    const versions = await store.versions(path);
    expect(versions.map((v) => v.versionId)).toEqual(['2', '1']);
    for (const d of drafts) {
      const file = await store.read(path, d.storageVersionId);
      expect(sha(file!.bytes)).toBe(d.sha256);
    }
    // The reviews and signatures name the exact version they were given on.
    expect(item.legalReviews.municipal).toMatchObject({ version: 2, sha256: drafts[1]!.sha256, storageVersionId: '2' });
    expect(item.signatures.map((s) => s.storageVersionId)).toEqual(['2', '2']);
  });

  it('the stored draft reads back with every clause, and v2 carries the observation', async () => {
    const store = svc.m365.localDocuments!;
    const draft = currentDraft(item)!;
    const file = await store.read({
      folder: `Convenios/2026/${ref} - Universidad de Valparaíso`,
      fileName: draft.fileName,
    });
    const xml = await (await JSZip.loadAsync(file!.bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, ' ');
    for (const c of DRAFT_CLAUSES) expect(text).toContain(c.title.replace(/&/g, '&amp;'));
    expect(text).toContain('Falta precisar el plazo de aviso de brechas');
  });

  it('keeps the FEA-signed PDF beside the draft and the certificate listing every signer', async () => {
    const fea = item.documents.find((d) => d.kind === 'firmado_fea')!;
    expect(fea).toMatchObject({ storageVersionId: '1', fileName: 'Convenio UV firmado FEA.pdf' });
    const cert = item.documents.find((d) => d.kind === 'certificado')!;
    expect(cert.auditHead?.seq).toBeGreaterThan(1);
    const file = await svc.m365.localDocuments!.read({
      folder: `Convenios/2026/${ref} - Universidad de Valparaíso`,
      fileName: cert.fileName,
    });
    expect(sha(file!.bytes)).toBe(cert.sha256);
    const text = (await pdfText(file!.bytes)).join('\n');
    for (const name of ['Nestor Wilke', 'Osvaldo Corrales', 'Isaiah Langer', 'Paula Rojas (UV)', cert.auditHead!.hash])
      expect(text).toContain(name);
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
  });

  it('serves a stored file to a reader of the convenio, refuses others, and honours a sharing link', async () => {
    const draft = currentDraft(item)!;
    // The recorded address carries the file's link, so it opens from a card in any browser; without it, identity.
    const url = new URL(draft.url!);
    expect(url.pathname).toBe(`/documentos/${ref}/borrador/${draft.version}`);
    expect(url.searchParams.get('enlace')).toBeTruthy();
    expect((await fetch(`${svc.url}${url.pathname}${url.search}`)).status).toBe(200);
    url.searchParams.delete('enlace');
    const path = `${url.pathname}${url.search}`;
    const own = await svc.as('adele.vance').raw(path, { method: 'GET' });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toContain('Borrador');
    const outsider = await svc.as('alex.wilber').raw(path, { method: 'GET' });
    expect(outsider.status).toBe(403);
    const anonymous = await fetch(`${svc.url}${path}`);
    expect(anonymous.status).toBe(401);
    const link = await svc.m365.documents.share(documentPath(item, 'borrador'), {
      kind: 'people',
      emails: ['rector@uv.cl'],
    });
    // The address names the record (reference, kind), never the file's path.
    expect(new URL(link.url).pathname).toBe(`/documentos/${ref}/borrador`);
    const viaLink = await fetch(link.url.replace('http://localhost:3978', svc.url));
    expect(viaLink.status).toBe(200);
    expect(sha(new Uint8Array(await viaLink.arrayBuffer()))).toBe(
      sha(
        (await svc.m365.localDocuments!.read({
          folder: `Convenios/2026/${ref} - Universidad de Valparaíso`,
          fileName: draft.fileName,
        }))!.bytes,
      ),
    );
    const forged = await fetch(`${svc.url}${path.split('?')[0]}?enlace=${'x'.repeat(43)}`);
    expect(forged.status).toBe(401);
  });

  it("mails the visación to the DAJ and the counterpart's legal contact with SECPLAN in copy, draft attached", async () => {
    const all = await mails();
    const visacion = all.filter((m) => m.subject === `${ref}: visación jurídica`);
    expect(visacion).toHaveLength(2); // one per round
    const last = visacion.at(-1)!;
    // Both DAJ lawyers of the directory, and the counterpart's legal department.
    expect(names(last.to)).toEqual(['isaiah.langer@quillota.cl', 'lidia.holloway@quillota.cl', 'juridica@uv.cl']);
    expect(names(last.cc)).toEqual(['adele.vance@quillota.cl', 'pradeep.gupta@quillota.cl']);
    expect(last.attachments.map((a) => a.filename)).toEqual([`${ref} Borrador de convenio.docx`]);
    expect(last.text).toMatch(/Borrador versión 2 \(SHA-256 [0-9a-f]{12}…\)/);
    expect(last.text).toContain('enlace=');
    expect(last.headers.get('x-intercambio-idempotencia')).toBeTruthy();
  });

  it('asks the mayor to sign first, then the rector by mail with a link for him alone', async () => {
    const all = await mails();
    const first = all.filter((m) => m.subject === `${ref}: listo para firma`);
    expect(first.map((m) => names(m.to))).toEqual([['nestor.wilke@quillota.cl']]);
    expect(first[0]!.text).toContain('para personal municipal');
    const second = all.filter((m) => m.subject === `${ref}: firma registrada`);
    expect(second.map((m) => names(m.to))).toEqual([
      ['adele.vance@quillota.cl', 'pradeep.gupta@quillota.cl', 'rector@uv.cl'],
    ]);
    expect(second[0]!.text).toContain('para rector@uv.cl');
    expect(second[0]!.attachments).toHaveLength(1);
  });
});

describe('handing in a file, and listing a file’s versions', () => {
  const upload = (who: string, query: string, body: Buffer, type: string) =>
    svc.as(who).raw(`/api/v1/convenios/${ref}/documentos?${query}`, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: { 'content-type': type },
    });
  const version = async () => (await svc.as('adele.vance').get(`/api/v1/convenios/${ref}`)).body.item.version;

  // The file's own checks (not a PDF, empty, too large) on a convenio that takes hand-ins are in
  // document-upload.test.ts: here the convenio is in force, so state and person are refused before any byte is read.
  it('refuses a missing name, the wrong state or person before reading the file, changing nothing', async () => {
    const before = await version();
    const notPdf = await upload('adele.vance', 'tipo=firmado_fea&nombre=x.pdf', Buffer.from('hola'), 'application/pdf');
    expect(notPdf.status).toBe(409);
    expect(notPdf.body.error.message).toMatch(/^«Subir PDF con FEA» no corresponde con el convenio en /);
    const empty = await upload('adele.vance', 'tipo=firmado_fea&nombre=x.pdf', Buffer.alloc(0), 'application/pdf');
    expect(empty.status).toBe(409);
    const noName = await upload('adele.vance', 'tipo=firmado_fea', Buffer.from('%PDF-1.4'), 'application/pdf');
    expect(noName.status).toBe(400);
    expect(JSON.stringify(noName.body.error)).toContain('falta el nombre del archivo');
    // In force: the FEA PDF belongs to firma and aprobación.
    const late = await upload(
      'adele.vance',
      'tipo=firmado_fea&nombre=x.pdf',
      Buffer.from('%PDF-1.4 x'),
      'application/pdf',
    );
    expect(late.status).toBe(409);
    const stranger = await upload(
      'alex.wilber',
      'tipo=firmado_fea&nombre=x.pdf',
      Buffer.from('%PDF-1.4 x'),
      'application/pdf',
    );
    expect(stranger.status).toBe(403);
    expect(await version()).toBe(before);
    const blobs = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM document_blobs WHERE file_name = 'x.pdf'`,
    );
    expect(blobs.rows[0]!.n).toBe(0);
  });

  it('lists the draft file’s versions, each matched with the convenio’s record', async () => {
    const r = await svc.as('adele.vance').get(`/api/v1/convenios/${ref}/documentos/borrador/versiones`);
    expect(r.status).toBe(200);
    const drafts = item.documents.filter((d) => d.kind === 'borrador');
    expect(r.body.versions.map((v: { versionId: string; recorded: unknown }) => [v.versionId, v.recorded])).toEqual([
      ['2', { version: 2, sha256: drafts[1]!.sha256 }],
      ['1', { version: 1, sha256: drafts[0]!.sha256 }],
    ]);
    expect((await svc.as('adele.vance').get(`/api/v1/convenios/${ref}/documentos/otro/versiones`)).status).toBe(400);
  });

  it('downloads a stored version for a reader of the convenio', async () => {
    const r = await svc
      .as('isaiah.langer')
      .raw(`/api/v1/convenios/${ref}/documentos/borrador/2/archivo`, { method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(encodeURIComponent('Borrador de convenio.docx'));
    expect(
      (await svc.as('alex.wilber').raw(`/api/v1/convenios/${ref}/documentos/borrador/2/archivo`, { method: 'GET' }))
        .status,
    ).toBe(403);
    expect(
      (await svc.as('isaiah.langer').raw(`/api/v1/convenios/${ref}/documentos/borrador/9/archivo`, { method: 'GET' }))
        .status,
    ).toBe(404);
  });
});
