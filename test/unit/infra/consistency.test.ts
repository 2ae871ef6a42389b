/**
 * Consistency of the deployment files with each other and with the service (issue #6), without a Bicep CLI:
 * infra/main.bicep and the .bicepparam files are read as text (comments stripped, strings and `${…}` masked, one
 * statement per top-level declaration, decorators attached), m365agents.yml with the yaml package, and the service's
 * variables from bot/src/config.ts (ENV_VARIABLES).
 *
 * Every check is a function of the texts it is given and returns the problems it found, in Spanish, naming the file
 * and the symbol; the tests run them on the repository's files (no problems) and on altered copies (the problem
 * named), so a check that can never fail would be noticed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ENV_VARIABLES } from '../../../bot/src/config';

const ROOT = join(__dirname, '..', '..', '..');

// ---------------------------------------------------------------------------------------------------------------
// What the infrastructure may and must set
// ---------------------------------------------------------------------------------------------------------------

/** App settings the service does not read, each with the reason it is there. */
const PLATFORM_SETTINGS: Record<string, string> = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'el paquete llega compilado (npm run build); Oryx no debe compilar otra vez',
};

/** Variables of bot/src/config.ts the web app must set in production (Graph mode), and why. */
const REQUIRED_IN_PRODUCTION: Record<string, string> = {
  TENANT_ID: 'sin él el servicio arranca en modo local (x-persona, bot anónimo)',
  MICROSOFT_APP_ID: 'obligatorio con TENANT_ID',
  MICROSOFT_APP_PASSWORD:
    'un bot SingleTenant necesita secreto o certificado (no hay archivo de certificado en App Service)',
  MICROSOFT_APP_TENANT_ID: 'inquilino del bot de un solo inquilino',
  SHAREPOINT_SITE_URL: 'obligatorio con MICROSOFT_365=graph',
  DATABASE_URL: 'sin él, PGlite en el disco de cada instancia: no compartido ni respaldado',
  PUBLIC_URL: 'por defecto http://localhost:3978: enlaces de avisos y tarjetas',
  TAB_APP_ID_URI: 'audiencia de los tokens v1 que emite Teams para la pestaña',
  DIRECTORY_FILE: 'por defecto las personas de prueba del modo local',
};

/** Secrets: only as Key Vault references. */
const KEY_VAULT_SETTINGS = ['DATABASE_URL', 'MICROSOFT_APP_PASSWORD'];

/** Resource types of infra/main.bicep and the API versions reviewed against Microsoft Learn. */
const REVIEWED_API_VERSIONS: Record<string, string> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': '2023-01-31',
  'Microsoft.OperationalInsights/workspaces': '2023-09-01',
  'Microsoft.Insights/components': '2020-02-02',
  'Microsoft.Insights/diagnosticSettings': '2021-05-01-preview',
  'Microsoft.KeyVault/vaults': '2023-07-01',
  'Microsoft.KeyVault/vaults/secrets': '2023-07-01',
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
  'Microsoft.Network/virtualNetworks': '2024-01-01',
  'Microsoft.Network/privateDnsZones': '2020-06-01',
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks': '2020-06-01',
  'Microsoft.DBforPostgreSQL/flexibleServers': '2024-08-01',
  'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules': '2024-08-01',
  'Microsoft.DBforPostgreSQL/flexibleServers/databases': '2024-08-01',
  'Microsoft.Web/serverfarms': '2023-12-01',
  'Microsoft.Web/sites': '2023-12-01',
  'Microsoft.Web/sites/config': '2023-12-01',
  'Microsoft.Web/sites/basicPublishingCredentialsPolicies': '2023-12-01',
  'Microsoft.BotService/botServices': '2022-09-15',
  'Microsoft.BotService/botServices/channels': '2022-09-15',
};

/** Microsoft Graph permissions of the Entra app (least privilege), by id. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const GRAPH_PERMISSIONS: Record<string, { name: string; type: 'Role' | 'Scope'; why: string }> = {
  '883ea226-0bf2-4a8f-9f9d-92c9162a727d': {
    name: 'Sites.Selected',
    type: 'Role',
    why: 'documentos en el sitio concedido',
  },
  'f89c84ef-20d0-4b54-87e9-02e856d66d53': {
    name: 'Sites.Selected',
    type: 'Scope',
    why: 'versiones de la biblioteca en nombre del usuario (on-behalf-of)',
  },
  'b633e1c5-b582-4048-a93e-9f11b44c7e96': {
    name: 'Mail.Send',
    type: 'Role',
    why: 'copias por correo, limitado a un buzón por una directiva de acceso',
  },
  '908de74d-f8b2-4d6b-a9ed-2a17b3b78179': {
    name: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
    type: 'Role',
    why: 'instalar la app para avisos proactivos',
  },
  '98830695-27a2-44f7-8c18-0c3ebc9698f6': {
    name: 'GroupMember.Read.All',
    type: 'Role',
    why: 'roles desde grupos de Entra ID',
  },
};
/** Teams desktop/mobile and Teams web: without them the tab's SSO asks for consent or fails. */
const TEAMS_CLIENTS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];

/** Variables that toolkit actions write by themselves (not through writeToEnvironmentFile). */
const ACTION_OUTPUTS: Record<string, string[]> = {
  'aadApp/update': ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'],
};
/** Variables the toolkit itself may append to env/.env.<env> during provision, used or not. */
const TOOLKIT_BOOKKEEPING = ['TEAMS_APP_TENANT_ID'];

// ---------------------------------------------------------------------------------------------------------------
// Bicep as text
// ---------------------------------------------------------------------------------------------------------------

interface Scanned {
  /** The text with comments replaced by spaces (same length, same lines). */
  code: string;
  /** `code` with every character inside a string (interpolations included) replaced by `_`. */
  masked: string;
}

