import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Built into dist/tab and served by the service under /tab (bot/src/web/tab-static.ts). No plugin: Vite's own
// transformer compiles TSX; the React refresh plugin is only for development servers.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/tab/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/tab', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Reported by `npm run bench` (initial JS gzip); a warning here would only repeat it.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // Fluent's icon modules start with "use client" (a React Server Components hint, meaningless in a SPA).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3978', '/healthz': 'http://127.0.0.1:3978' } },
});
