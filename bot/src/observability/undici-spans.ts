import diagnostics from 'node:diagnostics_channel';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';

/**
 * Client spans for the calls made through undici (the `undici` package the Microsoft 365 transport uses, and
 * Node's global fetch): Application Insights shows them as HTTP dependencies (Graph, Entra ID tokens, SharePoint
 * upload sessions), with their status and duration. The Azure Monitor distro instruments node:http only, and
 * @opentelemetry/instrumentation-undici is not among the dependencies; undici publishes every request on
 * diagnostics channels, which is all a span needs. The URL is recorded without its query string ($filter may name
 * a person), a mailbox or a SharePoint file path (a document's name) in it is replaced by a placeholder.
 */
interface UndiciRequest {
  origin?: string | URL;
  method?: string;
  path?: string;
}

// @opentelemetry/core's suppressTracing key: the exporter's own calls must not become dependencies.
const SUPPRESS_TRACING = Symbol.for('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

let started = false;

/** The path as telemetry may keep it: no mailbox (`/users/{upn}`), no folder or file name (`root:/…:`). */
export function telemetryPath(path: string): string {
  return (path.split('?')[0] ?? '/')
    .replace(/\/users\/[^/]+/g, '/users/{buzon}')
    .replace(/\/root:\/.*?(:(?=\/|$)|$)/g, '/root:/{ruta}$1');
}

export function startUndiciSpans(tracerName = 'intercambio-de-datos'): void {
  if (started) return;
  started = true;
  const tracer = trace.getTracer(tracerName);
  const spans = new WeakMap<object, Span>();

  diagnostics.subscribe('undici:request:create', (message) => {
    const { request } = message as { request: UndiciRequest & object };
    const active = context.active();
    if (active.getValue(SUPPRESS_TRACING) === true) return;
    const origin = new URL(String(request.origin ?? 'http://desconocido'));
    const path = telemetryPath(request.path ?? '/');
    const method = (request.method ?? 'GET').toUpperCase();
    const url = `${origin.origin}${path}`;
    const span = tracer.startSpan(
      `${method} ${origin.host}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'url.full': url,
          'server.address': origin.hostname,
          'server.port': Number(origin.port || (origin.protocol === 'https:' ? 443 : 80)),
          // The older names, which the Azure Monitor exporter also maps to a dependency.
          'http.method': method,
          'http.url': url,
        },
      },
      active,
    );
    spans.set(request, span);
  });

  diagnostics.subscribe('undici:request:headers', (message) => {
    const { request, response } = message as { request: object; response: { statusCode: number } };
    const span = spans.get(request);
    if (!span) return;
    span.setAttribute('http.response.status_code', response.statusCode);
    span.setAttribute('http.status_code', response.statusCode);
    if (response.statusCode >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
  });

  const end = (message: unknown, error?: unknown) => {
    const { request } = message as { request: object };
    const span = spans.get(request);
    if (!span) return;
    spans.delete(request);
    if (error !== undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      span.setAttribute('error.type', error instanceof Error ? error.name : 'error');
    }
    span.end();
  };
  diagnostics.subscribe('undici:request:trailers', (message) => end(message));
  diagnostics.subscribe('undici:request:error', (message) => end(message, (message as { error: unknown }).error));
}
