// Lista: the register of solicitudes or convenios with its filters in the URL, read page after page as the reader
// scrolls. The URL's parameters are the API's, so `?estado=enviada&limite=200` asks the API for exactly that.
// The UGDT ticks requests and acts on all of them at once (issue 14 §8, components/bulk-bar.tsx).
import { Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo } from 'react';
import { query } from '../api';
import { useBulkWork } from '../components/bulk-bar';
import { KIND_LABELS, KindSwitch, kindFrom, registerApi } from '../components/register-kind';
import { REGISTER_PARAMS, RegisterFilters, type RegisterPatch } from '../components/register-filters';
import { useRegisterPages } from '../components/register-pages';
import { RegisterTable, type Orden } from '../components/register-table';
import { shortNames, useUnits } from '../components/register-units';
import { PAGE_PATHS, useRouter } from '../router';
import { LISTA } from '../textos/pagina-lista';

/** Rows per request unless the URL says otherwise (the API allows 1–200). */
const DEFAULT_PAGE = 100;
/** After the first page (unless the URL fixes `limite`): 1,000 rows arrive in two more requests instead of nine. */
const NEXT_PAGE = 500;

const useStyles = makeStyles({
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 24px', marginBottom: '8px' },
  h1: { margin: 0 },
  count: { display: 'block', margin: '0 0 8px', color: tokens.colorNeutralForeground2 },
});

export default function Lista() {
  const s = useStyles();
  const { search, navigate } = useRouter();
  const kind = kindFrom(search);
  const orden: Orden = search.get('orden') === 'vencimiento' ? 'vencimiento' : 'recientes';
  const units = useUnits();
  const short = useMemo(() => shortNames(units), [units]);

  const searchKey = search.toString();
  const apiPath = useMemo(() => {
    const params = new URLSearchParams(searchKey);
    const q: Record<string, string | undefined> = {};
    for (const k of REGISTER_PARAMS) q[k] = params.get(k) ?? undefined;
    q.limite ??= String(DEFAULT_PAGE);
    return registerApi(kindFrom(params)) + query(q);
  }, [searchKey]);
  const pages = useRegisterPages(apiPath, search.has('limite') ? undefined : NEXT_PAGE);

  const overdue = useMemo(() => pages.rows.filter((r) => r.overdue).map((r) => r.reference), [pages.rows]);
  const bulk = useBulkWork(kind, apiPath, overdue, pages.reload);

  const change = useCallback(
    (patch: RegisterPatch, replace = false) => {
      const next = new URLSearchParams(location.search);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      navigate(`${PAGE_PATHS.lista}${qs ? `?${qs}` : ''}`, { replace });
    },
    [navigate],
  );

  const onKind = (k: typeof kind) =>
    // The states of one kind mean nothing for the other.
    change({ tipo: k === 'solicitud' ? undefined : k, estado: undefined });

  const n = pages.rows.length;
  return (
    <>
      <div className={s.top}>
        <Title2 as="h1" className={s.h1}>
          {LISTA.title}
        </Title2>
        <KindSwitch kind={kind} onChange={onKind} />
      </div>
      <RegisterFilters
        kind={kind}
        search={search}
        units={units}
        fieldErrors={pages.error?.fields ?? {}}
        onChange={change}
      />
      <Text className={s.count} role="status">
        {pages.loading && n === 0
          ? LISTA.searching(KIND_LABELS[kind])
          : LISTA.loaded(kind, n.toLocaleString('es-CL'), n, pages.complete, pages.loading)}
      </Text>
      {bulk.controls}
      <RegisterTable
        kind={kind}
        rows={pages.rows}
        complete={pages.complete}
        loading={pages.loading}
        error={pages.error}
        loadMore={pages.loadMore}
        retry={pages.retry}
        orden={orden}
        onSort={(o) => change({ orden: o === 'recientes' ? undefined : o })}
        short={short}
        resetKey={apiPath}
        {...(bulk.selection ? { selection: bulk.selection } : {})}
      />
    </>
  );
}
