// Jest environment of the integration project: node's, plus the embedded engine's compiled WebAssembly module and
// file-system bundle made once per worker and handed to every test file it runs (PGlite.create from the template:
// about 0.75 s of CPU with them, 1.4 s without, measured in one process). Each file still gets its own new database
// from the migrated template; only the engine is shared.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import NodeEnvironment from 'jest-environment-node';
import type { PgliteEngine } from '../../bot/src/store/db';

let engine: Promise<PgliteEngine> | undefined;

/** Compiled on first use: files on PostgreSQL never pay for it. */
function sharedEngine(): Promise<PgliteEngine> {
  engine ??= (async () => {
    const dist = dirname(require.resolve('@electric-sql/pglite'));
    return {
      wasmModule: await WebAssembly.compile(readFileSync(join(dist, 'pglite.wasm'))),
      fsBundle: new Blob([readFileSync(join(dist, 'pglite.data'))]),
    };
  })();
  return engine;
}

/** Read by sharedPgliteEngine() in test-db.ts. */
export const SHARED_ENGINE = '__intercambioPgliteEngine';

export default class IntegrationEnvironment extends NodeEnvironment {
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
