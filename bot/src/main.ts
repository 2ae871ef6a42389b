import { ConfigError, loadConfig } from './config';
import { startService } from './service';

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
  const service = await startService(config);
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
