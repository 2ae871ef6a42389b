import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { simpleParser, type AddressObject } from 'mailparser';
import { convenioBody, solicitudBody } from '../support/fixtures';

/**
 * The README's run command on a fresh clone: builds, starts the service in local mode and creates the embedded
 * database in its data folder. /healthz must answer within 5 s of the service starting (the moment the script
 * prints its "Iniciando" line, after install and build). Then a request goes through, and the audit verify
 * command reads the same data folder once the service stopped.
 */
const ROOT = resolve(__dirname, '..', '..');
let dir: string;
let child: ChildProcess | undefined;
const PORT = 3900 + Math.floor(Math.random() * 90);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'idd-clone-'));
  execFileSync('git', ['clone', '--quiet', '--local', ROOT, dir]);
  // The dependencies are the same lock: reuse them instead of downloading again.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
});
/** npm and the shell in between: stop the whole process group the run command started. */
function stop(c: ChildProcess | undefined) {
  if (c?.pid && c.exitCode === null) process.kill(-c.pid, 'SIGTERM');
}

afterAll(() => {
  stop(child);
  rmSync(dir, { recursive: true, force: true });
});

async function waitHealthy(url: string, timeoutMs: number): Promise<{ status: string; database: string }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return (await r.json()) as { status: string; database: string };
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`sin respuesta de ${url} en ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** PGlite holds postmaster.pid while open. */
async function waitClosed(dataDir: string) {
  for (let i = 0; i < 100 && existsSync(join(dataDir, 'postmaster.pid')); i++)
    await new Promise((r) => setTimeout(r, 100));
}

/**
 * A convenio to legal review on the running service, with no tenant: the worker generates the draft into
 * ./data/documentos and the notice's mail copy into ./data/correo-saliente, which parses with its sender,
 * recipients, copy, subject and links, and the document link opens for the counterpart without signing in.
 */
async function convenioOnLocalStandIns(base: string, root: string) {
  const api = async (persona: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', 'x-persona': persona },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await r.json()) as { item: { reference: string; documents: { storageVersionId?: string }[] } };
    expect(r.status).toBeLessThan(300);
    return json.item;
  };
  const { reference } = await api('lee.gu', '/convenios', convenioBody());
  const ok = { ok: true, note: 'Cumple' };
  const checklist = { necesidad: ok, beneficioMutuo: ok, cumplimientoNormativo: ok, privacidadSeguridad: ok };
  await api('adele.vance', `/convenios/${reference}/comandos`, { type: 'registrar_evaluacion', checklist });
  await api('patti.fernandez', `/convenios/${reference}/comandos`, { type: 'aprobar_evaluacion', note: 'Comité' });
  let stored = false;
  for (let i = 0; i < 100 && !stored; i++) {
    stored = !!(await api('adele.vance', `/convenios/${reference}`)).documents[0]?.storageVersionId;
    if (!stored) await new Promise((r) => setTimeout(r, 100));
  }
  expect(stored).toBe(true);
  const folder = join(root, 'data', 'documentos', 'Convenios', '2026', `${reference} - Universidad de Valparaíso`);
  expect(readdirSync(folder)).toContain(`${reference} Borrador de convenio.docx`);
  await api('adele.vance', `/convenios/${reference}/comandos`, { type: 'enviar_a_visacion' });
  const outbox = join(root, 'data', 'correo-saliente');
  const subject = `${reference}: visación jurídica`;
  let mail;
  for (let i = 0; i < 100 && !mail; i++) {
    const all = await Promise.all(
      // The folder appears with the first mail: until then there is nothing to read.
      (existsSync(outbox) ? readdirSync(outbox) : [])
        .filter((f) => f.endsWith('.eml'))
        .map((f) => simpleParser(readFileSync(join(outbox, f)))),
    );
    mail = all.find((m) => m.subject === subject);
    if (!mail) await new Promise((r) => setTimeout(r, 100));
  }
  const addr = (a: AddressObject | AddressObject[] | undefined) =>
    (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address));
  expect(mail).toBeDefined();
  expect(addr(mail!.from)).toEqual(['intercambio-datos@quillota.cl']);
  expect(addr(mail!.to)).toEqual(['isaiah.langer@quillota.cl', 'lidia.holloway@quillota.cl', 'juridica@uv.cl']);
  expect(addr(mail!.cc)).toEqual(['adele.vance@quillota.cl', 'pradeep.gupta@quillota.cl']);
  expect(mail!.text).toContain(`${base.replace('127.0.0.1', 'localhost')}/detalle/convenios/${reference}`);
  const link = /https?:\/\/\S+enlace=\S+/.exec(mail!.text ?? '')?.[0];
  expect(link).toBeDefined();
  // Opened by someone with no identity at all: the link is the permission.
  const doc = await fetch(link!);
  expect(doc.status).toBe(200);
  expect(doc.headers.get('content-type')).toContain('wordprocessingml');
}

it('npm run local serves /healthz within 5 s of start, with the database created in ./data', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), LOG_LEVEL: 'info', JOBS_INTERVAL_MS: '300' };
  delete env.DATABASE_URL;
  delete env.TENANT_ID;
  child = spawn('npm', ['run', '-s', 'local'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const started = new Promise<number>((res, rej) => {
    child!.stdout!.on('data', (b: Buffer) => {
      output += b.toString();
      if (output.includes('Iniciando Intercambio de Datos')) res(Date.now());
    });
    child!.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    child!.once('exit', (code) => rej(new Error(`terminó con ${code}: ${output}`)));
  });
  const t0 = await started;
  const health = await waitHealthy(`http://127.0.0.1:${PORT}/healthz`, 15_000);
  const elapsed = Date.now() - t0;
  console.log(`/healthz respondió ${elapsed} ms después del inicio del servicio`);
  expect(health).toMatchObject({ status: 'ok', database: 'pglite' });
  expect(elapsed).toBeLessThan(5_000);
  expect(existsSync(join(dir, 'data', 'PG_VERSION'))).toBe(true);
  // The same command starts the local Teams clients (Agents Playground), one per persona.
  for (let i = 0; i < 100 && !output.includes('Abra cada dirección'); i++) await new Promise((r) => setTimeout(r, 100));
  expect(output).toContain('clientes locales de Teams para 8 personas');
  expect(output).toMatch(/Alex Wilber \(Arquitecto DOM\)\s+http:\/\/localhost:\d+/);

  const created = await fetch(`http://127.0.0.1:${PORT}/api/v1/solicitudes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-persona': 'alex.wilber' },
    body: JSON.stringify(solicitudBody()),
  });
  expect(created.status).toBe(201);
  expect(((await created.json()) as { item: { reference: string } }).item.reference).toMatch(/^SOL-\d{4}-0001$/);
  await convenioOnLocalStandIns(`http://127.0.0.1:${PORT}`, dir);

  const exited = new Promise((r) => child!.once('exit', r));
  stop(child);
  await exited;
  // The service closes the embedded database on SIGTERM; give it the moment it needs.
  await waitClosed(join(dir, 'data'));
  child = undefined;
  const verify = execFileSync('npm', ['run', '-s', 'verify-audit'], {
    cwd: dir,
    env: { ...env, DATA_DIR: 'data' },
  }).toString();
  // The request (1 event) and the convenio: created, evaluated, approved, draft recorded, sent to review (5).
  expect(verify).toContain('Cadena de auditoría íntegra: 2 registros, 6 eventos.');
}, 180_000);

it('refuses to start with a clear Spanish message when the configuration is wrong', () => {
  let out = '';
  try {
    execFileSync('node', ['dist/bot/src/main.js'], {
      cwd: dir,
      env: { ...process.env, PORT: 'noventa', DATABASE_URL: 'mysql://x', TENANT_ID: 'abc' },
      stdio: 'pipe',
    });
  } catch (e) {
    const err = e as { status: number; stderr: Buffer };
    expect(err.status).toBe(78);
    out = err.stderr.toString();
  }
  expect(out).toContain('Configuración inválida:');
  expect(out).toContain('PORT:');
  expect(out).toContain('DATABASE_URL: DATABASE_URL debe comenzar con postgres:// o postgresql://');
  expect(out).toContain('TENANT_ID: TENANT_ID debe ser un GUID');
});
