// Hostile text for the output-side tests: what a person could type into any free-text field (or what an old row
// may hold), from the issue and from the Markdown and HTML references, and a way to put it in every user-text
// field of an item.
import type { Item } from '../../../protocol';

type Json = Record<string, unknown>;

/** Payloads a person could type in any free-text field, from the issue and from the Markdown and HTML references. */
export const HOSTILE_PAYLOADS: string[] = [
  '[x](https://evil.example)',
  '**negrita**',
  '__negrita__',
  '_i_',
  'rut_paciente_reservado',
  'a__b__c',
  '_inicio y fin_',
  '*i*',
  '~~tachado~~',
  '- lista',
  '* lista',
  '+ lista',
  '1. lista',
  '1) lista',
  '<at>x</at>',
  '![img](https://evil.example/a.png)',
  'javascript:alert(1)',
  ') **…** [aquí](https://evil.example',
  'https://evil.example/ruta_con_guiones',
  'www.evil.example',
  'evil.com',
  'quillota.cl/ruta',
  '//evil.example/x',
  '    código indentado',
  'persona@evil.example',
  '<https://evil.example>',
  '<javascript:alert(1)>',
  '[x]: https://evil.example',
  '[x][y]',
  '`código`',
  '&lt;b&gt;negrita&lt;/b&gt;',
  '&#60;script&#62;',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '# título',
  '> cita',
  '---',
  '===',
  '| a | b |',
  '{{DATE(2017-02-14T06:00:00Z, SHORT)}}',
  '\\*no escapado\\*',
  'C:\\datos\\',
  '[texto](javascript:alert(1))',
  '[a](https://ok.example/"onmouseover="alert(1))',
];

/** Each payload alone, after text, at a line start after \n and \r, indented, in parentheses, twice. */
export const HOSTILE_STRINGS = HOSTILE_PAYLOADS.flatMap((p) => [
  p,
  `Texto ${p} fin`,
  `Primera línea\n${p}`,
  `Primera línea\r\n${p}\r${p}`,
  `   ${p}`,
  `(${p})`,
  `${p}${p}`,
  `${p}\n${p} y [Abrir](https://evil.example)`,
]);

/** Strings that are structure, not text a person typed: ids, states, enums, dates and instants, hashes. */
const STRUCTURAL = new Set([
  'kind',
  'id',
  'reference',
  'state',
  'createdAt',
  'updatedAt',
  'at',
  'dueAt',
  'dueDate',
  'startedAt',
  'since',
  'deadline',
  'unit',
  'ownerUnitId',
  'unitId',
  'fromUnitId',
  'toUnitId',
  'personId',
  'signerId',
  'sha256',
  'hash',
  'storageVersionId',
  'side',
  'format',
  'dataDisposition',
  'endAction',
  'renewal',
  'signatureOrder',
  'compliance',
  'until',
  'start',
  'end',
  'date',
  'previousEnd',
  'newEnd',
  'neededBy',
  'newDueDate',
  'nextEvaluationDue',
]);

/** The marker after each payload: letters and digits only, so it can only be lost, never formatted. */
export const MARKER = /QZ(\d+)ZQ/g;

/** Which payload stands before each marker. */
export class Markers {
  private next = 1;
  readonly payloadOf = new Map<string, string>();
  after(payload: string): string {
    const m = `QZ${this.next++}ZQ`;
    this.payloadOf.set(m, payload);
    return `${payload} ${m}`;
  }
}

/** Payloads that show as markup whenever they are not escaped: every field carries one of them on its 2nd line. */
export const DETECTORS = [
  '[x](https://evil.example)',
  '**negrita**',
  '_i_',
  '- lista',
  '1. lista',
  ') **…** [aquí](https://evil.example',
  'https://evil.example/a',
  '![img](https://evil.example/a.png)',
];

/**
 * A copy of `item` whose every user-text string is two lines, "<payload> <marker>" and "<detector> <marker>"; field
 * j of the item gets payload j + round, so over as many rounds as payloads each field carries each payload. New
 * fields of a later protocol version are included by default (only STRUCTURAL keys are left alone).
 */
export function hostile<I extends Item>(item: I, round: number, markers: Markers): { item: I; fields: number } {
  let fields = 0;
  const walk = (node: unknown, key: string, parent: string): unknown => {
    if (typeof node === 'string') {
      if (STRUCTURAL.has(key)) return node;
      if (key === 'method' && parent === 'signatures') return node; // 'fes' | 'fea'
      const j = fields++;
      const payload = HOSTILE_PAYLOADS[(j + round) % HOSTILE_PAYLOADS.length]!;
      return `${markers.after(payload)}\n${markers.after(DETECTORS[(j + round) % DETECTORS.length]!)}`;
    }
    if (Array.isArray(node)) return node.map((x) => walk(x, key, key));
    if (typeof node !== 'object' || node === null) return node;
    const out: Json = {};
    // The classification is enums and flags, except the free text naming the law of a reserve.
    for (const [k, v] of Object.entries(node))
      out[k] = key === 'classification' && k !== 'legalGroundDetail' ? v : walk(v, k, key);
    return out;
  };
  const copy = walk(structuredClone(item), '', '') as I;
  return { item: copy, fields };
}
