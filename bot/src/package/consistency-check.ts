import { BOARD_ENTITY_ID } from '../cards/card-context';
import { botUnderstands } from './bot-commands';

/**
 * What the JSON Schema cannot say: the ids agree with each other, every page Teams loads is https on a domain of
 * validDomains, the tab's SSO resource names the bot's app registration, the Tablero tab the deep links open exists,
 * and the bot's command menus list only commands the bot understands.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const manifestSchemaUrl = (manifestVersion: string): string =>
  `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function checkConsistency(manifest: unknown): string[] {
  if (!isObject(manifest)) return [];
  const p: string[] = [];
  const say = (s: string) => p.push(`manifest.json: ${s}`);

  const version = str(manifest.manifestVersion) ?? '';
  if (manifest.$schema !== manifestSchemaUrl(version))
    say(`"$schema" debe ser ${manifestSchemaUrl(version)} (es «${String(manifest.$schema)}»).`);
  if (typeof manifest.version === 'string' && !SEMVER.test(manifest.version))
    say(`/version debe ser una versión x.y.z (es «${manifest.version}»).`);

  // Pages Teams loads or links to.
  const urls: { at: string; url: string; framed: boolean }[] = [];
  const add = (at: string, v: unknown, framed: boolean) => {
    if (typeof v === 'string') urls.push({ at, url: v, framed });
  };
  const dev = isObject(manifest.developer) ? manifest.developer : {};
  for (const f of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) add(`/developer/${f}`, dev[f], false);
  list(manifest.staticTabs).forEach((t, i) => {
    if (!isObject(t)) return;
    add(`/staticTabs/${i}/contentUrl`, t.contentUrl, true);
    add(`/staticTabs/${i}/websiteUrl`, t.websiteUrl, false);
    add(`/staticTabs/${i}/searchUrl`, t.searchUrl, true);
  });
  list(manifest.configurableTabs).forEach(
    (t, i) => isObject(t) && add(`/configurableTabs/${i}/configurationUrl`, t.configurationUrl, true),
  );
  const insecure = urls.filter((u) => !/^https:\/\//i.test(u.url)).map((u) => u.at);
  if (insecure.length) say(`Teams exige https (revise PUBLIC_URL); usan otra cosa: ${insecure.join(', ')}.`);

  // validDomains: bare host names (with a port at most), no catch-all wildcard.
  const domains = list(manifest.validDomains).filter((d): d is string => typeof d === 'string');
  for (const d of domains) {
    if (d.includes('/')) say(`validDomains: «${d}» debe ser solo el dominio, sin https:// ni ruta.`);
    else if (d === '*' || /^\*\.[^.]+$/.test(d) || /\*.*\*/.test(d) || /.\*/.test(d))
      say(`validDomains: «${d}» es un comodín demasiado amplio; liste el dominio del servicio.`);
  }
  const covered = (host: string) =>
    domains.some((d) => {
      const h = host.toLowerCase();
      const dd = d.toLowerCase();
      return dd === h || (dd.startsWith('*.') && h.endsWith(dd.slice(1)));
    });
  for (const u of urls.filter((x) => x.framed)) {
    const host = hostOf(u.url);
    if (host && !covered(host)) say(`validDomains no incluye ${host}, el dominio de ${u.at}.`);
  }

  // The bot and the tab's SSO share one Entra app registration (bot/src/api/sso.ts accepts its client id).
  const bot = isObject(list(manifest.bots)[0]) ? (list(manifest.bots)[0] as Json) : undefined;
  const web = isObject(manifest.webApplicationInfo) ? manifest.webApplicationInfo : undefined;
  if (!web) say('falta /webApplicationInfo: la pestaña inicia sesión con SSO de Teams.');
  else {
    if (bot && web.id !== bot.botId)
      say(
        `/webApplicationInfo/id debe ser MICROSOFT_APP_ID, el mismo id del bot (${String(bot.botId)}); ` +
          `es «${String(web.id)}».`,
      );
    const resource = str(web.resource);
    const m = resource ? /^api:\/\/([^/\s]+)\/(\S+)$/.exec(resource) : null;
    if (!resource) say('falta /webApplicationInfo/resource (TAB_APP_ID_URI): sin él Teams no entrega el token SSO.');
    else if (!m) say(`/webApplicationInfo/resource debe ser api://<dominio>/<id de cliente> (es «${resource}»).`);
    else {
      if (!m[2]!.endsWith(String(web.id)))
        say(`/webApplicationInfo/resource debe terminar en el id de cliente ${String(web.id)} (es «${resource}»).`);
      if (!covered(m[1]!)) say(`validDomains no incluye ${m[1]}, el dominio de /webApplicationInfo/resource.`);
    }
  }

  // Deep links ("Ver detalle") open the static tab whose entityId is BOARD_ENTITY_ID.
  const tabs = list(manifest.staticTabs).filter(isObject);
  const board = tabs.find((t) => t.entityId === BOARD_ENTITY_ID);
  if (!board)
    say(
      `falta la pestaña estática con entityId «${BOARD_ENTITY_ID}»: los enlaces «Ver detalle» de las tarjetas la abren.`,
    );
  else if (!list(board.scopes).includes('personal'))
    say(`la pestaña «${BOARD_ENTITY_ID}» debe tener el ámbito personal (los enlaces profundos la abren ahí).`);
  const ids = tabs.map((t) => t.entityId);
  for (const id of new Set(ids.filter((x, i) => ids.indexOf(x) !== i)))
    say(`/staticTabs repite el entityId «${String(id)}».`);

  if (bot) p.push(...commandProblems(bot));
  return p;
}

/** Each scope of the bot has its command menu, and each command is one the bot answers. */
function commandProblems(bot: Json): string[] {
  const p: string[] = [];
  const lists = list(bot.commandLists).filter(isObject);
  for (const scope of list(bot.scopes))
    if (!lists.some((l) => list(l.scopes).includes(scope)))
      p.push(`manifest.json: el bot tiene el ámbito «${String(scope)}» pero ninguna lista de comandos para él.`);
  lists.forEach((l, j) =>
    list(l.commands).forEach((c, k) => {
      const title = isObject(c) ? str(c.title) : undefined;
      if (title !== undefined && !botUnderstands(title))
        p.push(
          `manifest.json: /bots/0/commandLists/${j}/commands/${k}/title es «${title}», que el bot no entiende ` +
            `(bot/src/teams/text-commands.ts).`,
        );
    }),
  );
  return p;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}
