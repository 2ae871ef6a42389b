// Against the Graph fake (HTTPS, every request checked against the Graph OpenAPI subset): the convenio's documents
// in the SharePoint library and the mail copies through sendMail, as they would go to a real tenant.
import JSZip from 'jszip';
import { currentDraft, type Convenio } from '../../protocol';
import { DRAFT_CLAUSES } from '../../bot/src/documents/convenio-docx';
import { LIBRARY_COLUMNS } from '../../bot/src/m365/graph/sharepoint-store';
import { convenioWithDocuments } from '../support/convenio-flow';
import type { GraphFake, SentMail } from '../support/graph-fake';
import { graphConfig, MAILBOX, startTenantFake } from '../support/graph-service';
import { pdfText } from '../support/pdf-text';
import { startTestService, type TestService } from '../support/service';

jest.setTimeout(120_000);

let fake: GraphFake;
let svc: TestService;
let ref: string;
let item: Convenio;
const folder = () => `Convenios/2026/${ref} - Universidad de Valparaíso`;
const file = (name: string) => fake.state.file(`${folder()}/${name}`)!;
const addresses = (list: unknown) =>
  ((list as { emailAddress: { address: string } }[] | undefined) ?? []).map((r) => r.emailAddress.address);
const mailsWith = (subject: string): SentMail[] =>
  fake.state.mails.filter((m) => (m.message.subject as string) === `${ref}: ${subject}`);

beforeAll(async () => {
  fake = await startTenantFake();
  svc = await startTestService('2026-09-15T13:00:00Z', { config: (base) => graphConfig(fake, base) });
  ({ ref, item } = await convenioWithDocuments(svc, { settle: async () => void (await svc.runJobs()) }));
});
afterAll(async () => {
  await svc?.close();
  await fake?.close();
});

