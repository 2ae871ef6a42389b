/**
 * Retry-After from a delivery's error, when the service it called gave one. Thrown by the transports (Graph, Teams)
 * and honoured by the outbox worker's backoff; it lives below both so neither depends on the other.
 */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}
