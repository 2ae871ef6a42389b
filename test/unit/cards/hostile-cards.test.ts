// USER TEXT IS DATA, over every card renderer: every item of the card fixtures (each state of both life cycles and
// their variants) gets every free-text field replaced by hostile payloads (hostile-text.ts); every card is rendered
// for every viewer (four per round, each in 11 of the 44 rounds), and so are the list, intake, error, refusal and
// help cards with hostile text. Then every TextBlock and Fact is read with the tab's card Markdown renderer (the
// Teams subset plus what CommonMark/GFM would also read; on the strings of markdown.test.ts it agreed with
// markdown-it and linkify, checked once by hand since markdown-it is not a dependency):
//   (a) no link, list, emphasis, strikethrough or code comes out of user text: the only markup allowed is the bold
//       name the comment line opens with, and each payload reads back exactly as typed before its marker;
//   (b) every Action.OpenUrl URL parses and is https: (http: only when the app itself runs on http).
import { invalid, type Actor } from '../../../protocol';
import {
  convenioIntakeCard,
  intakeAgain,
  errorCard,
  helpCard,
  itemCard,
  listCard,
  listRow,
  refusalCard,
  solicitudIntakeCard,
  type CardContext,
} from '../../../bot/src/cards';
import { cardPlainText, parseCardMarkdown, type Inline } from '../../../tab/src/card-markdown';
import { allActions, markdownFields } from './card-checks';
import { cardContext, convenioCases, solicitudCases, VIEWERS } from './card-fixtures';
import { HOSTILE_PAYLOADS, hostile, Markers, MARKER } from './hostile-text';
import { figure } from '../../support/figures';

type Json = Record<string, unknown>;

/** Every input id of a card. */
function inputIds(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => inputIds(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Json;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') out.push(n.id);
    Object.values(n).forEach((v) => inputIds(v, out));
  }
  return out;
}

interface Problem {
  card: string;
  path: string;
  source: string;
  why: string;
}

function inlineTypes(list: Inline[], out: string[] = []): string[] {
  for (const n of list) {
    out.push(n.t);
    if ('c' in n) inlineTypes(n.c, out);
  }
  return out;
}

/** (a) for one card: the Markdown fields carry no markup of user text and read every payload as typed. */
function markdownProblems(card: unknown, name: string, markers: Markers): Problem[] {
  const problems: Problem[] = [];
  for (const { path, source } of markdownFields(card)) {
    const say = (why: string) => problems.push({ card: name, path, source, why });
    const blocks = parseCardMarkdown(source);
    for (const b of blocks) {
      if (b.t !== 'line') say(`lista ${b.t}`);
      const nodes = b.t === 'line' ? b.c : b.items.flat();
      const types = inlineTypes(nodes).filter((t) => t !== 'text');
      // The comment line opens with the author's name in bold: the only markup of a card built from user text.
      const appBold = b === blocks[0] && nodes[0]?.t === 'strong' && inlineTypes(nodes[0].c).every((t) => t === 'text');
      const extra = appBold ? types.slice(1) : types;
      if (extra.length) say(`marcado ${extra.join(',')}`);
    }
    const plain = cardPlainText(source);
    const inSource = new Set([...source.matchAll(MARKER)].map((m) => m[0]));
    for (const m of inSource) {
      if (!plain.includes(m)) say(`el marcador ${m} se perdió`);
      const payload = markers.payloadOf.get(m) ?? '';
      // Leading blanks are not shown (see escapeMarkdown), so the payload reads without them.
      const expected = `${payload.replace(/\r\n|\r/g, '\n').replace(/^[ \t]+/gm, '')} ${m}`;
      const occurrences = plain.split(m).length - 1;
      const intact = plain.split(expected).length - 1;
      if (intact !== occurrences) say(`«${payload}» no se lee tal cual antes de ${m}`);
    }
  }
  return problems;
}

/** (b) every Action.OpenUrl: parses, https: (or http: when the app runs on http). */
function urlProblems(card: unknown, name: string, allowHttp: boolean): Problem[] {
  return allActions(card)
    .filter((a) => a.type === 'Action.OpenUrl')
    .flatMap((a) => {
      const url = String(a.url);
      const allowed = (() => {
        try {
          const u = new URL(url);
          const scheme = u.protocol === 'https:' || (allowHttp && u.protocol === 'http:');
          return scheme && u.href === url && !u.username && !u.password;
        } catch {
          return false;
        }
      })();
      return allowed ? [] : [{ card: name, path: 'Action.OpenUrl', source: url, why: 'URL no permitida' }];
    });
}

const PROD = cardContext();
/** No documentUrl: the stored (hostile) URL of a document version is what a card would link to. */
const STORED_DOC_URLS: CardContext = { ...PROD, documentUrl: undefined };
const LOCAL: CardContext = {
  ...STORED_DOC_URLS,
  detailUrl: (item) => `http://localhost:3978/detalle/${item.kind}/${item.reference}`,
};

const CASES = [...Object.entries(solicitudCases()), ...Object.entries(convenioCases())];
const VIEWER_LIST = Object.entries(VIEWERS) as [string, Actor | null][];

const totals = { cards: 0, itemCards: 0, mutated: 0, markdownFields: 0, markers: 0, openUrls: 0 };

