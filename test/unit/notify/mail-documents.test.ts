// The document a convenio notice is about, in its mail copy: attached when it fits Graph's request limit, linked
// always, with a link for staff and another for the outside contacts only.
import { currentDraft, type Convenio } from '../../../protocol';
import type { DocumentPath, DocumentStore, ShareAudience } from '../../../bot/src/m365/document-store';
import { MAX_INLINE_ATTACHMENT } from '../../../bot/src/m365/mail-port';
import { mailDocuments } from '../../../bot/src/notify/mail-documents';
import type { Sql } from '../../../bot/src/store/db';
import { CONVENIO_BUILDERS } from '../../support/protocol-fixtures';

const stored = (c: Convenio): Convenio => ({
  ...c,
  documents: c.documents.map((d) => ({ ...d, storageVersionId: `${d.version}.0`, url: 'https://x' })),
});

function setup(size: number) {
  const shares: { path: DocumentPath; audience: ShareAudience }[] = [];
  const store = {
    share: async (path: DocumentPath, audience: ShareAudience) => {
      shares.push({ path, audience });
      return { url: `https://quillota.sharepoint.com/:w:/s/${audience.kind}`, audience: audience.kind };
    },
  } as unknown as DocumentStore;
  const db = {
    query: async () => ({
      rows: [{ content: new Uint8Array(size), content_type: 'application/pdf', file_name: 'x' }],
    }),
  } as unknown as Sql;
  return { deps: { db, store }, shares };
}

describe('mailDocuments', () => {
  const c = stored(CONVENIO_BUILDERS.firma());

  it('attaches the draft under review and links it for staff and, separately, for the outside contacts', async () => {
    const { deps, shares } = setup(40_000);
    const docs = await mailDocuments(deps, c, 'convenio.firma', { staff: true, outsideEmails: ['rector@uv.cl'] });
    expect(docs.attachments.map((a) => [a.name, a.bytes.byteLength])).toEqual([
      [`${c.reference} Borrador de convenio.docx`, 40_000],
    ]);
    expect(shares.map((s) => s.audience)).toEqual([
      { kind: 'organization' },
      { kind: 'people', emails: ['rector@uv.cl'] },
    ]);
    const draft = currentDraft(c)!;
    expect(docs.links.map((l) => l.label)).toEqual([
      `Borrador versión ${draft.version} (SHA-256 ${draft.sha256.slice(0, 12)}…), para personal municipal`,
      `Borrador versión ${draft.version} (SHA-256 ${draft.sha256.slice(0, 12)}…), para rector@uv.cl`,
    ]);
  });

  it('only links a file larger than a mail may carry', async () => {
    const { deps } = setup(MAX_INLINE_ATTACHMENT + 1);
    const docs = await mailDocuments(deps, c, 'convenio.firma', { staff: true, outsideEmails: [] });
    expect(docs.attachments).toEqual([]);
    expect(docs.links).toHaveLength(1);
  });

  it('adds nothing to notices about no document, to requests, or before the document is stored', async () => {
    const { deps, shares } = setup(10);
    expect(await mailDocuments(deps, c, 'convenio.comentario', { staff: true, outsideEmails: [] })).toEqual({
      attachments: [],
      links: [],
    });
    const unstored = CONVENIO_BUILDERS.firma();
    expect((await mailDocuments(deps, unstored, 'convenio.firma', { staff: true, outsideEmails: [] })).links).toEqual(
      [],
    );
    expect(shares).toEqual([]);
  });
});
