import { currentDraft, type Convenio, type DocumentVersion, type Item } from '../../../protocol';
import { documentPath, readBlob } from '../documents/document-handler';
import type { DocumentStore } from '../m365/document-store';
import { MAX_INLINE_ATTACHMENT, type MailAttachment } from '../m365/mail-port';
import type { Sql } from '../store/db';

/** A document a mail points to: what people see of it, and the link each kind of reader may open. */
export interface MailDocumentLink {
  label: string;
  url: string;
}

export interface MailDocuments {
  attachments: MailAttachment[];
  links: MailDocumentLink[];
}

/** Which document each convenio notice is about: the draft under review or signature, the certificate when in force. */
function documentFor(c: Convenio, notice: string): DocumentVersion | undefined {
  if (['convenio.borrador', 'convenio.visacion', 'convenio.firma', 'convenio.visado'].includes(notice))
    return currentDraft(c);
  if (notice === 'convenio.vigente') return [...c.documents].reverse().find((d) => d.kind === 'certificado');
  return undefined;
}

const KIND_WORDS = {
  borrador: 'Borrador',
  firmado_fea: 'Convenio firmado con FEA',
  certificado: 'Certificado de tramitación',
};

/**
 * The document of a convenio notice for its mail copy: attached when it fits Graph's limit for one request, and
 * linked always: an organisation link for municipal staff, a link for those specific people for outside contacts
 * (SharePoint sharing; both are view-only, so nobody changes the version under review). Nothing when the notice is
 * about no document or it is not stored yet.
 */
export async function mailDocuments(
  deps: { db: Sql; store: DocumentStore },
  item: Item | undefined,
  notice: string,
  audience: { staff: boolean; outsideEmails: string[] },
): Promise<MailDocuments> {
  const none = { attachments: [], links: [] };
  if (item?.kind !== 'convenio') return none;
  const doc = documentFor(item, notice);
  if (!doc?.storageVersionId) return none;
  const path = documentPath(item, doc.kind);
  const label = `${KIND_WORDS[doc.kind]} versión ${doc.version} (SHA-256 ${doc.sha256.slice(0, 12)}…)`;
  const links: MailDocumentLink[] = [];
  if (audience.staff) {
    const l = await deps.store.share(path, { kind: 'organization' });
    links.push({ label: `${label}, para personal municipal`, url: l.url });
  }
  if (audience.outsideEmails.length) {
    const l = await deps.store.share(path, { kind: 'people', emails: audience.outsideEmails });
    links.push({ label: `${label}, para ${audience.outsideEmails.join(', ')}`, url: l.url });
  }
  const blob = await readBlob(deps.db, doc.sha256);
  const attachments =
    blob && blob.bytes.byteLength <= MAX_INLINE_ATTACHMENT
      ? [{ name: path.fileName, contentType: blob.contentType, bytes: blob.bytes }]
      : [];
  return { attachments, links };
}
