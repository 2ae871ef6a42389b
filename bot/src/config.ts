import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { protocolSettingsSchema, type ProtocolSettings } from '../../protocol';
import { holidayOverridesSchema, type HolidayOverrides } from './calendar/chile-holidays';

/**
 * Typed configuration from the environment. Everything is checked at start and every problem is reported at once,
 * in Spanish, so a misconfigured service never half-starts.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  /** Public base URL of the service (links in notices and cards). */
  PUBLIC_URL: z.string().url('PUBLIC_URL debe ser una URL').default('http://localhost:3978'),
  /** postgres://… — a PostgreSQL server. Without it, the embedded PGlite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL debe comenzar con postgres:// o postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().min(1).default('data'),
  /** Entra ID tenant. Its presence switches off every development identity (local mode). */
  TENANT_ID: z.string().uuid('TENANT_ID debe ser un GUID').optional(),
  DIRECTORY_FILE: z.string().default('config/directory.local.json'),
  PROTOCOL_SETTINGS_FILE: z.string().optional(),
  HOLIDAY_OVERRIDES_FILE: z.string().optional(),
  /** How often the jobs look for due timers and pending outbox rows. */
  JOBS_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  // The host name tells instances apart where they all run as the same pid (containers, App Service).
  INSTANCE_ID: z.string().default(`instancia-${hostname()}-${process.pid}`),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Application Insights: with it, traces and metrics go out through OpenTelemetry (bot/src/observability/). */
  APPLICATIONINSIGHTS_CONNECTION_STRING: z
    .string()
    .regex(
      /(^|;)\s*InstrumentationKey=[^;]+/i,
      'APPLICATIONINSIGHTS_CONNECTION_STRING debe ser la cadena de conexión de Application Insights (InstrumentationKey=…;IngestionEndpoint=…)',
    )
    .optional(),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /** Teams bot (Azure Bot registration). Without an app id the bot accepts anonymous requests: local mode only. */
  MICROSOFT_APP_ID: z.string().uuid('MICROSOFT_APP_ID debe ser un GUID').optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_CERT_THUMBPRINT: z.string().min(1).optional(),
  MICROSOFT_APP_CERT_KEY_FILE: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().uuid('MICROSOFT_APP_TENANT_ID debe ser un GUID').optional(),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  /** Only to validate channel tokens against another authority (sovereign clouds, the test suite). */
  BOT_OPENID_METADATA_URL: z.string().url().optional(),
  BOT_TOKEN_ISSUER: z.string().min(1).optional(),
  /** Conversation id of the UGDT team channel that receives a copy of every internal request. */
  UGDT_CHANNEL_ID: z.string().min(1).optional(),
  /**
   * Local time (HH:MM, the protocol's time zone) from which each UGDT member gets the day's digest of overdue requests
   * in their personal chat, on working days (issue 14 §4); «no» turns it off and brings back one card per expiry.
   */
  UGDT_DIGEST_AT: z
    .string()
    .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^no$/, 'UGDT_DIGEST_AT debe ser una hora HH:MM (por ejemplo 08:30) o «no»')
    .default('08:30'),
  /** Sender of the mail copies, and the local outbox of .eml files used while no tenant is configured. */
  MAIL_FROM: z.string().email('MAIL_FROM debe ser un correo').default('intercambio-datos@quillota.cl'),
  MAIL_OUTBOX_DIR: z.string().min(1).optional(),
  /** Teams tab SSO: the Application ID URI its tokens are issued for (api://<dominio>/<client id>). */
  TAB_APP_ID_URI: z
    .string()
    .regex(
      /^api:\/\/\S+$/,
      'TAB_APP_ID_URI debe ser un URI de aplicación api://… (p. ej. api://dominio/<id de cliente>)',
    )
    .optional(),
  /** Only to fetch the tenant's signing keys from elsewhere (sovereign clouds, the test suite). */
  SSO_JWKS_URL: z.string().url('SSO_JWKS_URL debe ser una URL').optional(),
  /** The Teams app id of the manifest, for deep links to the tab and to chats. */
  TEAMS_APP_ID: z.string().uuid('TEAMS_APP_ID debe ser un GUID').optional(),
  /** The tab's build (Vite output). */
  TAB_DIR: z.string().min(1).optional(),
  /**
   * Microsoft 365 channel for documents and mail: "graph" (SharePoint and Exchange Online through Microsoft Graph)
   * or "local" (the documents folder and .eml files). Default: graph with a tenant, local without.
   */
  MICROSOFT_365: z.enum(['graph', 'local']).optional(),
  /** The SharePoint site and document library that keep the convenio documents. */
  SHAREPOINT_SITE_URL: z.string().url('SHAREPOINT_SITE_URL debe ser la URL del sitio de SharePoint').optional(),
  SHAREPOINT_LIBRARY: z.string().min(1).default('Convenios de datos'),
  /**
   * The restricted library of delivered files (issue 15), on the same site: its own, because the convenio documents'
   * files get organisation-wide links and these must be shared only with the requester (docs/despliegue.md).
   */
  SHAREPOINT_DELIVERIES_LIBRARY: z.string().min(1).default('Entregas de datos'),
  /** The mailbox the mail copies are sent from (UPN); MAIL_FROM by default. */
  MAIL_SENDER: z.string().email('MAIL_SENDER debe ser un buzón (UPN)').optional(),
  /** Graph's app registration: the bot's by default (MICROSOFT_APP_ID and its secret or certificate). */
  GRAPH_CLIENT_ID: z.string().uuid('GRAPH_CLIENT_ID debe ser un GUID').optional(),
  GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
  /** PEM certificate whose private key is MICROSOFT_APP_CERT_KEY_FILE (for its SHA-256 thumbprint and x5c). */
  GRAPH_CERT_FILE: z.string().min(1).optional(),
  /** Only for another cloud, or the test suite's Graph fake. */
  GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com'),
  GRAPH_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
  /** Extra CA certificates (PEM) to trust for Microsoft 365 calls: a TLS-inspecting proxy, or the test fake. */
  GRAPH_CA_FILE: z.string().min(1).optional(),
  /** Quick retries inside one Graph call for 429/503 (honouring Retry-After) before the outbox's own backoff. */
  GRAPH_IN_CALL_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** The local documents folder (no tenant). */
  DOCUMENTS_DIR: z.string().min(1).optional(),
  /** Largest file a person may hand in (FEA-signed PDF, edited draft), in bytes. */
  MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
});

