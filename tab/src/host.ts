// Where the tab runs: inside Teams (teams-js initialised, SSO, the host's theme) or in a plain browser (local mode:
// persona picker, theme chosen by the user). `app.initialize()` never settles outside a Teams frame on some
// browsers, so a top-level window is treated as "not Teams" at once and a framed one gets a short deadline.
import { app, authentication, dialog, FrameContexts, pages } from '@microsoft/teams-js';
import { SESSION } from './textos/app';
import { remember, remembered } from './storage';

export type ThemeName = 'claro' | 'oscuro' | 'contraste';

export interface Host {
  inTeams: boolean;
  theme: ThemeName;
  /** The page the tab was opened for (a deep link's subPageId, e.g. "SOL-2026-0001"). */
  subPageId?: string;
  onThemeChange(cb: (t: ThemeName) => void): void;
  /** An SSO token for the API (Teams only). */
  token(): Promise<string>;
  /** Opens a link in the host (a Teams deep link stays inside Teams). */
  openLink(url: string): void;
  /**
   * When the tab's form was opened as a Teams dialog from a chat card (issue 14 §1): hands `result` to the bot, which
   * posts the new item's card in that chat (or, for a step of an existing item, `paso`, updates the card already
   * there), and closes the dialog; true then. False anywhere else (the page goes on).
   */
  finishDialog(result: { reference: string; paso?: string }): boolean;
}

const TEAMS_THEMES: Record<string, ThemeName> = { default: 'claro', dark: 'oscuro', contrast: 'contraste' };
const THEME_KEY = 'intercambio.tema';

function browserTheme(): ThemeName {
  const asked = new URLSearchParams(location.search).get('tema');
  if (asked === 'claro' || asked === 'oscuro' || asked === 'contraste') return asked;
  const saved = remembered(THEME_KEY);
  if (saved === 'claro' || saved === 'oscuro' || saved === 'contraste') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'oscuro' : 'claro';
}

export function saveBrowserTheme(t: ThemeName): void {
  remember(THEME_KEY, t);
}

function browserHost(): Host {
  return {
    inTeams: false,
    theme: browserTheme(),
    onThemeChange: () => undefined,
    token: () => Promise.reject(new Error(SESSION.noSsoOutsideTeams)),
    openLink: (url) => window.open(url, '_blank', 'noopener'),
    finishDialog: () => false,
  };
}

async function initializeWithin(ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([app.initialize().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function detectHost(): Promise<Host> {
  if (window.self === window.top) return browserHost();
  if (!(await initializeWithin(3000))) return browserHost();
  const context = await app.getContext();
  app.notifySuccess();
  return {
    inTeams: true,
    theme: TEAMS_THEMES[context.app.theme] ?? 'claro',
    subPageId: context.page.subPageId || undefined,
    onThemeChange: (cb) => app.registerOnThemeChangeHandler((t) => cb(TEAMS_THEMES[t] ?? 'claro')),
    token: () => authentication.getAuthToken(),
    finishDialog: (result) => {
      if (context.page.frameContext !== FrameContexts.task || !dialog.url.isSupported()) return false;
      dialog.url.submit(result);
      return true;
    },
    openLink: (url) => {
      if (/^https:\/\/teams\.microsoft\.com\/l\//.test(url)) void app.openLink(url);
      else window.open(url, '_blank', 'noopener');
    },
  };
}

/** Tells Teams which page of the tab is showing, so "copy link" and back navigation point at it. */
export function reportPage(host: Host): void {
  if (!host.inTeams || !pages.isSupported()) return;
  pages.setCurrentFrame({ websiteUrl: location.href, contentUrl: location.href });
}
