import { ConfigError, loadConfig } from './config';
import { dbOptionsOf, openDb } from './store/db';

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
  // The database starts opening first; the rest of the service (botbuilder, Express, Graph…) loads meanwhile.
  const db = openDb(dbOptionsOf(config.database));
  // A failure to open is reported by startService, which awaits it; not a stray rejection meanwhile.
  db.catch(() => undefined);
  const { startService } = await import('./service');
  const service = await startService(config, { db });
  const shutdown = async (signal: string) => {
    service.log.info('deteniendo', { signal });
    await service.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(`No se pudo iniciar el servicio: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