export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** `template`: a PGlite template to start an in-memory database from (tests only; no variable sets it). */
  database: { url?: string; poolSize: number; dataDir: string; template?: string };
  tenantId?: string;
  /** Local mode: no tenant; identities come from the persona header or picker. */
  localMode: boolean;
  directoryFile: string;
  settings: ProtocolSettings;
  holidayOverrides: HolidayOverrides;
  jobsIntervalMs: number;
  instanceId: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Application Insights connection string: OpenTelemetry export on when set (started by main.ts). */
  telemetry: { connectionString?: string };
  maxBodyBytes: number;
  bot: BotConfig;
  ugdtChannelId?: string;
  /** When the UGDT's daily digest goes out (HH:MM local), or undefined when it is off. */
  ugdtDigestAt?: string;
  mail: { from: string; outboxDir: string };
  sso: SsoConfig;
  tab: { dir: string; teamsAppId?: string };
  m365: M365Config;
  /** The public register's rate limit per client address (tests only; no variable sets it: the default applies). */
  transparencyRateLimit?: { burst: number; perMinute: number };
}

/** Where documents and mail go: Microsoft Graph with a tenant, the local stand-ins without. */
export interface M365Config {
  mode: 'graph' | 'local';
  documentsDir: string;
  maxDocumentBytes: number;
  graph?: {
    tenantId: string;
    clientId: string;
    clientSecret?: string;
    certificate?: { privateKeyPem: string; certificatePem?: string; thumbprintSha256?: string };
    baseUrl: string;
    authorityHost: string;
    caPem?: string;
    siteUrl: string;
    library: string;
    /** The restricted library of delivered files (SHAREPOINT_DELIVERIES_LIBRARY). */
    deliveriesLibrary: string;
    mailbox: string;
    inCallRetries: number;
  };
}

/** How the tab's Teams SSO tokens are validated (used only with a tenant configured). */
export interface SsoConfig {
  /** Accepted audience besides the client id (MICROSOFT_APP_ID). */
  appIdUri?: string;
  /** The tenant's JWKS; default https://login.microsoftonline.com/<TENANT_ID>/discovery/v2.0/keys. */
  jwksUrl?: string;
}

export interface BotConfig {
  appId?: string;
  password?: string;
  certificate?: { thumbprint: string; privateKey: string };
  tenantId?: string;
  appType: 'SingleTenant' | 'UserAssignedMSI';
  openIdMetadataUrl?: string;
  tokenIssuer?: string;
}

export class ConfigError extends Error {}

