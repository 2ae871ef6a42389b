import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { MANIFEST_FILE, buildPackage, unzipEntries } from '../package/build-package';
import { parseEnvFile, resolvePackageConfig } from '../package/package-config';
import { defaultZipPath, manifestSchemaPath, packageVersion, repoRoot } from '../package/paths';

/**
 * `npm run package [-- --env-file <ruta>] [-- --out <ruta.zip>]`: fills manifest/manifest.template.json from
 * TEAMS_APP_ID, MICROSOFT_APP_ID, TAB_APP_ID_URI and PUBLIC_URL, validates everything offline and writes the zip
 * (dist/paquete/intercambio-de-datos.zip). Exit 1 with every problem listed when anything is wrong.
 */

const USAGE =
  'Uso: npm run package [-- --env-file <archivo .env>] [--out <ruta del zip>]\n' +
  '  Variables: TEAMS_APP_ID, MICROSOFT_APP_ID, TAB_APP_ID_URI, PUBLIC_URL (y MANIFEST_SCHEMA para otro esquema).\n' +
  '  Los valores de --env-file prevalecen sobre los del entorno.\n';

interface Io {
  out(s: string): void;
  err(s: string): void;
}

function parseArgs(argv: string[]): { envFile?: string; out?: string; help?: boolean; error?: string } {
  const r: { envFile?: string; out?: string; help?: boolean; error?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') r.help = true;
    else if (flag === '--env-file') r.envFile = value();
    else if (flag === '--out') r.out = value();
    else return { error: `Opción desconocida: ${argv[i]}` };
    if ((flag === '--env-file' || flag === '--out') && !(flag === '--env-file' ? r.envFile : r.out))
      return { error: `${flag} necesita una ruta.` };
  }
  return r;
}

export async function runPackageApp(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (args.error) {
    io.err(`${args.error}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }

  let vars: Record<string, string | undefined> = { ...env };
  if (args.envFile) {
    try {
      vars = { ...vars, ...parseEnvFile(readFileSync(args.envFile, 'utf8')) };
    } catch (e) {
      io.err(`No se pudo leer --env-file ${args.envFile}: ${(e as Error).message}\n`);
      return 1;
    }
  }

  const root = repoRoot();
  const resolved = resolvePackageConfig(vars, packageVersion(root));
  for (const w of resolved.warnings) io.err(`${w}\n`);
  const built = await buildPackage({ config: resolved.config, schemaPath: manifestSchemaPath(vars, root) });
  const problems = [...resolved.problems, ...built.problems];
  if (problems.length || !built.zip) {
    io.err(`No se armó el paquete de Teams: ${problems.length} problema${problems.length === 1 ? '' : 's'}.\n`);
    for (const p of problems) io.err(`  - ${p}\n`);
    return 1;
  }

  const out = resolve(args.out ?? defaultZipPath(root));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, built.zip);
  const names = Object.keys(await unzipEntries(built.zip));
  const c = resolved.config;
  io.out(
    `Paquete de Teams${resolved.development ? ' de DESARROLLO (ids de relleno)' : ''}: ` +
      `${relative(process.cwd(), out) || out} (${built.zip.length} bytes, ${(built.zip.length / 1024).toFixed(1)} KB)\n` +
      `  Contenido: ${names.join(', ')}\n` +
      `  ${MANIFEST_FILE}: id ${c.teamsAppId}, versión ${c.version}, bot ${c.botAppId}, ${c.publicUrl}/tab\n`,
  );
  return 0;
}

if (require.main === module)
  runPackageApp(process.argv.slice(2), process.env, {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`No se pudo armar el paquete: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
