import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { runPackageApp } from '../../../bot/src/cli/package-app';
import { fillTemplate } from '../../../bot/src/package/fill-manifest';
import { DEVELOPMENT, parseEnvFile, resolvePackageConfig } from '../../../bot/src/package/package-config';
import { manifestSchemaPath } from '../../../bot/src/package/paths';
import { build } from './fixtures';

// Building a package compiles the 130 KB manifest schema with Ajv: seconds on a runner busy with other test files.
jest.setTimeout(30_000);

const REAL = {
  TEAMS_APP_ID: 'c5f1a2b3-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  MICROSOFT_APP_ID: '3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f',
  PUBLIC_URL: 'https://datos.quillota.cl/',
};

describe('the configuration of the package', () => {
  it('with nothing set: a development package with placeholder ids, an https address and a Spanish warning', async () => {
    const r = resolvePackageConfig({}, '0.1.0');
    expect(r.development).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.config).toEqual({
      teamsAppId: DEVELOPMENT.TEAMS_APP_ID,
      botAppId: DEVELOPMENT.MICROSOFT_APP_ID,
      tabAppIdUri: `api://intercambio.quillota.cl/${DEVELOPMENT.MICROSOFT_APP_ID}`,
      publicUrl: 'https://intercambio.quillota.cl',
      version: '0.1.0',
    });
    expect(r.warnings.join(' ')).toMatch(/paquete de DESARROLLO con ids de relleno/);
    expect((await build(undefined, r.config)).problems).toEqual([]);
  });

  it('with the real variables: their values, TAB_APP_ID_URI derived when absent, the trailing slash dropped', () => {
    const r = resolvePackageConfig(REAL, '1.2.3');
    expect(r.development).toBe(false);
    expect(r.problems).toEqual([]);
    expect(r.config).toEqual({
      teamsAppId: REAL.TEAMS_APP_ID,
      botAppId: REAL.MICROSOFT_APP_ID,
      tabAppIdUri: `api://datos.quillota.cl/${REAL.MICROSOFT_APP_ID}`,
      publicUrl: 'https://datos.quillota.cl',
      version: '1.2.3',
    });
    expect(r.warnings).toEqual([
      `Aviso: TAB_APP_ID_URI no está definido: se usa api://datos.quillota.cl/${REAL.MICROSOFT_APP_ID} (api://<dominio>/<MICROSOFT_APP_ID>).`,
    ]);
  });

  it('names each variable that is missing or malformed once any is set', () => {
    const r = resolvePackageConfig({ TEAMS_APP_ID: 'abc', TAB_APP_ID_URI: 'https://x', PUBLIC_URL: 'datos' }, '1.0.0');
    expect(r.problems).toEqual([
      'TEAMS_APP_ID debe ser un GUID (es «abc»).',
      'Falta MICROSOFT_APP_ID (el id de la aplicación de Entra ID del bot y de la pestaña, un GUID).',
      'PUBLIC_URL debe ser una URL (es «datos»).',
      'TAB_APP_ID_URI debe ser un URI de aplicación api://<dominio>/<id de cliente> (es «https://x»).',
    ]);
  });

  it('warns about the all-zero ids of .env.example', () => {
    const r = resolvePackageConfig({ ...REAL, TEAMS_APP_ID: '00000000-0000-0000-0000-000000000000' }, '1.0.0');
    expect(r.warnings).toContain(
      'Aviso: TEAMS_APP_ID=00000000-0000-0000-0000-000000000000 parece un id de relleno, no uno real.',
    );
  });

  it('reads .env files: comments, export, quotes', () => {
    expect(
      parseEnvFile(
        '# comentario\nexport TEAMS_APP_ID=abc\nPUBLIC_URL="https://x.cl" \nMAIL_FROM=a@b.cl # correo\nVACIO=\n',
      ),
    ).toEqual({ TEAMS_APP_ID: 'abc', PUBLIC_URL: 'https://x.cl', MAIL_FROM: 'a@b.cl', VACIO: '' });
  });

  it('fills placeholders inside strings only, and says which have no value', () => {
    const r = fillTemplate({ a: ['${{X}}/tab', 3, true], b: { c: '${{Y}}' } }, { X: 'https://h' });
    expect(r.manifest).toEqual({ a: ['https://h/tab', 3, true], b: { c: '${{Y}}' } });
    expect(r.problems).toEqual(['manifest.template.json: /b/c usa ${{Y}}, que no tiene valor.']);
  });

  it('finds the schema beside the repository, or where MANIFEST_SCHEMA says', () => {
    expect(manifestSchemaPath({})).toMatch(/[/\\]vendor[/\\]esquemas[/\\]teams-manifest-1\.30\.schema\.json$/);
    expect(manifestSchemaPath({ MANIFEST_SCHEMA: '/otro/esquema.json' })).toBe('/otro/esquema.json');
  });
});

describe('npm run package (in process)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'paquete-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
    let out = '';
    let err = '';
    const code = await runPackageApp(argv, env, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };

  it('writes the zip where --out says, from --env-file, and prints its path and size', async () => {
    const envFile = join(dir, '.env.prod');
    writeFileSync(
      envFile,
      Object.entries(REAL)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    );
    const zipPath = join(dir, 'app.zip');
    const r = await run(['--env-file', envFile, '--out', zipPath]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Paquete de Teams: .*app\.zip \(\d+ bytes, [\d.]+ KB\)/);
    const m = JSON.parse(await (await JSZip.loadAsync(readFileSync(zipPath))).file('manifest.json')!.async('string'));
    expect(m.id).toBe(REAL.TEAMS_APP_ID);
  });

  it('exits 1 and lists every problem in Spanish, writing nothing', async () => {
    const zipPath = join(dir, 'app.zip');
    const r = await run(['--out', zipPath], { ...REAL, PUBLIC_URL: 'http://localhost:3978', MICROSOFT_APP_ID: 'bot' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^No se armó el paquete de Teams: \d+ problemas\.\n/);
    expect(r.err).toContain('  - MICROSOFT_APP_ID debe ser un GUID (es «bot»).');
    expect(r.err).toContain('  - manifest.json: Teams exige https (revise PUBLIC_URL)');
    expect(() => readFileSync(zipPath)).toThrow();
  });

  it('refuses an unknown option', async () => {
    const r = await run(['--salida', 'x.zip']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Opción desconocida: --salida\nUso: npm run package/);
  });
});
