/** A mailbox address with its display name. */
export interface MailAddress {
  name: string;
  email: string;
}

/** One outgoing message, already composed: what any mail channel (Graph, SMTP, local .eml files) needs to send. */
export interface OutgoingMail {
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  text: string;
  html: string;
  /** Extra RFC 5322 headers (auto-submitted marker, item reference…). */
  headers: Record<string, string>;
}

/**
 * Sends mail. The idempotency key is the outbox row's: a retry after a crash sends with the same key, and the
 * channel must use it so the recipient gets one message, not two.
 */
export interface MailPort {
  send(mail: OutgoingMail, idempotencyKey: string): Promise<{ id: string }>;
}
