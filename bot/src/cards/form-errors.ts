// A form the server refused comes back as it was sent (issue 14 §1): every value kept, the reason under each field
// it concerns, and a summary on top that names fields by their labels (never by internal paths such as
// `entity.rut`). Works on any card's JSON (intake forms, an item card's inline form), so no form builder needs to
// know about errors.
import { text, type CardElement } from './card-elements';
import { FORM } from './textos/comun';

type Json = Record<string, unknown>;

/** What the summary on top lists: the field's label (or none, for a reason about the whole form) and the reason. */
export interface FieldProblem {
  label?: string;
  message: string;
}

const isInput = (n: Json) => typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string';

/** Visits every element list of a card (body, containers, columns, show cards), parents before children. */
function eachList(node: unknown, visit: (list: unknown[]) => void): void {
  if (Array.isArray(node)) {
    visit(node);
    node.forEach((n) => eachList(n, visit));
  } else if (node && typeof node === 'object') Object.values(node).forEach((v) => eachList(v, visit));
}

/**
 * Puts back what the person typed: `values` are input id → submitted value (Teams sends every input as a string).
 * Inputs already holding a value keep the one the person sent. Unknown ids are ignored.
 */
export function keepValues(card: Json, values: Record<string, unknown>): void {
  eachList(card, (list) => {
    for (const n of list as Json[]) {
      if (!n || typeof n !== 'object' || !isInput(n)) continue;
      const sent = values[n.id as string];
      if (typeof sent !== 'string' && typeof sent !== 'number') continue;
      if (n.type === 'Input.Number') {
        const num = Number(sent);
        if (String(sent).trim() !== '' && Number.isFinite(num)) n.value = num;
      } else if (String(sent) !== '') n.value = String(sent);
    }
  });
}

/**
 * Writes each reason under the input it concerns. `fields` are the protocol's path → reason; `inputIdOf` turns a
 * path into the card's input id. Returns the problems for the summary: those under an input carry its label;
 * the others (a rule about several fields, a field with no input) are listed without one.
 */
export function markFieldErrors(
  card: Json,
  fields: Record<string, string>,
  inputIdOf: (path: string) => string,
): FieldProblem[] {
  const wanted = new Map(Object.entries(fields).map(([path, message]) => [inputIdOf(path), message]));
  const placed: FieldProblem[] = [];
  const found = new Set<string>();
  eachList(card, (list) => {
    for (let i = 0; i < list.length; i++) {
      const n = list[i] as Json;
      if (!n || typeof n !== 'object' || !isInput(n) || !wanted.has(n.id as string) || found.has(n.id as string))
        continue;
      const message = wanted.get(n.id as string)!;
      found.add(n.id as string);
      placed.push({ label: typeof n.label === 'string' ? n.label : undefined, message });
      const note: CardElement = text(message, { color: 'attention', size: 'small', spacing: 'none' });
      list.splice(i + 1, 0, { ...note, id: `${n.id as string}.error` });
      i += 1;
    }
  });
  const rest = [...wanted].filter(([id]) => !found.has(id)).map(([, message]) => ({ message }));
  return [...placed, ...rest];
}

/**
 * The banner's lines: the protocol's message when it speaks to people (a rule's reason: «Elija una fecha entre
 * hoy … y el …»), left out when it is the schema's list of paths (`entity.rut: …`), then one line per problem.
 */
export function summaryLines(message: string, fields: Record<string, string>, problems: FieldProblem[]): string[] {
  const listsPaths = Object.keys(fields).some((path) => message.includes(`${path}:`));
  const lines = problemLines(problems);
  return listsPaths ? (lines.length ? lines : [FORM.review]) : [message, ...lines];
}

/** Summary lines for the banner on top: «Etiqueta: motivo.» per problem. */
export function problemLines(problems: FieldProblem[]): string[] {
  return problems.map((p) => (p.label ? `${p.label.replace(/ \(opcional\)$/, '')}: ${p.message}` : p.message));
}
