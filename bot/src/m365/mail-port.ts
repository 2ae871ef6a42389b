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
  /** Files carried in the message itself (each at most MAX_INLINE_ATTACHMENT; larger ones go as links). */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Graph refuses a sendMail request over 4 MB; base64 grows content by a third, so 3 MB is the most to inline. */
export const MAX_INLINE_ATTACHMENT = 3 * 1024 * 1024;

/** The header that carries the outbox row's key, so a copy sent twice can be recognised downstream. */
export const IDEMPOTENCY_HEADER = 'X-Intercambio-Idempotencia';

/**
 * Sends mail. The idempotency key is the outbox row's: a retry after a crash sends with the same key, and the
 * channel must use it so the recipient gets one message, not two.
 */
export interface MailPort {
  send(mail: OutgoingMail, idempotencyKey: string): Promise<{ id: string }>;
}
