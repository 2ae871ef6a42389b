// The tab's card preview, end to end: the real adaptivecards SDK under jsdom with the tab's Markdown hook
// (preview-check.cjs) draws item cards whose every user-text field is hostile. No anchor may come out of a text
// (links are buttons, drawn as <button>), no element outside what the SDK and the Markdown subset make, and every
// payload reads as typed. A raw card, drawn the same way, shows that the check would see a link or an <img>.
import { itemCard } from '../../../bot/src/cards';
import { checkInChild } from './card-checks';
import { cardContext, convenioCases, solicitudCases, VIEWERS } from './card-fixtures';
import { HOSTILE_PAYLOADS, hostile, Markers } from './hostile-text';

interface Look {
  anchors: string[];
  tags: string[];
  text: string;
}

const preview = (cards: unknown[]): Look[] => checkInChild<Look>('preview-check.cjs', cards);

/** What the SDK draws for a card plus the Markdown subset's own elements. */
const SDK_TAGS = new Set([
  'div',
  'table',
  'tbody',
  'tr',
  'td',
  'button',
  'input',
  'textarea',
  'select',
  'option',
  'label',
  'span',
  'img',
]);
const MARKDOWN_TAGS = new Set(['p', 'br', 'strong', 'em', 'del', 'code', 'ul', 'ol', 'li', 'a']);

const VIEWER_LIST = Object.values(VIEWERS);
const CASES = [...Object.values(solicitudCases()), ...Object.values(convenioCases())];
/** Four rounds, each case for two viewers in turn: every payload is drawn in some visible field. */
const ROUNDS = [0, 11, 22, 33];

test('el SDK con el Markdown de la pestaña: sin enlaces ni HTML desde texto de usuario', () => {
  const markers = new Markers();
  const cards = ROUNDS.flatMap((round) =>
    CASES.flatMap((c, i) =>
      [0, 1].map((k) =>
        itemCard(
          hostile(c.item, round, markers).item,
          { ...cardContext(), now: c.now },
          {
            viewer: VIEWER_LIST[(i * 2 + k + round) % VIEWER_LIST.length]!,
            refreshUserIds: [],
          },
        ),
      ),
    ),
  );
  const looks = preview(cards);
  expect(looks).toHaveLength(cards.length);
  const payloads = new Set<string>();
  for (const look of looks) {
    expect(look.anchors).toEqual([]);
    expect(look.tags.filter((t) => !SDK_TAGS.has(t) && !MARKDOWN_TAGS.has(t))).toEqual([]);
    for (const [m, payload] of markers.payloadOf)
      if (look.text.includes(m)) {
        // Blanks are collapsed by the page, not by us: compare without them.
        const read = payload.replace(/^[ \t]+/gm, '').replace(/\s+/g, '');
        expect(look.text.replace(/\s+/g, '')).toContain(`${read}${m}`);
        payloads.add(payload);
      }
  }
  // Every payload was drawn and read somewhere.
  expect(HOSTILE_PAYLOADS.filter((p) => !payloads.has(p))).toEqual([]);
  // The SDK draws images only for Image elements, and the cards have none: an <img> would come from text.
  expect(looks.some((l) => l.tags.includes('img'))).toBe(false);
});

test('la comprobación puede fallar: una tarjeta sin escapar deja pasar un enlace', () => {
  const [raw] = preview([
    {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: '[x](https://evil.example) **negrita** <img src=x onerror=alert(1)>' }],
    },
  ]);
  expect(raw!.anchors).toEqual(['https://evil.example/']);
  expect(raw!.tags).toContain('strong');
  // No HTML passes even then: the <img> is text.
  expect(raw!.tags).not.toContain('img');
  expect(raw!.text).toContain('<img src=x onerror=alert(1)>');
});
