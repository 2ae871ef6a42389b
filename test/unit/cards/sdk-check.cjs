// Parses, validates and renders Adaptive Cards with the real adaptivecards SDK under jsdom, outside jest: jsdom's
// dependency @exodus/bytes is ESM-only, which Node (>= 20.19) requires natively but jest's module registry only
// from Node 24.9. Reads a JSON array of cards on stdin; writes one array of problems per card on stdout.
const { JSDOM } = require('jsdom');

const { window } = new JSDOM('<!doctype html><html><body></body></html>');
// The SDK renders with DOM classes as globals (instanceof HTMLInputElement, document.createElement …).
for (const key of Object.getOwnPropertyNames(window))
  if (
    /^(HTML\w*Element|Element|Node|Event|KeyboardEvent|MouseEvent|getComputedStyle)$/.test(key) &&
    !(key in globalThis)
  )
    globalThis[key] = window[key];
globalThis.window = window;
globalThis.document = window.document;
// `lib/` is untranspiled ESM without "type": "module"; `dist/` is the same code as a UMD bundle.
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Counts of primary (not `mode: secondary`) actions in each bar or ActionSet with more than six. */
function tooManyPrimary(node, out = []) {
  if (Array.isArray(node)) node.forEach((n) => tooManyPrimary(n, out));
  else if (node && typeof node === 'object') {
    if (Array.isArray(node.actions)) {
      const primary = node.actions.filter((a) => String(a.mode ?? '').toLowerCase() !== 'secondary').length;
      if (primary > 6) out.push(primary);
    }
    Object.values(node).forEach((v) => tooManyPrimary(v, out));
  }
  return out;
}

function problems(json) {
  const card = new AC.AdaptiveCard();
  // Teams shows at most six buttons per action bar; the SDK's default host config says five.
  card.hostConfig = new AC.HostConfig({ actions: { maxActions: 6 } });
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const out = [];
  for (let i = 0; i < context.eventCount; i++) out.push(`parse: ${context.getEventAt(i).message}`);
  // The SDK counts every action against maxActions, but Teams lays out six primary buttons and moves the
  // `mode: secondary` ones to the overflow menu ("Adaptive Cards overflow menu", Teams platform docs,
  // cards-format): the limit is checked on the primary ones instead.
  for (const e of card.validateProperties().validationEvents)
    if (e.event !== AC.ValidationEvent.TooManyActions) out.push(`validate: ${e.message}`);
  for (const n of tooManyPrimary(json)) out.push(`validate: ${n} botones principales en una barra (máximo 6)`);
  try {
    if (!card.render()) out.push('render: no element');
  } catch (e) {
    out.push(`render: ${e.message}`);
  }
  return out;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => process.stdout.write(JSON.stringify(JSON.parse(input).map(problems))));
