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

const REASONS: Record<ConvenioDue['reason'], string> = {
  evaluacion: 'Evaluación periódica',
  vencimiento: 'Fin de vigencia',
};

function ConveniosDue({ rows }: { rows: ConvenioDue[] }) {
  const s = useStyles();
  if (rows.length === 0) return <EmptyState>No hay convenios por evaluar ni por vencer.</EmptyState>;
  const sorted = [...rows].sort((a, b) => a.daysLeft - b.daysLeft || a.reference.localeCompare(b.reference));
  return (
    <div className={s.tableWrap}>
      <Table size="small" className={s.table} aria-label="Convenios por evaluar o por vencer">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Convenio</TableHeaderCell>
            <TableHeaderCell scope="col">Objeto</TableHeaderCell>
            <TableHeaderCell scope="col">Entidad</TableHeaderCell>
            <TableHeaderCell scope="col">Motivo</TableHeaderCell>
            <TableHeaderCell scope="col">Fecha</TableHeaderCell>
            <TableHeaderCell scope="col">Plazo</TableHeaderCell>
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
    <div className={s.range} role="group" aria-label="Período del panel">
      <Field label="Desde" size="small">
        <Select size="small" value={range.desde} onChange={(_, d) => onChange(moveRange(range, 'desde', d.value))}>
          {options}
        </Select>
      </Field>
      <Field label="Hasta" size="small">
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
  const period = months.length ? `${monthLabel(months[0]!)} a ${monthLabel(months[months.length - 1]!)}` : '';

  return (
    <div className={s.grid}>
      <Card title="Respondidas dentro del plazo" note={`Solicitudes respondidas de ${period}.`}>
        {w.share === null ? null : <span className={s.big}>{percentFormat.format(w.share)}</span>}
        <Text as="p" size={300} className={s.shareText}>
          {w.answered === 0
            ? 'Ninguna solicitud respondida en el período.'
            : `${numberFormat.format(w.inTime)} de ${numberFormat.format(w.answered)} solicitudes respondidas dentro del plazo legal.`}
        </Text>
        {w.answered > 0 ? (
          <LineChart
            months={months}
            series={[
              {
                key: 'total',
                label: 'Todas las unidades',
                values: share.map((m) => (m.share === null ? null : Math.round(m.share * 1000) / 10)),
                look: seriesLook(0),
              },
            ]}
            caption="Porcentaje de solicitudes respondidas dentro del plazo por mes"
            format={percent}
            unitWord=""
            yTicks={[0, 25, 50, 75, 100]}
            valueLabels
            height={170}
            table={{
              caption: 'Solicitudes respondidas dentro del plazo por mes',
              columns: ['Mes', 'Respondidas', 'Dentro del plazo', 'Porcentaje'],
              rows: share.map((m) => ({
                header: monthLabel(m.month),
                cells: [
                  numberFormat.format(m.answered),
                  numberFormat.format(m.inTime),
                  m.share === null ? 'sin datos' : percentFormat.format(m.share),
                ],
              })),
            }}
          />
        ) : null}
      </Card>
      <Card title="Solicitudes por estado">
        <BarChart
          data={data.solicitudesByState}
          tone="brand"
          caption="Solicitudes por estado"
          rowHeader="Estado"
          noun="Solicitudes"
          hrefOf={(d) => listOf({ estado: d.key })}
        />
      </Card>
      <Card title="Solicitudes vencidas por unidad" note="Abiertas con el plazo vencido, por unidad dueña del dato.">
        {data.overdueByUnit.length === 0 ? (
          <EmptyState>No hay solicitudes vencidas.</EmptyState>
        ) : (
          <BarChart
            data={data.overdueByUnit}
            tone="danger"
            caption="Solicitudes vencidas por unidad"
            rowHeader="Unidad"
            noun="Vencidas"
            hrefOf={(d) => listOf({ unidad: d.key, vencidas: 'true', orden: 'vencimiento' })}
          />
        )}
      </Card>
      <Card
        size="wide"
        title="Días para acusar recibo"
        note="Mediana de días hábiles desde el envío hasta el acuse de recibo, por mes y unidad dueña del dato."
      >
        {ack.length ? (
          <LineChart
            months={months}
            series={ack}
            caption="Mediana de días hábiles para acusar recibo por unidad"
            format={dayCount}
            unitWord="días hábiles"
          />
        ) : (
          <EmptyState>Sin acuses de recibo en el período.</EmptyState>
        )}
      </Card>
      <Card
        size="wide"
        title="Días para entregar"
        note="Mediana de días hábiles desde el envío hasta la entrega de los datos, por mes y unidad dueña del dato."
      >
        {delivery.length ? (
          <LineChart
            months={months}
            series={delivery}
            caption="Mediana de días hábiles para entregar por unidad"
            format={dayCount}
            unitWord="días hábiles"
          />
        ) : (
          <EmptyState>Sin entregas en el período.</EmptyState>
        )}
      </Card>
      <Card title="Convenios por estado">
        <BarChart
          data={data.conveniosByState}
          tone="teal"
          caption="Convenios por estado"
          rowHeader="Estado"
          noun="Convenios"
          hrefOf={(d) => listOf({ tipo: 'convenio', estado: d.key })}
        />
      </Card>
      <Card
        title="Convenios con plazo de etapa vencido"
        note="Abiertos cuya etapa en curso (evaluación, visación, firma, decreto o evaluación periódica) superó su plazo."
      >
        {(data.conveniosOverdueByState ?? []).length === 0 ? (
          <EmptyState>No hay convenios con plazos vencidos.</EmptyState>
        ) : (
          <BarChart
            data={data.conveniosOverdueByState}
            tone="danger"
            caption="Convenios con plazo de etapa vencido por estado"
            rowHeader="Estado"
            noun="Vencidos"
            hrefOf={(d) => listOf({ tipo: 'convenio', estado: d.key, vencidas: 'true', orden: 'vencimiento' })}
          />
        )}
      </Card>
      <Card
        size="double"
        title="Convenios por evaluar o por vencer"
        note="Evaluaciones periódicas (§4b) que vencen y convenios cerca del fin de su vigencia."
      >
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
          Panel
        </Title2>
        <RangePicker range={range} current={current} onChange={choose} />
        {loading && data ? <Spinner size="tiny" label="Actualizando…" /> : null}
        {data ? (
          <Text size={200} className={s.updated}>
            {data.scope === 'todo'
              ? 'Todas las solicitudes y convenios del municipio'
              : 'Solo lo que usted puede ver: las solicitudes y convenios en que participan usted o su unidad'}
            . Datos al {fechaHora(data.generatedAt)}
          </Text>
        ) : null}
      </div>
      {error ? <ErrorBox title="No se pudo cargar el panel" message={error.message} retry={reload} /> : null}
      {data ? <Charts data={data} /> : loading ? <Loading label="Cargando el panel…" /> : null}
    </>
  );
}