/**
 * The repository root: the nearest folder above this file with our package.json. Works from the TypeScript source
 * (bot/src) as from the build (dist/bot/src), whatever the working directory; falls back to it otherwise.
 */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    try {
      if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'intercambio-de-datos') return dir;
    } catch {
      // An unreadable package.json is not ours: keep looking.
    }
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** Where Vite writes the tab (tab/vite.config.ts: outDir ../dist/tab). */
export const defaultTabDir = (): string => join(repoRoot(), 'dist', 'tab');

function readJson<S extends z.ZodTypeAny>(
  path: string,
  schema: S,
  what: string,
  problems: string[],
): z.output<S> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    problems.push(`${what} (${path}): no se pudo leer: ${(e as Error).message}`);
    return undefined;
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    problems.push(...r.error.issues.map((i) => `${what} (${path}): ${i.path.join('.') || '(raíz)'}: ${i.message}`));
    return undefined;
  }
  return r.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  // An empty variable (as .env files and deployment templates leave them) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const r = envSchema.safeParse(present);
  if (!r.success) problems.push(...r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = r.success
    ? r.data
    : envSchema.parse({
        PROTOCOL_SETTINGS_FILE: present.PROTOCOL_SETTINGS_FILE,
        HOLIDAY_OVERRIDES_FILE: present.HOLIDAY_OVERRIDES_FILE,
      });
  const settings = e.PROTOCOL_SETTINGS_FILE
    ? readJson(e.PROTOCOL_SETTINGS_FILE, protocolSettingsSchema, 'PROTOCOL_SETTINGS_FILE', problems)
    : protocolSettingsSchema.parse({});
  const holidayOverrides = e.HOLIDAY_OVERRIDES_FILE
    ? readJson(e.HOLIDAY_OVERRIDES_FILE, holidayOverridesSchema, 'HOLIDAY_OVERRIDES_FILE', problems)
    : {};
  if (e.MICROSOFT_APP_ID) {
    const hasSecret = !!e.MICROSOFT_APP_PASSWORD;
    const hasCert = !!e.MICROSOFT_APP_CERT_THUMBPRINT && !!e.MICROSOFT_APP_CERT_KEY_FILE;
    if (e.MICROSOFT_APP_TYPE === 'SingleTenant' && !hasSecret && !hasCert)
      problems.push(
        'MICROSOFT_APP_ID: falta MICROSOFT_APP_PASSWORD o el certificado (MICROSOFT_APP_CERT_THUMBPRINT y MICROSOFT_APP_CERT_KEY_FILE)',
      );
    if (!e.MICROSOFT_APP_TENANT_ID && !e.TENANT_ID)
      problems.push('MICROSOFT_APP_TENANT_ID: requerido para un bot de un solo inquilino');
  } else if (e.TENANT_ID) {
    // Production never accepts anonymous bot traffic.
    problems.push('MICROSOFT_APP_ID: obligatorio cuando hay un inquilino configurado (TENANT_ID)');
  }
  // The embedded database is for one process on one machine: with a tenant, several instances share a server.
  if (e.TENANT_ID && !e.DATABASE_URL)
    problems.push(
      'DATABASE_URL: obligatorio con un inquilino (TENANT_ID); la base embebida es solo para el modo local',
    );
  let privateKey: string | undefined;
  if (e.MICROSOFT_APP_CERT_KEY_FILE) {
    try {
      privateKey = readFileSync(e.MICROSOFT_APP_CERT_KEY_FILE, 'utf8');
    } catch (err) {
      problems.push(
        `MICROSOFT_APP_CERT_KEY_FILE (${e.MICROSOFT_APP_CERT_KEY_FILE}): no se pudo leer: ${(err as Error).message}`,
      );
    }
  }
  const m365 = m365Config(e, privateKey, problems);
  if (problems.length) throw new ConfigError(`Configuración inválida:\n - ${problems.join('\n - ')}`);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL.replace(/\/$/, ''),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, dataDir: e.DATA_DIR },
    tenantId: e.TENANT_ID,
    localMode: !e.TENANT_ID,
    directoryFile: e.DIRECTORY_FILE,
    settings: settings!,
    holidayOverrides: holidayOverrides!,
    jobsIntervalMs: e.JOBS_INTERVAL_MS,
    instanceId: e.INSTANCE_ID,
    logLevel: e.LOG_LEVEL,
    telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING },
    maxBodyBytes: e.MAX_BODY_BYTES,
    bot: {
      appId: e.MICROSOFT_APP_ID,
      password: e.MICROSOFT_APP_PASSWORD,
      ...(e.MICROSOFT_APP_CERT_THUMBPRINT && privateKey
        ? { certificate: { thumbprint: e.MICROSOFT_APP_CERT_THUMBPRINT, privateKey } }
        : {}),
      tenantId: e.MICROSOFT_APP_TENANT_ID ?? e.TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
    },
    ugdtChannelId: e.UGDT_CHANNEL_ID,
    ...(e.UGDT_DIGEST_AT === 'no' ? {} : { ugdtDigestAt: e.UGDT_DIGEST_AT }),
    mail: { from: e.MAIL_FROM, outboxDir: e.MAIL_OUTBOX_DIR ?? `${e.DATA_DIR}/correo-saliente` },
    sso: { appIdUri: e.TAB_APP_ID_URI, jwksUrl: e.SSO_JWKS_URL },
    tab: { dir: e.TAB_DIR ? resolve(e.TAB_DIR) : defaultTabDir(), teamsAppId: e.TEAMS_APP_ID },
    m365,
  };
}

