/* global setTimeout, clearTimeout, fetch */
// Local Teams clients for Intercambio de Datos: one Microsoft 365 Agents Playground per persona of
// config/directory.local.json. Every instance shares the tenant, the team, its channel and the group chat ids, so
// the bot sees the same conversation ids from everyone; each persona has its own personal chat.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [ROOT] });
const TENANT_ID = '00000000-0000-4000-8000-0000000000a1';
const BOT = { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'Intercambio de Datos' };
const TEAM = {
  id: '19:municipalidad-de-quillota@thread.tacv2',
  name: 'Municipalidad de Quillota',
  aadGroupId: '00000000-0000-4000-8000-0000000000c1',
  channels: [{ id: '19:ugdt-solicitudes-de-datos@thread.tacv2', name: 'UGDT – Solicitudes de datos' }],
};
const GROUP_CHAT = { id: '19:intercambio-de-datos-coordinacion@thread.v2', name: 'Coordinación Intercambio de Datos' };
const BASE_PORT = 56150;
const DEFAULT_ENDPOINT = 'http://127.0.0.1:3978/api/messages';
/** requester, owner (DIDECO), UGDT, SECPLAN, Administradora, DAJ, Alcalde, Secretaría Municipal. */
const DEFAULT_PERSONAS = [
  'alex.wilber',
  'lynne.robbins',
  'megan.bowen',
  'adele.vance',
  'patti.fernandez',
  'isaiah.langer',
  'nestor.wilke',
  'joni.sherman',
];
// The five people each role deals with most, by role ('' = someone with no role, i.e. a requester); a role named
// twice takes the second person holding it.
const COUNTERPARTS = {
  '': ['ugdt', 'responsable_unidad', 'secplan', 'daj', 'administrador_municipal'],
  ugdt: ['', 'responsable_unidad', 'ugdt', 'secplan', 'daj'],
  responsable_unidad: ['', 'ugdt', 'ugdt', 'secplan', 'daj'],
  secplan: ['daj', 'administrador_municipal', 'alcalde', 'secretaria_municipal', 'ugdt'],
  daj: ['secplan', 'daj', 'administrador_municipal', 'alcalde', 'ugdt'],
  administrador_municipal: ['secplan', 'daj', 'alcalde', 'secretaria_municipal', 'ugdt'],
  alcalde: ['administrador_municipal', 'secplan', 'daj', 'secretaria_municipal', 'ugdt'],
  secretaria_municipal: ['alcalde', 'administrador_municipal', 'secplan', 'daj', 'ugdt'],
  control: ['ugdt', 'secplan', 'daj', 'administrador_municipal', 'alcalde'],
  admin_ti: ['ugdt', 'secplan', 'administrador_municipal', 'daj', 'control'],
};

function loadDirectory(file = path.join(ROOT, 'config', 'directory.local.json')) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The Playground's user id: its mock users are user-id-0 (…020) to user-id-5 (…025); the directory goes on. */
function playgroundUser(person) {
  const n = Number(person.aadObjectId.slice(-2)) - 20;
  const [givenName, ...rest] = person.name.split(' ');
  return {
    id: `user-id-${n}`,
    name: person.name,
    userPrincipleName: person.email,
    aadObjectId: person.aadObjectId,
    givenName,
    surname: rest.join(' ') || givenName,
    email: person.email,
  };
}

function counterparts(directory, person) {
  const roles = (p) => (p.roles.length ? p.roles.map((r) => r.role) : ['']);
  const chosen = [];
  for (const role of COUNTERPARTS[roles(person)[0]] ?? COUNTERPARTS.control) {
    const next = directory.people.find((p) => p !== person && !chosen.includes(p) && roles(p).includes(role));
    if (next) chosen.push(next);
  }
  for (const p of directory.people) if (chosen.length < 5 && p !== person && !chosen.includes(p)) chosen.push(p);
  return chosen.slice(0, 5);
}

function buildConfig(directory, personId) {
  const person = directory.people.find((p) => p.id === personId);
  if (!person) throw new Error(`No existe la persona "${personId}" en el directorio`);
  return {
    version: '0.1.1',
    tenantId: TENANT_ID,
    bot: BOT,
    currentUser: playgroundUser(person),
    users: counterparts(directory, person).map(playgroundUser),
    personalChat: { id: `a:intercambio-de-datos-${person.id}` },
    groupChat: GROUP_CHAT,
    team: TEAM,
  };
}

