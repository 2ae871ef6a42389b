import { metrics, type BatchObservableCallback, type Counter, type Histogram } from '@opentelemetry/api';
import type { Db } from '../store/db';
import { CONVENIO_VERBS, SOLICITUD_VERBS } from '../../../protocol';
import { REFRESH_VERB, UI_VERBS } from '../cards/contract';

/**
 * The service's own metrics, through the OpenTelemetry API. With APPLICATIONINSIGHTS_CONNECTION_STRING the Azure
 * Monitor distro (telemetry.ts) has set a meter provider before anything records, and these reach Application
 * Insights (customMetrics); without it the API's meter is a no-op: each record is an empty call, nothing is kept.
 */
export const METER_NAME = 'intercambio-de-datos';

export const METRIC = {
  outboxPending: 'intercambio.outbox.pendientes',
  outboxFailed: 'intercambio.outbox.fallidos',
  outboxOldestPending: 'intercambio.outbox.antiguedad_pendiente',
  timersFired: 'intercambio.temporizadores.disparados',
  cardAction: 'intercambio.tarjetas.duracion',
  teamsThrottled: 'intercambio.teams.limitados',
} as const;

interface Instruments {
  timersFired: Counter;
  cardAction: Histogram;
  teamsThrottled: Counter;
}

let instruments: Instruments | undefined;

/** Created on first use, so after telemetry.ts has installed the provider (the API has no proxy for meters). */
function get(): Instruments {
  if (instruments) return instruments;
  const meter = metrics.getMeter(METER_NAME);
  instruments = {
    timersFired: meter.createCounter(METRIC.timersFired, {
      description: 'Temporizadores disparados (recordatorios, vencimientos, fin de vigencia), por tipo',
    }),
    cardAction: meter.createHistogram(METRIC.cardAction, {
      description: 'Duración de una acción de tarjeta de Teams, de la invocación a la tarjeta de respuesta',
      unit: 'ms',
    }),
    teamsThrottled: meter.createCounter(METRIC.teamsThrottled, {
      description: 'Envíos a Teams frenados: 429 del Bot Connector, o espera del límite propio por conversación',
    }),
  };
  return instruments;
}

/** Card verbs the service knows: anything else is counted as "otro", so a caller cannot grow the label set. */
const KNOWN_VERBS = new Set<string>([
  ...UI_VERBS,
  REFRESH_VERB,
  'solicitud.crear',
  'convenio.crear',
  ...SOLICITUD_VERBS.map((v) => `solicitud.${v}`),
  ...CONVENIO_VERBS.map((v) => `convenio.${v}`),
]);

export function verbLabel(verb: unknown): string {
  return typeof verb === 'string' && KNOWN_VERBS.has(verb) ? verb : 'otro';
}

export function recordCardAction(verb: unknown, ms: number, outcome: 'ok' | 'rechazo' | 'error'): void {
  get().cardAction.record(ms, { verb: verbLabel(verb), outcome });
}

export function recordTimerFired(kind: string): void {
  get().timersFired.add(1, { kind });
}

/** `http_429`: Teams answered 429; `limite_local`: the in-process limiter made a send wait. */
export function recordTeamsThrottled(reason: 'http_429' | 'limite_local'): void {
  get().teamsThrottled.add(1, { reason });
}

/** What the outbox gauges read, once per export interval (not per request). */
export interface OutboxCounts {
  pending: number;
  failed: number;
  /** Seconds since the oldest pending row was written (0 when none). */
  oldestPendingSeconds: number;
}

/**
 * Observable gauges of the outbox: pending rows, dead letters (fallido, waiting for a person on Envíos) and the age
 * of the oldest pending row. `read` runs only when a reader collects (every export interval), never without one.
 * Returns what stops observing (the service's stop, before the database closes).
 */
export function observeOutbox(read: () => Promise<OutboxCounts>): () => void {
  const meter = metrics.getMeter(METER_NAME);
  const pending = meter.createObservableGauge(METRIC.outboxPending, {
    description: 'Envíos pendientes en la cola (outbox)',
  });
  const failed = meter.createObservableGauge(METRIC.outboxFailed, {
    description: 'Envíos fallidos que esperan un reintento manual (página Envíos)',
  });
  const oldest = meter.createObservableGauge(METRIC.outboxOldestPending, {
    description: 'Antigüedad del envío pendiente más antiguo',
    unit: 's',
  });
  const observables = [pending, failed, oldest];
  const callback: BatchObservableCallback = async (result) => {
    // A database that does not answer: no value this interval (its own alerts say why), not a crash.
    const counts = await read().catch(() => undefined);
    if (!counts) return;
    result.observe(pending, counts.pending);
    result.observe(failed, counts.failed);
    result.observe(oldest, counts.oldestPendingSeconds);
  };
  meter.addBatchObservableCallback(callback, observables);
  return () => meter.removeBatchObservableCallback(callback, observables);
}

/** The outbox gauges' query: two partial indexes (pending, failed) answer it. */
export async function outboxCounts(db: Pick<Db, 'query'>, now: Date): Promise<OutboxCounts> {
  const { rows } = await db.query<{ pending: number; failed: number; oldest: Date | string | null }>(
    `SELECT count(*) FILTER (WHERE status = 'pendiente')::int AS pending,
            count(*) FILTER (WHERE status = 'fallido')::int AS failed,
            min(created_at) FILTER (WHERE status = 'pendiente') AS oldest
       FROM outbox WHERE status IN ('pendiente', 'fallido')`,
  );
  const r = rows[0]!;
  const oldest = r.oldest ? new Date(r.oldest).getTime() : undefined;
  return {
    pending: r.pending,
    failed: r.failed,
    oldestPendingSeconds: oldest === undefined ? 0 : Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
  };
}
