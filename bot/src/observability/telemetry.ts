import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { IncomingMessage } from 'node:http';
import { startUndiciSpans } from './undici-spans';

/**
 * OpenTelemetry through the Azure Monitor distro, only with APPLICATIONINSIGHTS_CONNECTION_STRING: traces of the
 * HTTP server, PostgreSQL (pg) and outgoing HTTP (node:http and undici, so Graph), plus the service's metrics
 * (metrics.ts). It must start before express, pg and botbuilder are loaded: main.ts calls it first and loads the
 * service afterwards. Without the variable the distro is not even loaded, and the OpenTelemetry API stays a no-op.
 */
export interface Telemetry {
  enabled: boolean;
  /** Flushes what is pending (at shutdown). */
  shutdown(): Promise<void>;
}

export type AzureMonitor = Pick<
  typeof import('@azure/monitor-opentelemetry'),
  'useAzureMonitor' | 'shutdownAzureMonitor'
>;

export const SERVICE_NAME = 'intercambio-de-datos';

/** What useAzureMonitor receives: the instrumentations the service needs, the others off. */
export function azureMonitorOptions(connectionString: string): AzureMonitorOpenTelemetryOptions {
  const off: InstrumentationConfig = { enabled: false };
  return {
    azureMonitorExporterOptions: { connectionString },
    instrumentationOptions: {
      http: {
        enabled: true,
        // App Service probes /healthz every minute: requests that say nothing.
        ignoreIncomingRequestHook: (req: IncomingMessage) => (req.url ?? '').split('?')[0] === '/healthz',
      } as InstrumentationConfig,
      postgreSql: { enabled: true },
      azureSdk: off,
      mongoDb: off,
      mySql: off,
      redis: off,
      redis4: off,
      bunyan: off,
      winston: off,
    },
  };
}

const disabled: Telemetry = { enabled: false, shutdown: async () => undefined };

export function startTelemetry(
  connectionString: string | undefined,
  opts: { instanceId?: string; load?: () => AzureMonitor } = {},
): Telemetry {
  if (!connectionString?.trim()) return disabled;
  // The cloud role name and instance Application Insights shows (unless the environment already sets them).
  process.env.OTEL_SERVICE_NAME ??= SERVICE_NAME;
  if (opts.instanceId && !process.env.OTEL_RESOURCE_ATTRIBUTES)
    process.env.OTEL_RESOURCE_ATTRIBUTES = `service.instance.id=${encodeURIComponent(opts.instanceId)}`;
  const monitor = (opts.load ?? loadAzureMonitor)();
  monitor.useAzureMonitor(azureMonitorOptions(connectionString));
  startUndiciSpans(SERVICE_NAME);
  return { enabled: true, shutdown: () => monitor.shutdownAzureMonitor() };
}

/** Loaded only when telemetry is on: the distro and its SDK take a while to require. */
function loadAzureMonitor(): AzureMonitor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@azure/monitor-opentelemetry') as AzureMonitor;
}
