// Loads JSON for a page and reloads it on demand; stale answers of an earlier key are dropped.
import { useCallback, useEffect, useState } from 'react';
import { getJson } from '../api';

export interface Fetched<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
  /** Replace the data locally (optimistic updates); reload() brings back the server's truth. */
  set(update: (d: T | undefined) => T | undefined): void;
}

export function useFetch<T>(path: string | null): Fetched<T> {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    setLoading(true);
    setError(undefined);
    getJson<T>(path, ctl.signal)
      .then((d) => setData(d))
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : 'Error desconocido.');
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, set: setData };
}