/** YAML with every scalar double-quoted (a JSON string is a valid YAML double-quoted scalar). */
function toYaml(value, indent = '') {
  if (Array.isArray(value)) return value.map((v) => `${indent}- ${toYaml(v, indent + '  ').trimStart()}`).join('\n');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) =>
        v && typeof v === 'object' ? `${indent}${k}:\n${toYaml(v, indent + '  ')}` : `${indent}${k}: ${toYaml(v)}`,
      )
      .join('\n');
  return JSON.stringify(String(value));
}

/**
 * Where the Playground configs live: <DATA_DIR>/playground, beside the service's own data (DATA_DIR as the service
 * reads it, relative to the working folder; ./data by default), never the repository's data/ regardless.
 */
function playgroundDir(env = process.env) {
  return path.resolve(env.DATA_DIR || path.join(ROOT, 'data'), 'playground');
}

/** Writes <dir>/<personId>.yml for each persona; returns their paths by persona id. */
function writeConfigs(personIds, dir = playgroundDir(), directory = loadDirectory()) {
  fs.mkdirSync(dir, { recursive: true });
  const files = {};
  for (const id of personIds) {
    files[id] = path.join(dir, `${id}.yml`);
    const header = `# Microsoft 365 Agents Playground: ${id}. Generado por scripts/playground/make-config.js.\n`;
    fs.writeFileSync(files[id], `${header}${toYaml(buildConfig(directory, id))}\n`);
  }
  return files;
}

// Playgrounds do not outlive the process that started them.
const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill()));

/**
 * Starts one Playground on `port` (it takes a free one if that is busy; 0 = any) and resolves once it answers.
 * Its log goes to `logFile`; stdout only says which port it listens on.
 */
function startPlayground({ personId, configFile, port, botEndpoint, logFile, user, timeoutMs = 30_000 }) {
  const env = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
  };
  const args = [CLI, 'start', '--port', String(port), '-e', botEndpoint, '-c', 'msteams', '--disable-telemetry'];
  const child = spawn(process.execPath, args, { cwd: path.dirname(logFile), env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const exited = new Promise((res) => child.once('exit', res)).finally(() => children.delete(child));
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Playground de ${personId} no inició en ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      output += chunk;
      const m = /Listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Playground de ${personId} terminó (código ${code}):\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    }
  };
  return listening.then(
    async (actualPort) => {
      const url = `http://127.0.0.1:${actualPort}`;
      await waitFor(`${url}/_debug/ping`, timeoutMs);
      const serviceUrl = `http://localhost:${actualPort}/_connector`;
      return { personId, user, port: actualPort, url, serviceUrl, configFile, logFile, exited, stop };
    },
    async (e) => {
      await stop();
      throw e;
    },
  );
}

async function waitFor(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`Sin respuesta de ${url} en ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Configs, then one Playground per persona on basePort + index (0: any free port); all or none start. */
async function startPlaygrounds(personIds, opts = {}) {
  const dir = opts.dir ?? playgroundDir();
  const directory = opts.directory ?? loadDirectory();
  const files = writeConfigs(personIds, dir, directory);
  const basePort = opts.basePort ?? BASE_PORT;
  const settled = await Promise.allSettled(
    personIds.map((personId, i) =>
      startPlayground({
        personId,
        user: buildConfig(directory, personId).currentUser,
        configFile: files[personId],
        port: basePort === 0 ? 0 : basePort + i,
        botEndpoint: opts.botEndpoint ?? DEFAULT_ENDPOINT,
        logFile: path.join(dir, `${personId}.log`),
      }),
    ),
  );
  const started = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((p) => p.stop()));
    throw failed.reason;
  }
  return started;
}

module.exports = {
  ROOT,
  TENANT_ID,
  BOT,
  TEAM,
  GROUP_CHAT,
  BASE_PORT,
  DEFAULT_ENDPOINT,
  DEFAULT_PERSONAS,
  loadDirectory,
  buildConfig,
  toYaml,
  playgroundDir,
  writeConfigs,
  startPlaygrounds,
};
