// The draft a step works on. Legal review and signatures bind to one exact version and its SHA-256 (§6), so every
// card that leads to them names both and links to that very version.
import { currentDraft, type Convenio, type DocumentVersion } from '../../../protocol';
import { facts, linkLine, text, type CardElement } from './card-elements';
import type { CardContext } from './contract';
import { formatInstant, shortHash } from './format';
import { allowedUrl, urlPolicyOf } from './markdown';
import { CONVENIO, DOCUMENT } from './textos/convenio';

/** The stored URL of a version may be old or hostile data: only an allowed http(s) URL is offered. */
export function documentLink(c: Convenio, doc: DocumentVersion, ctx: CardContext): string | undefined {
  return allowedUrl(ctx.documentUrl?.(c, doc.version) ?? doc.url, urlPolicyOf(ctx.detailUrl(c)));
}

/** The version a review or a signature binds to, in words: «la versión 3 (huella …)», or the current draft. */
export function draftInWords(c: Convenio): string {
  const doc = currentDraft(c);
  return doc ? CONVENIO.boundVersion(doc.version, shortHash(doc.sha256)) : CONVENIO.boundCurrent;
}

/** Version, file, hash prefix and a link to the current draft; a line saying so when there is none yet. */
export function draftSection(c: Convenio, ctx: CardContext): CardElement[] {
  const doc = currentDraft(c);
  if (!doc) return [text(DOCUMENT.noDraft, { isSubtle: true })];
  const url = documentLink(c, doc, ctx);
  return [
    facts([
      [DOCUMENT.document, DOCUMENT.version(doc.version, doc.fileName)],
      [DOCUMENT.hash, DOCUMENT.hashValue(shortHash(doc.sha256))],
      [DOCUMENT.recordedOn, formatInstant(doc.at, ctx.settings.timeZone)],
    ])!,
    ...(url ? [linkLine(DOCUMENT.open(doc.version), url, 'small')] : []),
  ];
}
