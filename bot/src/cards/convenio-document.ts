// The draft a step works on. Legal review and signatures bind to one exact version and its SHA-256 (§6), so every
// card that leads to them names both and links to that very version.
import { currentDraft, type Convenio, type DocumentVersion } from '../../../protocol';
import { facts, linkLine, text, type CardElement } from './card-elements';
import type { CardContext } from './contract';
import { formatInstant, shortHash } from './format';
import { allowedUrl, urlPolicyOf } from './markdown';

/** The stored URL of a version may be old or hostile data: only an allowed http(s) URL is offered. */
export function documentLink(c: Convenio, doc: DocumentVersion, ctx: CardContext): string | undefined {
  return allowedUrl(ctx.documentUrl?.(c, doc.version) ?? doc.url, urlPolicyOf(ctx.detailUrl(c)));
}

/** Version, file, hash prefix and a link to the current draft; a line saying so when there is none yet. */
export function draftSection(c: Convenio, ctx: CardContext): CardElement[] {
  const doc = currentDraft(c);
  if (!doc) return [text('El borrador aún no se genera; llegará un aviso cuando esté disponible.', { isSubtle: true })];
  const url = documentLink(c, doc, ctx);
  return [
    facts([
      ['Documento', `versión ${doc.version} · ${doc.fileName}`],
      ['Huella SHA-256', `${shortHash(doc.sha256)}…`],
      ['Registrado el', formatInstant(doc.at, ctx.settings.timeZone)],
    ])!,
    ...(url ? [linkLine(`Abrir la versión ${doc.version} del documento`, url, 'small')] : []),
  ];
}
