import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, MetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import type { IncomingMessage } from 'node:http';
import { startTelemetry, withoutQuery, type AzureMonitor } from '../../../bot/src/observability/telemetry';
import { telemetryPath } from '../../../bot/src/observability/undici-spans';
import {
  METRIC,
  observeOutbox,
  recordCardAction,
  recordTimerFired,
  verbLabel,
} from '../../../bot/src/observability/metrics';
import { ProactiveSender } from '../../../bot/src/teams/proactive';
import { SendRateLimiter } from '../../../bot/src/teams/rate-limiter';
import { RetryLater } from '../../../bot/src/retry-later';
import type { StoredConversation } from '../../../bot/src/store/conversations-repo';
import type { CloudAdapter } from 'botbuilder';

const CONNECTION = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/';

function fakeMonitor() {
  const calls: unknown[] = [];
  const monitor: AzureMonitor = {
    useAzureMonitor: (options) => void calls.push(options),
    shutdownAzureMonitor: async () => undefined,
  };
  return { calls, load: jest.fn(() => monitor) };
}

describe('telemetry', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });

  it.each([undefined, '', '   '])('without a connection string (%p) the distro is not even loaded', (value) => {
    const { load } = fakeMonitor();
    const t = startTelemetry(value, { load });
    expect(t.enabled).toBe(false);
    expect(load).not.toHaveBeenCalled();
    // The API's meter stays the no-op one: nothing is kept, nothing is exported.
    expect(metrics.getMeterProvider().constructor.name).toMatch(/Noop/);
  });

  it('with one, starts Azure Monitor with the HTTP server, PostgreSQL and outgoing HTTP', async () => {
    const { calls, load } = fakeMonitor();
    delete process.env.OTEL_SERVICE_NAME;
    delete process.env.OTEL_RESOURCE_ATTRIBUTES;
    const t = startTelemetry(CONNECTION, { load, instanceId: 'instancia-1' });
    expect(t.enabled).toBe(true);
    expect(load).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(1);
    const options = calls[0] as {
      azureMonitorExporterOptions: { connectionString: string };
      instrumentationOptions: Record<
        string,
        { enabled: boolean; ignoreIncomingRequestHook?: (r: IncomingMessage) => boolean }
      >;
    };
    expect(options.azureMonitorExporterOptions.connectionString).toBe(CONNECTION);
    expect(options.instrumentationOptions.http!.enabled).toBe(true);
    expect(options.instrumentationOptions.postgreSql!.enabled).toBe(true);
    for (const off of ['mongoDb', 'mySql', 'redis', 'redis4', 'bunyan', 'winston'])
      expect(options.instrumentationOptions[off]!.enabled).toBe(false);
    const ignore = options.instrumentationOptions.http!.ignoreIncomingRequestHook!;
    expect(ignore({ url: '/healthz' } as IncomingMessage)).toBe(true);
    expect(ignore({ url: '/api/messages' } as IncomingMessage)).toBe(false);
    expect(process.env.OTEL_SERVICE_NAME).toBe('intercambio-de-datos');
    expect(process.env.OTEL_RESOURCE_ATTRIBUTES).toBe('service.instance.id=instancia-1');
    await t.shutdown();
  });
});

/** A reader the test collects from by hand. */
class TestReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush() {}
  protected override async onShutdown() {}
  async metricsNamed(name: string): Promise<MetricData | undefined> {
    const { resourceMetrics } = await this.collect();
    return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
  }
}

