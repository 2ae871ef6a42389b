// Tablero: what is stuck, where, and since when. One column per state in life-cycle order, each with its count and
// how many are overdue; the cards say who must act and the working days left; a line on top sums it all up.
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Select,
  Text,
  Title2,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import { type Board, type BoardColumn, type ItemKind, type RegisterRow } from '../../../protocol';
import { query } from '../api';
import { BoardCard } from '../components/board-card';
import { useBulkWork, type RowSelection } from '../components/bulk-bar';
import { KIND_LABELS, KindSwitch, STATES, isOpenState, kindFrom } from '../components/register-kind';
import { EmptyState, ErrorBox, Loading } from '../components/status';
import { useUnits } from '../components/register-units';
import { useFetch } from '../components/use-fetch';
import { fecha } from '../format';
import { Link, PAGE_PATHS, detailPath, useRouter } from '../router';
import { VISUALLY_HIDDEN } from '../components/visually-hidden';
import { COLUMN, SUMMARY, TABLERO } from '../textos/pagina-tablero';

const useStyles = makeStyles({
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 24px', marginBottom: '8px' },
  h1: { margin: 0 },
  spacer: { flexGrow: 1 },
  // The previous answer stays on screen, dimmed, while another unit's board loads.
  stale: { opacity: 0.6 },
  // A horizontal Field gives its label a third of the width; here the label takes what it needs.
  unit: { gridTemplateColumns: 'auto 1fr', columnGap: '8px', alignItems: 'center' },
  unitSelect: { width: '300px', maxWidth: '100%' },
  summary: { display: 'block', margin: '0 0 12px', color: tokens.colorNeutralForeground2 },
  // The palette red keeps 4.5:1 on the dark theme's background, where the status red does not.
  danger: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  columns: {
    display: 'flex',
    // The containing block of the columns' visually hidden texts (position: absolute): without it they sat past
    // the window's right edge and widened the page at 400 px instead of scrolling with the columns (issue 14 §9).
    position: 'relative',
    gap: '12px',
    alignItems: 'flex-start',
    overflowX: 'auto',
    paddingBottom: '12px',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  column: {
    flex: '0 0 280px',
    display: 'grid',
    gap: '8px',
    padding: '10px',
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  // An empty column keeps its place in the flow but not a card's width (issue 14 §10).
  emptyColumn: { flex: '0 0 150px' },
  head: { display: 'flex', alignItems: 'center', gap: '8px', flexWrap: 'wrap' },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  // A long column scrolls on its own, so every column's head and first cards stay in view.
  cards: {
    display: 'grid',
    gap: '8px',
    margin: 0,
    padding: '2px',
    maxHeight: 'max(320px, calc(100vh - 250px))',
    overflowY: 'auto',
  },
  none: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // The checkbox sits on the reference's line without making the card taller.
  check: { margin: '-8px 0 -8px -8px' },
  more: { fontSize: tokens.fontSizeBase200, color: tokens.colorBrandForegroundLink },
  hidden: VISUALLY_HIDDEN,
});

/** The Lista showing what a column or the summary counts: same kind and unit, one state or the overdue ones. */
const listLink = (kind: ItemKind, unidad: string | undefined, state?: string, overdue?: boolean): string =>
  PAGE_PATHS.lista +
  query({
    tipo: kind === 'convenio' ? kind : undefined,
    estado: state,
    unidad,
    vencidas: overdue ? 'true' : undefined,
  });

function Summary({ board, unidad }: { board: Board; unidad: string | undefined }) {
  const s = useStyles();
  const open = board.columns.filter((c) => isOpenState(board.kind, c.state));
  const total = open.reduce((n, c) => n + c.count, 0);
  const overdue = board.columns.reduce((n, c) => n + c.overdue, 0);
  // The cards come soonest deadline first, so the oldest overdue of each column is among them.
  const oldest = board.columns
    .flatMap((c) => c.items)
    .filter((r) => r.overdue && r.dueAt)
    .reduce<RegisterRow | undefined>((a, r) => (!a || r.dueAt! < a.dueAt! ? r : a), undefined);
  const k = board.kind;
  return (
    <Text className={s.summary} role="status">
      {SUMMARY.open(k, total)}
      {SUMMARY.separator}
      {overdue ? (
        <Link to={listLink(k, unidad, undefined, true)} className={s.danger}>
          {SUMMARY.overdue(overdue)}
        </Link>
      ) : (
        SUMMARY.noneOverdue(k)
      )}
      {oldest ? (
        <>
          {SUMMARY.separator}
          {SUMMARY.oldest(k)}
          <Link to={detailPath(k, oldest.reference)}>{oldest.reference}</Link>
          {SUMMARY.oldestTail(k, oldest.ownerUnitName, fecha(oldest.dueAt))}
        </>
      ) : null}
    </Text>
  );
}

/** What is past its deadline leads its column (issue 14 §10); otherwise the server's order stands. */
const overdueFirst = (rows: RegisterRow[]): RegisterRow[] => [
  ...rows.filter((r) => r.overdue),
  ...rows.filter((r) => !r.overdue),
];

function Column({
  kind,
  column,
  unidad,
  selection,
}: {
  kind: ItemKind;
  column: BoardColumn;
  unidad: string | undefined;
  /** Cards may be ticked for a batch (the UGDT on solicitudes, issue 14 §8). */
  selection?: RowSelection;
}) {
  const s = useStyles();
  const id = `col-${column.state}`;
  return (
    <section className={mergeClasses(s.column, column.count === 0 && s.emptyColumn)} aria-labelledby={id}>
      <div className={s.head}>
        <h2 id={id} className={s.h2}>
          {column.label}
        </h2>
        <Badge appearance="tint" color="informative" aria-label={COLUMN.total(column.count)}>
          {column.count}
        </Badge>
        {column.overdue ? (
          <Badge appearance="filled" color="danger">
            {COLUMN.overdue(kind, column.overdue)}
          </Badge>
        ) : null}
      </div>
      {column.items.length ? (
        <ul className={s.cards}>
          {overdueFirst(column.items).map((r) => (
            <BoardCard
              key={r.id}
              row={r}
              select={
                selection ? (
                  <Checkbox
                    className={s.check}
                    checked={selection.selected.has(r.reference)}
                    onChange={(_, d) => selection.toggle(r.reference, d.checked === true)}
                    aria-label={COLUMN.select(r.reference)}
                  />
                ) : undefined
              }
            />
          ))}
        </ul>
      ) : (
        <Text className={s.none}>{COLUMN.none(kind)}</Text>
      )}
      {column.count > 0 ? (
        <Link to={listLink(kind, unidad, column.state)} className={s.more}>
          {COLUMN.seeAll(kind, column.count)}
          <span className={s.hidden}>{COLUMN.seeAllWhere(column.label)}</span>
        </Link>
      ) : null}
    </section>
  );
}

export default function Tablero() {
  const s = useStyles();
  const { search, navigate } = useRouter();
  const kind = kindFrom(search);
  const unidad = search.get('unidad') ?? undefined;
  const units = useUnits();
  const board = useFetch<Board>(`/api/v1/tablero${query({ tipo: kind, unidad })}`);
  const go = (k: ItemKind, u: string | undefined) =>
    navigate(PAGE_PATHS.tablero + query({ tipo: k === 'convenio' ? k : undefined, unidad: u }));
  const data = board.data?.kind === kind ? board.data : undefined;
  const order = STATES[kind];
  const columns = data ? [...data.columns].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state)) : [];

  const overdue = useMemo(
    () => (data ? data.columns.flatMap((c) => c.items.filter((r) => r.overdue).map((r) => r.reference)) : []),
    [data],
  );
  const { selection, controls } = useBulkWork(kind, `${kind}:${unidad ?? ''}`, overdue, board.reload);

  return (
    <>
      <div className={s.top}>
        <Title2 as="h1" className={s.h1}>
          {TABLERO.title}
        </Title2>
        <KindSwitch kind={kind} onChange={(k) => go(k, unidad)} />
        <Field label={TABLERO.unit} orientation="horizontal" className={s.unit}>
          <Select className={s.unitSelect} value={unidad ?? ''} onChange={(_, d) => go(kind, d.value || undefined)}>
            <option value="">{TABLERO.allUnits}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </Field>
        <span className={s.spacer} />
        <Button size="small" onClick={board.reload}>
          {TABLERO.refresh}
        </Button>
      </div>
      {board.error ? (
        <ErrorBox message={board.error.message} retry={board.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <Summary board={{ ...data, columns }} unidad={unidad} />
          {controls}
          {columns.every((c) => c.count === 0) ? (
            <EmptyState>{TABLERO.empty(KIND_LABELS[kind])}</EmptyState>
          ) : (
            <div
              className={mergeClasses(s.columns, board.loading && s.stale)}
              aria-busy={board.loading}
              role="region"
              aria-label={TABLERO.columnsLabel(KIND_LABELS[kind])}
              tabIndex={0}
            >
              {columns.map((c) => (
                <Column key={c.state} kind={kind} column={c} unidad={unidad} selection={selection} />
              ))}
            </div>
          )}
        </>
      )}
    </>
  );
}
