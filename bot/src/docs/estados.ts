// The life cycles as documentation, generated from protocol/*/transitions.ts: Mermaid state diagrams and the verb
// tables (state → verb → state, who may act), with the Spanish labels the screens show. `npm run docs:generar`
// writes them to docs/estados.generado.md; a unit test fails when the committed copy is stale.
import {
  CONVENIO_CLOSED_STATES,
  CONVENIO_STATE_LABELS,
  CONVENIO_STATES,
  CONVENIO_TRANSITIONS,
  CONVENIO_WHO_LABELS,
  SOLICITUD_OPEN_STATES,
  SOLICITUD_STATE_LABELS,
  SOLICITUD_STATES,
  SOLICITUD_TRANSITIONS,
  SOLICITUD_WHO_LABELS,
} from '../../../protocol';

export const ESTADOS_FILE = 'docs/estados.generado.md';
export const GENERATE_COMMAND = 'npm run docs:generar';

interface Transition {
  from: readonly string[];
  to: string;
  targets?: readonly string[];
  who: string;
  label: string;
}

interface Cycle {
  title: string;
  source: string;
  states: readonly string[];
  stateLabels: Record<string, string>;
  finals: readonly string[];
  transitions: Record<string, Transition>;
  whoLabels: Record<string, string>;
}

const CYCLES: Cycle[] = [
  {
    title: 'Solicitud interna de datos',
    source: 'protocol/solicitud/transitions.ts',
    states: SOLICITUD_STATES,
    stateLabels: SOLICITUD_STATE_LABELS,
    finals: SOLICITUD_STATES.filter((s) => !SOLICITUD_OPEN_STATES.includes(s)),
    transitions: SOLICITUD_TRANSITIONS,
    whoLabels: SOLICITUD_WHO_LABELS,
  },
  {
    title: 'Convenio de uso compartido de datos',
    source: 'protocol/convenio/transitions.ts',
    states: CONVENIO_STATES,
    stateLabels: CONVENIO_STATE_LABELS,
    finals: CONVENIO_CLOSED_STATES,
    transitions: CONVENIO_TRANSITIONS,
    whoLabels: CONVENIO_WHO_LABELS,
  },
];

/** The states a verb can lead to from `from` (none when it keeps the state). */
function targetsOf(t: Transition): string[] {
  if (t.to === 'igual') return [];
  if (t.to === 'segun') return [...(t.targets ?? [])];
  return [t.to];
}

/** Table cells hold user text of the protocol: the pipe would end the cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** A Markdown table with its columns padded as Prettier writes them, so `prettier --check` accepts the file. */
function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
/** Mermaid labels end at a semicolon or a line break; a colon starts the label. */
const mermaidText = (s: string) => s.replace(/[;:\n"]/g, ' ');

function diagram(c: Cycle): string {
  const lines = ['```mermaid', 'stateDiagram-v2'];
  for (const s of c.states) lines.push(`    state "${mermaidText(c.stateLabels[s]!)}" as ${s}`);
  // Every item is created in the first state of its list (the create command is not a transition of the table).
  lines.push(`    [*] --> ${c.states[0]} : Crear`);
  const edges = new Map<string, string[]>();
  for (const t of Object.values(c.transitions))
    for (const from of t.from)
      for (const to of targetsOf(t)) {
        const key = `${from} --> ${to}`;
        const labels = edges.get(key) ?? [];
        if (!labels.includes(t.label)) labels.push(t.label);
        edges.set(key, labels);
      }
  for (const [edge, labels] of edges) lines.push(`    ${edge} : ${labels.map(mermaidText).join(', ')}`);
  for (const s of c.finals) lines.push(`    ${s} --> [*]`);
  lines.push('```');
  return lines.join('\n');
}

function table(c: Cycle): string {
  const state = (s: string) => `${c.stateLabels[s]} (\`${s}\`)`;
  const rows = Object.entries(c.transitions).map(([verb, t]) => {
    const from = t.from.length === c.states.length ? 'cualquier estado' : t.from.map(state).join(', ');
    const to =
      t.to === 'igual'
        ? 'el mismo estado'
        : t.to === 'segun'
          ? `${(t.targets ?? []).map(state).join(' o ')}, según la decisión`
          : state(t.to);
    return [`\`${verb}\``, t.label, from, to, `${c.whoLabels[t.who] ?? t.who} (\`${t.who}\`)`].map(cell);
  });
  return markdownTable(['Verbo', 'Acción', 'Desde', 'Hacia', 'Quién puede'], rows);
}

function statesTable(c: Cycle): string {
  return markdownTable(
    ['Estado', 'Etiqueta', 'Final'],
    c.states.map((s) => [`\`${s}\``, cell(c.stateLabels[s]!), c.finals.includes(s) ? 'sí' : 'no']),
  );
}

/** The whole generated file: deterministic, so the test can compare it byte for byte. */
export function estadosMarkdown(): string {
  const parts = [
    '<!-- Archivo generado: no editar a mano. Fuente: protocol/*/transitions.ts; se regenera con ' +
      `\`${GENERATE_COMMAND}\`. -->`,
    '',
    '# Estados y transiciones (generado)',
    '',
    'Cada flecha une un estado de origen (`from`) con su destino (`to`, o cada uno de sus `targets` cuando la ' +
      'decisión elige); las acciones que mantienen el estado (comentarios, recordatorios, prórrogas, evidencias) ' +
      'están solo en la tabla. Quién puede actuar se comprueba en `protocol/*/policy.ts`; las reglas finas (por ' +
      'ejemplo, el rechazo en evaluación lo decide la Administración Municipal, regla 9b) están en ' +
      '[protocolo.md](protocolo.md).',
  ];
  for (const c of CYCLES)
    parts.push(
      '',
      `## ${c.title}`,
      '',
      `Fuente: \`${c.source}\`.`,
      '',
      diagram(c),
      '',
      '### Estados',
      '',
      statesTable(c),
      '',
      '### Acciones',
      '',
      table(c),
    );
  return `${parts.join('\n')}\n`;
}
