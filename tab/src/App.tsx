// The shell: header with the tab's pages, who is acting (local mode) and the theme (outside Teams); the page below.
import {
  Menu,
  MenuButton,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useEffect } from 'react';
import { PersonaSwitcher } from './components/persona-picker';
import { EmptyState, Loading } from './components/status';
import { reportPage, saveBrowserTheme, type Host, type ThemeName } from './host';
import { PAGE_PATHS, Link, useRouter, type Route } from './router';
import { useSession } from './session';
import { APP_NAME, PAGE_NAMES, SHELL, THEME_LABELS } from './textos/app';

// Each page is its own chunk (the initial JavaScript stays small); once the first page is up, the others are
// fetched while the browser is idle, so moving between pages does not wait for the network.
const PAGES = {
  tablero: () => import('./pages/tablero'),
  lista: () => import('./pages/lista'),
  pendientes: () => import('./pages/pendientes'),
  detalle: () => import('./pages/detalle'),
  panel: () => import('./pages/panel'),
  nuevaSolicitud: () => import('./pages/nueva-solicitud'),
  nuevoConvenio: () => import('./pages/nuevo-convenio'),
  exportar: () => import('./pages/exportar'),
  envios: () => import('./pages/envios'),
  configurar: () => import('./pages/configurar'),
};
const Tablero = lazy(PAGES.tablero);
const Lista = lazy(PAGES.lista);
const Pendientes = lazy(PAGES.pendientes);
const Panel = lazy(PAGES.panel);
const NuevaSolicitud = lazy(PAGES.nuevaSolicitud);
const NuevoConvenio = lazy(PAGES.nuevoConvenio);
const Exportar = lazy(PAGES.exportar);
const Envios = lazy(PAGES.envios);
const Detalle = lazy(PAGES.detalle);
const Configurar = lazy(PAGES.configurar);

function prefetchPages(): () => void {
  const run = () => Object.values(PAGES).forEach((load) => void load().catch(() => undefined));
  if ('requestIdleCallback' in window) {
    const id = requestIdleCallback(run, { timeout: 5000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 2000);
  return () => clearTimeout(id);
}

/** `roles`: the section is shown only to callers holding one of them (the API refuses the others anyway). */
const NAV: { page: keyof typeof PAGE_NAMES; roles?: readonly string[] }[] = [
  { page: 'tablero' },
  { page: 'lista' },
  { page: 'pendientes' },
  { page: 'panel' },
  { page: 'nueva-solicitud' },
  { page: 'nuevo-convenio' },
  { page: 'exportar' },
  // The outbox: UGDT and IT retry dead letters, Control looks (bot/src/api/delivery-routes.ts).
  { page: 'envios', roles: ['ugdt', 'admin_ti', 'control'] },
];

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '8px 16px',
    padding: '8px 16px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, marginRight: '8px' },
  spacer: { flexGrow: 1 },
  // On a narrow Teams pane the sections wrap instead of pushing the page sideways.
  nav: { minWidth: 0, maxWidth: '100%' },
  tabs: { flexWrap: 'wrap' },
  main: { padding: '16px', maxWidth: '1600px', margin: '0 auto' },
  skip: {
    position: 'absolute',
    left: '-9999px',
    ':focus': { left: '8px', top: '8px', zIndex: 10, backgroundColor: tokens.colorNeutralBackground1 },
  },
});

function PageFor({ route, host }: { route: Route; host: Host }) {
  switch (route.page) {
    case 'tablero':
      return <Tablero />;
    case 'lista':
      return <Lista />;
    case 'pendientes':
      return <Pendientes />;
    case 'panel':
      return <Panel />;
    case 'nueva-solicitud':
      return <NuevaSolicitud />;
    case 'nuevo-convenio':
      return <NuevoConvenio />;
    case 'exportar':
      return <Exportar />;
    case 'envios':
      return <Envios />;
    case 'detalle':
      return <Detalle segment={route.segment} reference={route.key} />;
    case 'configurar':
      return <Configurar host={host} />;
    case 'no-encontrada':
      return (
        <EmptyState>
          {SHELL.notFound} <Link to={PAGE_PATHS.tablero}>{SHELL.backToBoard}</Link>.
        </EmptyState>
      );
  }
}

export function App({ theme, onTheme }: { theme: ThemeName; onTheme: (t: ThemeName) => void }) {
  const s = useStyles();
  const { route, navigate } = useRouter();
  const session = useSession();
  const { host, info, actor, roles } = session;
  const nav = NAV.filter((n) => !n.roles || n.roles.some((r) => roles.has(r)));

  useEffect(() => {
    reportPage(host);
  }, [host, route]);
  useEffect(prefetchPages, []);

  const selected =
    route.page === 'detalle' || route.page === 'no-encontrada' || !nav.some((n) => n.page === route.page)
      ? undefined
      : route.page;
  // A form opened as a Teams dialog from a chat card (?dialogo=1, issue 14 §1): the dialog has its own title and
  // close button, so the tab's header and sections would only take room.
  if (new URLSearchParams(location.search).has('dialogo'))
    return (
      <main id="contenido" className={s.main}>
        <Suspense fallback={<Loading />}>
          <PageFor route={route} host={host} />
        </Suspense>
      </main>
    );
  return (
    <>
      <a className={s.skip} href="#contenido">
        {SHELL.skipToContent}
      </a>
      <header className={s.header}>
        <Text className={s.brand}>{APP_NAME}</Text>
        <nav aria-label={SHELL.sectionsLabel} className={s.nav}>
          <TabList
            className={s.tabs}
            selectedValue={selected ?? null}
            onTabSelect={(_, d) => navigate(PAGE_PATHS[d.value as keyof typeof PAGE_PATHS])}
            size="small"
          >
            {nav.map((n) => (
              <Tab key={n.page} value={n.page}>
                {PAGE_NAMES[n.page]}
              </Tab>
            ))}
          </TabList>
        </nav>
        <span className={s.spacer} />
        {info.mode === 'local' && info.personas ? (
          <PersonaSwitcher personas={info.personas} current={actor!.personId} onChoose={session.choosePersona} />
        ) : (
          <Text size={200}>{actor!.name}</Text>
        )}
        {host.inTeams ? null : (
          <Menu
            checkedValues={{ tema: [theme] }}
            onCheckedValueChange={(_, d) => {
              const t = d.checkedItems[0] as ThemeName;
              saveBrowserTheme(t);
              onTheme(t);
            }}
          >
            <MenuButton size="small" appearance="subtle">
              {SHELL.theme(THEME_LABELS[theme])}
            </MenuButton>
            <MenuPopover>
              <MenuList>
                {(Object.keys(THEME_LABELS) as ThemeName[]).map((t) => (
                  <MenuItemRadio key={t} name="tema" value={t}>
                    {THEME_LABELS[t]}
                  </MenuItemRadio>
                ))}
              </MenuList>
            </MenuPopover>
          </Menu>
        )}
      </header>
      <main id="contenido" className={s.main}>
        <Suspense fallback={<Loading />}>
          <PageFor route={route} host={host} />
        </Suspense>
      </main>
    </>
  );
}
