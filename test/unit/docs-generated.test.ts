import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONVENIO_STATE_LABELS,
  CONVENIO_TRANSITIONS,
  SOLICITUD_STATE_LABELS,
  SOLICITUD_TRANSITIONS,
} from '../../protocol';
import { ESTADOS_FILE, estadosMarkdown, GENERATE_COMMAND } from '../../bot/src/docs/estados';

const root = join(__dirname, '..', '..');

describe('documentation generated from the code', () => {
  it(`${ESTADOS_FILE} is what the transition tables generate`, () => {
    const committed = readFileSync(join(root, ESTADOS_FILE), 'utf8');
    if (committed !== estadosMarkdown())
      throw new Error(`${ESTADOS_FILE} no coincide con protocol/*/transitions.ts: ejecute «${GENERATE_COMMAND}».`);
  });

  it('every verb and every state of both life cycles is in the generated file', () => {
    const text = estadosMarkdown();
    for (const verb of [...Object.keys(SOLICITUD_TRANSITIONS), ...Object.keys(CONVENIO_TRANSITIONS)])
      expect(text).toContain(`| \`${verb}\``);
    for (const label of [...Object.values(SOLICITUD_STATE_LABELS), ...Object.values(CONVENIO_STATE_LABELS)])
      expect(text).toContain(`"${label}"`);
    expect(text.match(/```mermaid\nstateDiagram-v2/g)).toHaveLength(2);
  });

  it('the hand-written documents no longer carry their own copies of the state diagrams', () => {
    for (const file of ['ARCHITECTURE.md', 'docs/protocolo.md'])
      expect(readFileSync(join(root, file), 'utf8')).not.toContain('stateDiagram');
  });
});

describe('documentation sizes (issue 13)', () => {
  it.each([
    ['README.md', 10_240],
    ['ARCHITECTURE.md', 15_360],
  ])('%s stays within %i bytes', (file, max) => {
    expect(statSync(join(root, file)).size).toBeLessThanOrEqual(max);
  });
});
