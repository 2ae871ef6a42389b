// What card renderers need for the current moment, and the links they print: used by the Teams bot, the tab's API
// and the service's mail copies alike.
import type { Item, ItemKind } from '../../../protocol';
import type { Runtime } from '../runtime';
import type { CardContext } from './contract';
import { TAB_PAGES } from './textos/comun';

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
 * A Teams deep link into the app's Tablero tab, with the web page as fallback where the client cannot show the tab.
 * `subPage` (Teams' subEntityId, which the tab reads as subPageId) names what the tab opens: a reference, or a page
 * with its filters («lista?vencidas=true»).
 */
function teamsEntityLink(teamsAppId: string, webUrl: string, label: string, subPage?: string): string {
  const params = new URLSearchParams({
    webUrl,
    label,
    ...(subPage ? { context: JSON.stringify({ subEntityId: subPage }) } : {}),
  });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${BOARD_ENTITY_ID}?${params.toString()}`;
}

/** A page of the tab with its filters, in Teams (issue 14 §4: the digest's link to the overdue requests). */
export const teamsTabPageLink = (teamsAppId: string, publicUrl: string, page: string, query: string): string =>
  teamsEntityLink(teamsAppId, `${publicUrl}/tab/${page}?${query}`, TAB_PAGES.list, `${page}?${query}`);

/** The app's Tablero tab in Teams. */
export const teamsTabLink = (teamsAppId: string, publicUrl: string): string =>
  teamsEntityLink(teamsAppId, `${publicUrl}/tab`, TAB_PAGES.board);

export function detailUrl(publicUrl: string, kind: ItemKind, reference: string): string {
  return `${publicUrl}/detalle/${kind === 'solicitud' ? 'solicitudes' : 'convenios'}/${reference}`;
}

/** entityId of the tab's static "Tablero" tab in the app manifest (manifest/). */
export const BOARD_ENTITY_ID = 'tablero';

/**
 * A Teams deep link that opens the item inside the app's Tablero tab (the tab shows its detail). Cards in Teams use
 * it, so "Ver detalle" stays inside Teams; mail copies keep the plain web address.
 */
export const teamsDetailLink = (teamsAppId: string, publicUrl: string, kind: ItemKind, reference: string): string =>
  teamsEntityLink(teamsAppId, detailUrl(publicUrl, kind, reference), reference, reference);
