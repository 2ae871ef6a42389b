/**
 * Issue 15: a 200 MiB delivered file through the API on the local store, in parts of 8 MiB, against the service as
 * its own process (node dist/bot/src/main.js, embedded PGlite in a fresh DATA_DIR), so its resident memory is its own:
 * sampled from /proc/<pid>/status while the parts stream in (VmRSS) and its peak (VmHWM). Beside it, in the same run,
 * the same bytes written straight to a file of the same disk: the ratio says what the API, the record, the hash and
 * the store cost. Then the requester downloads it, hashing as the bytes arrive. A figure, not a pass/fail test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { solicitudBody } from '../support/fixtures';

const MiB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_FILE_MIB ?? 200) * MiB;
const PART = 8 * MiB;
const OWNER = 'lynne.robbins';
const REQUESTER = 'alex.wilber';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** A /proc/<pid>/status figure in MiB (Linux), or undefined elsewhere. */
function procMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  const path = `/proc/${pid}/status`;
  if (!existsSync(path)) return undefined;
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : undefined;
}

const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
const mib = (x: number | undefined) => (x === undefined ? 'n/d' : `${x.toFixed(0)} MiB`);

/** The same bytes in the same parts, straight to a file: what the disk gives without the API. */
async function diskBaseline(dir: string, part: Buffer): Promise<number> {
  const path = join(dir, 'linea-base.bin');
  const t = performance.now();
  const fh = await open(path, 'w');
  for (let at = 0; at < SIZE; at += PART) await fh.write(part, 0, Math.min(PART, SIZE - at));
  await fh.close();
  const ms = performance.now() - t;
  rmSync(path, { force: true });
  return ms;
}

async function waitHealthy(url: string, child: ChildProcess) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`el servicio terminó al iniciar (código ${child.exitCode})`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('el servicio no respondió /healthz en 2 minutos');
}

export async function benchFileUpload(): Promise<void> {
  const main = join(__dirname, '..', '..', 'bot', 'src', 'main.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'banco-archivos-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['TENANT_ID', 'DATABASE_URL', 'MICROSOFT_365', 'DOCUMENTS_DIR', 'PROTOCOL_SETTINGS_FILE'])
    delete env[k];
  const child = spawn(process.execPath, [main], {
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JOBS_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitHealthy(url, child);
    const pid = child.pid!;
    const call = async (persona: string, path: string, init: RequestInit = {}) => {
      const res = await fetch(`${url}${path}`, {
        ...init,
        headers: { 'x-persona': persona, ...(init.headers as Record<string, string>) },
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
      return JSON.parse(text || '{}') as Record<string, unknown>;
    };
    const json = (body: unknown) => ({
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    const created = await call(REQUESTER, '/api/v1/solicitudes', json(solicitudBody()));
    const ref = (created.item as { reference: string }).reference;
    const declared = await call(
      OWNER,
      `/api/v1/solicitudes/${ref}/archivos`,
      json({ nombre: 'Banco de pruebas.csv', tamano: SIZE, tipo: 'text/csv' }),
    );
    const id = declared.id as string;

    // The parts: one random 8 MiB buffer sent again and again (the service cannot tell), hashed here beforehand so
    // the client's own hashing is not timed.
    const part = randomBytes(PART);
    const expected = createHash('sha256');
    for (let at = 0; at < SIZE; at += PART) expected.update(part.subarray(0, Math.min(PART, SIZE - at)));
    const sha256 = expected.digest('hex');
    const idle = procMiB(pid, 'VmRSS');
    let peak = idle ?? 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, procMiB(pid, 'VmRSS') ?? 0);
    }, 20);
    const t0 = performance.now();
    let last: Record<string, unknown> = {};
    for (let at = 0; at < SIZE; at += PART) {
      const bytes = part.subarray(0, Math.min(PART, SIZE - at));
      last = await call(OWNER, `/api/v1/archivos/${id}`, {
        method: 'PUT',
        body: bytes,
        headers: {
          'content-type': 'application/octet-stream',
          'content-range': `bytes ${at}-${at + bytes.length - 1}/${SIZE}`,
        },
      });
    }
    const uploadMs = performance.now() - t0;
    clearInterval(sampler);
    const hwm = procMiB(pid, 'VmHWM');
    if (last.sha256 !== sha256) throw new Error(`huella distinta: el servicio calculó ${String(last.sha256)}`);

    await call(
      OWNER,
      `/api/v1/solicitudes/${ref}/comandos`,
      json({ type: 'entregar', note: 'Banco de pruebas', archivos: [id] }),
    );
    const t1 = performance.now();
    const res = await fetch(`${url}/api/v1/solicitudes/${ref}/archivos/${id}/contenido`, {
      headers: { 'x-persona': REQUESTER },
    });
    const got = createHash('sha256');
    let received = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      got.update(chunk);
      received += chunk.length;
    }
    const downloadMs = performance.now() - t1;
    const downloaded = got.digest('hex');
    if (downloaded !== sha256 || res.headers.get('x-sha256') !== sha256 || received !== SIZE)
      throw new Error('la descarga no coincide con lo subido');

    const baselineMs = await diskBaseline(dataDir, part);
    const up = mbps(SIZE, uploadMs);
    const disk = mbps(SIZE, baselineMs);
    console.log(
      `\n[archivos, almacén local] subida de ${SIZE / MiB} MiB por la API en partes de 8 MiB: ${up.toFixed(0)} MB/s ` +
        `(${(uploadMs / 1000).toFixed(1)} s, con la huella SHA-256 y el guardado)  (escritura directa al mismo disco: ` +
        `${disk.toFixed(0)} MB/s, razón ${(up / disk).toFixed(2)}x)`,
    );
    console.log(
      `  memoria del servicio: RSS en reposo ${mib(idle)}, máxima durante la subida ${mib(peak)} ` +
        `(+${idle === undefined ? 'n/d' : (peak - idle).toFixed(0)} MiB para ${SIZE / MiB} MiB subidos; VmHWM del proceso ${mib(hwm)})`,
    );
    console.log(
      `  descarga por la solicitante, con la huella comprobada al leer: ${mbps(SIZE, downloadMs).toFixed(0)} MB/s ` +
        `(${(downloadMs / 1000).toFixed(1)} s), SHA-256 igual al de la subida`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