/** Strips `//` and block comments and masks strings, honouring `'…'` (escapes, `${…}`) and `'''…'''`. */
export function scanBicep(src: string): Scanned {
  type Frame = { kind: 'code'; braces: number } | { kind: 'string' } | { kind: 'multiline' };
  const stack: Frame[] = [{ kind: 'code', braces: 0 }];
  let code = '';
  let masked = '';
  const put = (text: string, inString: boolean) => {
    code += text;
    masked += inString ? text.replace(/[^\n]/g, '_') : text;
  };
  let i = 0;
  while (i < src.length) {
    const frame = stack[stack.length - 1]!;
    const c = src[i]!;
    if (frame.kind === 'multiline') {
      if (src.startsWith("'''", i)) {
        put("'''", true);
        stack.pop();
        i += 3;
      } else {
        put(c, true);
        i++;
      }
      continue;
    }
    if (frame.kind === 'string') {
      if (c === '\\') {
        put(src.slice(i, i + 2), true);
        i += 2;
      } else if (src.startsWith('${', i)) {
        put('${', true);
        stack.push({ kind: 'code', braces: 0 });
        i += 2;
      } else {
        put(c, true);
        if (c === "'") stack.pop();
        i++;
      }
      continue;
    }
    const inString = stack.length > 1;
    if (src.startsWith('//', i)) {
      const end = src.indexOf('\n', i);
      const stop = end === -1 ? src.length : end;
      put(' '.repeat(stop - i), false);
      i = stop;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      put(src.slice(i, stop).replace(/[^\n]/g, ' '), false);
      i = stop;
    } else if (src.startsWith("'''", i)) {
      stack.push({ kind: 'multiline' });
      put("'''", true);
      i += 3;
    } else if (c === "'") {
      stack.push({ kind: 'string' });
      put(c, true);
      i++;
    } else {
      if (inString && c === '{') frame.braces++;
      if (inString && c === '}') {
        if (frame.braces === 0) stack.pop();
        else frame.braces--;
      }
      put(c, inString);
      i++;
    }
  }
  return { code, masked };
}

const OPEN = '([{';
const CLOSE = ')]}';

export interface Statement {
  /** `param`, `var`, `resource`, `module`, `output`, `using`, `targetScope`… */
  keyword: string;
  /** The declaration without comments; decorators are in `decorators`. */
  code: string;
  masked: string;
  decorators: string[];
  /** 1-based line of the declaration (not of its decorators). */
  line: number;
  /** Offsets in the scanned text, decorators included, to cut the statement out. */
  start: number;
  end: number;
}

/** Top-level statements: a new one starts on every line that begins at bracket depth 0. */
export function statements(src: string): Statement[] {
  const { code, masked } = scanBicep(src);
  const starts: number[] = [];
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i]!;
    if (lineStart && depth === 0 && !/\s/.test(c)) starts.push(i);
    if (c === '\n') lineStart = true;
    else if (!/\s/.test(c)) lineStart = false;
    if (OPEN.includes(c)) depth++;
    if (CLOSE.includes(c)) depth = Math.max(0, depth - 1);
  }
  const out: Statement[] = [];
  let decorators: string[] = [];
  let decoratorStart = -1;
  starts.forEach((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]! : code.length;
    const text = code.slice(start, end).trim();
    const maskedText = masked.slice(start, start + text.length);
    if (text.startsWith('@')) {
      if (decoratorStart < 0) decoratorStart = start;
      decorators.push(text);
      return;
    }
    out.push({
      keyword: /^[A-Za-z]+/.exec(text)?.[0] ?? '',
      code: text,
      masked: maskedText,
      decorators,
      line: code.slice(0, start).split('\n').length,
      start: decoratorStart >= 0 ? decoratorStart : start,
      end,
    });
    decorators = [];
    decoratorStart = -1;
  });
  return out;
}

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
  secure: boolean;
  allowed?: Array<string | number | boolean>;
  minValue?: number;
  maxValue?: number;
  minLength?: number;
  maxLength?: number;
}

export interface AppSetting {
  name: string;
  value: string;
}

export interface BicepFile {
  params: Map<string, BicepParam>;
  outputs: Map<string, string>;
  vars: Set<string>;
  resources: Array<{ symbol: string; type: string; apiVersion: string; code: string; masked: string }>;
  modules: Array<{ symbol: string; path: string }>;
}

/** A literal of Bicep: 'text', 12, true/false; undefined for anything else. */
function bicepLiteral(text: string): string | number | boolean | undefined {
  const t = text.trim();
  const s = /^'((?:[^'\\]|\\.)*)'$/.exec(t);
  if (s && !s[1]!.includes('${')) return s[1]!.replace(/\\(.)/g, '$1');
  if (/^-?\d+$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return undefined;
}

/** Splits the body of `{…}` or `[…]` (text starting at the bracket) into its top-level items. */
function items(code: string, masked: string): Array<{ code: string; masked: string }> {
  const out: Array<{ code: string; masked: string }> = [];
  let depth = 0;
  let from = 1;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i]!;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) {
      depth--;
      if (depth === 0) {
        out.push({ code: code.slice(from, i), masked: masked.slice(from, i) });
        break;
      }
    } else if (depth === 1 && (c === '\n' || c === ',')) {
      out.push({ code: code.slice(from, i), masked: masked.slice(from, i) });
      from = i + 1;
    }
  }
  return out
    .map((p) => {
      const lead = p.code.length - p.code.trimStart().length;
      const code = p.code.trim();
      return { code, masked: p.masked.slice(lead, lead + code.length) };
    })
    .filter((p) => p.code !== '');
}

/** The entries of an object literal (text starting at `{`): key and value text. */
export function objectEntries(code: string, masked: string): Array<{ key: string; code: string; masked: string }> {
  return items(code, masked).flatMap((item) => {
    const m = /^(?:'([^']*)'|([A-Za-z_$][\w$]*))\s*:\s*/.exec(item.code);
    if (!m) return [];
    const at = m[0].length;
    return [{ key: m[1] ?? m[2]!, code: item.code.slice(at), masked: item.masked.slice(at) }];
  });
}

function decoratorArgument(decorators: string[], name: string): string | undefined {
  const d = decorators.find((x) => x.startsWith(`@${name}(`));
  return d?.slice(name.length + 2, d.lastIndexOf(')')).trim();
}

