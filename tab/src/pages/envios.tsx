// Envíos: the outbox as the UGDT, IT and Control follow it (GET /api/v1/envios). Notices in Teams, mail copies and
// documents the system had to deliver: those that gave up after their automatic retries (dead letters) and those
// still waiting. The UGDT and IT put a dead letter back in the queue with one click, optimistically: the row leaves
// the list at once and comes back if the API refuses.
import {
  Button,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DeliveryPage, DeliveryRow } from '../../../protocol';
import { ApiError, getJson, postJson, query } from '../api';
import { EmptyState, ErrorBox, Loading } from '../components/status';
import { useFetch } from '../components/use-fetch';
import { fechaHora } from '../format';
import { useNotify } from '../notify';
import { Link, PAGE_PATHS, detailPath, useRouter } from '../router';
import { ENVIOS, ENVIOS_AVISOS, ENVIOS_TABLA } from '../textos/pagina-envios';

type Estado = 'fallido' | 'pendiente';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 24px', marginBottom: '4px' },
  h1: { margin: 0 },
  spacer: { flexGrow: 1 },
  intro: { display: 'block', maxWidth: '900px', marginBottom: '12px', color: tokens.colorNeutralForeground2 },
  tabs: { marginBottom: '12px' },
  scroll: {
    overflowX: 'auto',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // Fixed layout: the columns keep their widths whatever the text; «Qué» takes what is left.
  table: { minWidth: '1180px', tableLayout: 'fixed' },
  top0: { verticalAlign: 'top', paddingTop: '8px', paddingBottom: '8px' },
  ref: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
    color: tokens.colorBrandForegroundLink,
    ':hover': { color: tokens.colorBrandForegroundLinkHover },
  },
  nowrap: { whiteSpace: 'nowrap' },
  error: {
    display: 'block',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    color: tokens.colorPaletteRedForeground1,
  },
  none: { color: tokens.colorNeutralForeground3 },
  history: { margin: 0, paddingLeft: '16px', fontSize: tokens.fontSizeBase200 },
  more: { display: 'flex', alignItems: 'center', gap: '12px', marginTop: '12px' },
  muted: { color: tokens.colorNeutralForeground2 },
});

const estadoFrom = (search: URLSearchParams): Estado =>
  search.get('estado') === 'pendiente' ? 'pendiente' : 'fallido';

/** One line of a delivery's history: the dead letter, or who put it back in the queue and when. */
function HistoryLine({ h, className }: { h: DeliveryRow['history'][number]; className: string }) {
  return (
    <>
      {h.action === 'fallido' ? ENVIOS_TABLA.gaveUp : ENVIOS_TABLA.retriedBy(h.actorName)},{' '}
      <span className={className}>{fechaHora(h.at)}</span>
    </>
  );
}

/** Puts a row back where it was: the list is newest first (by id, descending). */
function reinsert(rows: DeliveryRow[], row: DeliveryRow): DeliveryRow[] {
  if (rows.some((r) => r.id === row.id)) return rows;
  const at = rows.findIndex((r) => r.id < row.id);
  return at < 0 ? [...rows, row] : [...rows.slice(0, at), row, ...rows.slice(at)];
}

