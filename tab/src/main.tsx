// Boot: find the host (Teams or a browser), ask the service how it runs (local or with a tenant), then show the
// tab in the host's theme. A deep link opened in Teams (subPageId = a reference) lands on that item's detail.
import {
  FluentProvider,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { StrictMode, Suspense, lazy, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { SessionInfo } from '../../protocol';
import { parseReference } from '../../protocol';
import { App } from './App';
import { getJson } from './api';
import { PersonaPicker } from './components/persona-picker';
import { ErrorBox, Loading } from './components/status';
import { detectHost, type Host, type ThemeName } from './host';
import { NotifyProvider } from './notify';
import { RouterProvider, detailPath, parseRoute } from './router';
import { SessionProvider } from './session';
import { SESSION } from './textos/app';

/** A deep link's subPageId naming a page of the tab and its filters, e.g. «lista?vencidas=true». */
const TAB_PAGE_LINK = /^[a-z-]{1,30}(\?[A-Za-z0-9=&,_.-]{0,200})?$/;

const THEMES: Record<ThemeName, Theme> = {
  claro: teamsLightTheme,
  oscuro: teamsDarkTheme,
  contraste: teamsHighContrastTheme,
};

function Root({ host, info }: { host: Host; info: SessionInfo }) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  useEffect(() => {
    document.documentElement.dataset.tema = theme;
    document.documentElement.style.colorScheme = theme === 'claro' ? 'light' : 'dark';
  }, [theme]);
  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100vh' }} lang="es-CL">
      <NotifyProvider>
        <SessionProvider
          host={host}
          info={info}
          fallback={({ loading, error, choose }) =>
            loading ? (
              <Loading label={SESSION.signingIn} />
            ) : choose && info.personas ? (
              <PersonaPicker personas={info.personas} onChoose={choose} {...(error ? { error } : {})} />
            ) : (
              <div style={{ padding: 24 }}>
                <ErrorBox
                  title={SESSION.signInFailed}
                  message={error ?? SESSION.noAccess}
                  retry={() => location.reload()}
                />
              </div>
            )
          }
        >
          <RouterProvider>
            <App theme={theme} onTheme={setTheme} />
          </RouterProvider>
        </SessionProvider>
      </NotifyProvider>
    </FluentProvider>
  );
}

const Configurar = lazy(() => import('./pages/configurar'));

/**
 * The channel tab's configuration page, alone: Teams shows it in its "add a tab" dialog, where the header of the
 * app would be noise, and it calls no API, so it needs no session (no persona picker, no SSO round trip).
 */
function ConfigurationRoot({ host }: { host: Host }) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100vh' }} lang="es-CL">
      <main>
        <Suspense fallback={<Loading />}>
          <Configurar host={host} />
        </Suspense>
      </main>
    </FluentProvider>
  );
}

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const host = await detectHost();
  if (parseRoute(location.pathname).page === 'configurar') {
    root.render(
      <StrictMode>
        <ConfigurationRoot host={host} />
      </StrictMode>,
    );
    return;
  }
  const ref = host.subPageId && parseReference(host.subPageId.toUpperCase());
  if (ref) history.replaceState(null, '', detailPath(ref.kind, host.subPageId!.toUpperCase()));
  // A card's link to a page of the tab with its filters (the UGDT digest's «Ver todas las vencidas»): only a page
  // the router knows, with a plain query.
  else if (host.subPageId && TAB_PAGE_LINK.test(host.subPageId)) {
    const [path, query = ''] = host.subPageId.split('?');
    if (parseRoute(`/tab/${path}`).page !== 'no-encontrada')
      history.replaceState(null, '', `/tab/${path}${query ? `?${query}` : ''}`);
  }
  try {
    const info = await getJson<SessionInfo>('/api/v1/sesion');
    root.render(
      <StrictMode>
        <Root host={host} info={info} />
      </StrictMode>,
    );
  } catch (e) {
    root.render(
      <FluentProvider theme={THEMES[host.theme]} style={{ minHeight: '100vh', padding: 24 }}>
        <ErrorBox
          title={SESSION.serviceDown}
          message={e instanceof Error ? e.message : SESSION.tryLater}
          retry={() => location.reload()}
        />
      </FluentProvider>,
    );
  }
}

void boot();
