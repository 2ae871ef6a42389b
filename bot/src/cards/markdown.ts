// User text is data. Teams renders TextBlock.text, Fact.title and Fact.value as a subset of Markdown (bold, italic,
// lists, links, autolinks), so a purpose typed as "[aquí](https://…)" would be a live link on every party's card.
// The builders in card-elements.ts therefore escape every plain string they are given; the few lines the app
// formats on purpose are built with `cardMd` below, where the literals are Markdown and every value is escaped. Links
// the app offers are Action.OpenUrl buttons whose URL passed `allowedUrl`, never Markdown links.
//
// Escaping is by backslash (CommonMark: any ASCII punctuation may be escaped), and minimal: a character is escaped
// only where a construct of the subset could start, so ordinary Spanish text reaches the card unchanged. Teams
// desktop and web honour backslash escapes; some Teams mobile versions have shown the backslash itself
// (https://github.com/MicrosoftDocs/msteams-docs/issues/5793): a visible "\*" there is the accepted price, a live
// link from user text is not. Mobile renderers have also mishandled escapes in emphasis
// (https://github.com/microsoft/AdaptiveCards/issues/5758); the scheme of a URL inside user text is broken as well
// ("https\://"), so a renderer that ignored escapes would at worst make a link that goes nowhere, not to evil.example.
// Text is escaped once, when a card is rendered; what is stored stays as typed.

import { linkProblem } from '../../../protocol';

declare const MARKDOWN: unique symbol;

/** Markdown the app wrote (from `cardMd` or `markdown`): passed to the card as is. */
export interface Markdown {
  readonly [MARKDOWN]: true;
  readonly source: string;
}

const brand = (source: string): Markdown => ({ source }) as unknown as Markdown;

/** Always escaped, wherever they stand: emphasis, code, strikethrough, autolinks and HTML, escapes themselves. */
const ALWAYS = /[\\*`~<]/;
/**
 * "_" between two letters or digits can neither open nor close emphasis (CommonMark's flanking rules), so field
 * names such as "rut_paciente" stay as typed; anywhere else it is escaped.
 */
const ALNUM = /[\p{L}\p{N}]/u;
/**
 * "]" closes a link only when "(" (inline link), "[" (reference) or ":" (definition) follows it; "&" starts a
 * character reference only as "&name;" or "&#…;". Elsewhere both stay as typed, so "[Reservado: …]" reads as is.
 */
const LINK_CLOSER = /^[([:]/;
const ENTITY = /^&#?[a-zA-Z0-9]+;/;
/** After optional blanks at the start of a line: list markers, headings, quotes, setext/thematic lines, tables. */
const LINE_START = /^([ \t]*)([-+#>=|])/;
/** "1." or "1)" at the start of a line opens an ordered list: escape the dot or parenthesis. */
const ORDERED = /^([ \t]*\d{1,9})([.)])/;

/**
 * Bare domains ("evil.cl", "evil.com/x"), which linkifiers such as markdown-it's turn into links: the dot before a
 * top-level domain is escaped. Two-letter country codes only in lower case, so "EE.UU." or "S.A." stay as typed;
 * a generic TLD in any case. A bare domain shows its own destination, unlike a [texto](url) link, so this list is a
 * best effort rather than a guarantee.
 */
const COUNTRY_TLD = /(?<=[\p{L}\p{N}])\.(?=[a-z]{2}(?![\p{L}\p{N}-]))/gu;
const GENERIC_TLD =
  /(?<=[\p{L}\p{N}])\.(?=(?:com|net|org|edu|gov|gob|mil|int|info|biz|pro|name|aero|asia|coop|museum|shop|web|xxx|app|dev|io|online|site|xyz|club|tech|store|cloud|zip|mov|рф)(?![\p{L}\p{N}-]))/giu;

/** A line without any of these characters (nor leading blanks) has nothing escapeLine would change. */
const LINE_SPECIAL = /^[ \t]|[-+#>=|.):/@{]/;

function escapeLine(line: string): string {
  if (!LINE_SPECIAL.test(line)) return line;
  return (
    line
      // Leading blanks are dropped, as a Markdown renderer would (four of them would make a code block).
      .replace(/^[ \t]+/, '')
      .replace(ORDERED, '$1\\$2')
      .replace(LINE_START, '$1\\$2')
      // Autolinks without brackets (GFM, and Teams' own linkifier): "scheme://", "www." and e-mail addresses.
      .replace(/:\/\//g, '\\://')
      .replace(/(^|[^:])\/\//g, '$1\\//')
      .replace(/(^|[^\p{L}\p{N}])(www)\./giu, '$1$2\\.')
      .replace(COUNTRY_TLD, '\\.')
      .replace(GENERIC_TLD, '\\.')
      .replace(/([\p{L}\p{N}._%+-])@(?=[\p{L}\p{N}])/gu, '$1\\@')
      // "{{DATE(…)}}" and "{{TIME(…)}}" are replaced by the client before Markdown runs.
      .replace(/\{(?=\{)/g, '{\\')
  );
}

/**
 * `value` as literal text in a Markdown field. Line breaks are kept (each line is escaped as a line start);
 * rendered by a Markdown renderer the result reads `value` again, character for character
 * (test/unit/cards/markdown.test.ts). `next` is what follows in the field (cardMd`` passes its next literal), so a
 * "]" at the end of a value is escaped when the app's own text goes on with "(".
 */
export function escapeMarkdown(value: string, next = ''): string {
  // Most text has none of the characters the loop below looks at: then it is left as typed.
  const out = CHAR_SPECIAL.test(value) ? escapeChars(value, next) : value;
  if (!/[\r\n]/.test(out)) return escapeLine(out);
  // Split on every line break Teams knows (\r\n, \r, \n) keeping the separators.
  return out
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeLine(part)))
    .join('');
}

/** The characters escapeChars may escape. */
const CHAR_SPECIAL = /[\\*`~<_\]&]/;