function readText(path: string, what: string, problems: string[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    problems.push(`${what} (${path}): no se pudo leer: ${(err as Error).message}`);
    return undefined;
  }
}

function m365Config(e: z.output<typeof envSchema>, privateKey: string | undefined, problems: string[]): M365Config {
  const base = {
    documentsDir: e.DOCUMENTS_DIR ?? `${e.DATA_DIR}/documentos`,
    maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
  };
  const mode = e.MICROSOFT_365 ?? (e.TENANT_ID ? 'graph' : 'local');
  if (mode === 'local') return { mode, ...base };
  const missing = (name: string, why: string) => problems.push(`${name}: ${why}`);
  if (!e.TENANT_ID) missing('TENANT_ID', 'obligatorio para usar Microsoft Graph (MICROSOFT_365=graph)');
  if (!e.SHAREPOINT_SITE_URL)
    missing('SHAREPOINT_SITE_URL', 'indique el sitio de SharePoint de los convenios (o MICROSOFT_365=local)');
  const clientId = e.GRAPH_CLIENT_ID ?? e.MICROSOFT_APP_ID;
  if (!clientId) missing('GRAPH_CLIENT_ID', 'falta el id de la aplicación para Microsoft Graph (o MICROSOFT_APP_ID)');
  const clientSecret = e.GRAPH_CLIENT_SECRET ?? (e.GRAPH_CLIENT_ID ? undefined : e.MICROSOFT_APP_PASSWORD);
  const certificatePem = e.GRAPH_CERT_FILE ? readText(e.GRAPH_CERT_FILE, 'GRAPH_CERT_FILE', problems) : undefined;
  const certificate = privateKey
    ? {
        privateKeyPem: privateKey,
        ...(certificatePem ? { certificatePem } : {}),
        ...(!certificatePem && e.MICROSOFT_APP_CERT_THUMBPRINT
          ? { thumbprintSha256: e.MICROSOFT_APP_CERT_THUMBPRINT }
          : {}),
      }
    : undefined;
  if (!clientSecret && !certificate)
    missing(
      'GRAPH_CLIENT_SECRET',
      'Microsoft Graph necesita un secreto (GRAPH_CLIENT_SECRET o MICROSOFT_APP_PASSWORD) o un certificado (MICROSOFT_APP_CERT_KEY_FILE)',
    );
  const caPem = e.GRAPH_CA_FILE ? readText(e.GRAPH_CA_FILE, 'GRAPH_CA_FILE', problems) : undefined;
  if (problems.length) return { mode, ...base };
  return {
    mode,
    ...base,
    graph: {
      tenantId: e.TENANT_ID as string,
      clientId: clientId as string,
      ...(clientSecret ? { clientSecret } : {}),
      ...(certificate ? { certificate } : {}),
      baseUrl: e.GRAPH_BASE_URL.replace(/\/$/, ''),
      authorityHost: e.GRAPH_AUTHORITY_HOST.replace(/\/$/, ''),
      ...(caPem ? { caPem } : {}),
      siteUrl: e.SHAREPOINT_SITE_URL as string,
      library: e.SHAREPOINT_LIBRARY,
      deliveriesLibrary: e.SHAREPOINT_DELIVERIES_LIBRARY,
      mailbox: e.MAIL_SENDER ?? e.MAIL_FROM,
      inCallRetries: e.GRAPH_IN_CALL_RETRIES,
    },
  };
}
