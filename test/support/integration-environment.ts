// Jest environment of the integration project: node-environment.ts's, plus the embedded engine made once per worker and handed to
// every test file it runs: the compiled WebAssembly module, the file-system bundle, the template's bytes kept in
// memory, and shared_buffers of 8 MB instead of PGlite's 128 MB (the test databases hold a few hundred rows; the
// 128 MB are zeroed in WASM at every start). PGlite.create from the template, measured in one process: 1.4 s with
// none of these, 0.35 s with all. Each service still gets its own new database from the migrated template; only the
// engine is shared.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import TestFileEnvironment from './node-environment';
import type { Bytes, PgliteEngine } from '../../bot/src/store/db';

let engine: Promise<PgliteEngine> | undefined;

/** Compiled on first use: files on PostgreSQL never pay for it. */
function sharedEngine(): Promise<PgliteEngine> {
  engine ??= (async () => {
    const dist = dirname(require.resolve('@electric-sql/pglite'));
    const templates = new Map<string, ArrayBuffer>();
    return {
      wasmModule: await WebAssembly.compile(readFileSync(join(dist, 'pglite.wasm'))),
      fsBundle: new Blob([readFileSync(join(dist, 'pglite.data'))]),
      // PGlite only reads it (untar, then copies each file into its in-memory file system).
      readTemplate(path: string): Bytes {
        let bytes = templates.get(path);
        if (!bytes) templates.set(path, (bytes = new Uint8Array(readFileSync(path)).buffer));
        const whole = bytes;
        return { arrayBuffer: async () => whole };
      },
      settings: { shared_buffers: '8MB' },
    };
  })();
  return engine;
}

/** Read by sharedPgliteEngine() in test-db.ts. */
export const SHARED_ENGINE = '__intercambioPgliteEngine';

export default class IntegrationEnvironment extends TestFileEnvironment {
  private readonly engine: unknown;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.engine = config.projectConfig.testEnvironmentOptions.engine;
  }

  override async setup(): Promise<void> {
    await super.setup();
    // A project bound to one engine (jest.config.js, TEST_DB=ambos): its files read TEST_DB from their own env.
    if (typeof this.engine === 'string') (this.global.process as NodeJS.Process).env.TEST_DB = this.engine;
    const realm = this.global.WebAssembly as typeof WebAssembly;
    this.global[SHARED_ENGINE] = async () => {
      const shared = await sharedEngine();
      // PGlite tests `instanceof WebAssembly.Module` against the test file's own realm; a worker runs one file at a
      // time, so the module takes the prototype of the file running now (V8 instantiates it whatever the realm).
      Object.setPrototypeOf(shared.wasmModule, realm.Module.prototype);
      return shared;
    };
  }
}