export function parseBicep(src: string): BicepFile {
  const file: BicepFile = { params: new Map(), outputs: new Map(), vars: new Set(), resources: [], modules: [] };
  for (const st of statements(src)) {
    if (st.keyword === 'param') {
      const m = /^param\s+([A-Za-z_]\w*)\s+([^=]+?)\s*(=[\s\S]*)?$/.exec(st.code);
      if (!m) continue;
      const p: BicepParam = {
        name: m[1]!,
        type: m[2]!.trim(),
        hasDefault: m[3] !== undefined,
        secure: st.decorators.some((d) => /^@secure\(\s*\)$/.test(d)),
      };
      const allowed = decoratorArgument(st.decorators, 'allowed');
      if (allowed !== undefined) {
        const scanned = scanBicep(allowed);
        p.allowed = items(scanned.code, scanned.masked)
          .map((x) => bicepLiteral(x.code))
          .filter((x): x is string | number | boolean => x !== undefined);
      }
      for (const key of ['minValue', 'maxValue', 'minLength', 'maxLength'] as const) {
        const v = decoratorArgument(st.decorators, key);
        if (v !== undefined) p[key] = Number(v);
      }
      file.params.set(p.name, p);
    } else if (st.keyword === 'output') {
      const m = /^output\s+([A-Za-z_]\w*)\s+(\S+)\s*=/.exec(st.code);
      if (m) file.outputs.set(m[1]!, m[2]!);
    } else if (st.keyword === 'var') {
      const m = /^var\s+([A-Za-z_]\w*)\s*=/.exec(st.code);
      if (m) file.vars.add(m[1]!);
    } else if (st.keyword === 'resource') {
      const m = /^resource\s+([A-Za-z_]\w*)\s+'([^'@]+)@([^']+)'/.exec(st.code);
      if (m) file.resources.push({ symbol: m[1]!, type: m[2]!, apiVersion: m[3]!, code: st.code, masked: st.masked });
    } else if (st.keyword === 'module') {
      const m = /^module\s+([A-Za-z_]\w*)\s+'([^']+)'/.exec(st.code);
      if (m) file.modules.push({ symbol: m[1]!, path: m[2]! });
    }
  }
  return file;
}

/** The body object of a resource: from the first `{` after `=`. */
function resourceBody(r: { code: string; masked: string }): { code: string; masked: string } | undefined {
  const at = r.masked.indexOf('{', r.masked.indexOf('='));
  return at < 0 ? undefined : { code: r.code.slice(at), masked: r.masked.slice(at) };
}

/** The web app's settings: `properties` of the Microsoft.Web/sites/config resource named 'appsettings'. */
export function appSettings(src: string): AppSetting[] | undefined {
  for (const r of parseBicep(src).resources) {
    if (r.type !== 'Microsoft.Web/sites/config') continue;
    const body = resourceBody(r);
    if (!body) continue;
    const entries = objectEntries(body.code, body.masked);
    if (bicepLiteral(entries.find((e) => e.key === 'name')?.code ?? '') !== 'appsettings') continue;
    const props = entries.find((e) => e.key === 'properties');
    if (!props?.code.startsWith('{')) return [];
    return objectEntries(props.code, props.masked).map((e) => ({ name: e.key, value: e.code }));
  }
  return undefined;
}

/** The text of `src` without one declaration (and its decorators): to prove that the checks notice. */
export function withoutDeclaration(src: string, keyword: string, name: string): string {
  const st = statements(src).find((s) => s.keyword === keyword && new RegExp(`^${keyword}\\s+${name}\\b`).test(s.code));
  if (!st) throw new Error(`${keyword} ${name} no está en el texto`);
  return src.slice(0, st.start) + src.slice(st.end);
}

// ---------------------------------------------------------------------------------------------------------------
// .bicepparam, the toolkit's parameters file, env files
// ---------------------------------------------------------------------------------------------------------------

export type ParamValue =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'env'; variable: string; hasDefault: boolean }
  | { kind: 'other'; text: string };

export interface BicepParamFile {
  using?: string;
  values: Map<string, ParamValue>;
}

export function parseBicepParam(src: string): BicepParamFile {
  const out: BicepParamFile = { values: new Map() };
  for (const st of statements(src)) {
    if (st.keyword === 'using') {
      out.using = /^using\s+'([^']+)'/.exec(st.code)?.[1];
      continue;
    }
    const m = /^param\s+([A-Za-z_]\w*)\s*=\s*([\s\S]+)$/.exec(st.code);
    if (!m) continue;
    const text = m[2]!.trim();
    const literal = bicepLiteral(text);
    const env = /^readEnvironmentVariable\(\s*'([^']+)'\s*(,[\s\S]+)?\)$/.exec(text);
    out.values.set(
      m[1]!,
      literal !== undefined
        ? { kind: 'literal', value: literal }
        : env
          ? { kind: 'env', variable: env[1]!, hasDefault: env[2] !== undefined }
          : { kind: 'other', text },
    );
  }
  return out;
}

