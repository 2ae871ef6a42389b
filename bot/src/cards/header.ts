// The top of every item card: what it is, where it stands, who it waits for, by when, and how sensitive it is.
import {
  ACCESS_LABELS,
  CONVENIO_STATE_LABELS,
  PRIVACY_LABELS,
  SOLICITUD_STATE_LABELS,
  type Classification,
  type Item,
} from '../../../protocol';
import {
  actionSet,
  badge,
  badges,
  column,
  columns,
  compact,
  container,
  facts,
  openUrl,
  text,
  type CardElement,
} from './card-elements';
import type { CardContext } from './contract';
import { runningDeadline } from './running-deadline';
import { HEADER } from './textos/comun';
import { concludedOn, isClosed, whoMustAct, yourTurn, type Actor, type AllowedAction } from '../../../protocol';

const title = (item: Item) => (item.kind === 'solicitud' ? item.dataset.name : item.title);

/** Sensitive axes stand out in warning colour; the impact-assessment flag in attention (Ley 21.719). */
export function classificationBadges(c: Classification, impactAssessmentRequired: boolean): CardElement {
  const reserved = c.access === 'reservada' || c.access === 'secreta';
  const sensitive = c.privacy === 'sensible' || c.privacy === 'nna';
  return badges(
    compact([
      badge(ACCESS_LABELS[c.access], reserved ? 'warning' : 'emphasis'),
      badge(PRIVACY_LABELS[c.privacy], sensitive ? 'warning' : 'emphasis'),
      c.largeScale && badge(HEADER.largeScale, 'warning'),
      impactAssessmentRequired && badge(HEADER.impactAssessment, 'attention'),
    ]),
  );
}

export function itemHeader(
  item: Item,
  ctx: CardContext,
  viewer: Actor | null = null,
  /** allowedActions(item, viewer), computed once by the card for its bar and this header. */
  allowed?: AllowedAction[],
): CardElement[] {
  const state = item.kind === 'solicitud' ? SOLICITUD_STATE_LABELS[item.state] : CONVENIO_STATE_LABELS[item.state];
  const due = runningDeadline(item, ctx);
  const top = columns([
    column([
      text(item.reference, { size: 'medium', weight: 'bolder' }),
      text(title(item), { spacing: 'none' }),
      item.kind === 'convenio' ? text(item.entity.name, { isSubtle: true, spacing: 'none' }) : undefined,
    ]),
    column([actionSet([openUrl(HEADER.openDetail, ctx.detailUrl(item))])], 'auto', {
      verticalContentAlignment: 'center',
    }),
  ]);
  const closed = isClosed(item);
  const turn = viewer && !closed ? yourTurn(item, viewer, allowed) : undefined;
  return [
    container(
      [
        top,
        facts([
          [HEADER.state, state],
          // Concluded: when it ended, not «Debe actuar: nadie» (issue 14 §5).
          // The reader's own turn is said to them, not about them (issue 14 §5).
          closed
            ? [HEADER.concluded(item.kind), concludedOn(item, ctx.settings.timeZone)]
            : turn
              ? [HEADER.yourTurn, turn]
              : [HEADER.mustAct, whoMustAct(item, ctx.directory)],
        ]),
        due &&
          !closed &&
          columns(
            [
              column([text(HEADER.deadline(due.label), { weight: 'bolder' })], 'auto'),
              column([text(due.text, { color: due.color, weight: due.daysLeft <= 0 ? 'bolder' : 'default' })]),
            ],
            { spacing: 'small' },
          ),
        classificationBadges(item.classification, item.impactAssessmentRequired),
      ],
      { style: 'emphasis', bleed: true },
    ),
  ];
}
