// Renders cards as the tab's preview does: the adaptivecards SDK under jsdom with AdaptiveCard.onProcessMarkdown
// set to the tab's cardMarkdown (tab/src/card-markdown.ts, transpiled here with TypeScript) and no Markdown in
// radio/checkbox titles, as detail-adaptive-card.tsx sets them. Runs outside jest for the reason sdk-check.cjs
// gives. Reads a JSON array of cards on stdin; writes, per card, the anchors, the element names and the text.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { JSDOM } = require('jsdom');

const { window } = new JSDOM('<!doctype html><html><body></body></html>');
for (const key of Object.getOwnPropertyNames(window))
  if (
    /^(HTML\w*Element|Element|Node|Event|KeyboardEvent|MouseEvent|getComputedStyle)$/.test(key) &&
    !(key in globalThis)
  )
    globalThis[key] = window[key];
globalThis.window = window;
globalThis.document = window.document;
const AC = require('adaptivecards/dist/adaptivecards.js');

const source = fs.readFileSync(path.join(__dirname, '../../../tab/src/card-markdown.ts'), 'utf8');
const js = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
}).outputText;
const mod = { exports: {} };
new Function('module', 'exports', 'require', js)(mod, mod.exports, require);

AC.GlobalSettings.useMarkdownInRadioButtonAndCheckbox = false;
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = mod.exports.cardMarkdown(text);
  result.didProcess = true;
};

function look(json) {
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig({ actions: { maxActions: 6 } });
  card.parse(json, new AC.SerializationContext(AC.Versions.v1_5));
  const el = card.render();
  if (!el) return { anchors: [], tags: [], text: '' };
  // Show cards are rendered too (hidden): their texts count.
  return {
    anchors: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    tags: [...new Set([...el.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()))].sort(),
    text: el.textContent,
  };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => process.stdout.write(JSON.stringify(JSON.parse(input).map(look))));
