import type { Client } from '@microsoft/microsoft-graph-client';
import { IDEMPOTENCY_HEADER, type MailAddress, type MailPort, type OutgoingMail } from '../mail-port';
import { fromGraphError } from './graph-client';

const recipient = (a: MailAddress) => ({ emailAddress: { name: a.name, address: a.email } });

/**
 * Mail copies through Graph `sendMail`, from the configured mailbox (application permission Mail.Send, limited
 * to that mailbox by an application access policy). Graph takes one body: the HTML one, which carries the same
 * text; only x- headers may be added, so the outbox key travels as X-Intercambio-Idempotencia. Graph has no
 * idempotent send: if its answer is lost after it accepted the message, the retry sends a second copy with the
 * same key header (counted by the tests; mail clients show both).
 */
export class GraphMailPort implements MailPort {
  constructor(
    private readonly graph: Client,
    /** UPN or object id of the sending mailbox. */
    private readonly mailbox: string,
  ) {}

  async send(mail: OutgoingMail, idempotencyKey: string): Promise<{ id: string }> {
    const headers = Object.entries(mail.headers)
      .filter(([name]) => /^x-/i.test(name))
      .map(([name, value]) => ({ name, value }));
    const message = {
      subject: mail.subject,
      body: { contentType: 'html', content: mail.html },
      toRecipients: mail.to.map(recipient),
      ccRecipients: mail.cc.map(recipient),
      internetMessageHeaders: [{ name: IDEMPOTENCY_HEADER, value: idempotencyKey }, ...headers],
      ...(mail.attachments?.length
        ? {
            attachments: mail.attachments.map((a) => ({
              '@odata.type': '#microsoft.graph.fileAttachment',
              name: a.name,
              contentType: a.contentType,
              contentBytes: Buffer.from(a.bytes).toString('base64'),
            })),
          }
        : {}),
    };
    try {
      await this.graph
        .api(`/users/${encodeURIComponent(this.mailbox)}/sendMail`)
        .post({ message, saveToSentItems: true });
    } catch (e) {
      throw fromGraphError(e, 'envío de correo');
    }
    // sendMail answers 202 with no id: the key is what identifies the message.
    return { id: idempotencyKey };
  }
}
