// The register read page after page (keyset pagination): the first page when the query changes, the next one with
// the previous page's cursor when the reader nears the end. One request at a time; an answer to an older query is
// dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RegisterPage, RegisterRow } from '../../../protocol';
import { ApiError, getJson } from '../api';
import { LOAD_ERRORS } from '../textos/comun';

export interface RegisterPages {
  rows: RegisterRow[];
  /** True once the last page arrived (no more to load). */
  complete: boolean;
  loading: boolean;
  error: ApiError | null;
  /** Loads the next page, unless one is loading, the last one arrived or the previous attempt failed. */
  loadMore(): void;
  /** Repeats the request that failed. */
  retry(): void;
  /** Reads the register again from its first page (after a change the rows must show). */
  reload(): void;
}

interface State {
  path: string;
  rows: RegisterRow[];
  cursor: string | null;
  complete: boolean;
  loading: boolean;
  error: ApiError | null;
}

function withLimit(path: string, limit: number): string {
  const [base, qs = ''] = path.split('?');
  const params = new URLSearchParams(qs);
  params.set('limite', String(limit));
  return `${base}?${params.toString()}`;
}

const toApiError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError(0, 'ERROR', e instanceof Error ? e.message : LOAD_ERRORS.unknown);

/**
 * `path` is the collection with its filters (no cursor), e.g. /api/v1/solicitudes?estado=enviada&limite=200.
 * `nextLimit`, when given, is the page size after the first: a small first page shows rows soonest, larger next
 * pages cut the round trips of someone scrolling far.
 */
export function useRegisterPages(path: string, nextLimit?: number): RegisterPages {
  const [s, setS] = useState<State>({ path, rows: [], cursor: null, complete: false, loading: true, error: null });
  const inFlight = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (cursor: string | null, keepRows = false) => {
      inFlight.current?.abort();
      const ctl = new AbortController();
      inFlight.current = ctl;
      setS((prev) =>
        (cursor || keepRows) && prev.path === path
          ? { ...prev, loading: true, error: null }
          : { path, rows: [], cursor: null, complete: false, loading: true, error: null },
      );
      const base = cursor && nextLimit ? withLimit(path, nextLimit) : path;
      const url = cursor ? `${base}${base.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : base;
      getJson<RegisterPage>(url, ctl.signal)
        .then((page) => {
          if (ctl.signal.aborted) return;
          setS((prev) => ({
            path,
            rows: cursor ? prev.rows.concat(page.items) : page.items,
            cursor: page.nextCursor,
            complete: page.nextCursor === null,
            loading: false,
            error: null,
          }));
        })
        .catch((e: unknown) => {
          if (!ctl.signal.aborted) setS((prev) => ({ ...prev, loading: false, error: toApiError(e) }));
        });
    },
    [path, nextLimit],
  );

  useEffect(() => {
    fetchPage(null);
    return () => inFlight.current?.abort();
  }, [fetchPage]);

  const { loading, complete, error, cursor } = s;
  const loadMore = useCallback(() => {
    if (!loading && !complete && !error && cursor) fetchPage(cursor);
  }, [loading, complete, error, cursor, fetchPage]);
  const retry = useCallback(() => fetchPage(cursor), [cursor, fetchPage]);
  // The rows on screen stay until the first page comes back in their place.
  const reload = useCallback(() => fetchPage(null, true), [fetchPage]);

  // Until the effect starts the new query, the rows of the previous one are not shown as if they matched.
  const stale = s.path !== path;
  return {
    rows: stale ? [] : s.rows,
    complete: stale ? false : s.complete,
    loading: stale ? true : s.loading,
    error: stale ? null : s.error,
    loadMore,
    retry,
    reload,
  };
}
