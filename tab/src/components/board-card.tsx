// One item as a card (Tablero, Mis pendientes): reference to its detail, title, a convenio's counterpart, the units
// involved, who must act and the working days left; an overdue item is marked in red, in words as well as in colour.
import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { RegisterRow } from '../../../protocol';
import { fecha } from '../format';
import { Link, detailPath } from '../router';
import { BOARD_CARD } from '../textos/registro';
import { shortNames, useUnits } from './register-units';
import { DueBadge, StateBadge } from './status';

const useStyles = makeStyles({
  card: {
    display: 'grid',
    gap: '4px',
    padding: '8px 12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `4px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow2,
    listStyleType: 'none',
  },
  overdue: { borderLeft: `4px solid ${tokens.colorStatusDangerBorder2}` },
  row: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '4px 8px', flexWrap: 'wrap' },
  ref: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  link: { color: tokens.colorBrandForegroundLink, ':hover': { color: tokens.colorBrandForegroundLinkHover } },
  title: {
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflowWrap: 'anywhere',
  },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  // The counterpart on a line of its own, whole words and at most two lines, never cut mid-line.
  counterpart: {
    overflow: 'hidden',
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflowWrap: 'anywhere',
  },
  label: { fontWeight: tokens.fontWeightSemibold },
  turn: { color: tokens.colorNeutralForeground1, fontSize: tokens.fontSizeBase300 },
});

export function BoardCard({
  row,
  showState = false,
  select,
  turn,
}: {
  row: RegisterRow;
  showState?: boolean;
  /** A checkbox before the reference, where the card may be ticked for a batch (the UGDT's, issue 14 §8). */
  select?: ReactNode;
  /**
   * «Le toca a usted» (Mis pendientes, issue 14 §7): what the reader is to do, said to them, in place of «Debe
   * actuar», and the step offered inline at the foot of the card.
   */
  turn?: { task: string | null; action?: ReactNode };
}) {
  const s = useStyles();
  const short = shortNames(useUnits());
  const from = short(row.requestingUnit, row.requestingUnitName);
  const units =
    row.kind === 'solicitud' ? `${from} → ${short(row.ownerUnit, row.ownerUnitName)}` : BOARD_CARD.proposedBy(from);
  const unitsTitle =
    row.kind === 'solicitud' ? BOARD_CARD.fromTo(row.requestingUnitName, row.ownerUnitName) : row.requestingUnitName;
  return (
    <li
      className={mergeClasses(s.card, row.overdue && s.overdue)}
      data-ref={row.reference}
      {...(row.overdue ? { 'data-vencida': '' } : {})}
    >
      <div className={s.row}>
        <span className={s.ref}>
          {select}
          <Link to={detailPath(row.kind, row.reference)} className={s.link}>
            {row.reference}
          </Link>
        </span>
        {showState ? <StateBadge state={row.state} label={row.stateLabel} /> : null}
      </div>
      <Text className={s.title} title={row.title}>
        {row.title}
      </Text>
      {row.counterpart ? (
        <Text className={mergeClasses(s.meta, s.counterpart)} title={row.counterpart}>
          <span className={s.label}>{BOARD_CARD.with}</span> {row.counterpart}
        </Text>
      ) : null}
      <Text className={s.meta} title={unitsTitle}>
        {units}
      </Text>
      {turn?.task ? (
        <Text className={s.turn}>
          <span className={s.label}>{BOARD_CARD.yourTurn}</span> {turn.task}
        </Text>
      ) : row.waitingOn ? (
        <Text className={s.meta}>
          <span className={s.label}>{BOARD_CARD.mustAct}</span> {row.waitingOn}
        </Text>
      ) : null}
      <div className={s.row}>
        <DueBadge workingDaysLeft={row.workingDaysLeft} overdue={row.overdue} kind={row.kind} />
        <Text className={s.meta}>{BOARD_CARD.createdOn(row.kind, fecha(row.createdAt))}</Text>
      </div>
      {turn?.action ? <div className={s.row}>{turn.action}</div> : null}
    </li>
  );
}