describe('convenio documents in SharePoint through Microsoft Graph', () => {
  it('every request the service made conforms to the Graph OpenAPI subset, with an app-only token', () => {
    expect(fake.violations).toEqual([]);
    expect(fake.state.responseProblems).toEqual([]);
    const graph = fake.state.requests.filter((r) => r.kind === 'graph');
    expect(graph.length).toBeGreaterThan(20);
    expect(new Set(graph.map((r) => r.auth))).toEqual(new Set(['app']));
    expect(fake.counters().tokens.app).toBeGreaterThanOrEqual(1);
    // Nothing went to the local stand-ins.
    expect(svc.m365.mode).toBe('graph');
  });

  it('uploads the draft, then version 2 after the observation round, as versions of one file in the convenio folder', () => {
    const draft = file(`${ref} Borrador de convenio.docx`);
    const content = draft.versions.filter((v) => v.source !== 'fields');
    const drafts = item.documents.filter((d) => d.kind === 'borrador');
    expect(content.map((v) => v.sha256)).toEqual(drafts.map((d) => d.sha256));
    expect(drafts.map((d) => d.storageVersionId)).toEqual(content.map((v) => v.versionId));
    expect(drafts.every((d) => d.url?.startsWith('https://quillota.sharepoint.com/sites/'))).toBe(true);
  });

  it('binds the visaciones and signatures to version 2 by hash and SharePoint version id', () => {
    const v2 = currentDraft(item)!;
    expect(v2.version).toBe(2);
    const bound = [item.legalReviews.municipal!, item.legalReviews.external!, ...item.signatures];
    expect(bound.map((b) => [b.version, b.sha256, b.storageVersionId])).toEqual(
      bound.map(() => [2, v2.sha256, v2.storageVersionId]),
    );
  });

  it('the uploaded draft reads back with every clause filled', async () => {
    const newest = file(`${ref} Borrador de convenio.docx`)
      .versions.filter((v) => v.source !== 'fields')
      .at(-1)!;
    const xml = await (await JSZip.loadAsync(newest.content)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const c of DRAFT_CLAUSES) expect(text).toContain(c.title.replace(/&/g, '&amp;'));
    for (const s of ['Universidad de Valparaíso', '60.921.000-1', 'Osvaldo Corrales', 'Conteos de flujo vehicular'])
      expect(text).toContain(s);
  });

  it('shares the draft view-only with municipal staff and with the rector alone, once each', () => {
    const links = file(`${ref} Borrador de convenio.docx`).permissions.map((p) => [p.type, p.scope, p.recipients]);
    expect(links).toEqual(
      expect.arrayContaining([
        ['view', 'organization', []],
        ['view', 'users', ['rector@uv.cl']],
      ]),
    );
    expect(new Set(links.map((l) => JSON.stringify(l))).size).toBe(links.length);
  });

  it('keeps the library columns in step with the convenio', () => {
    const fields = file(`${ref} Borrador de convenio.docx`).fields;
    expect(fields).toMatchObject({
      [LIBRARY_COLUMNS.reference]: ref,
      [LIBRARY_COLUMNS.state]: 'Vigente',
      [LIBRARY_COLUMNS.validFrom]: '2026-09-15T12:00:00Z',
      [LIBRARY_COLUMNS.validTo]: '2028-09-14T12:00:00Z',
      [LIBRARY_COLUMNS.documentVersion]: 2,
      [LIBRARY_COLUMNS.sha256]: currentDraft(item)!.sha256,
    });
    expect(String(fields[LIBRARY_COLUMNS.parties])).toContain('Universidad de Valparaíso (RUT 60.921.000-1)');
  });

  it('stores the FEA-signed PDF with its hash and the certificate listing every signer and the chain head', async () => {
    const fea = item.documents.find((d) => d.kind === 'firmado_fea')!;
    expect(file(`${ref} Convenio firmado (FEA).pdf`).versions.at(-1)!.sha256).toBe(fea.sha256);
    const cert = item.documents.find((d) => d.kind === 'certificado')!;
    const stored = file(cert.fileName).versions.filter((v) => v.source !== 'fields');
    expect(stored.map((v) => v.sha256)).toEqual([cert.sha256]);
    const text = (await pdfText(stored[0]!.content)).join('\n');
    for (const s of ['Nestor Wilke', 'Osvaldo Corrales', 'Firma FEA del rector recibida', cert.auditHead!.hash])
      expect(text).toContain(s);
  });

  it('mails each notice from the mailbox to who must act, SECPLAN in copy, with the document attached', () => {
    expect(new Set(fake.state.mails.map((m) => m.senderPathId))).toEqual(new Set([MAILBOX]));
    const visacion = mailsWith('visación jurídica').at(-1)!;
    expect(addresses(visacion.message.toRecipients)).toEqual([
      'isaiah.langer@quillota.cl',
      'lidia.holloway@quillota.cl',
      'juridica@uv.cl',
    ]);
    expect(addresses(visacion.message.ccRecipients)).toEqual(['adele.vance@quillota.cl', 'pradeep.gupta@quillota.cl']);
    const attachments = visacion.message.attachments as { name: string; contentBytes: string }[];
    expect(attachments.map((a) => a.name)).toEqual([`${ref} Borrador de convenio.docx`]);
    const body = (visacion.message.body as { content: string }).content;
    expect(body).toContain('https://quillota.sharepoint.com');
    expect(body).toContain(`/detalle/convenios/${ref}`);
    const rector = mailsWith('firma registrada').at(-1)!;
    expect(addresses(rector.message.toRecipients)).toContain('rector@uv.cl');
    const vigente = mailsWith('convenio vigente').at(-1)!;
    expect((vigente.message.attachments as { name: string }[]).map((a) => a.name)).toEqual([
      `${ref} Certificado de tramitación.pdf`,
    ]);
    expect(vigente.idempotencyKey).toBeTruthy();
  });

  it('sent nothing twice and stored no content twice', () => {
    const c = fake.counters();
    expect({
      duplicateVersions: c.duplicateVersions,
      duplicateFiles: c.duplicateFiles,
      duplicateMails: c.duplicateMails,
    }).toEqual({
      duplicateVersions: 0,
      duplicateFiles: 0,
      duplicateMails: 0,
    });
  });
});
