/**
 * What the manifest is filled with, from the same variables the service reads (bot/src/config.ts): TEAMS_APP_ID,
 * MICROSOFT_APP_ID, TAB_APP_ID_URI, PUBLIC_URL. With none of them set, a development package with placeholder ids.
 */

export interface PackageConfig {
  /** The Teams app id (manifest `id`). */
  teamsAppId: string;
  /** The bot's Entra app registration, also the tab's SSO client (bots[0].botId, webApplicationInfo.id). */
  botAppId: string;
  /** The Application ID URI of the tab's SSO (webApplicationInfo.resource): api://<dominio>/<client id>. */
  tabAppIdUri: string;
  /** Public base URL of the service, without a trailing slash. */
  publicUrl: string;
  /** The app's version (package.json). */
  version: string;
}

export interface ResolvedConfig {
  config: PackageConfig;
  /** Placeholder ids: the package is for looking at, not for a tenant. */
  development: boolean;
  warnings: string[];
  problems: string[];
}

/** Clearly fake but schema-valid: a development package must never be mistaken for the real one. */
export const DEVELOPMENT = {
  TEAMS_APP_ID: '00000000-0000-0000-0000-00000000a001',
  MICROSOFT_APP_ID: '00000000-0000-0000-0000-00000000b001',
  PUBLIC_URL: 'https://intercambio.quillota.cl',
} as const;

const VARIABLES = ['TEAMS_APP_ID', 'MICROSOFT_APP_ID', 'TAB_APP_ID_URI', 'PUBLIC_URL'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The shape of the ids in .env.example: real registrations never look like this. */
const PLACEHOLDER_GUID = /^0{8}-0{4}-0{4}-0{4}-0{4}/;

type Env = Record<string, string | undefined>;

const read = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

export function resolvePackageConfig(env: Env, version: string): ResolvedConfig {
  const warnings: string[] = [];
  const problems: string[] = [];
  const development = VARIABLES.every((n) => read(env, n) === undefined);

  if (development) {
    const botAppId = DEVELOPMENT.MICROSOFT_APP_ID;
    warnings.push(
      `Aviso: no hay TEAMS_APP_ID, MICROSOFT_APP_ID, TAB_APP_ID_URI ni PUBLIC_URL: se arma un paquete de DESARROLLO ` +
        `con ids de relleno (TEAMS_APP_ID=${DEVELOPMENT.TEAMS_APP_ID}, MICROSOFT_APP_ID=${botAppId}) y ` +
        `PUBLIC_URL=${DEVELOPMENT.PUBLIC_URL}. Sirve para revisar el paquete; instalado en Teams, el bot no ` +
        `responderá ni la pestaña iniciará sesión. Defina esas variables (o use --env-file) para el paquete real.`,
    );
    return {
      development,
      warnings,
      problems,
      config: {
        teamsAppId: DEVELOPMENT.TEAMS_APP_ID,
        botAppId,
        tabAppIdUri: `api://${new URL(DEVELOPMENT.PUBLIC_URL).host}/${botAppId}`,
        publicUrl: DEVELOPMENT.PUBLIC_URL,
        version,
      },
    };
  }

  const guid = (name: 'TEAMS_APP_ID' | 'MICROSOFT_APP_ID', what: string): string => {
    const v = read(env, name);
    if (v === undefined) problems.push(`Falta ${name} (${what}, un GUID).`);
    else if (!GUID.test(v)) problems.push(`${name} debe ser un GUID (es «${v}»).`);
    else if (PLACEHOLDER_GUID.test(v)) warnings.push(`Aviso: ${name}=${v} parece un id de relleno, no uno real.`);
    return v ?? '';
  };
  const teamsAppId = guid('TEAMS_APP_ID', 'el id de la aplicación de Teams');
  const botAppId = guid('MICROSOFT_APP_ID', 'el id de la aplicación de Entra ID del bot y de la pestaña');

  let publicUrl = read(env, 'PUBLIC_URL') ?? '';
  let host = '';
  if (!publicUrl) problems.push('Falta PUBLIC_URL (la dirección pública del servicio, https://…).');
  else {
    try {
      const url = new URL(publicUrl);
      host = url.host;
      publicUrl = publicUrl.replace(/\/+$/, '');
      if (url.search || url.hash) problems.push(`PUBLIC_URL no debe llevar ? ni # (es «${publicUrl}»).`);
    } catch {
      problems.push(`PUBLIC_URL debe ser una URL (es «${publicUrl}»).`);
    }
  }

  let tabAppIdUri = read(env, 'TAB_APP_ID_URI');
  if (tabAppIdUri === undefined) {
    tabAppIdUri = `api://${host}/${botAppId}`;
    if (host && GUID.test(botAppId))
      warnings.push(
        `Aviso: TAB_APP_ID_URI no está definido: se usa ${tabAppIdUri} (api://<dominio>/<MICROSOFT_APP_ID>).`,
      );
  } else if (!/^api:\/\/\S+$/.test(tabAppIdUri))
    problems.push(
      `TAB_APP_ID_URI debe ser un URI de aplicación api://<dominio>/<id de cliente> (es «${tabAppIdUri}»).`,
    );

  return { development, warnings, problems, config: { teamsAppId, botAppId, tabAppIdUri, publicUrl, version } };
}

/**
 * A .env file as the service's own scripts write it: KEY=value per line, `#` comments, optional `export `, values
 * optionally in single or double quotes (no interpolation).
 */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, '').trim();
    out[m[1]!] = value;
  }
  return out;
}
