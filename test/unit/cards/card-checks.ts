// Checks every card test applies: the Adaptive Card 1.5 JSON Schema, the real adaptivecards SDK (parse, validate
// and render under jsdom, in sdk-check.cjs), Teams' size budget, Spanish-only visible text, and a walk that lists the buttons and
// the inputs each one submits.
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { spawnSync } from 'node:child_process';
import { cardPlainText } from '../../../tab/src/card-markdown';

/** The Adaptive Cards 1.5 schema, vendored in vendor/esquemas (byte-identical upstream copy). */
const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SCHEMA_PATH = path.resolve(REPO_ROOT, 'vendor/esquemas/adaptive-card-1.5.schema.json');

/** Teams answers 413 above ~100 KB per message; one card stays well below, leaving room for the envelope. */
export const MAX_CARD_BYTES = 40 * 1024;

let validator: ValidateFunction | undefined;
export function schemaErrors(card: unknown): string[] {
  if (!validator) {
    // ajv-formats is not installed; the only formats in this schema are uri/uri-reference, checked by the SDK.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addMetaSchema(draft06);
    // The file is a byte-identical copy of Microsoft's draft-06 schema, which names itself with the draft-04 `id`.
    const { id, ...rest } = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as { id: string };
    validator = ajv.compile({ ...rest, $id: id });
  }
  if (validator(card)) return [];
  // anyOf reports every alternative it tried; the first few errors are enough to find the culprit.
  return (validator.errors ?? []).slice(0, 8).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/**
 * What a checker script (a .cjs beside this file, run by node outside jest) answers for each card, in one child
 * process. A card that appears several times (the same card for several viewers: 512 cards of the item matrix are
 * 149 distinct ones) is sent once and its answer given to each.
 */
export function checkInChild<T>(script: string, cards: unknown[]): T[] {
  const texts = cards.map((c) => JSON.stringify(c));
  const distinct = [...new Set(texts)];
  const r = spawnSync(process.execPath, [path.join(__dirname, script)], {
    input: `[${distinct.join(',')}]`,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} falló: ${r.stderr}`);
  const answers = JSON.parse(r.stdout) as T[];
  const byText = new Map(distinct.map((t, i) => [t, answers[i]!]));
  return texts.map((t) => byText.get(t)!);
}

/**
 * SDK problems (parse and validation warnings, render failures) of each card: see sdk-check.cjs for why the SDK and
 * jsdom run outside jest.
 */
export const sdkProblems = (cards: unknown[]): string[][] => checkInChild<string[]>('sdk-check.cjs', cards);

export const cardBytes = (card: unknown): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

// ---------------------------------------------------------------------------------------------------------------
// Walking a card

type Json = Record<string, unknown>;
const isObj = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

export interface ExecuteUse {
  action: Json & { verb: string; data: Json };
  /** The inputs Teams would gather for it: those of its own card and of the cards it is nested in. */
  inputs: Json[];
}

/** Every Action.Execute (not the refresh, not a fallback) with the inputs it submits. */
export function executes(card: Json): ExecuteUse[] {
  const out: ExecuteUse[] = [];
  const walkCard = (c: Json, parentInputs: Json[]) => {
    const own: Json[] = [];
    const found: Json[] = [];
    const nested: Json[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!isObj(node)) return;
      const type = String(node.type ?? '');
      if (type.startsWith('Input.')) own.push(node);
      if (type === 'Action.Execute') found.push(node);
      if (type === 'Action.ShowCard') return void nested.push(node.card as Json);
      for (const [k, v] of Object.entries(node)) if (k !== 'fallback' && k !== 'refresh' && k !== 'data') visit(v);
    };
    visit(c.body);
    visit(c.actions);
    for (const a of found) out.push({ action: a as ExecuteUse['action'], inputs: [...parentInputs, ...own] });
    for (const n of nested) walkCard(n, [...parentInputs, ...own]);
  };
  walkCard(card, []);
  return out;
}

/** Every Action.* object in the card (fallbacks and the refresh excluded). */
export function allActions(card: unknown): Json[] {
  const out: Json[] = [];
  const visit = (node: unknown, key = ''): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n));
    if (!isObj(node) || key === 'fallback' || key === 'refresh' || key === 'data') return;
    if (String(node.type ?? '').startsWith('Action.')) out.push(node);
    for (const [k, v] of Object.entries(node)) visit(v, k);
  };
  visit(card);
  return out;
}

const VISIBLE_KEYS = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'fallbackText', 'tooltip']);

/** A TextBlock's text and a fact's title and value: the fields Teams reads as Markdown. */
export interface MarkdownField {
  /** Where in the card, e.g. "body[2].items[0].facts[1].value". */
  path: string;
  source: string;
}

export function markdownFields(card: unknown): MarkdownField[] {
  const out: MarkdownField[] = [];
  const visit = (node: unknown, path: string, parent: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}[${i}]`, parent));
    if (!isObj(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' || k === 'refresh' || k === 'fallback') continue;
      const markdown =
        (node.type === 'TextBlock' && k === 'text') || (parent === 'facts' && (k === 'title' || k === 'value'));
      if (typeof v === 'string' && markdown) out.push({ path: `${path}.${k}`, source: v });
      else visit(v, `${path}.${k}`, k);
    }
  };
  visit(card, '$', '');
  return out;
}

