// Only the configuration (zod, no HTTP or database module) before telemetry: OpenTelemetry must patch http and pg
// before anything loads them, so the database and the service are imported after it.
import { ConfigError, loadConfig } from './config';
import { startTelemetry } from './observability/telemetry';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const telemetry = startTelemetry(config.telemetry.connectionString, { instanceId: config.instanceId });
  // The database starts opening first; the rest of the service (botbuilder, Express, Graph…) loads meanwhile.
  const { dbOptionsOf, openDb } = await import('./store/db');
  const db = openDb(dbOptionsOf(config.database));
  // A failure to open is reported by startService, which awaits it; not a stray rejection meanwhile.
  db.catch(() => undefined);
  const { startService } = await import('./service');
  const service = await startService(config, { db });
  const shutdown = async (signal: string) => {
    service.log.info('deteniendo', { signal });
    await service.stop();
    await telemetry.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(`No se pudo iniciar el servicio: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
