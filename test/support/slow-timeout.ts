// Integration and end-to-end files start the real service; PGlite alone compiles its WASM in a few seconds
// when two test files share the machine's two cores. Hooks and tests get room for that.
jest.setTimeout(Number(process.env.SLOW_TEST_TIMEOUT_MS ?? 60_000));
