// Every state of both life cycles (and the variants a card shows differently) × every kind of viewer: the item
// card is valid Adaptive Card 1.5 for the schema and for the SDK, fits in Teams, speaks Spanish, offers exactly
// the protocol's allowed actions, and each action's inputs produce a command the protocol accepts.
import { allowedActions, parseCommand, toLocalDate, type Item } from '../../../protocol';
import { commandFromInvoke, itemCard, NOT_ON_CARDS, type AdaptiveCard } from '../../../bot/src/cards';
import { DESTROYS } from '../../../bot/src/cards/action-bar';
import { cardBytes, executes, MAX_CARD_BYTES, nonSpanish, schemaErrors, sdkProblems, submitted } from './card-checks';
import { cardContext, convenioCases, READ_ONLY_VIEWERS, solicitudCases, VIEWERS, type Case } from './card-fixtures';
import { figure } from '../../support/figures';

const rows = (cases: Record<string, Case<Item>>) =>
  Object.entries(cases).flatMap(([caseName, c]) =>
    Object.entries(VIEWERS).map(([viewerName, viewer]) => ({ caseName, viewerName, viewer, ...c })),
  );

const MATRIX = [...rows(solicitudCases()), ...rows(convenioCases())].map((row, index) => ({
  ...row,
  index,
  card: itemCard(row.item, cardContext(row.now), {
    viewer: row.viewer,
    refreshUserIds: ['00000000-0000-0000-0000-000000000001'],
  }),
}));
const sizes: number[] = [];
let sdk: string[][] = [];
beforeAll(() => {
  sdk = sdkProblems(MATRIX.map((m) => m.card));
});

describe.each(MATRIX)(
  '$item.kind «$caseName» visto por $viewerName',
  ({ item, viewer, viewerName, now, card, index }) => {
    const ctx = cardContext(now);
    const today = toLocalDate(now, ctx.settings.timeZone);
    const expected = (viewer ? allowedActions(item, viewer) : [])
      .map((a) => `${item.kind}.${a.verb}`)
      .filter((v) => !NOT_ON_CARDS.includes(v as (typeof NOT_ON_CARDS)[number]));

    test('valida contra el esquema 1.5, el SDK no advierte nada y pesa menos de 40 KB', () => {
      expect(schemaErrors(card)).toEqual([]);
      expect(sdk[index]).toEqual([]);
      const bytes = cardBytes(card);
      sizes.push(bytes);
      expect(bytes).toBeLessThan(MAX_CARD_BYTES);
    });

    test('ofrece exactamente las acciones que permite el protocolo', () => {
      const verbs = executes(card as AdaptiveCard & Record<string, unknown>).map((u) => u.action.verb);
      expect([...verbs].sort()).toEqual([...expected].sort());
      if (READ_ONLY_VIEWERS.includes(viewerName) && item.kind === 'convenio') expect(verbs).toEqual([]);
      if (!viewer) expect(verbs).toEqual([]);
    });

    test('cada acción lleva verbo, id y versión, con un Action.Submit de respaldo con los mismos datos', () => {
      for (const { action } of executes(card as AdaptiveCard & Record<string, unknown>)) {
        expect(action.data).toMatchObject({ verb: action.verb, id: item.id, version: item.version });
        expect(action.fallback).toEqual(expect.objectContaining({ type: 'Action.Submit', data: action.data }));
      }
    });

    test('lo que envían sus formularios lo acepta parseCommand (completo y solo lo obligatorio)', () => {
      for (const use of executes(card as AdaptiveCard & Record<string, unknown>)) {
        const command = use.action.verb.split('.')[1]!;
        for (const only of ['all', 'required'] as const) {
          const raw = commandFromInvoke(item.kind, command, submitted(use, today, only) as never);
          expect(() => parseCommand(item.kind, raw)).not.toThrow();
        }
      }
    });

    // Issue 14 §3: at most one primary (green) button, first; at most three in view; the rest in the menu, with
    // what ends the item last; red only on the confirm button of a step that ends the item for good.
    test('un solo botón principal, tres a la vista como mucho, y nada rojo en la barra', () => {
      const bar = ((card as Record<string, unknown>).actions ?? []) as Record<string, unknown>[];
      const primary = bar.filter((a) => a.style === 'positive');
      expect(primary.length).toBeLessThanOrEqual(1);
      if (primary.length) expect(bar[0]).toBe(primary[0]);
      expect(bar.filter((a) => a.mode !== 'secondary').length).toBeLessThanOrEqual(3);
      const firstInMenu = bar.findIndex((a) => a.mode === 'secondary');
      if (firstInMenu >= 0) expect(bar.slice(firstInMenu).every((a) => a.mode === 'secondary')).toBe(true);
      expect(bar.filter((a) => a.style === 'destructive')).toEqual([]);
      for (const use of executes(card as AdaptiveCard & Record<string, unknown>))
        if (use.action.style === 'destructive') expect(DESTROYS).toContain(use.action.verb);
    });

    test('todo el texto visible está en español', () => {
      expect(nonSpanish(card)).toEqual([]);
    });
  },
);

test('la matriz cubre cada estado de ambos ciclos de vida con cada tipo de persona', () => {
  expect(MATRIX.length).toBe(
    (Object.keys(solicitudCases()).length + Object.keys(convenioCases()).length) * Object.keys(VIEWERS).length,
  );
  // The read-only viewers really are read-only for the protocol in every case, so the check above is not vacuous.
  for (const { item, viewer, viewerName } of MATRIX)
    if (READ_ONLY_VIEWERS.includes(viewerName) && viewer) expect(allowedActions(item, viewer)).toEqual([]);
});

afterAll(() => {
  // Kept in the test figures: the budget is 40 KB and a growing card should be noticed before it hits it.
  if (sizes.length) figure(`tarjetas de ítem validadas: ${sizes.length}; la mayor pesa ${Math.max(...sizes)} bytes`);
});
