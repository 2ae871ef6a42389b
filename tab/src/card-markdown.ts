// The Markdown of a card as Teams reads it, for the tab's card preview: the subset Teams documents for TextBlock
// and FactSet (bold, italic, bulleted and numbered lists, links) plus what a CommonMark/GFM parser would also turn
// into markup (backslash escapes, entities, code spans, strikethrough, <autolinks>, bare URLs and e-mails), so the
// preview shows what Teams shows and a test can ask whether a text would carry markup at all.
//
// Safety: the output is built from a tree, and every piece of text in it is HTML-escaped; no HTML in the source
// passes through (a "<b>" is shown as text). A link becomes an anchor only for an http(s) URL that parses; any
// other scheme (javascript:, data:, vbscript: …) is shown as its text. The cards escape user text on the server
// (bot/src/cards/markdown.ts), so the only links left are the ones the app wrote.

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'strong' | 'em' | 'del'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'a'; href: string; c: Inline[] };

export type Block = { t: 'line'; c: Inline[] } | { t: 'ul' | 'ol'; items: Inline[][] };

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);
const isAlnum = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** An http(s) URL that parses, normalised; undefined for every other scheme or text. */
export function safeHref(raw: string): string | undefined {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Index of the next unescaped `run` at or after `from` that may close (not after a blank), or -1. */
function findCloser(s: string, from: number, run: string): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length && ASCII_PUNCT.test(s[i + 1]!)) {
      i++;
      continue;
    }
    if (s[i] === '`') {
      // A code span hides its content from emphasis.
      const end = s.indexOf('`', i + 1);
      if (end > 0) i = end;
      continue;
    }
    if (s.startsWith(run, i) && !isSpace(s[i - 1]) && i > from) {
      if (run[0] === '_' && isAlnum(s[i + run.length])) continue;
      return i;
    }
  }
  return -1;
}

/** Index of the unescaped `close` that ends a bracket started before `from`, or -1. */
function findUnescaped(s: string, from: number, close: string): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === close) return i;
  }
  return -1;
}

const BARE_URL = /^(?:https?:\/\/|www\.|\/\/)[^\s<]+/i;
/** A bare domain with a top-level domain a linkifier knows ("evil.cl", "evil.com/x"); see bot/src/cards/markdown.ts. */
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const GENERIC =
  'com|net|org|edu|gov|gob|mil|int|info|biz|pro|name|aero|asia|coop|museum|shop|web|xxx|app|dev|io|online|site|xyz|club|tech|store|cloud|zip|mov|рф';
const FUZZY = new RegExp(
  `^(?:${LABEL}\\.)+(?:[a-z]{2}|(?:${GENERIC.toUpperCase()})|(?:${GENERIC}))(?![\\p{L}\\p{N}-])(?:[/?#][^\\s<]*)?`,
  'u',
);
const EMAIL = /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;