describe('app metrics', () => {
  const reader = new TestReader();
  beforeAll(() => {
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });
  afterAll(() => metrics.disable());

  it('labels card actions by known verb only, so callers cannot grow the label set', () => {
    expect(verbLabel('ayuda')).toBe('ayuda');
    expect(verbLabel('solicitud.crear')).toBe('solicitud.crear');
    expect(verbLabel('solicitud.acusar_recibo')).toBe('solicitud.acusar_recibo');
    expect(verbLabel('solicitud.inventado')).toBe('otro');
    expect(verbLabel({ toString: () => 'x' })).toBe('otro');
  });

  it('records card action latency (ms) by verb and outcome', async () => {
    recordCardAction('ayuda', 12.5, 'ok');
    recordCardAction('ayuda', 7.5, 'ok');
    recordCardAction('no-existe', 3, 'error');
    const m = await reader.metricsNamed(METRIC.cardAction);
    expect(m?.descriptor.unit).toBe('ms');
    const points = m!.dataPoints as { attributes: Record<string, unknown>; value: { count: number; sum: number } }[];
    expect(points.find((p) => p.attributes.verb === 'ayuda')?.value).toMatchObject({ count: 2, sum: 20 });
    expect(points.find((p) => p.attributes.verb === 'otro')?.attributes.outcome).toBe('error');
  });

  it('counts timers fired by kind', async () => {
    recordTimerFired('recordatorio_acuse');
    recordTimerFired('recordatorio_acuse');
    recordTimerFired('vencimiento_acuse');
    const points = (await reader.metricsNamed(METRIC.timersFired))!.dataPoints;
    expect(points.map((p) => [p.attributes.kind, p.value])).toEqual([
      ['recordatorio_acuse', 2],
      ['vencimiento_acuse', 1],
    ]);
  });

  it('counts sends to Teams throttled by a 429 and by the local limiter', async () => {
    const before = async (reason: string) =>
      Number(
        (await reader.metricsNamed(METRIC.teamsThrottled))?.dataPoints.find((p) => p.attributes.reason === reason)
          ?.value ?? 0,
      );
    const throttled429 = await before('http_429');
    // Teams answers 429 four times: three quick retries, then the outbox is told to retry later.
    const adapter = {
      continueConversationAsync: async () => {
        throw Object.assign(new Error('Too Many Requests'), { statusCode: 429 });
      },
    } as unknown as CloudAdapter;
    const sender = new ProactiveSender(adapter, 'app', new SendRateLimiter(), async () => undefined);
    const conversation = { conversationId: 'c1', reference: {} } as unknown as StoredConversation;
    await expect(sender.sendCard(conversation, { type: 'AdaptiveCard' } as never)).rejects.toBeInstanceOf(RetryLater);
    expect((await before('http_429')) - throttled429).toBe(4);

    let now = 0;
    const limiter = new SendRateLimiter(
      1,
      50,
      1000,
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    await limiter.acquire('c2');
    await limiter.acquire('c2');
    expect(await before('limite_local')).toBe(1);
  });

  it('observes the outbox only when collected, and stops when told', async () => {
    const read = jest.fn(async () => ({ pending: 3, failed: 1, oldestPendingSeconds: 90 }));
    const stop = observeOutbox(read);
    expect(read).not.toHaveBeenCalled();
    const pending = await reader.metricsNamed(METRIC.outboxPending);
    expect(pending?.dataPoints[0]?.value).toBe(3);
    expect((await reader.metricsNamed(METRIC.outboxFailed))?.dataPoints[0]?.value).toBe(1);
    expect((await reader.metricsNamed(METRIC.outboxOldestPending))?.dataPoints[0]?.value).toBe(90);
    const calls = read.mock.calls.length;
    stop();
    await reader.metricsNamed(METRIC.outboxPending);
    expect(read.mock.calls.length).toBe(calls);
  });
});

describe('outgoing call spans', () => {
  it('keep no query string, mailbox or document path', () => {
    expect(telemetryPath('/v1.0/users/ana%40quillota.cl/sendMail')).toBe('/v1.0/users/{buzon}/sendMail');
    expect(telemetryPath('/v1.0/drives/b!x/root:/SOL-2026-0001/Convenio Juana.docx:/content?x=1')).toBe(
      '/v1.0/drives/b!x/root:/{ruta}:/content',
    );
    expect(telemetryPath('/v1.0/drives/b!x/root:/SOL-2026-0001/a.pdf:')).toBe('/v1.0/drives/b!x/root:/{ruta}:');
    expect(telemetryPath('/v1.0/sites/root?$filter=mail eq x')).toBe('/v1.0/sites/root');
    expect(telemetryPath('/oauth2/v2.0/token')).toBe('/oauth2/v2.0/token');
  });
});

describe('request and dependency URLs in telemetry', () => {
  const attributes = (request: object) => {
    const set: Record<string, unknown> = {};
    withoutQuery({ setAttribute: (k: string, v: unknown) => ((set[k] = v), undefined as never) }, request as never);
    return set;
  };

  it('drop the query string of an incoming request', () => {
    expect(attributes({ url: '/api/v1/tablero?tipo=solicitud&q=Juana', headers: { host: 'x.cl' } })).toEqual({
      'http.url': 'http://x.cl/api/v1/tablero',
      'url.full': 'http://x.cl/api/v1/tablero',
      'http.target': '/api/v1/tablero',
      'url.path': '/api/v1/tablero',
      'url.query': '',
    });
    expect(attributes({ url: '/api/v1/yo', headers: {} })).toEqual({});
  });

  it('drop the query string and mailbox of an outgoing call', () => {
    const request = {
      getHeader: () => undefined,
      path: '/v1.0/users/ana%40quillota.cl/sendMail?x=1',
      protocol: 'https:',
      host: 'graph.microsoft.com',
    };
    expect(attributes(request)['url.full']).toBe('https://graph.microsoft.com/v1.0/users/{buzon}/sendMail');
  });
});
