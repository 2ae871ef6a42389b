// What card renderers need for the current moment, and the links they print: used by the Teams bot, the tab's API
// and the service's mail copies alike.
import type { Item, ItemKind } from '../../../protocol';
import type { Runtime } from '../runtime';
import type { CardContext } from './contract';

/** What renderers need, for the current moment. */
export function cardContext(rt: Runtime, publicUrl: string, teamsAppId?: string): CardContext {
  return {
    directory: rt.directory,
    calendar: rt.calendar,
    settings: rt.settings,
    now: rt.now(),
    detailUrl: (item: Item) =>
      teamsAppId
        ? teamsDetailLink(teamsAppId, publicUrl, item.kind, item.reference)
        : detailUrl(publicUrl, item.kind, item.reference),
    homeUrl: teamsAppId ? teamsTabLink(teamsAppId, publicUrl) : `${publicUrl}/tab`,
    tabPageUrl: (page: string, query: string) =>
      teamsAppId ? teamsTabPageLink(teamsAppId, publicUrl, page, query) : `${publicUrl}/tab/${page}?${query}`,
  };
}

/**
 * A Teams deep link to one page of the tab with its filters (the tab reads subPageId «lista?vencidas=true»), with
 * the web page as fallback.
 */
export function teamsTabPageLink(teamsAppId: string, publicUrl: string, page: string, query: string): string {
  const params = new URLSearchParams({
    webUrl: `${publicUrl}/tab/${page}?${query}`,
    label: 'Lista',
    context: JSON.stringify({ subEntityId: `${page}?${query}` }),
  });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${BOARD_ENTITY_ID}?${params.toString()}`;
}

/** A Teams deep link to the app's Tablero tab, with the web page as fallback (as teamsDetailLink). */
export function teamsTabLink(teamsAppId: string, publicUrl: string): string {
  const params = new URLSearchParams({ webUrl: `${publicUrl}/tab`, label: 'Tablero' });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${BOARD_ENTITY_ID}?${params.toString()}`;
}

export function detailUrl(publicUrl: string, kind: ItemKind, reference: string): string {
  return `${publicUrl}/detalle/${kind === 'solicitud' ? 'solicitudes' : 'convenios'}/${reference}`;
}

/** entityId of the tab's static "Tablero" tab in the app manifest (manifest/). */
export const BOARD_ENTITY_ID = 'tablero';

/**
 * A Teams deep link that opens the item inside the app's Tablero tab (the tab reads subEntityId and shows the
 * detail), falling back to the web page where the client cannot show the tab. Cards in Teams use it, so "Ver
 * detalle" stays inside Teams; mail copies keep the plain web address.
 */
export function teamsDetailLink(teamsAppId: string, publicUrl: string, kind: ItemKind, reference: string): string {
  const params = new URLSearchParams({
    webUrl: detailUrl(publicUrl, kind, reference),
    label: reference,
    context: JSON.stringify({ subEntityId: reference }),
  });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${BOARD_ENTITY_ID}?${params.toString()}`;
}
