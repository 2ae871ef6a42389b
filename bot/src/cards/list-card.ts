// "mis solicitudes", "pendientes" and search results: one row per item with its reference, title, state and the
// running deadline; tapping a row opens the item card.
import { byGender, currentDueAt, type Item } from '../../../protocol';
import { card, column, columns, container, execute, text, type CardElement } from './card-elements';
import { OPEN_ITEM_VERB, type AdaptiveCard, type CardContext, type ListRow } from './contract';
import { stateLabel } from './format';
import { dueView } from './running-deadline';
import { DEADLINE, LIST } from './textos/comun';

/** Rows beyond this are left to the tab's register: a long card is slow on phones and near Teams' size limit. */
export const MAX_ROWS = 25;

export const listRow = (item: Item, ctx: Pick<CardContext, 'settings'>): ListRow => ({
  id: item.id,
  kind: item.kind,
  reference: item.reference,
  state: item.state,
  title: item.kind === 'solicitud' ? item.dataset.name : item.title,
  dueAt: currentDueAt(item, ctx.settings.timeZone) ?? null,
});

/** One tappable row: reference, title, state and the running deadline; the tap opens the item card. */
export function rowElement(r: ListRow, ctx: CardContext): CardElement {
  // The row is the item: a request «vencida», a convenio «vencido».
  const overdue = byGender(r.kind, DEADLINE.overdueFeminine, DEADLINE.overdueMasculine);
  const due = r.dueAt ? dueView(r.dueAt, ctx, overdue) : undefined;
  return container(
    [
      columns([
        column([
          text(r.reference, { weight: 'bolder', color: 'accent' }),
          text(r.title, { isSubtle: true, spacing: 'none' }),
        ]),
        column([text(stateLabel(r.kind, r.state), { size: 'small' })], '110px'),
        column([text(due ? due.text : LIST.noDeadline, { size: 'small', color: due?.color ?? 'default' })], '150px'),
      ]),
    ],
    { separator: true, selectAction: execute(LIST.open(r.reference), { verb: OPEN_ITEM_VERB, id: r.id }) },
  );
}

export function listCard(
  title: string,
  rows: readonly ListRow[],
  ctx: CardContext,
  opts: { emptyText?: string } = {},
): AdaptiveCard {
  const shown = rows.slice(0, MAX_ROWS);
  return card([
    text(title, { size: 'medium', weight: 'bolder', style: 'heading' }),
    rows.length === 0
      ? text(opts.emptyText ?? LIST.empty, { isSubtle: true })
      : text(LIST.tapHint, { isSubtle: true, size: 'small' }),
    ...shown.map((r) => rowElement(r, ctx)),
    rows.length > shown.length
      ? text(LIST.truncated(shown.length, rows.length), {
          isSubtle: true,
          size: 'small',
        })
      : undefined,
  ]);
}
