// Who is using the tab. In Teams: the SSO token, validated by the service. In local mode: a persona of the
// directory, picked on screen (or ?persona= in the URL) and sent as x-persona; the picker exists only when the
// service says it runs without a tenant.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Actor, SessionInfo } from '../../protocol';
import { ApiError, getJson, setCredentials } from './api';
import type { Host } from './host';
import { SESSION } from './textos/app';
import { remember, remembered } from './storage';

const PERSONA_KEY = 'intercambio.persona';

export interface Session {
  host: Host;
  info: SessionInfo;
  /** Null while nobody is signed in (local mode before a persona is picked). */
  actor: Actor | null;
  persona: string | null;
  choosePersona(id: string | null): void;
  /** Roles of the caller (own and delegated). */
  roles: Set<string>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession fuera de SessionProvider');
  return s;
}

function initialPersona(): string | null {
  const fromUrl = new URLSearchParams(location.search).get('persona');
  if (fromUrl) {
    remember(PERSONA_KEY, fromUrl);
    return fromUrl;
  }
  return remembered(PERSONA_KEY);
}

export function SessionProvider({
  host,
  info,
  children,
  fallback,
}: {
  host: Host;
  info: SessionInfo;
  children: ReactNode;
  fallback: (state: { loading: boolean; error?: string; choose?: (id: string) => void }) => ReactNode;
}) {
  const local = info.mode === 'local';
  const [persona, setPersona] = useState<string | null>(() => (local ? initialPersona() : null));
  const [actor, setActor] = useState<Actor | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);

  // Set during render, before any child fetches: the identity of every call follows the current persona.
  setCredentials(async (): Promise<Record<string, string>> => {
    // eslint-disable-next-line no-restricted-syntax -- no es texto para el usuario: el esquema del encabezado HTTP Authorization
    if (!local) return { authorization: `Bearer ${await host.token()}` };
    return persona ? { 'x-persona': persona } : {};
  });

  useEffect(() => {
    if (local && !persona) {
      setActor(null);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    setError(undefined);
    getJson<{ actor: Actor }>('/api/v1/yo')
      .then((r) => live && setActor(r.actor))
      .catch((e: unknown) => {
        if (!live) return;
        setActor(null);
        if (local && e instanceof ApiError && e.status === 401) {
          remember(PERSONA_KEY, null);
          setPersona(null);
        }
        setError(e instanceof Error ? e.message : SESSION.signInFailedSentence);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [local, persona]);

  const choosePersona = useCallback((id: string | null) => {
    if (id) remember(PERSONA_KEY, id);
    else remember(PERSONA_KEY, null);
    setPersona(id);
  }, []);

  const value = useMemo<Session | null>(
    () =>
      actor ? { host, info, actor, persona, choosePersona, roles: new Set(actor.grants.map((g) => g.role)) } : null,
    [host, info, actor, persona, choosePersona],
  );

  if (loading) return <>{fallback({ loading: true })}</>;
  if (!value) return <>{fallback({ loading: false, error, ...(local ? { choose: choosePersona } : {}) })}</>;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
