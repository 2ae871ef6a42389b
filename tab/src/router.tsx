// A small path router over the History API: the tab has a handful of pages and deep links of the form
// /detalle/{solicitudes|convenios}/{REF} (the cards' "Ver detalle"), so a routing library would be weight for nothing.
import {
  createContext,
  useContext,
  useEffect,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

export type Route =
  | { page: 'tablero' }
  | { page: 'lista' }
  | { page: 'pendientes' }
  | { page: 'panel' }
  | { page: 'nueva-solicitud' }
  | { page: 'nuevo-convenio' }
  | { page: 'exportar' }
  | { page: 'envios' }
  | { page: 'configurar' }
  | { page: 'detalle'; segment: 'solicitudes' | 'convenios'; key: string }
  | { page: 'no-encontrada' };

export const PAGE_PATHS = {
  tablero: '/tab',
  lista: '/tab/lista',
  pendientes: '/tab/pendientes',
  panel: '/tab/panel',
  'nueva-solicitud': '/tab/nueva-solicitud',
  'nuevo-convenio': '/tab/nuevo-convenio',
  exportar: '/tab/exportar',
  envios: '/tab/envios',
  /** The channel tab's configuration page (the manifest's configurableTabs[0].configurationUrl). */
  configurar: '/tab/configurar',
} as const;

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/tab';
  const detail = /^\/detalle\/(solicitudes|convenios)\/([A-Za-z0-9-]{1,64})$/.exec(path);
  if (detail)
    return { page: 'detalle', segment: detail[1] as 'solicitudes' | 'convenios', key: detail[2]!.toUpperCase() };
  for (const [page, p] of Object.entries(PAGE_PATHS)) if (p === path) return { page } as Route;
  if (path === '/' || path === '/tab/tablero') return { page: 'tablero' };
  return { page: 'no-encontrada' };
}

export const detailPath = (kind: 'solicitud' | 'convenio', reference: string): string =>
  `/detalle/${kind === 'solicitud' ? 'solicitudes' : 'convenios'}/${reference}`;

interface RouterValue {
  route: Route;
  /** The URL's query, read-only; pages keep their filters there so a link reopens the same view. */
  search: URLSearchParams;
  navigate(to: string, opts?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterValue | null>(null);

export function RouterProvider({ children }: { children: ReactNode }) {
  const [loc, setLoc] = useState(() => ({ pathname: location.pathname, search: location.search }));
  useEffect(() => {
    const onPop = () => setLoc({ pathname: location.pathname, search: location.search });
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string, opts: { replace?: boolean } = {}) => {
    if (opts.replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
    setLoc({ pathname: location.pathname, search: location.search });
    if (!opts.replace) window.scrollTo(0, 0);
  };
  const value: RouterValue = {
    route: parseRoute(loc.pathname),
    search: new URLSearchParams(loc.search),
    navigate,
  };
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const v = useContext(RouterContext);
  if (!v) throw new Error('useRouter fuera de RouterProvider');
  return v;
}

/** An anchor that navigates inside the tab (ctrl/middle click still opens a new window). */
export function Link({
  to,
  children,
  className,
  ...rest
}: { to: string; children?: ReactNode; className?: string } & Pick<
  AnchorHTMLAttributes<HTMLAnchorElement>,
  'aria-label' | 'title' | 'style'
>) {
  const { navigate } = useRouter();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={className} {...rest}>
      {children}
    </a>
  );
}
