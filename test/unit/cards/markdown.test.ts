// The escaper of user text (bot/src/cards/markdown.ts) against the card Markdown renderer of the tab
// (tab/src/card-markdown.ts, the Teams subset plus what CommonMark/GFM would also read): escaped text renders back
// to itself as plain text, with no markup at all, for a fixed list of hostile strings and for generated ones;
// ordinary Spanish stays untouched; the renderer itself lets no HTML and no non-http(s) link through.
import {
  allowedUrl,
  escapeMarkdown,
  cardMd,
  markdown,
  unescapeMarkdown,
  urlPolicyOf,
} from '../../../bot/src/cards/markdown';
import { text, facts } from '../../../bot/src/cards/card-elements';
import {
  cardMarkdown,
  cardPlainText,
  parseCardMarkdown,
  type Block,
  type Inline,
} from '../../../tab/src/card-markdown';
import { HOSTILE_PAYLOADS, HOSTILE_STRINGS } from './hostile-text';

/** Ordinary text of this municipality: nothing in it can start a construct, so it must reach the card as typed. */
const ORDINARY = [
  'Fichas del Registro Social de Hogares',
  'Ley 19.628 art. 10',
  'Atenciones por sector, enero–junio 2026 (2.345 registros).',
  'Campos: sector, mes, atenciones',
  '¿Pueden incluir el sector rural? Sí, lo agregamos.',
  'Sesión ordinaria N° 3 — 30% de avance; 4.567',
  '[Reservado: datos sensibles]',
  'Dirección de Tránsito · asignada a Tomás Vera',
  'Universidad de Valparaíso (RUT 60.921.000-1)',
  'Planilla por curso: 1° básico a 4° medio.',
  'Correo a la DAJ: revisar cláusula 5.2 y 7-b',
  'Campos: rut_paciente, fecha_nacimiento, comuna_residencia',
  'Código: NO_ENCONTRADO',
  'Aguas Quillota S.A., convenio con EE.UU. y la U. de Chile',
  'Archivos: matricula-nna.xlsx, Borrador de convenio.docx, informe.pdf',
];

/** A small deterministic generator (mulberry32) instead of fast-check, which this repository does not install. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const PIECES = [
  ...'*_[]()<>!`~\\&#;:/.@-+=|{} \n\r\tab1ñé'.split(''),
  'https://',
  'www.',
  'javascript:',
  '](',
  '**',
  '1. ',
  '- ',
  '&amp;',
  '@x.cl',
  'evil.example',
  '{{',
];
function generated(n: number, seed = 20261207): string[] {
  const next = random(seed);
  return Array.from({ length: n }, () =>
    Array.from({ length: 1 + Math.floor(next() * 24) }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''),
  );
}

/** What a Markdown renderer shows of plain text: \r\n and \r are line breaks, leading blanks are not shown. */
const lines = (s: string) => s.replace(/\r\n|\r/g, '\n').replace(/^[ \t]+/gm, '');
const unindented = (s: string) => s.replace(/(^|\r\n|\r|\n)[ \t]+/g, '$1');

/** Every inline node below a block, flattened. */
function inlines(blocks: Block[]): Inline[] {
  const all: Inline[] = [];
  const walk = (list: Inline[]) =>
    list.forEach((n) => {
      all.push(n);
      if ('c' in n) walk(n.c);
    });
  for (const b of blocks) (b.t === 'line' ? [b.c] : b.items).forEach(walk);
  return all;
}
const markup = (source: string) => {
  const blocks = parseCardMarkdown(source);
  return [...blocks.filter((b) => b.t !== 'line').map((b) => b.t), ...inlines(blocks).map((n) => n.t)].filter(
    (t) => t !== 'text',
  );
};