/**
 * Strings a person reads: texts, titles, labels, placeholders, error messages, fact values and choice titles. The
 * Markdown fields are given as Teams shows them (escapes resolved, no markup), like the tab's renderer reads them.
 */
export function visibleText(card: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown, parent = ''): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, parent));
    if (!isObj(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' || k === 'refresh' || k === 'url') continue;
      const markdown =
        (node.type === 'TextBlock' && k === 'text') || (parent === 'facts' && (k === 'title' || k === 'value'));
      if (typeof v === 'string' && markdown) out.push(cardPlainText(v));
      else if (typeof v === 'string' && VISIBLE_KEYS.has(k)) out.push(v);
      else visit(v, k);
    }
  };
  visit(card);
  return out;
}

/** English UI words that must not reach a Spanish card, and the marks of a value rendered without care. */
const ENGLISH =
  /(?<!\p{L})(submit|cancel|ok|save|close|open|view|details?|send|approve|reject|comment|sign|due|overdue|request|required|please|select|enter|yes|reason|none|delete|edit|days?|left|true|false)(?!\p{L})/iu;
const BROKEN = /undefined|\bnull\b|NaN|\[object Object\]/;

export function nonSpanish(card: unknown): string[] {
  return visibleText(card).filter((t) => ENGLISH.test(t) || BROKEN.test(t));
}

// ---------------------------------------------------------------------------------------------------------------
// What the inputs of a form would submit

const SAMPLE_TEXT = 'Texto de prueba de la acción';

/** A plausible value for one input, within its own bounds (min, max, maxLength, choices). */
export function sampleValue(input: Json, today: string): string {
  const given = input.value;
  switch (input.type) {
    case 'Input.ChoiceSet':
      return typeof given === 'string' ? given : String((input.choices as Json[])[0]!.value);
    case 'Input.Date':
      return typeof given === 'string' ? given : String(input.min ?? input.max ?? today);
    case 'Input.Number': {
      const n = typeof given === 'number' ? given : Number(input.min ?? 1);
      return String(typeof input.max === 'number' ? Math.min(n, input.max) : n);
    }
    case 'Input.Toggle':
      return String(input.valueOn ?? 'true');
    default: {
      if (typeof given === 'string') return given;
      const id = String(input.id);
      const text =
        input.style === 'url'
          ? 'https://quillota.sharepoint.com/datos/entrega.xlsx'
          : input.style === 'email'
            ? 'persona@quillota.cl'
            : /rut$/i.test(id)
              ? '60.921.000-1'
              : SAMPLE_TEXT;
      return typeof input.maxLength === 'number' ? text.slice(0, input.maxLength) : text;
    }
  }
}

/** What a client submits for an Execute: its data plus the inputs (all of them, or only the required ones). */
export function submitted(use: ExecuteUse, today: string, only: 'all' | 'required' = 'all'): Json {
  const values: Json = {};
  for (const input of use.inputs) {
    // A toggle always submits its value; other optional inputs are left blank in the 'required' pass.
    if (only === 'required' && !input.isRequired && input.type !== 'Input.Toggle') continue;
    values[String(input.id)] = sampleValue(input, today);
  }
  return { ...use.action.data, ...values };
}
