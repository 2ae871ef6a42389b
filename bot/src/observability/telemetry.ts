import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Span } from '@opentelemetry/api';
import { startUndiciSpans, telemetryPath } from './undici-spans';

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
    // Every request is kept (a municipal service's volume): the distro's default rate limit (5 traces/s, adapting
    // from zero at start) drops requests an operator looks for by id.
    samplingRatio: 1,
    tracesPerSecond: 0,
    instrumentationOptions: {
      http: {
        enabled: true,
        // App Service probes /healthz every minute: requests that say nothing.
        ignoreIncomingRequestHook: (req: IncomingMessage) => (req.url ?? '').split('?')[0] === '/healthz',
        requestHook: withoutQuery,
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

/**
 * Requests and dependencies keep their URL without the query string (a search may name a person): the HTTP
 * instrumentation records it whole, so the hook writes it again.
 */
export function withoutQuery(span: Pick<Span, 'setAttribute'>, request: IncomingMessage | ClientRequest): void {
  const client = typeof (request as ClientRequest).getHeader === 'function';
  const target = client ? (request as ClientRequest).path : (request as IncomingMessage).url;
  if (!target?.includes('?') && !target?.includes('/users/') && !target?.includes('/root:')) return;
  const path = telemetryPath(target);
  const origin = client
    ? `${(request as ClientRequest).protocol}//${(request as ClientRequest).host}`
    : `${String((request as IncomingMessage).headers['x-forwarded-proto'] ?? 'http').split(',')[0]}://${(request as IncomingMessage).headers.host ?? 'localhost'}`;
  for (const [k, v] of [
    ['http.url', `${origin}${path}`],
    ['url.full', `${origin}${path}`],
    ['http.target', path],
    ['url.path', path],
    ['url.query', ''],
  ])
    span.setAttribute(k!, v!);
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
