// Like use-fetch, but keeps the API's status and code: the detail tells "no access" (403) from "does not exist"
// (404). A reload keeps the data on screen until the new answer arrives, so acting never flashes a skeleton.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from '../api';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
  set(update: (d: T | undefined) => T | undefined): void;
}

export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
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
        setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', 'No se pudo cargar. Intente de nuevo.'));
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
  }, [path, tick]);
  // A new item (another reference) starts clean.
  useEffect(() => {
    setData(undefined);
    setError(undefined);
  }, [path]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, set: setData };
}
