// Panel: how the protocol is doing, from GET /api/v1/panel for a range of months kept in the URL (?desde&hasta,
// AAAA-MM), so a link reopens the same view. Charts are drawn here as accessible SVG (components/chart-*): no chart
// library, the page loads lazily and stays light.
import {
  Badge,
  Field,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useId, useMemo, type ReactNode } from 'react';
import { toLocalDate, type ConvenioDue, type PanelStats } from '../../../protocol';
import { query } from '../api';
import { BarChart } from '../components/chart-bars';
import {
  CHOOSABLE_MONTHS,
  monthChoices,
  monthLabel,
  monthlyShare,
  moveRange,
  rangeFrom,
  unitOrder,
  unitSeries,
  type MonthRange,
} from '../components/chart-data';
import { numberFormat, percentFormat } from '../components/chart-figure';
import { LineChart, seriesLook, type LineSeries } from '../components/chart-lines';
import { EmptyState, ErrorBox, Loading } from '../components/status';
import { useFetch } from '../components/use-fetch';
import { TIME_ZONE, fechaHora, fechaLocal, plazo } from '../format';
import { Link, PAGE_PATHS, detailPath, useRouter } from '../router';
import { BAR_CARDS, CONVENIOS_DUE, MEDIANS, PANEL, WITHIN_DEADLINE } from '../textos/pagina-panel';

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: '8px 16px', marginBottom: '16px' },
  title: { marginRight: 'auto' },
  range: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: '8px 12px' },
  updated: { color: tokens.colorNeutralForeground2, width: '100%' },
  // One column in a narrow tab (Teams side panel, phone), two, then three; the wide cards take a whole row.
  grid: {
    display: 'grid',
    gap: '16px',
    gridTemplateColumns: 'minmax(0, 1fr)',
    alignItems: 'start',
    // Exclusive ranges: the order in which atomic CSS inserts media rules must not decide which one wins.
    '@media (min-width: 760px) and (max-width: 1179.98px)': { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' },
    '@media (min-width: 1180px)': { gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' },
  },
  wide: { gridColumn: '1 / -1' },
  double: { '@media (min-width: 760px)': { gridColumn: 'span 2' } },
  card: {
    minWidth: 0,
    padding: '12px 16px 16px',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  h2: { margin: '0 0 2px', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  note: { display: 'block', color: tokens.colorNeutralForeground2, marginBottom: '12px' },
  big: {
    display: 'block',
    fontSize: tokens.fontSizeHero800,
    lineHeight: tokens.lineHeightHero800,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  shareText: { margin: '0 0 8px' },
  tableWrap: { overflowX: 'auto' },
  // Columns as wide as their content: the reference and the date stay on one line, the title takes the rest.
  table: { tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
});

function Card({
  title,
  note,
  size,
  children,
}: {
  title: string;
  note?: string;
  /** A whole row (line charts) or two columns where there are (the convenios table). */
  size?: 'wide' | 'double';
  children: ReactNode;
}) {
  const s = useStyles();
  const id = useId();
  return (
    <section className={mergeClasses(s.card, size && s[size])} aria-labelledby={id}>
      <h2 id={id} className={s.h2}>
        {title}
      </h2>
      {note ? (
        <Text size={200} className={s.note}>
          {note}
        </Text>
      ) : null}
      {children}
    </section>
  );
}

/**
 * The working days to the convenio's date, in the words the board uses (format.ts: «Vence en 3 días hábiles»,
 * «Vencido hace 2 días hábiles»), and how urgent it looks.
 */
function dueText(c: ConvenioDue): { text: string; color: 'danger' | 'warning' | 'informative' } {
  const text = plazo(c.daysLeft, 'convenio')!;
  if (c.daysLeft <= 0) return { text, color: 'danger' };
  return { text, color: c.daysLeft <= 20 ? 'warning' : 'informative' };
}

const REASONS: Record<ConvenioDue['reason'], string> = CONVENIOS_DUE.reasons;

function ConveniosDue({ rows }: { rows: ConvenioDue[] }) {
  const s = useStyles();
  if (rows.length === 0) return <EmptyState>{CONVENIOS_DUE.empty}</EmptyState>;
  const sorted = [...rows].sort((a, b) => a.daysLeft - b.daysLeft || a.reference.localeCompare(b.reference));
  return (
    <div className={s.tableWrap}>
      <Table size="small" className={s.table} aria-label={CONVENIOS_DUE.tableLabel}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{CONVENIOS_DUE.columns.convenio}</TableHeaderCell>
            <TableHeaderCell scope="col">{CONVENIOS_DUE.columns.subject}</TableHeaderCell>
            <TableHeaderCell scope="col">{CONVENIOS_DUE.columns.entity}</TableHeaderCell>
            <TableHeaderCell scope="col">{CONVENIOS_DUE.columns.reason}</TableHeaderCell>
            <TableHeaderCell scope="col">{CONVENIOS_DUE.columns.date}</TableHeaderCell>
            <TableHeaderCell scope="col">{CONVENIOS_DUE.columns.deadline}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sorted.map((c) => {
            const due = dueText(c);
            return (
              <TableRow key={`${c.id}-${c.reason}`}>
                <TableCell className={s.nowrap}>
                  <Link to={detailPath('convenio', c.reference)}>{c.reference}</Link>
                </TableCell>
                <TableCell>{c.title}</TableCell>
                <TableCell>{c.entity}</TableCell>
                <TableCell>{REASONS[c.reason]}</TableCell>
                <TableCell className={s.nowrap}>{fechaLocal(c.date)}</TableCell>
                <TableCell className={s.nowrap}>
                  <Badge appearance="tint" color={due.color} shape="rounded">
                    {due.text}
                  </Badge>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

function RangePicker({
  range,
  current,
  onChange,
}: {
  range: MonthRange;
  current: string;
  onChange(r: MonthRange): void;
}) {
  const s = useStyles();
  const choices = useMemo(() => monthChoices(current, CHOOSABLE_MONTHS), [current]);
  const options = choices.map((m) => (
    <option key={m} value={m}>
      {monthLabel(m)}
    </option>
  ));
  return (
    <div className={s.range} role="group" aria-label={PANEL.rangeLabel}>
      <Field label={PANEL.from} size="small">
        <Select size="small" value={range.desde} onChange={(_, d) => onChange(moveRange(range, 'desde', d.value))}>
          {options}
        </Select>
      </Field>
      <Field label={PANEL.to} size="small">
        <Select size="small" value={range.hasta} onChange={(_, d) => onChange(moveRange(range, 'hasta', d.value))}>
          {options}
        </Select>
      </Field>
    </div>
  );
}

const dayCount = (v: number) => numberFormat.format(v);

/** The Lista filtered to what a bar counts (issue 14 §10). */
const listOf = (filters: Record<string, string>) => `${PAGE_PATHS.lista}?${new URLSearchParams(filters).toString()}`;
const percent = (v: number) => percentFormat.format(v / 100);

function Charts({ data }: { data: PanelStats }) {
  const s = useStyles();
  const { months, unitMonths } = data;
  // One look per unit for both median charts, so a unit keeps its colour and marker from one to the other.
  const looks = useMemo(() => new Map(unitOrder(unitMonths).map((u, i) => [u, seriesLook(i)])), [unitMonths]);
  const withLook = (metric: 'medianDaysToAcknowledge' | 'medianDaysToDeliver'): LineSeries[] =>
    unitSeries(unitMonths, months, metric).map((x) => ({ ...x, look: looks.get(x.key) ?? seriesLook(0) }));
  const ack = withLook('medianDaysToAcknowledge');
  const delivery = withLook('medianDaysToDeliver');
  const share = monthlyShare(unitMonths, months);
  const w = data.withinDeadline;
  const note = months.length ? WITHIN_DEADLINE.note(monthLabel(months[0]!), monthLabel(months.at(-1)!)) : undefined;

  return (
    <div className={s.grid}>
      <Card title={WITHIN_DEADLINE.title} note={note}>
        {w.share === null ? null : <span className={s.big}>{percentFormat.format(w.share)}</span>}
        <Text as="p" size={300} className={s.shareText}>
          {w.answered === 0
            ? WITHIN_DEADLINE.noneAnswered
            : WITHIN_DEADLINE.inTime(numberFormat.format(w.inTime), numberFormat.format(w.answered))}
        </Text>
        {w.answered > 0 ? (
          <LineChart
            months={months}
            series={[
              {
                key: 'total',
                label: WITHIN_DEADLINE.allUnits,
                values: share.map((m) => (m.share === null ? null : Math.round(m.share * 1000) / 10)),
                look: seriesLook(0),
              },
            ]}
            caption={WITHIN_DEADLINE.caption}
            format={percent}
            unitWord=""
            yTicks={[0, 25, 50, 75, 100]}
            valueLabels
            height={170}
            table={{
              caption: WITHIN_DEADLINE.tableCaption,
              columns: [...WITHIN_DEADLINE.columns],
              rows: share.map((m) => ({
                header: monthLabel(m.month),
                cells: [
                  numberFormat.format(m.answered),
                  numberFormat.format(m.inTime),
                  m.share === null ? WITHIN_DEADLINE.noData : percentFormat.format(m.share),
                ],
              })),
            }}
          />
        ) : null}
      </Card>
      <Card title={BAR_CARDS.solicitudesByState.title}>
        <BarChart
          data={data.solicitudesByState}
          tone="brand"
          caption={BAR_CARDS.solicitudesByState.title}
          rowHeader={BAR_CARDS.stateHeader}
          noun={BAR_CARDS.solicitudesByState.noun}
          hrefOf={(d) => listOf({ estado: d.key })}
        />
      </Card>
      <Card title={BAR_CARDS.overdueByUnit.title} note={BAR_CARDS.overdueByUnit.note}>
        {data.overdueByUnit.length === 0 ? (
          <EmptyState>{BAR_CARDS.overdueByUnit.empty}</EmptyState>
        ) : (
          <BarChart
            data={data.overdueByUnit}
            tone="danger"
            caption={BAR_CARDS.overdueByUnit.title}
            rowHeader={BAR_CARDS.unitHeader}
            noun={BAR_CARDS.overdueByUnit.noun}
            hrefOf={(d) => listOf({ unidad: d.key, vencidas: 'true', orden: 'vencimiento' })}
          />
        )}
      </Card>
      <Card size="wide" title={MEDIANS.acknowledge.title} note={MEDIANS.acknowledge.note}>
        {ack.length ? (
          <LineChart
            months={months}
            series={ack}
            caption={MEDIANS.acknowledge.caption}
            format={dayCount}
            unitWord={MEDIANS.unitWord}
          />
        ) : (
          <EmptyState>{MEDIANS.acknowledge.empty}</EmptyState>
        )}
      </Card>
      <Card size="wide" title={MEDIANS.deliver.title} note={MEDIANS.deliver.note}>
        {delivery.length ? (
          <LineChart
            months={months}
            series={delivery}
            caption={MEDIANS.deliver.caption}
            format={dayCount}
            unitWord={MEDIANS.unitWord}
          />
        ) : (
          <EmptyState>{MEDIANS.deliver.empty}</EmptyState>
        )}
      </Card>
      <Card title={BAR_CARDS.conveniosByState.title}>
        <BarChart
          data={data.conveniosByState}
          tone="teal"
          caption={BAR_CARDS.conveniosByState.title}
          rowHeader={BAR_CARDS.stateHeader}
          noun={BAR_CARDS.conveniosByState.noun}
          hrefOf={(d) => listOf({ tipo: 'convenio', estado: d.key })}
        />
      </Card>
      <Card title={BAR_CARDS.conveniosOverdue.title} note={BAR_CARDS.conveniosOverdue.note}>
        {(data.conveniosOverdueByState ?? []).length === 0 ? (
          <EmptyState>{BAR_CARDS.conveniosOverdue.empty}</EmptyState>
        ) : (
          <BarChart
            data={data.conveniosOverdueByState}
            tone="danger"
            caption={BAR_CARDS.conveniosOverdue.caption}
            rowHeader={BAR_CARDS.stateHeader}
            noun={BAR_CARDS.conveniosOverdue.noun}
            hrefOf={(d) => listOf({ tipo: 'convenio', estado: d.key, vencidas: 'true', orden: 'vencimiento' })}
          />
        )}
      </Card>
      <Card size="double" title={CONVENIOS_DUE.title} note={CONVENIOS_DUE.note}>
        <ConveniosDue rows={data.conveniosDue} />
      </Card>
    </div>
  );
}

export default function Panel() {
  const s = useStyles();
  const { search, navigate } = useRouter();
  const current = toLocalDate(new Date(), TIME_ZONE).slice(0, 7);
  const range = rangeFrom(search.get('desde'), search.get('hasta'), current);
  const { data, error, loading, reload } = useFetch<PanelStats>(`/api/v1/panel${query({ ...range })}`);

  const choose = (r: MonthRange) => {
    const q = new URLSearchParams(search);
    q.set('desde', r.desde);
    q.set('hasta', r.hasta);
    navigate(`${PAGE_PATHS.panel}?${q.toString()}`, { replace: true });
  };

  return (
    <>
      <div className={s.head}>
        <Title2 as="h1" className={s.title}>
          {PANEL.title}
        </Title2>
        <RangePicker range={range} current={current} onChange={choose} />
        {loading && data ? <Spinner size="tiny" label={PANEL.updating} /> : null}
        {data ? (
          <Text size={200} className={s.updated}>
            {data.scope === 'todo' ? PANEL.scopeAll : PANEL.scopeMine}
            {PANEL.asOf(fechaHora(data.generatedAt))}
          </Text>
        ) : null}
      </div>
      {error ? <ErrorBox title={PANEL.loadFailed} message={error.message} retry={reload} /> : null}
      {data ? <Charts data={data} /> : loading ? <Loading label={PANEL.loading} /> : null}
    </>
  );
}