function escapeChars(value: string, next: string): string {
  const chars = [...value];
  let out = '';
  chars.forEach((ch, i) => {
    const rest = () => chars.slice(i + 1, i + 40).join('') + next;
    const intraword = (): boolean => ALNUM.test(chars[i - 1] ?? '') && ALNUM.test(chars[i + 1] ?? next[0] ?? '');
    const special =
      ALWAYS.test(ch) ||
      (ch === '_' && !intraword()) ||
      (ch === ']' && LINK_CLOSER.test(rest())) ||
      (ch === '&' && ENTITY.test(ch + rest()));
    out += special ? `\\${ch}` : ch;
  });
  return out;
}

/** Removes the backslash before ASCII punctuation, as a CommonMark renderer would (a test helper too). */
export const unescapeMarkdown = (value: string): string => value.replace(/\\([!-/:-@[-`{-~])/g, '$1');

export type MarkdownValue = string | number | Markdown;

const piece = (v: MarkdownValue, next = ''): string =>
  typeof v === 'string' || typeof v === 'number' ? escapeMarkdown(String(v), next) : v.source;

/**
 * Tagged template for Markdown the app formats on purpose: cardMd`**${name}** (${date}): ${text}` (not named `md`:
 * Prettier would reformat its literals as a Markdown document). The literals are
 * Markdown; every interpolated string or number is escaped, and only another `Markdown` value passes through.
 */
export function cardMd(literals: TemplateStringsArray, ...values: MarkdownValue[]): Markdown {
  let out = literals[0] ?? '';
  values.forEach((v, i) => (out += piece(v, literals[i + 1]) + (literals[i + 1] ?? '')));
  return brand(out);
}

/** Joins Markdown values and escaped strings, e.g. a list of lines. */
export const markdown = (parts: MarkdownValue[], separator = ''): Markdown =>
  brand(parts.map((p, i) => piece(p, i < parts.length - 1 ? separator : '')).join(separator));

/** The text a card field receives: a plain string is escaped, app Markdown is kept. */
export const cardText = (value: string | Markdown): string =>
  typeof value === 'string' ? escapeMarkdown(value) : value.source;

// ---------------------------------------------------------------------------------------------------------------
// URLs

export interface UrlPolicy {
  /** http: too, only when the app itself runs on http (local mode); otherwise https: only. */
  allowHttp: boolean;
}

/**
 * The URL the app may put behind a button: one that parses, with https: (or http: in local mode), no user name or
 * password (a "https://quillota.cl@otro.example" disguise), returned in its normalised form. Anything else
 * (javascript:, data:, file:, a text that is not a URL) gives undefined and must be shown as text, if at all.
 */
export function allowedUrl(raw: string | undefined, policy: UrlPolicy): string | undefined {
  if (!raw) return undefined;
  const href = raw.trim();
  // The same rule as a link typed at input (protocol/fields.ts): stored rows older than it pass through here too.
  return linkProblem(href, policy.allowHttp) ? undefined : new URL(href).href;
}

/** The app's own links say whether it runs on http (local mode): the detail link is built from PUBLIC_URL. */
export function urlPolicyOf(appUrl: string): UrlPolicy {
  try {
    return { allowHttp: new URL(appUrl).protocol === 'http:' };
  } catch {
    return { allowHttp: false };
  }
}