describe('escapeMarkdown: user text reads as typed and carries no markup', () => {
  const all = [...HOSTILE_STRINGS, ...generated(4000)];

  test('the fixed list has more than 200 hostile strings', () => expect(HOSTILE_STRINGS.length).toBeGreaterThan(200));

  test.each(HOSTILE_STRINGS.map((s) => [s]))('%j', (s) => {
    const escaped = escapeMarkdown(s);
    expect(cardPlainText(escaped)).toBe(lines(s));
    expect(markup(escaped)).toEqual([]);
    expect(unescapeMarkdown(escaped)).toBe(unindented(s));
  });

  test('4000 generated strings: the same three properties', () => {
    const bad = all.filter((s) => {
      const e = escapeMarkdown(s);
      return cardPlainText(e) !== lines(s) || markup(e).length > 0 || unescapeMarkdown(e) !== unindented(s);
    });
    expect(bad.slice(0, 5)).toEqual([]);
  });

  test('the checks can fail: the raw payloads do carry markup or do not read as typed', () => {
    const caught = HOSTILE_PAYLOADS.filter((p) => markup(p).length > 0 || cardPlainText(p) !== p);
    // Read as typed even unescaped (no HTML passes, Teams has no headings, quotes or tables): every other payload
    // is caught, so these checks do detect a missing escape.
    expect(HOSTILE_PAYLOADS.filter((p) => !caught.includes(p))).toEqual([
      'rut_paciente_reservado',
      'a__b__c',
      '<at>x</at>',
      'javascript:alert(1)',
      '[x][y]',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '# título',
      '> cita',
      '---',
      '===',
      '| a | b |',
      '{{DATE(2017-02-14T06:00:00Z, SHORT)}}',
      'C:\\datos\\',
    ]);
  });

  test.each(ORDINARY.map((s) => [s]))('ordinary text is not disfigured: %s', (s) => {
    expect(escapeMarkdown(s)).toBe(s);
  });

  test('escaping twice is visible, so the card escapes once, at render, and stores nothing escaped', () => {
    expect(escapeMarkdown(escapeMarkdown('**x**'))).not.toBe(escapeMarkdown('**x**'));
    expect(cardPlainText(escapeMarkdown(escapeMarkdown('**x**')))).toBe(escapeMarkdown('**x**'));
  });
});

describe('cardMd`` and the card builders', () => {
  test('literals are Markdown, values are text', () => {
    const line = cardMd`**${'**Ana** [x](https://evil.example)'}** (01-10-2026): ${'- _hola_'}`;
    const blocks = parseCardMarkdown(line.source);
    expect(inlines(blocks).map((n) => n.t)).toEqual(['strong', 'text', 'text']);
    expect(cardPlainText(line.source)).toBe('**Ana** [x](https://evil.example) (01-10-2026): - _hola_');
  });

  test('a value ending in "]" before a literal "(" cannot close a link', () => {
    expect(escapeMarkdown('[a]', '(x)')).toBe('[a\\]');
    expect(escapeMarkdown('[a]', ' y')).toBe('[a]');
    expect(cardMd`${'[a]'}(x)`.source).toBe('[a\\](x)');
    expect(markdown(['[a]', '[b]'], '(x)').source).toBe('[a\\](x)[b]');
  });

  test('numbers are escaped too; Markdown values pass through', () => {
    // A value is escaped as if it began a line (it may, after a line break of the app's text).
    expect(cardMd`N° ${-1}: ${cardMd`**b**`}`.source).toBe('N° \\-1: **b**');
    expect(cardMd`${-1}`.source).toBe('\\-1');
  });

  test('text() and facts() escape plain strings and keep Markdown', () => {
    expect(text('**x**').text).toBe('\\*\\*x\\*\\*');
    expect(text(cardMd`**${'x'}**`).text).toBe('**x**');
    expect(facts([['[t](https://e.example)', '1. uno']])).toEqual({
      type: 'FactSet',
      facts: [{ title: '[t\\](https\\://e.example)', value: '1\\. uno' }],
    });
  });
});

