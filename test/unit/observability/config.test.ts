import { ConfigError, ENV_VARIABLES, loadConfig } from '../../../bot/src/config';

describe('telemetry settings', () => {
  const CONNECTION = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x.invalid/';

  it('reads APPLICATIONINSIGHTS_CONNECTION_STRING, off when absent or empty', () => {
    expect(ENV_VARIABLES).toContain('APPLICATIONINSIGHTS_CONNECTION_STRING');
    expect(loadConfig({}).telemetry.connectionString).toBeUndefined();
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: '' }).telemetry.connectionString).toBeUndefined();
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION }).telemetry.connectionString).toBe(
      CONNECTION,
    );
  });

  it('refuses something that is no connection string, in Spanish', () => {
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://x.invalid/' })).toThrow(ConfigError);
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://x.invalid/' })).toThrow(
      /APPLICATIONINSIGHTS_CONNECTION_STRING debe ser la cadena de conexión de Application Insights/,
    );
  });
});
