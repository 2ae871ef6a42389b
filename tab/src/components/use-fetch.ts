// Loads JSON for a page and reloads it on demand; stale answers of an earlier key are dropped. A reload keeps the
// data on screen until the new answer arrives (acting never flashes a skeleton); another key starts clean. The
// error keeps the API's status and code, so a page can tell "no access" (403) from "does not exist" (404).
import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from '../api';
import { LOAD_ERRORS } from '../textos/comun';

export interface Fetched<T> {
  data: T | undefined;
  /** The API's error (Spanish message, status, code), undefined while none. */
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
  /** Replace the data locally (optimistic updates); reload() brings back the server's truth. */
  set(update: (d: T | undefined) => T | undefined): void;
}

export function useFetch<T>(path: string | null): Fetched<T> {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  // Another item or query starts clean.
  useEffect(() => {
    setData(undefined);
    setError(undefined);
  }, [path]);
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    setLoading(true);
    getJson<T>(path, ctl.signal)
      .then((d) => {
        setData(d);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', LOAD_ERRORS.tryAgain));
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, set: setData };
}
