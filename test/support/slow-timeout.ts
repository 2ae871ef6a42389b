// Integration and end-to-end files start the real service; PGlite alone compiles its WASM in a few seconds
// when test files run side by side in parallel workers. Hooks and tests get room for that.
jest.setTimeout(Number(process.env.SLOW_TEST_TIMEOUT_MS ?? 60_000));