/** GFM's extended autolink: trailing punctuation and an unbalanced ")" are not part of the URL. */
function trimAutolink(m: string): string {
  let out = m.replace(/[?!.,:*_~'"]+$/, '');
  while (out.endsWith(')') && (out.match(/\)/g) ?? []).length > (out.match(/\(/g) ?? []).length)
    out = out.slice(0, -1).replace(/[?!.,:*_~'"]+$/, '');
  return out;
}

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push({ t: 'text', v: buf });
    buf = '';
  };
  const push = (node: Inline) => {
    flush();
    out.push(node);
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    const prev = s[i - 1];
    if (ch === '\\' && i + 1 < s.length && ASCII_PUNCT.test(s[i + 1]!)) {
      buf += s[i + 1];
      i += 2;
      continue;
    }
    if (ch === '&') {
      const m = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/.exec(s.slice(i));
      const code = m?.[1] ? Number(m[1]) : m?.[2] ? parseInt(m[2], 16) : undefined;
      const named = m?.[3] ? NAMED[m[3]] : undefined;
      if (m && (named !== undefined || (code !== undefined && code > 0 && code <= 0x10ffff))) {
        buf += named ?? String.fromCodePoint(code!);
        i += m[0].length;
        continue;
      }
    }
    if (ch === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) {
        push({ t: 'code', v: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '*' || ch === '_' || ch === '~') {
      // A delimiter run is read as a whole: "a__b__c" opens nothing, its second "_" included.
      let runLength = 1;
      while (s[i + runLength] === ch) runLength++;
      const double = runLength >= 2;
      const run = double ? ch + ch : ch;
      const opensOk = !isSpace(s[i + run.length]) && !(ch === '_' && isAlnum(prev)) && !(ch === '~' && !double);
      const close = opensOk ? findCloser(s, i + run.length, run) : -1;
      if (close > i + run.length) {
        const c = parseInline(s.slice(i + run.length, close));
        push({ t: ch === '~' ? 'del' : double ? 'strong' : 'em', c });
        i = close + run.length;
      } else {
        buf += s.slice(i, i + runLength);
        i += runLength;
      }
      continue;
    }
    if (ch === '[') {
      const end = findUnescaped(s, i + 1, ']');
      if (end > i && s[end + 1] === '(') {
        const close = findUnescaped(s, end + 2, ')');
        if (close > end) {
          const target =
            s
              .slice(end + 2, close)
              .trim()
              .split(/\s+/)[0] ?? '';
          const label = parseInline(s.slice(i + 1, end));
          const href = safeHref(target.replace(/^<|>$/g, ''));
          if (href) push({ t: 'a', href, c: label });
          else out.push(...(flush(), label));
          i = close + 1;
          continue;
        }
      }
    }
    if (ch === '<') {
      const m = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>/.exec(s.slice(i));
      if (m) {
        const href = safeHref(m[1]!);
        push(href ? { t: 'a', href, c: [{ t: 'text', v: m[1]! }] } : { t: 'text', v: m[1]! });
        i += m[0].length;
        continue;
      }
    }
    if (isSpace(prev) || /[(*_~]/.test(prev!)) {
      const url = BARE_URL.exec(s.slice(i));
      if (url) {
        const m = trimAutolink(url[0]);
        const href = safeHref(/^www\./i.test(m) ? `http://${m}` : m.startsWith('//') ? `https:${m}` : m);
        if (href) {
          push({ t: 'a', href, c: [{ t: 'text', v: m }] });
          i += m.length;
          continue;
        }
      }
      const fuzzy = FUZZY.exec(s.slice(i));
      const domain = fuzzy && trimAutolink(fuzzy[0]);
      const fuzzyHref = domain && safeHref(`http://${domain}`);
      if (domain && fuzzyHref) {
        push({ t: 'a', href: fuzzyHref, c: [{ t: 'text', v: domain }] });
        i += domain.length;
        continue;
      }
      const mail = EMAIL.exec(s.slice(i));
      if (mail) {
        const m = mail[0].replace(/[.]+$/, '');
        push({ t: 'a', href: `mailto:${m}`, c: [{ t: 'text', v: m }] });
        i += m.length;
        continue;
      }
    }
    buf += ch;
    i++;
  }
  flush();
  return out;
}

const BULLET = /^[ \t]*[-+*](?:[ \t]+|$)/;
const ORDERED = /^[ \t]*\d{1,9}[.)](?:[ \t]+|$)/;

/** Lines (\r\n, \r or \n) become line breaks; a run of list lines becomes one list. */
export function parseCardMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const kind = BULLET.test(line) ? 'ul' : ORDERED.test(line) ? 'ol' : undefined;
    if (!kind) {
      // Leading blanks are not shown (CommonMark strips them; four would make a code block Teams does not have).
      blocks.push({ t: 'line', c: parseInline(line.replace(/^[ \t]+/, '')) });
      continue;
    }
    const content = parseInline(line.replace(kind === 'ul' ? BULLET : ORDERED, ''));
    const last = blocks.at(-1);
    if (last && last.t === kind) last.items.push(content);
    else blocks.push({ t: kind, items: [content] });
  }
  return blocks;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function inlineHtml(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
          return escapeHtml(n.v);
        case 'code':
          return `<code>${escapeHtml(n.v)}</code>`;
        case 'a':
          // An e-mail autolink stays text: the preview opens http(s) only.
          return /^https?:/.test(n.href)
            ? `<a href="${escapeHtml(n.href)}" target="_blank" rel="noopener noreferrer">${inlineHtml(n.c)}</a>`
            : inlineHtml(n.c);
        default:
          return `<${n.t}>${inlineHtml(n.c)}</${n.t}>`;
      }
    })
    .join('');
}

/** HTML for the adaptivecards renderer (AdaptiveCard.onProcessMarkdown). */
export function cardMarkdown(text: string): string {
  let html = '';
  let afterLine = false;
  for (const b of parseCardMarkdown(text)) {
    if (b.t === 'line') {
      html += (afterLine ? '<br>' : '') + inlineHtml(b.c);
      afterLine = true;
    } else {
      html += `<${b.t}>${b.items.map((it) => `<li>${inlineHtml(it)}</li>`).join('')}</${b.t}>`;
      afterLine = false;
    }
  }
  return html;
}

const inlineText = (nodes: Inline[]): string =>
  nodes.map((n) => (n.t === 'text' || n.t === 'code' ? n.v : inlineText(n.c))).join('');

/** What a person reads: the text without markup (list items keep no marker), lines joined with "\n". */
export function cardPlainText(text: string): string {
  return parseCardMarkdown(text)
    .flatMap((b) => (b.t === 'line' ? [inlineText(b.c)] : b.items.map(inlineText)))
    .join('\n');
}