describe('allowedUrl: only URLs that parse, https (http only in local mode), no credentials', () => {
  const prod = { allowHttp: false };
  const local = urlPolicyOf('http://localhost:3978/detalle/solicitudes/SOL-2026-0001');
  test.each([
    ['https://quillota.sharepoint.com/datos/entrega.xlsx', prod, 'https://quillota.sharepoint.com/datos/entrega.xlsx'],
    ['  https://quillota.cl/a b ', prod, 'https://quillota.cl/a%20b'],
    ['HTTPS://Quillota.CL/x', prod, 'https://quillota.cl/x'],
    ['http://quillota.cl/x', prod, undefined],
    ['http://localhost:3978/documentos/x.docx', local, 'http://localhost:3978/documentos/x.docx'],
    ['javascript:alert(1)', local, undefined],
    ['JaVaScRiPt:alert(1)', local, undefined],
    [' javascript:alert(1)', local, undefined],
    ['data:text/html,<script>alert(1)</script>', local, undefined],
    ['vbscript:msgbox(1)', local, undefined],
    ['file:///etc/passwd', local, undefined],
    ['ftp://quillota.cl/x', local, undefined],
    ['https://quillota.cl@evil.example/', prod, undefined],
    ['https://user:pw@quillota.cl/', prod, undefined],
    ['/detalle/solicitudes/SOL-2026-0001', prod, undefined],
    ['no es una dirección', prod, undefined],
    ['', prod, undefined],
    [undefined, prod, undefined],
  ])('%j', (raw, policy, expected) => {
    expect(allowedUrl(raw, policy)).toBe(expected);
  });

  test('the policy follows the app URL', () => {
    expect(urlPolicyOf('https://teams.microsoft.com/l/entity/x/tablero').allowHttp).toBe(false);
    expect(local.allowHttp).toBe(true);
    expect(urlPolicyOf('no es url').allowHttp).toBe(false);
  });
});

describe('cardMarkdown (the tab preview): the subset as HTML, nothing else', () => {
  test('bold, italics, lists and http(s) links the card marked up', () => {
    expect(cardMarkdown('**a** _b_ *c*')).toBe('<strong>a</strong> <em>b</em> <em>c</em>');
    expect(cardMarkdown('Hola\n- uno\n- dos\n1. tres')).toBe(
      'Hola<ul><li>uno</li><li>dos</li></ul><ol><li>tres</li></ol>',
    );
    expect(cardMarkdown('[Abrir](https://quillota.cl/x)')).toBe(
      '<a href="https://quillota.cl/x" target="_blank" rel="noopener noreferrer">Abrir</a>',
    );
  });

  test('backslash escapes show the character, as Teams does', () => {
    expect(cardMarkdown('\\*\\*x\\*\\* \\[a\\](https\\://e.example)')).toBe('**x** [a](https://e.example)');
  });

  test('no HTML passes, and no link other than http(s)', () => {
    for (const raw of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(1))',
      '[x](JAVASCRIPT:alert(1))',
      '[x](data:text/html,hola)',
      '<javascript:alert(1)>',
      '[x](vbscript:msgbox)',
      '&lt;script&gt;',
    ]) {
      const html = cardMarkdown(raw);
      expect(html).not.toMatch(/<(?!\/?(strong|em|del|code|ul|ol|li|br|a)\b)/);
      expect(html).not.toMatch(/href="(?!https?:)/);
      expect(html).not.toMatch(/javascript:|vbscript:|data:/i.test(raw) ? /<a / : /<script|<img/);
    }
  });

  test('an attribute cannot be broken out of', () => {
    const html = cardMarkdown('[a](https://ok.example/"onmouseover="alert(1))');
    expect(html).toMatch(/^<a href="https:\/\/ok\.example\/%22onmouseover=%22alert\(1/);
    expect(html).not.toContain('" onmouseover');
  });

  test('bare URLs, www. and e-mail addresses are links, as Teams makes them (so user text must escape them)', () => {
    expect(cardMarkdown('ver https://evil.example.')).toContain('<a href="https://evil.example/"');
    expect(cardMarkdown('ver www.evil.example')).toContain('<a href="http://www.evil.example/"');
    // The tree marks an e-mail autolink (what Teams would link); the preview's HTML keeps it as text.
    expect(inlines(parseCardMarkdown('a x@evil.example')).map((n) => n.t)).toContain('a');
    expect(cardMarkdown('a x@evil.example')).toBe('a x@evil.example');
  });
});
