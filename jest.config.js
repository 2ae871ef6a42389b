// Three projects: pure protocol tests, store/API tests (run once per database engine, see scripts/test.sh)
// and end-to-end tests that start the real service process.
const swc = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];
// jose is ESM-only: Node 20 `require`s it natively, jest does not, so its files go through swc to CommonJS too.
const transform = { '^.+\\.ts$': swc, 'node_modules/jose/.+\\.js$': swc };
const common = {
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};
/** The store/API suite on the engine of TEST_DB, or on the one named (its files then see TEST_DB=engine). */
const integration = (displayName, engine) => ({
  ...common,
  displayName,
  // node's environment plus PGlite's engine compiled once per worker.
  testEnvironment: '<rootDir>/test/support/integration-environment.ts',
  testEnvironmentOptions: engine ? { engine } : {},
  globalSetup: '<rootDir>/test/support/pglite-template.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/slow-timeout.ts'],
  testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
});
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: '<rootDir>/test/support/node-environment.ts',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    // TEST_DB=ambos: both engines in one jest run (scripts/test.sh), so its workers stay busy until the last file.
    ...(process.env.TEST_DB === 'ambos'
      ? [integration('integration-pglite', 'pglite'), integration('integration-postgres', 'postgres')]
      : [integration('integration')]),
    {
      ...common,
      displayName: 'e2e',
      setupFilesAfterEnv: ['<rootDir>/test/support/slow-timeout.ts'],
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    },
  ],
};
