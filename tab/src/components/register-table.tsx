// The register as a table that stays smooth over tens of thousands of rows: fixed row height, only the rows in view
// (plus a margin) in the DOM, a sticky header, and the next page requested before the reader reaches the end.
// ARIA table roles on divs, because absolutely placed rows cannot be <tr>; aria-rowindex keeps each row's place.
import { Button, Checkbox, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import type { ItemKind, RegisterRow } from '../../../protocol';
import type { ApiError } from '../api';
import { fecha } from '../format';
import { Link, detailPath } from '../router';
import { STATUS } from '../textos/comun';
import type { RowSelection } from './bulk-bar';
import { DueBadge, StateBadge } from './status';
import { KIND_LABELS, TABLE, UNIT_LABELS } from '../textos/registro';
import { VISUALLY_HIDDEN } from './visually-hidden';

const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 40;
/** Ask for the next page when the last row in view is this close to the last row loaded. */
const PREFETCH_ROWS = 60;
// Referencia, título, the two units (short names), estado, debe actuar, vence, creada.
const COLUMNS = '120px minmax(200px, 3fr) 140px 120px 175px minmax(140px, 1.5fr) 215px 90px';
/** With selection (the UGDT's batches, issue 14 §8), a first column for the checkboxes. */
const SELECT_COLUMN = '32px';

export type Orden = 'recientes' | 'vencimiento';

const useStyles = makeStyles({
  scroller: {
    position: 'relative',
    overflow: 'auto',
    height: 'max(360px, calc(100vh - 330px))',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    scrollPaddingTop: `${HEADER_HEIGHT}px`,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  table: { position: 'relative', minWidth: '1290px' },
  selectable: { minWidth: '1334px' },
  rowSelectable: { gridTemplateColumns: `${SELECT_COLUMN} ${COLUMNS}` },
  // A bar on the left, not a background: every text of the row keeps its contrast in the dark and contrast themes.
  selectedRow: { boxShadow: `inset 4px 0 0 ${tokens.colorCompoundBrandStroke}` },
  check: { marginLeft: '-8px' },
  head: { position: 'sticky', top: 0, zIndex: 2 },
  row: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    alignItems: 'center',
    columnGap: '12px',
    padding: '0 12px',
    boxSizing: 'border-box',
  },
  headRow: {
    height: `${HEADER_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
  },
  bodyRow: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    height: `${ROW_HEIGHT}px`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    fontSize: tokens.fontSizeBase300,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  ref: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  link: { color: tokens.colorBrandForegroundLink, ':hover': { color: tokens.colorBrandForegroundLinkHover } },
  sort: {
    minWidth: 0,
    padding: '0 4px',
    marginLeft: '-4px',
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
  },
  full: { gridColumn: '1 / -1', display: 'flex', alignItems: 'center', gap: '12px' },
  muted: { color: tokens.colorNeutralForeground3 },
  hidden: VISUALLY_HIDDEN,
});

type Classes = ReturnType<typeof useStyles>;
type ShortName = (id: string, fullName: string) => string;

const RowView = memo(function RowView({
  row,
  index,
  start,
  short,
  c,
  checked,
  onToggle,
}: {
  row: RegisterRow;
  index: number;
  start: number;
  short: ShortName;
  c: Classes;
  /** Undefined: the table has no selection. */
  checked?: boolean;
  onToggle?: RowSelection['toggle'];
}) {
  const selectable = onToggle !== undefined;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-ref={row.reference}
      className={mergeClasses(c.row, c.bodyRow, selectable && c.rowSelectable, checked && c.selectedRow)}
      style={{ transform: `translateY(${start}px)` }}
    >
      {selectable ? (
        <div role="cell">
          <Checkbox
            className={c.check}
            checked={checked}
            onChange={(_, d) => onToggle(row.reference, d.checked === true)}
            aria-label={TABLE.select(row.reference)}
          />
        </div>
      ) : null}
      <div role="cell" className={mergeClasses(c.cell, c.ref)}>
        <Link to={detailPath(row.kind, row.reference)} className={c.link}>
          {row.reference}
        </Link>
      </div>
      <div role="cell" className={c.cell} title={row.title}>
        {row.title}
      </div>
      <div role="cell" className={c.cell} title={row.requestingUnitName}>
        {short(row.requestingUnit, row.requestingUnitName)}
      </div>
      <div role="cell" className={c.cell} title={row.ownerUnitName}>
        {short(row.ownerUnit, row.ownerUnitName)}
      </div>
      <div role="cell" className={c.cell}>
        <StateBadge state={row.state} label={row.stateLabel} />
      </div>
      <div role="cell" className={c.cell} title={row.waitingOn ?? undefined}>
        {row.waitingOn ?? <span className={c.muted}>—</span>}
      </div>
      <div role="cell" className={c.cell}>
        {row.workingDaysLeft === null ? (
          <span className={c.muted}>—</span>
        ) : (
          <DueBadge workingDaysLeft={row.workingDaysLeft} overdue={row.overdue} kind={row.kind} />
        )}
      </div>
      <div role="cell" className={c.cell}>
        {fecha(row.createdAt)}
      </div>
    </div>
  );
});

function SortHeader({
  label,
  title,
  by,
  direction,
  orden,
  onSort,
  c,
}: {
  label: string;
  /** What the button does, where its label does not say it. */
  title?: string;
  by: Orden;
  direction: 'ascending' | 'descending';
  orden: Orden;
  onSort: (o: Orden) => void;
  c: Classes;
}) {
  const active = orden === by;
  return (
    <div role="columnheader" aria-sort={active ? direction : 'none'} className={c.cell}>
      <Button appearance="transparent" size="small" className={c.sort} onClick={() => onSort(by)} title={title}>
        {label}
        {active ? <span aria-hidden="true">&nbsp;{direction === 'ascending' ? '↑' : '↓'}</span> : null}
      </Button>
    </div>
  );
}

export function RegisterTable({
  kind,
  rows,
  complete,
  loading,
  error,
  loadMore,
  retry,
  orden,
  onSort,
  short,
  resetKey,
  selection,
}: {
  kind: ItemKind;
  rows: RegisterRow[];
  complete: boolean;
  loading: boolean;
  error: ApiError | null;
  loadMore: () => void;
  retry: () => void;
  orden: Orden;
  onSort: (o: Orden) => void;
  /** A unit's short name (rows show it; the full name is the cell's tooltip). Keep it stable: rows are memoised. */
  short: ShortName;
  /** When it changes (new filters), the table goes back to the top. */
  resetKey: string;
  /** Rows may be ticked for a batch (the UGDT on solicitudes). */
  selection?: RowSelection;
}) {
  const c = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const empty = complete && !loading && !error && rows.length === 0;
  const trailing = loading || error || empty ? 1 : 0;
  const virt = useVirtualizer({
    count: rows.length + trailing,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    overscan: 8,
    useFlushSync: false,
  });
  const items = virt.getVirtualItems();
  const lastInView = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastInView >= rows.length - PREFETCH_ROWS) loadMore();
  }, [lastInView, rows.length, loadMore]);

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resetKey]);

  const units = UNIT_LABELS[kind];
  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label={TABLE.region(KIND_LABELS[kind])}
      aria-busy={loading}
      tabIndex={0}
      className={c.scroller}
      data-testid="lista"
      data-cargadas={rows.length}
      data-cargando={String(loading)}
    >
      <div
        role="table"
        aria-label={TABLE.name(KIND_LABELS[kind])}
        aria-rowcount={complete ? rows.length + 1 : -1}
        className={mergeClasses(c.table, selection && c.selectable)}
        style={{ height: virt.getTotalSize() }}
      >
        <div role="rowgroup" className={c.head}>
          <div role="row" aria-rowindex={1} className={mergeClasses(c.row, c.headRow, selection && c.rowSelectable)}>
            {selection ? (
              <div role="columnheader" className={c.cell}>
                <span className={c.hidden}>{TABLE.selection}</span>
              </div>
            ) : null}
            <div role="columnheader" className={c.cell}>
              {TABLE.reference}
            </div>
            <div role="columnheader" className={c.cell}>
              {TABLE.title}
            </div>
            <div role="columnheader" className={c.cell}>
              {units.requesting}
            </div>
            <div role="columnheader" className={c.cell}>
              {units.owner}
            </div>
            <div role="columnheader" className={c.cell}>
              {TABLE.state}
            </div>
            <div role="columnheader" className={c.cell}>
              {TABLE.mustAct}
            </div>
            <SortHeader
              label={TABLE.due}
              title={TABLE.dueSortTitle}
              by="vencimiento"
              direction="ascending"
              orden={orden}
              onSort={onSort}
              c={c}
            />
            <SortHeader
              label={TABLE.created(kind)}
              by="recientes"
              direction="descending"
              orden={orden}
              onSort={onSort}
              c={c}
            />
          </div>
        </div>
        <div role="rowgroup">
          {items.map((v) => {
            const row = rows[v.index];
            if (row)
              return (
                <RowView
                  key={row.id}
                  row={row}
                  index={v.index}
                  start={v.start}
                  short={short}
                  c={c}
                  {...(selection ? { checked: selection.selected.has(row.reference), onToggle: selection.toggle } : {})}
                />
              );
            return (
              <div
                key="estado"
                role="row"
                aria-rowindex={v.index + 2}
                className={mergeClasses(c.row, c.bodyRow)}
                style={{ transform: `translateY(${v.start}px)` }}
              >
                <div role="cell" className={c.full}>
                  {loading ? (
                    <Spinner size="tiny" label={rows.length ? TABLE.loadingMore : STATUS.loading} />
                  ) : error ? (
                    <>
                      <span>{error.message}</span>
                      {/* A refused filter (400) comes back the same until the filter changes. */}
                      {error.status === 0 || error.status >= 500 ? (
                        <Button size="small" onClick={retry}>
                          {STATUS.retry}
                        </Button>
                      ) : null}
                    </>
                  ) : (
                    <span>{TABLE.empty}</span>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