/** Four of the sixteen viewers per round, in turn: each viewer sees every case in 9 or 10 of the 37 rounds. */
const VIEWERS_PER_ROUND = 4;
const ROUNDS = HOSTILE_PAYLOADS.length;

afterAll(() => {
  // The figures the report quotes.
  figure(
    `texto hostil: ${ROUNDS} rondas × ${CASES.length} casos × ${VIEWERS_PER_ROUND} de ${VIEWER_LIST.length} vistas; ` +
      `${totals.itemCards} tarjetas de ítem y ${totals.cards - totals.itemCards} de otro tipo; ` +
      `${totals.mutated} campos de texto reemplazados por dos líneas hostiles; ` +
      `${totals.markdownFields} textos Markdown con ${totals.markers} cargas marcadas y ${totals.openUrls} Action.OpenUrl revisados`,
  );
});

describe.each(Array.from({ length: ROUNDS }, (_, r) => [r]))('ronda %i', (round) => {
  const markers = new Markers();
  // One context per round, in turn: app document URLs, stored document URLs, and local (http) mode.
  const ctxBase = [PROD, STORED_DOC_URLS, LOCAL][round % 3]!;
  const allowHttp = ctxBase === LOCAL;
  const viewers = Array.from(
    { length: VIEWERS_PER_ROUND },
    (_, k) => VIEWER_LIST[(round * VIEWERS_PER_ROUND + k) % VIEWER_LIST.length]!,
  );

  test('cada caso de cada tarjeta de ítem: sin marcado de usuario y enlaces solo https', () => {
    const problems: Problem[] = [];
    const rows: ReturnType<typeof listRow>[] = [];
    for (const [caseName, c] of CASES) {
      const { item, fields } = hostile(c.item, round, markers);
      totals.mutated += fields;
      expect(fields).toBeGreaterThanOrEqual(8);
      const ctx = { ...ctxBase, now: c.now };
      rows.push(listRow(item, ctx));
      for (const [viewerName, viewer] of viewers) {
        const note = markers.after(HOSTILE_PAYLOADS[round]!);
        const card = itemCard(item, ctx, { viewer, refreshUserIds: [], note });
        const name = `${item.kind} «${caseName}» para ${viewerName}`;
        totals.cards++;
        totals.itemCards++;
        const md = markdownFields(card);
        totals.markdownFields += md.length;
        totals.markers += md.reduce((n, f) => n + [...f.source.matchAll(MARKER)].length, 0);
        totals.openUrls += allActions(card).filter((a) => a.type === 'Action.OpenUrl').length;
        problems.push(...markdownProblems(card, name, markers), ...urlProblems(card, name, allowHttp));
      }
    }
    const list = listCard(markers.after(HOSTILE_PAYLOADS[round]!), rows, ctxBase);
    problems.push(...markdownProblems(list, 'lista', markers));
    totals.cards++;
    expect(problems.slice(0, 5)).toEqual([]);
  });

  test('formularios, error, rechazo y ayuda con texto hostil', () => {
    const text = () => markers.after(HOSTILE_PAYLOADS[round]!);
    const values: Json = new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? text() : undefined) });
    const cards: [string, unknown][] = [
      ['nueva solicitud', solicitudIntakeCard(ctxBase, { values, viewer: VIEWERS['solicitante (Ana)'] })],
      ['nuevo convenio', convenioIntakeCard(ctxBase, { values })],
      // Sent back refused: every input holds hostile text, and so do the reasons, under a field and on top.
      ...(['solicitud', 'convenio'] as const).map((kind): [string, unknown] => {
        const blank = kind === 'solicitud' ? solicitudIntakeCard(ctxBase) : convenioIntakeCard(ctxBase);
        const typed = Object.fromEntries(inputIds(blank).map((id) => [id, text()]));
        const refusal = invalid(text(), { 'dataset.name': text(), 'sin.campo': text() });
        return [
          `${kind} devuelto`,
          intakeAgain(kind, ctxBase, VIEWERS['solicitante (Ana)']!, { verb: `${kind}.crear`, ...typed }, refusal),
        ];
      }),
      ['error', errorCard(text(), text())],
      ['rechazo', refusalCard(text(), { reference: text() })],
      ['ayuda', helpCard(text())],
    ];
    const problems = cards.flatMap(([name, card]) => [
      ...markdownProblems(card, name, markers),
      ...urlProblems(card, name, allowHttp),
    ]);
    totals.cards += cards.length;
    expect(problems).toEqual([]);
  });
});

test('the check can fail: a card that shows user text raw is caught', () => {
  const markers = new Markers();
  const a = markers.after('[x](https://evil.example)');
  const b = markers.after('- lista');
  const raw = {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: `Propósito: ${a}` },
      { type: 'FactSet', facts: [{ title: 'Motivo', value: b }] },
      { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Abrir', url: 'javascript:alert(1)' }] },
    ],
  };
  expect(markdownProblems(raw, 'cruda', markers).map((p) => p.why)).toEqual([
    'marcado a',
    `«[x](https://evil.example)» no se lee tal cual antes de QZ1ZQ`,
    'lista ul',
    `«- lista» no se lee tal cual antes de QZ2ZQ`,
  ]);
  expect(urlProblems(raw, 'cruda', false).map((p) => p.why)).toEqual(['URL no permitida']);
  expect(urlProblems(raw, 'cruda', true).map((p) => p.why)).toEqual(['URL no permitida']);
});