/** KEY=VALUE lines (quotes removed), as dotenv reads them. */
export function parseEnvFile(src: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of src.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    out.set(m[1]!, m[2]!.replace(/^(['"])(.*)\1$/, '$2'));
  }
  return out;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
export const placeholders = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** The toolkit's expansion: every `${{VAR}}` replaced by its value as it is (no JSON escaping). */
export const expand = (text: string, env: Map<string, string>): string =>
  text.replace(PLACEHOLDER, (_, name: string) => env.get(name) ?? '');

/** Toolkit parameters file: per parameter, the variable it takes as a whole (quoted or not), if any. */
export function toolkitParameterSources(src: string): Map<string, string | undefined> {
  // Placeholders outside JSON strings stand for numbers and booleans: quote them to read the structure.
  let quoted = '';
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inString && c === '\\') {
      quoted += src.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    if (!inString && src.startsWith('${{', i)) {
      const end = src.indexOf('}}', i) + 2;
      quoted += `"${src.slice(i, end)}"`;
      i = end - 1;
      continue;
    }
    quoted += c;
  }
  const parameters = (JSON.parse(quoted) as { parameters?: Record<string, { value?: unknown }> }).parameters ?? {};
  return new Map(
    Object.entries(parameters).map(([name, p]) => {
      const whole = typeof p.value === 'string' ? /^\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}$/.exec(p.value) : null;
      return [name, whole?.[1]];
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------------------------

export interface Texts {
  mainBicep: string;
  /** path (relative to the repository) → text, for every .bicepparam */
  bicepParams: Record<string, string>;
  toolkitParameters: string;
  yml: string;
  aadManifest: string;
  /** environment name → env/.env.<env> text */
  envFiles: Record<string, string>;
  /** environment name → env/plantilla.env.<env>.user text (secrets the operator writes) */
  userTemplates: Record<string, string>;
  packageJson: string;
}

const MAIN = 'infra/main.bicep';
const TOOLKIT_PARAMS = 'infra/azure.parameters.json';
const YML = 'm365agents.yml';
const AAD = 'infra/aad.manifest.json';

function typeMatches(type: string, value: unknown): boolean {
  if (type === 'string') return typeof value === 'string';
  if (type === 'int') return Number.isInteger(value);
  if (type === 'bool') return typeof value === 'boolean';
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'array') return Array.isArray(value);
  return true;
}

function valueProblems(where: string, p: BicepParam, value: unknown): string[] {
  const problems: string[] = [];
  if (!typeMatches(p.type, value))
    problems.push(`${where}: ${p.name} = ${JSON.stringify(value)} no es del tipo ${p.type} de ${MAIN}`);
  else if (p.allowed && !p.allowed.includes(value as string | number | boolean))
    problems.push(`${where}: ${p.name} = ${JSON.stringify(value)} no está entre los valores @allowed de ${MAIN}`);
  if (typeof value === 'number') {
    if (p.minValue !== undefined && value < p.minValue)
      problems.push(`${where}: ${p.name} = ${value} es menor que @minValue(${p.minValue})`);
    if (p.maxValue !== undefined && value > p.maxValue)
      problems.push(`${where}: ${p.name} = ${value} es mayor que @maxValue(${p.maxValue})`);
  }
  return problems;
}

/**
 * Parameters: every one set by a .bicepparam or by the toolkit's parameters file exists in main.bicep, with the
 * right type and an allowed value, and every main.bicep parameter without a default is set by each of them.
 */
export function checkParameters(t: Texts): string[] {
  const bicep = parseBicep(t.mainBicep);
  const problems: string[] = [];
  const required = [...bicep.params.values()].filter((p) => !p.hasDefault).map((p) => p.name);
  for (const [path, text] of Object.entries(t.bicepParams)) {
    const file = parseBicepParam(text);
    if (!file.using || join('infra/parametros', file.using) !== MAIN)
      problems.push(`${path}: using '${file.using ?? ''}' no apunta a ${MAIN}`);
    for (const [name, value] of file.values) {
      const p = bicep.params.get(name);
      if (!p) problems.push(`${path}: el parámetro ${name} no existe en ${MAIN}`);
      else if (value.kind === 'literal') problems.push(...valueProblems(path, p, value.value));
      else if (value.kind === 'env' && p.secure && value.hasDefault)
        problems.push(`${path}: ${name} es @secure() y no debe tener un valor por defecto en el archivo`);
    }
    for (const name of required)
      if (!file.values.has(name)) problems.push(`${path}: falta ${name}, parámetro sin valor por defecto de ${MAIN}`);
  }
  const sources = toolkitParameterSources(t.toolkitParameters);
  for (const name of sources.keys())
    if (!bicep.params.has(name)) problems.push(`${TOOLKIT_PARAMS}: el parámetro ${name} no existe en ${MAIN}`);
  for (const name of required)
    if (!sources.has(name))
      problems.push(
        `${TOOLKIT_PARAMS}: falta ${name}, parámetro sin valor por defecto de ${MAIN} (arm/deploy de ${YML})`,
      );
  // Each environment, expanded as the toolkit does: valid JSON, right types, allowed values.
  for (const [envName, envText] of Object.entries(t.envFiles)) {
    const env = parseEnvFile(envText);
    for (const key of parseEnvFile(t.userTemplates[envName] ?? '').keys()) env.set(key, 'secreto-de-prueba');
    for (const name of placeholders(t.toolkitParameters))
      if (name.startsWith('SECRET_') && !env.has(name)) env.set(name, 'secreto-de-prueba');
    let parsed: { parameters: Record<string, { value: unknown }> };
    try {
      parsed = JSON.parse(expand(t.toolkitParameters, env)) as typeof parsed;
    } catch (e) {
      problems.push(`${TOOLKIT_PARAMS} con env/.env.${envName}: JSON inválido tras expandir: ${(e as Error).message}`);
      continue;
    }
    for (const [name, { value }] of Object.entries(parsed.parameters)) {
      const p = bicep.params.get(name);
      const variable = sources.get(name);
      // Values the toolkit writes during provision (ids, secrets) are not known yet.
      if (p && (!variable || env.has(variable)) && !(variable ?? '').startsWith('SECRET_'))
        problems.push(...valueProblems(`${TOOLKIT_PARAMS} con env/.env.${envName}`, p, value));
    }
  }
  return problems;
}

/**
 * Both ways of deploying build the same environment: a literal of infra/parametros/<env>.bicepparam equals the value
 * env/.env.<env> gives the toolkit, and readEnvironmentVariable reads the variable the toolkit passes.
 */
export function checkEnvironmentsAgree(t: Texts): string[] {
  const problems: string[] = [];
  const sources = toolkitParameterSources(t.toolkitParameters);
  for (const [envName, envText] of Object.entries(t.envFiles)) {
    const path = `infra/parametros/${envName}.bicepparam`;
    const text = t.bicepParams[path];
    if (text === undefined) {
      problems.push(`env/.env.${envName}: no hay ${path} para el mismo ambiente`);
      continue;
    }
    const env = parseEnvFile(envText);
    for (const [name, value] of parseBicepParam(text).values) {
      const variable = sources.get(name);
      if (!variable) continue;
      if (value.kind === 'env' && value.variable !== variable)
        problems.push(`${path}: ${name} lee ${value.variable}, pero ${TOOLKIT_PARAMS} usa \${{${variable}}}`);
      if (value.kind === 'literal') {
        if (!env.has(variable))
          problems.push(`env/.env.${envName}: falta ${variable} (parámetro ${name}; ${path} dice ${value.value})`);
        else if (env.get(variable) !== String(value.value))
          problems.push(
            `${path}: ${name} = ${JSON.stringify(value.value)}, pero env/.env.${envName} tiene ${variable}=${env.get(variable)}`,
          );
      }
    }
    // Azure refuses high availability on Burstable servers.
    const effective = (name: string): string | undefined => {
      const v = parseBicepParam(text).values.get(name);
      return v?.kind === 'literal' ? String(v.value) : undefined;
    };
    if (
      effective('postgresSkuTier') === 'Burstable' &&
      (effective('postgresHighAvailability') ?? 'Disabled') !== 'Disabled'
    )
      problems.push(`${path}: postgresHighAvailability necesita postgresSkuTier GeneralPurpose o MemoryOptimized`);
  }
  return problems;
}

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}

/**
 * m365agents.yml: every `${{VAR}}` it uses, or that the files it hands to the toolkit use (parameters file, Entra
 * manifest), is defined in env/.env.<env> or the secrets template, or written by an earlier step (writeToEnvironmentFile,
 * an output of the Bicep template arm/deploy ran, a variable the action writes itself). Also: every variable of the
 * env files is used, npm scripts and files the steps name exist.
 */
export function checkToolkitVariables(t: Texts, files: Record<string, string> = {}): string[] {
  const problems: string[] = [];
  const doc = parseYaml(t.yml) as {
    version?: string;
    environmentFolderPath?: string;
    provision?: Step[];
    deploy?: Step[];
  };
  if (!/^v1\.\d+$/.test(doc.version ?? '')) problems.push(`${YML}: version ${doc.version} no es v1.x`);
  if (doc.environmentFolderPath !== './env') problems.push(`${YML}: environmentFolderPath debe ser ./env`);
  const fileText = (path: string): string | undefined => {
    const p = path.replace(/^\.\//, '');
    if (p === MAIN) return t.mainBicep;
    if (p === TOOLKIT_PARAMS) return t.toolkitParameters;
    if (p === AAD) return t.aadManifest;
    return files[p];
  };
  const scripts = Object.keys((JSON.parse(t.packageJson) as { scripts?: Record<string, string> }).scripts ?? {});
  const steps = [
    ...(doc.provision ?? []).map((s, i) => ({ s, where: `provision[${i}] ${s.uses}` })),
    ...(doc.deploy ?? []).map((s, i) => ({ s, where: `deploy[${i}] ${s.uses}` })),
  ];
  /** What a step writes to env/.env.<env>: writeToEnvironmentFile, its own variables, arm/deploy's outputs. */
  const writes = (s: Step, where: string): string[] => {
    const names = [...Object.values(s.writeToEnvironmentFile ?? {}), ...(ACTION_OUTPUTS[s.uses ?? ''] ?? [])];
    if (s.uses === 'arm/deploy')
      for (const tpl of (s.with?.templates ?? []) as Array<{ path: string }>) {
        const bicep = fileText(tpl.path);
        if (bicep === undefined) problems.push(`${YML} (${where}): no se encuentra ${tpl.path}`);
        // The toolkit writes each output as its name upper-cased.
        else names.push(...[...parseBicep(bicep).outputs.keys()].map((o) => o.toUpperCase()));
      }
    return names;
  };
  const written = steps.map(({ s, where }) => writes(s, where));
  const allWritten = new Set(written.flat());
  for (const [envName, envText] of Object.entries(t.envFiles)) {
    const env = parseEnvFile(envText);
    // A first provision: what the steps write is not there yet, even if a committed env file already has it.
    const defined = new Set([
      ...[...env.keys()].filter((name) => !allWritten.has(name)),
      ...parseEnvFile(t.userTemplates[envName] ?? '').keys(),
    ]);
    const used = new Set<string>([...TOOLKIT_BOOKKEEPING, ...allWritten]);
    steps.forEach(({ s, where }, k) => {
      const own = ACTION_OUTPUTS[s.uses ?? ''] ?? [];
      const texts: Array<[string, string]> = [[`${YML} (${where})`, JSON.stringify(s)]];
      if (s.uses === 'arm/deploy')
        for (const tpl of (s.with?.templates ?? []) as Array<{ path: string; parameters?: string }>)
          if (tpl.parameters)
            texts.push([`${tpl.parameters.replace(/^\.\//, '')} (${where})`, fileText(tpl.parameters) ?? '']);
      if (s.uses === 'aadApp/update') {
        const manifest = String(s.with?.manifestPath ?? '');
        texts.push([`${manifest.replace(/^\.\//, '')} (${where})`, fileText(manifest) ?? '']);
      }
      for (const [label, text] of texts)
        for (const name of new Set(placeholders(text))) {
          used.add(name);
          if (!defined.has(name) && !own.includes(name))
            problems.push(
              `${label}: \${{${name}}} no está definida en env/.env.${envName}, ni en env/plantilla.env.${envName}.user, ni la escribe un paso anterior`,
            );
        }
      for (const name of written[k]!) defined.add(name);
    });
    for (const name of env.keys())
      if (!used.has(name)) problems.push(`env/.env.${envName}: ${name} no la usa ${YML} ni los archivos que entrega`);
  }
  for (const { s, where } of steps) {
    const args = String(s.with?.args ?? '');
    const run = /^run\s+(\S+)/.exec(args);
    if (s.uses === 'cli/runNpmCommand' && run && !scripts.includes(run[1]!))
      problems.push(`${YML} (${where}): npm run ${run[1]} no existe en package.json`);
    const node = /^node\s+(\S+)/.exec(String(s.with?.run ?? ''));
    if (s.uses === 'script' && node && !existsSync(join(ROOT, node[1]!)))
      problems.push(`${YML} (${where}): no existe ${node[1]}`);
    if (s.uses === 'azureAppService/zipDeploy') {
      const ignore = join(String(s.with?.workingDirectory ?? '.'), String(s.with?.ignoreFile ?? ''));
      if (!existsSync(join(ROOT, ignore))) problems.push(`${YML} (${where}): no existe el ignoreFile ${ignore}`);
    }
  }
  return problems;
}

/**
 * The web app's settings: each one is read by the service (ENV_VARIABLES) or is a listed platform setting; the
 * variables production needs are all set and not empty; secrets are Key Vault references.
 */
export function checkAppSettings(mainBicep: string, envVariables: readonly string[]): string[] {
  const settings = appSettings(mainBicep);
  if (!settings) return [`${MAIN}: no hay un recurso Microsoft.Web/sites/config 'appsettings'`];
  const problems: string[] = [];
  const byName = new Map(settings.map((s) => [s.name, s.value]));
  for (const { name } of settings)
    if (!envVariables.includes(name) && !(name in PLATFORM_SETTINGS))
      problems.push(
        `${MAIN} (appsettings): ${name} no lo lee el servicio (ENV_VARIABLES de bot/src/config.ts) ni es un ajuste de plataforma conocido`,
      );
  for (const [name, why] of Object.entries(REQUIRED_IN_PRODUCTION)) {
    const value = byName.get(name);
    if (value === undefined || value === "''")
      problems.push(`${MAIN} (appsettings): falta ${name}, necesaria en producción (${why})`);
  }
  for (const name of KEY_VAULT_SETTINGS)
    if (byName.has(name) && !byName.get(name)!.startsWith("'@Microsoft.KeyVault("))
      problems.push(`${MAIN} (appsettings): ${name} debe ser una referencia a Key Vault (@Microsoft.KeyVault(...))`);
  if (byName.get('MICROSOFT_365') === "'local'")
    problems.push(`${MAIN} (appsettings): MICROSOFT_365 no puede ser local en Azure`);
  return problems;
}

/** Resource types and API versions: only the reviewed ones; the resources the service needs are all there. */
export function checkResources(mainBicep: string): string[] {
  const problems: string[] = [];
  const bicep = parseBicep(mainBicep);
  for (const r of bicep.resources) {
    const reviewed = REVIEWED_API_VERSIONS[r.type];
    if (!reviewed) problems.push(`${MAIN}: ${r.symbol} usa ${r.type}, tipo sin versión de API revisada`);
    else if (reviewed !== r.apiVersion)
      problems.push(`${MAIN}: ${r.symbol} usa ${r.type}@${r.apiVersion}; la versión revisada es ${reviewed}`);
  }
  for (const type of Object.keys(REVIEWED_API_VERSIONS))
    if (!bicep.resources.some((r) => r.type === type)) problems.push(`${MAIN}: falta un recurso ${type}`);
  for (const m of bicep.modules)
    if (!existsSync(join(ROOT, 'infra', m.path)))
      problems.push(`${MAIN}: el módulo ${m.symbol} apunta a ${m.path}, que no existe`);
  return problems;
}

/** The Entra manifest: App ID URI on the public host, Teams clients pre-authorized, least-privilege Graph. */
export function checkAadManifest(t: Texts): string[] {
  const problems: string[] = [];
  const m = JSON.parse(t.aadManifest) as {
    identifierUris?: string[];
    signInAudience?: string;
    oauth2Permissions?: Array<{ id: string; value: string }>;
    preAuthorizedApplications?: Array<{ appId: string; permissionIds: string[] }>;
    requiredResourceAccess?: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>;
  };
  const outputs = parseBicep(t.mainBicep).outputs;
  if (m.identifierUris?.[0] !== 'api://${{PUBLIC_HOST_NAME}}/${{AAD_APP_CLIENT_ID}}')
    problems.push(`${AAD}: identifierUris debe ser api://\${{PUBLIC_HOST_NAME}}/\${{AAD_APP_CLIENT_ID}}`);
  for (const output of ['PUBLIC_HOST_NAME', 'TAB_APP_ID_URI'])
    if (!outputs.has(output)) problems.push(`${MAIN}: falta la salida ${output} (App ID URI de ${AAD})`);
  if (m.signInAudience !== 'AzureADMyOrg') problems.push(`${AAD}: signInAudience debe ser AzureADMyOrg`);
  const scope = m.oauth2Permissions?.find((p) => p.value === 'access_as_user');
  if (!scope) problems.push(`${AAD}: falta el ámbito access_as_user`);
  for (const client of TEAMS_CLIENTS) {
    const pre = m.preAuthorizedApplications?.find((p) => p.appId === client);
    if (!pre || !scope || !pre.permissionIds.includes(scope.id))
      problems.push(`${AAD}: el cliente de Teams ${client} no está preautorizado para access_as_user`);
  }
  const requested = (m.requiredResourceAccess ?? []).flatMap((r) =>
    r.resourceAccess.map((a) => ({ api: r.resourceAppId, ...a })),
  );
  for (const a of requested) {
    const known = GRAPH_PERMISSIONS[a.id];
    if (a.api !== GRAPH_APP_ID || !known || known.type !== a.type)
      problems.push(`${AAD}: permiso ${a.id} (${a.type}) de ${a.api} no está en la lista de mínimo privilegio`);
  }
  for (const [id, p] of Object.entries(GRAPH_PERMISSIONS))
    if (!requested.some((a) => a.id === id && a.type === p.type))
      problems.push(`${AAD}: falta ${p.name} (${p.type === 'Role' ? 'aplicación' : 'delegado'}): ${p.why}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The repository's files
// ---------------------------------------------------------------------------------------------------------------

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const ENVIRONMENTS = ['dev', 'prod'];

function repositoryTexts(): Texts {
  return {
    mainBicep: read(MAIN),
    bicepParams: Object.fromEntries(
      ENVIRONMENTS.map((e) => [`infra/parametros/${e}.bicepparam`, read(`infra/parametros/${e}.bicepparam`)]),
    ),
    toolkitParameters: read(TOOLKIT_PARAMS),
    yml: read(YML),
    aadManifest: read(AAD),
    envFiles: Object.fromEntries(ENVIRONMENTS.map((e) => [e, read(`env/.env.${e}`)])),
    userTemplates: Object.fromEntries(ENVIRONMENTS.map((e) => [e, read(`env/plantilla.env.${e}.user`)])),
    packageJson: read('package.json'),
  };
}

const allChecks = (t: Texts): string[] => [
  ...checkParameters(t),
  ...checkEnvironmentsAgree(t),
  ...checkToolkitVariables(t),
  ...checkAppSettings(t.mainBicep, ENV_VARIABLES),
  ...checkResources(t.mainBicep),
  ...checkAadManifest(t),
];

describe('infrastructure files agree with each other and with the service', () => {
  const texts = repositoryTexts();

  it('has no problem at all', () => {
    expect(allChecks(texts)).toEqual([]);
  });

  it('reads the Bicep declarations it checks', () => {
    const bicep = parseBicep(texts.mainBicep);
    expect(bicep.params.get('botAppPassword')).toMatchObject({ type: 'string', hasDefault: false, secure: true });
    expect(bicep.params.get('postgresAdminPassword')).toMatchObject({ secure: true, minLength: 12 });
    expect(bicep.params.get('postgresBackupRetentionDays')).toMatchObject({ minValue: 7, maxValue: 35 });
    expect(bicep.params.get('postgresStorageSizeGB')?.allowed).toEqual([32, 64, 128, 256, 512]);
    expect(bicep.params.get('location')).toMatchObject({ hasDefault: true });
    expect([...bicep.outputs.keys()]).toEqual(
      expect.arrayContaining(['WEB_APP_NAME', 'WEB_APP_RESOURCE_ID', 'PUBLIC_URL', 'KEY_VAULT_NAME', 'POSTGRES_HOST']),
    );
    const names = appSettings(texts.mainBicep)!.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(Object.keys(REQUIRED_IN_PRODUCTION)));
    // The web app sets what the service needs, and every name is one bot/src/config.ts reads or a platform one.
    expect(names.filter((n) => !ENV_VARIABLES.includes(n)).sort()).toEqual(Object.keys(PLATFORM_SETTINGS).sort());
  });

  it('knows the names bot/src/config.ts reads', () => {
    for (const name of [...Object.keys(REQUIRED_IN_PRODUCTION), ...KEY_VAULT_SETTINGS])
      expect(ENV_VARIABLES).toContain(name);
    // The service exports its own telemetry with it (bot/src/observability/telemetry.ts).
    expect(ENV_VARIABLES).toContain('APPLICATIONINSIGHTS_CONNECTION_STRING');
  });
});

describe('the checks notice', () => {
  const texts = repositoryTexts();

  it('a parameter the parameter files set that main.bicep no longer declares', () => {
    const mainBicep = withoutDeclaration(texts.mainBicep, 'param', 'postgresAdminPassword');
    // Its multi-line decorators went with it: what is left still parses.
    expect(parseBicep(mainBicep).params.has('postgresAdminPassword')).toBe(false);
    expect(parseBicep(mainBicep).params.size).toBe(parseBicep(texts.mainBicep).params.size - 1);
    const problems = checkParameters({ ...texts, mainBicep });
    expect(problems).toEqual(
      expect.arrayContaining([
        `${TOOLKIT_PARAMS}: el parámetro postgresAdminPassword no existe en ${MAIN}`,
        `infra/parametros/dev.bicepparam: el parámetro postgresAdminPassword no existe en ${MAIN}`,
        `infra/parametros/prod.bicepparam: el parámetro postgresAdminPassword no existe en ${MAIN}`,
      ]),
    );
  });

  it('a new required parameter that no parameter file supplies', () => {
    const mainBicep = `${texts.mainBicep}\n@description('Nuevo.')\nparam nuevoParametro string\n`;
    expect(checkParameters({ ...texts, mainBicep })).toEqual([
      `infra/parametros/dev.bicepparam: falta nuevoParametro, parámetro sin valor por defecto de ${MAIN}`,
      `infra/parametros/prod.bicepparam: falta nuevoParametro, parámetro sin valor por defecto de ${MAIN}`,
      `${TOOLKIT_PARAMS}: falta nuevoParametro, parámetro sin valor por defecto de ${MAIN} (arm/deploy de ${YML})`,
    ]);
  });

  it('nothing in an env file the toolkit filled in on provision, but a variable nobody reads', () => {
    const provisioned = [
      texts.envFiles.dev,
      'AAD_APP_CLIENT_ID=3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
      'AAD_APP_OBJECT_ID=5b4a3f2e-1d0c-4b9a-8f7e-6d5c4b3a2f1e',
      'TEAMS_APP_ID=7c6b5a4f-3e2d-4c1b-9a8f-7e6d5c4b3a2f',
      'TEAMS_APP_TENANT_ID=6f1c2a52-1d8e-4c39-9a51-0d3f4b8a9e21',
      'AAD_APP_ACCESS_AS_USER_PERMISSION_ID=2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d',
      'WEB_APP_RESOURCE_ID=/subscriptions/x/resourceGroups/rg-intercambio-dev/providers/Microsoft.Web/sites/app',
      'PUBLIC_URL=https://app-intercambio-dev-abc123.azurewebsites.net',
      '',
    ].join('\n');
    const t = { ...texts, envFiles: { ...texts.envFiles, dev: provisioned } };
    expect(allChecks(t)).toEqual([]);
    const stale = { ...texts, envFiles: { ...texts.envFiles, dev: `${texts.envFiles.dev}VIEJA=1\n` } };
    expect(checkToolkitVariables(stale)).toEqual([`env/.env.dev: VIEJA no la usa ${YML} ni los archivos que entrega`]);
  });

  it('an output the yml reads that main.bicep no longer has', () => {
    const mainBicep = withoutDeclaration(texts.mainBicep, 'output', 'WEB_APP_RESOURCE_ID');
    const problems = checkToolkitVariables({ ...texts, mainBicep });
    expect(problems).toHaveLength(2); // dev and prod
    for (const p of problems) {
      expect(p).toContain(`${YML} (deploy[3] azureAppService/zipDeploy)`);
      expect(p).toContain('${{WEB_APP_RESOURCE_ID}} no está definida');
    }
  });

  it('an output the Entra manifest reads, used before arm/deploy wrote it', () => {
    const yml = texts.yml.replace(/ {2}- uses: aadApp\/update\n {4}with:\n(?: {6}.*\n)+/, '');
    const moved = yml.replace(
      '  - uses: arm/deploy',
      '  - uses: aadApp/update\n    with:\n      manifestPath: ./infra/aad.manifest.json\n      outputFilePath: ./infra/build/aad.json\n  - uses: arm/deploy',
    );
    expect(moved).not.toBe(texts.yml);
    const expected = `${AAD} (provision[2] aadApp/update): \${{PUBLIC_HOST_NAME}} no está definida en env/.env.dev, ni en env/plantilla.env.dev.user, ni la escribe un paso anterior`;
    expect(checkToolkitVariables({ ...texts, yml: moved })).toContain(expected);
    // Also when an earlier provision left the output in the committed env file: a first provision would fail.
    const dev = `${texts.envFiles.dev}PUBLIC_HOST_NAME=app-intercambio-dev-abc123.azurewebsites.net\n`;
    expect(checkToolkitVariables({ ...texts, yml: moved, envFiles: { ...texts.envFiles, dev } })).toContain(expected);
  });

  it('an app setting the service does not read, and a required one missing', () => {
    const added = texts.mainBicep.replace(
      '    PUBLIC_URL: publicUrl\n',
      "    PUBLIC_URL: publicUrl\n    FOO_BAR: 'x'\n",
    );
    expect(checkAppSettings(added, ENV_VARIABLES)).toEqual([
      `${MAIN} (appsettings): FOO_BAR no lo lee el servicio (ENV_VARIABLES de bot/src/config.ts) ni es un ajuste de plataforma conocido`,
    ]);
    const removed = texts.mainBicep.replace('    TENANT_ID: tenantId\n', '');
    expect(checkAppSettings(removed, ENV_VARIABLES)).toEqual([
      `${MAIN} (appsettings): falta TENANT_ID, necesaria en producción (${REQUIRED_IN_PRODUCTION.TENANT_ID})`,
    ]);
    const inline = texts.mainBicep.replace(
      / {4}MICROSOFT_APP_PASSWORD: .*\n/,
      '    MICROSOFT_APP_PASSWORD: botAppPassword\n',
    );
    expect(checkAppSettings(inline, ENV_VARIABLES)).toEqual([
      `${MAIN} (appsettings): MICROSOFT_APP_PASSWORD debe ser una referencia a Key Vault (@Microsoft.KeyVault(...))`,
    ]);
    // A variable renamed in bot/src/config.ts is a setting the service no longer reads.
    const renamed = ENV_VARIABLES.filter((n) => n !== 'SHAREPOINT_LIBRARY');
    expect(checkAppSettings(texts.mainBicep, renamed)).toEqual([
      `${MAIN} (appsettings): SHAREPOINT_LIBRARY no lo lee el servicio (ENV_VARIABLES de bot/src/config.ts) ni es un ajuste de plataforma conocido`,
    ]);
  });

  it('an env file and a .bicepparam that disagree, or a value Bicep does not allow', () => {
    const prod = texts.envFiles.prod!.replace('POSTGRES_STORAGE_GB=64', 'POSTGRES_STORAGE_GB=100');
    const t = { ...texts, envFiles: { ...texts.envFiles, prod } };
    expect(checkEnvironmentsAgree(t)).toEqual([
      'infra/parametros/prod.bicepparam: postgresStorageSizeGB = 64, pero env/.env.prod tiene POSTGRES_STORAGE_GB=100',
    ]);
    expect(checkParameters(t)).toEqual([
      `${TOOLKIT_PARAMS} con env/.env.prod: postgresStorageSizeGB = 100 no está entre los valores @allowed de ${MAIN}`,
    ]);
    const ha = texts.bicepParams['infra/parametros/dev.bicepparam']!.replace(
      "param postgresHighAvailability = 'Disabled'",
      "param postgresHighAvailability = 'ZoneRedundant'",
    );
    const dev = texts.envFiles.dev!.replace(
      'POSTGRES_HIGH_AVAILABILITY=Disabled',
      'POSTGRES_HIGH_AVAILABILITY=ZoneRedundant',
    );
    expect(
      checkEnvironmentsAgree({
        ...texts,
        bicepParams: { ...texts.bicepParams, 'infra/parametros/dev.bicepparam': ha },
        envFiles: { ...texts.envFiles, dev },
      }),
    ).toEqual([
      'infra/parametros/dev.bicepparam: postgresHighAvailability necesita postgresSkuTier GeneralPurpose o MemoryOptimized',
    ]);
  });

  it('a Graph permission beyond the least-privilege list', () => {
    const broader = texts.aadManifest.replace(
      '{ "id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "type": "Role" }',
      '{ "id": "332a536c-c7ef-4017-ab91-336970924f0d", "type": "Role" }',
    );
    expect(checkAadManifest({ ...texts, aadManifest: broader })).toEqual([
      `${AAD}: permiso 332a536c-c7ef-4017-ab91-336970924f0d (Role) de ${GRAPH_APP_ID} no está en la lista de mínimo privilegio`,
      `${AAD}: falta Mail.Send (aplicación): copias por correo, limitado a un buzón por una directiva de acceso`,
    ]);
  });

  it('an unreviewed API version', () => {
    const newer = texts.mainBicep.replace("'Microsoft.Web/sites@2023-12-01'", "'Microsoft.Web/sites@2099-01-01'");
    expect(checkResources(newer)).toEqual([
      `${MAIN}: webApp usa Microsoft.Web/sites@2099-01-01; la versión revisada es 2023-12-01`,
    ]);
  });
});

describe('the Bicep reader', () => {
  it('strips comments but not // inside strings, and masks strings with interpolations', () => {
    const src = "var a = 'https://x/${f('}')}' // note\n/* block\n{ */ var b = 1";
    const { code, masked } = scanBicep(src);
    expect(code).toContain("'https://x/${f('}')}'");
    expect(code).not.toContain('note');
    expect(code).not.toContain('block');
    expect(masked).not.toContain('{');
    expect(code.length).toBe(src.length);
  });

  it('attaches multi-line decorators to the declaration that follows', () => {
    const src = [
      "@description('''",
      'Two lines, one of them = with braces { }',
      "''')",
      '@allowed([',
      "  'a'",
      "  'b'",
      '])',
      '@secure()',
      "param choice string = 'a'",
      'param other int',
    ].join('\n');
    const file = parseBicep(src);
    expect(file.params.get('choice')).toEqual({
      name: 'choice',
      type: 'string',
      hasDefault: true,
      secure: true,
      allowed: ['a', 'b'],
    });
    expect(file.params.get('other')).toEqual({ name: 'other', type: 'int', hasDefault: false, secure: false });
    expect(withoutDeclaration(src, 'param', 'choice').trim()).toBe('param other int');
  });

  it('reads .bicepparam values', () => {
    const file = parseBicepParam(
      "using '../main.bicep'\nparam a = 'x' // c\nparam b = 3\nparam c = readEnvironmentVariable('C', '')\nparam d = {\n  k: 'v'\n}\n",
    );
    expect(file.using).toBe('../main.bicep');
    expect([...file.values]).toEqual([
      ['a', { kind: 'literal', value: 'x' }],
      ['b', { kind: 'literal', value: 3 }],
      ['c', { kind: 'env', variable: 'C', hasDefault: true }],
      ['d', { kind: 'other', text: "{\n  k: 'v'\n}" }],
    ]);
  });
});
