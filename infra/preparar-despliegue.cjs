// Assembles dist/despliegue: exactly what App Service runs, for m365agents.yml's azureAppService/zipDeploy.
// Run after `npm run build`: node infra/preparar-despliegue.cjs
//
// The repository's node_modules holds the build tools too (about 1 GB); the web app needs only the production
// dependencies. They are installed here, in the staging folder, from the same package-lock.json, so the developer's
// node_modules is left as it is. Every runtime dependency is plain JavaScript or WebAssembly, so a folder prepared on
// Windows or macOS runs on App Service Linux.
'use strict';

const { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
const out = join(root, 'dist', 'despliegue');

// What the service reads at run time: the compiled code, the tab, the PGlite template (local fallback only), the
// local directory (dev), and package.json (the service finds the repository root by its name).
const copies = [
  'package.json',
  'package-lock.json',
  'config',
  'dist/bot',
  'dist/protocol',
  'dist/tab',
  'dist/pglite-template.tgz',
];

const missing = ['dist/bot/src/main.js', 'dist/tab/index.html', ...copies].filter((p) => !existsSync(join(root, p)));
if (missing.length) {
  process.stderr.write(`Falta la compilación (npm run build): ${missing.join(', ')}\n`);
  process.exit(1);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const p of copies) cpSync(join(root, p), join(out, p), { recursive: true });

// npm is npm.cmd on Windows, which Node only starts through a shell.
const windows = process.platform === 'win32';
execFileSync(windows ? 'npm.cmd' : 'npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
  cwd: out,
  stdio: 'inherit',
  shell: windows,
});

// Every package the compiled service requires must resolve from the production install alone: a runtime import of
// something in devDependencies (the tab's React, Fluent UI…) fails here, not on App Service.
const required = new Set();
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (p.endsWith('.js'))
      for (const m of readFileSync(p, 'utf8').matchAll(/\brequire\("([^".][^"]*)"\)/g)) required.add(m[1]);
  }
};
walk(join(out, 'dist', 'bot'));
walk(join(out, 'dist', 'protocol'));
const packages = [...required].filter((name) => !name.startsWith('node:'));
const unresolved = packages.filter((name) => {
  try {
    require.resolve(name, { paths: [join(out, 'dist', 'bot', 'src')] });
    return false;
  } catch {
    return true;
  }
});
if (unresolved.length) {
  process.stderr.write(
    `El servicio requiere paquetes que no están en las dependencias de producción: ${unresolved.join(', ')}\n`,
  );
  process.exit(1);
}

process.stdout.write(
  `Paquete de despliegue listo en ${out} (${packages.length} módulos requeridos, todos presentes)\n`,
);