function DeliveryTable({
  estado,
  rows,
  canRetry,
  onRetry,
}: {
  estado: Estado;
  rows: DeliveryRow[];
  canRetry: boolean;
  onRetry: (row: DeliveryRow) => void;
}) {
  const s = useStyles();
  const failed = estado === 'fallido';
  return (
    <div className={s.scroll}>
      <Table size="small" className={s.table} aria-label={ENVIOS_TABLA.label[estado]} data-testid="envios-tabla">
        <TableHeader>
          <TableRow>
            <TableHeaderCell style={{ width: '132px' }}>{ENVIOS_TABLA.reference}</TableHeaderCell>
            <TableHeaderCell style={{ width: '120px' }}>{ENVIOS_TABLA.kind}</TableHeaderCell>
            <TableHeaderCell>{ENVIOS_TABLA.what}</TableHeaderCell>
            <TableHeaderCell style={{ width: '76px' }}>{ENVIOS_TABLA.attempts}</TableHeaderCell>
            <TableHeaderCell style={{ width: failed ? '210px' : '190px' }}>{ENVIOS_TABLA.lastError}</TableHeaderCell>
            <TableHeaderCell style={{ width: '128px' }}>{ENVIOS_TABLA.created}</TableHeaderCell>
            {failed ? null : <TableHeaderCell style={{ width: '128px' }}>{ENVIOS_TABLA.nextAttempt}</TableHeaderCell>}
            <TableHeaderCell style={{ width: '224px' }}>{ENVIOS_TABLA.history}</TableHeaderCell>
            {failed && canRetry ? (
              <TableHeaderCell style={{ width: '104px' }}>{ENVIOS_TABLA.action}</TableHeaderCell>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id} data-envio={r.id} data-ref={r.reference}>
              <TableCell className={s.top0}>
                <Link to={detailPath(r.itemKind, r.reference)} className={s.ref}>
                  {r.reference}
                </Link>
              </TableCell>
              <TableCell className={s.top0}>{r.kindLabel}</TableCell>
              <TableCell className={s.top0}>{r.description}</TableCell>
              <TableCell className={s.top0}>{r.attempts}</TableCell>
              <TableCell className={s.top0}>
                {r.lastError ? (
                  <code className={s.error}>{r.lastError}</code>
                ) : (
                  <span className={s.none}>{ENVIOS_TABLA.none}</span>
                )}
              </TableCell>
              <TableCell className={`${s.top0} ${s.nowrap}`}>{fechaHora(r.createdAt)}</TableCell>
              {failed ? null : (
                <TableCell className={`${s.top0} ${s.nowrap}`}>
                  {r.nextAttemptAt ? fechaHora(r.nextAttemptAt) : ENVIOS_TABLA.none}
                </TableCell>
              )}
              <TableCell className={s.top0}>
                {r.history.length ? (
                  <ul className={s.history}>
                    {r.history.map((h, i) => (
                      <li key={i}>
                        <HistoryLine h={h} className={s.nowrap} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className={s.none}>{ENVIOS_TABLA.none}</span>
                )}
              </TableCell>
              {failed && canRetry ? (
                <TableCell className={s.top0}>
                  <Button
                    size="small"
                    aria-label={ENVIOS_TABLA.retryLabel(r.reference, r.kindLabel)}
                    onClick={() => onRetry(r)}
                  >
                    {ENVIOS_TABLA.retry}
                  </Button>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export default function Envios() {
  const s = useStyles();
  const notify = useNotify();
  const { search, navigate } = useRouter();
  const estado = estadoFrom(search);
  const path = `/api/v1/envios${query({ estado, limite: PAGE_SIZE })}`;
  const page = useFetch<DeliveryPage>(path);
  const [more, setMore] = useState<{ busy: boolean; error?: string }>({ busy: false });
  // The counters of both tabs stay on screen while the other tab loads; they follow the page's data (optimistic
  // retries included).
  const [counts, setCounts] = useState<DeliveryPage['counts'] | undefined>();
  useEffect(() => {
    if (page.data) setCounts(page.data.counts);
  }, [page.data]);
  useEffect(() => setMore({ busy: false }), [path]);

  const go = (e: Estado) => navigate(PAGE_PATHS.envios + query({ estado: e === 'pendiente' ? e : undefined }));

  const loadMore = async () => {
    const next = page.data?.next;
    if (!next || more.busy) return;
    setMore({ busy: true });
    try {
      const p = await getJson<DeliveryPage>(`/api/v1/envios${query({ estado, antes: next, limite: PAGE_SIZE })}`);
      page.set(
        (d) =>
          d && {
            ...p,
            rows: [...d.rows, ...p.rows.filter((r) => !d.rows.some((x) => x.id === r.id))],
          },
      );
      setMore({ busy: false });
    } catch (e) {
      setMore({ busy: false, error: e instanceof Error ? e.message : ENVIOS.loadMoreFailed });
    }
  };

  const retry = async (row: DeliveryRow) => {
    const shift = (d: number) => (c: DeliveryPage['counts']) => ({
      fallido: Math.max(0, c.fallido - d),
      pendiente: c.pendiente + d,
    });
    page.set((d) => d && { ...d, rows: d.rows.filter((r) => r.id !== row.id), counts: shift(1)(d.counts) });
    try {
      await postJson<{ ok: true }>(`/api/v1/envios/${row.id}/reintentar`, {});
      notify(
        'success',
        ENVIOS_AVISOS.retried,
        ENVIOS_AVISOS.retriedBody(row.reference, row.kindLabel, row.description),
      );
    } catch (e) {
      page.set((d) => d && { ...d, rows: reinsert(d.rows, row), counts: shift(-1)(d.counts) });
      notify('error', ENVIOS_AVISOS.retryFailed(row.reference), e instanceof Error ? e.message : undefined);
      // Someone else retried it, or it was delivered meanwhile: the server's list is the truth.
      if (e instanceof ApiError && e.status === 409) page.reload();
    }
  };

  const data = page.data;
  const denied = page.error?.status === 403;
  const tabLabel = (e: Estado) => (counts ? ENVIOS.tabCount(ENVIOS.tabs[e], counts[e]) : ENVIOS.tabs[e]);

  return (
    <div data-testid="envios" data-estado={estado} aria-busy={page.loading}>
      <div className={s.top}>
        <Title2 as="h1" className={s.h1}>
          {ENVIOS.title}
        </Title2>
        <span className={s.spacer} />
        {denied ? null : (
          <Button size="small" onClick={page.reload}>
            {ENVIOS.refresh}
          </Button>
        )}
      </div>
      <Text as="p" className={s.intro}>
        {ENVIOS.intro}
        {data && !data.canRetry ? ENVIOS.onlyUgdtRetries : null}
      </Text>
      {denied ? (
        <ErrorBox title={ENVIOS.noAccess} message={page.error!.message} />
      ) : (
        <>
          <TabList
            className={s.tabs}
            aria-label={ENVIOS.tabsLabel}
            selectedValue={estado}
            onTabSelect={(_, d) => go(d.value as Estado)}
          >
            <Tab value="fallido" data-testid="pestana-fallidos">
              {tabLabel('fallido')}
            </Tab>
            <Tab value="pendiente" data-testid="pestana-pendientes">
              {tabLabel('pendiente')}
            </Tab>
          </TabList>
          {page.error ? (
            <ErrorBox message={page.error.message} retry={page.reload} />
          ) : !data ? (
            <Loading label={ENVIOS.loading} />
          ) : data.rows.length === 0 ? (
            <EmptyState>{ENVIOS.empty[estado]}</EmptyState>
          ) : (
            <>
              <DeliveryTable estado={estado} rows={data.rows} canRetry={data.canRetry} onRetry={(r) => void retry(r)} />
              <div className={s.more}>
                <Text size={200} className={s.muted} role="status">
                  {ENVIOS.shown(data.rows.length, data.counts[estado])}
                </Text>
                {data.next ? (
                  <Button size="small" onClick={() => void loadMore()} disabled={more.busy}>
                    {more.busy ? ENVIOS.loadingMore : ENVIOS.loadMore}
                  </Button>
                ) : null}
                {more.error ? (
                  <MessageBar intent="error">
                    <MessageBarBody>{more.error}</MessageBarBody>
                  </MessageBar>
                ) : null}
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
