import { graphError, type OpContext, type Reply } from './http';
import type { GraphSubset } from './openapi';
import { sha256, type FakeState } from './state';

/** The header the service puts on every mail so a retried send can be recognised (see counters.duplicateMails). */
export const IDEMPOTENCY_HEADER = 'x-intercambio-idempotencia';

export interface MailOptions {
  /** Mailboxes that exist; when given, sendMail for another user → 404 ErrorInvalidUser. */
  mailboxes?: string[];
  now: () => number;
}

type Recipient = { emailAddress?: { address?: string | null; name?: string | null } | null };
interface Message {
  subject?: string | null;
  body?: { contentType?: string; content?: string | null } | null;
  toRecipients?: Recipient[];
  ccRecipients?: Recipient[];
  bccRecipients?: Recipient[];
  attachments?: Array<Record<string, unknown>>;
  internetMessageHeaders?: Array<{ name?: string | null; value?: string | null }>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** POST /users/{id | userPrincipalName}/sendMail: checks what Exchange checks, keeps every message, answers 202. */
export class MailService {
  constructor(
    private readonly opts: MailOptions,
    private readonly state: FakeState,
    private readonly subset: GraphSubset,
  ) {}

  sendMail(ctx: OpContext): Reply {
    const sender = ctx.params['user-id'] ?? '';
    if (this.opts.mailboxes && !this.opts.mailboxes.some((m) => m.toLowerCase() === sender.toLowerCase())) {
      return graphError(404, 'ErrorInvalidUser', `The requested user '${sender}' is invalid.`);
    }
    const user = ctx.caller.user;
    if (
      ctx.caller.kind === 'delegated' &&
      user &&
      ![user.upn, user.oid].some((id) => id.toLowerCase() === sender.toLowerCase())
    ) {
      return graphError(
        403,
        'ErrorSendAsDenied',
        'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.',
      );
    }
    // Property names were aligned to the subset's spelling (Message, SaveToSentItems) by the conformance check.
    const body = (ctx.json ?? {}) as { Message?: Message | null; SaveToSentItems?: boolean | null };
    // Checked before undeclared properties: without '@odata.type' an attachment is the abstract type, so its
    // contentBytes is "undeclared" too, and the missing type is the real mistake.
    for (const a of body.Message?.attachments ?? []) {
      const type = a['@odata.type'];
      if (typeof type !== 'string') {
        const reply = graphError(
          400,
          'RequestBodyRead',
          "The property 'contentBytes' does not exist on type 'microsoft.graph.attachment'. Make sure to only use property names that are defined by the type or mark the type as open type.",
        );
        return { ...reply, violation: "an attachment has no '@odata.type' (#microsoft.graph.fileAttachment)" };
      }
      if (type === '#microsoft.graph.fileAttachment') {
        const bytes = a.contentBytes;
        if (typeof a.name !== 'string' || typeof bytes !== 'string' || bytes.length % 4 !== 0 || !BASE64.test(bytes)) {
          return graphError(400, 'ErrorInvalidRequest', 'A file attachment needs a name and base64 contentBytes.');
        }
      }
    }
    const schema = this.subset.operation('user_sendMail').requestBody?.media.get('application/json')?.schema;
    const undeclared = this.subset.undeclaredProperties(body, schema);
    if (undeclared.length > 0) {
      const reply = graphError(
        400,
        'RequestBodyRead',
        `The property '${undeclared[0]!.split('/').pop()}' does not exist on the type it was sent for (${undeclared.join(', ')}). Make sure to only use property names that are defined by the type.`,
      );
      return { ...reply, violation: `sendMail body has undeclared properties: ${undeclared.join(', ')}` };
    }
    const message = body.Message;
    if (!message) return graphError(400, 'ErrorInvalidParameter', "The value of the parameter 'Message' is empty.");

    const recipients = [
      ...(message.toRecipients ?? []),
      ...(message.ccRecipients ?? []),
      ...(message.bccRecipients ?? []),
    ];
    if (recipients.length === 0) {
      return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is required, but none were found.');
    }
    const bad = recipients.find((r) => !EMAIL.test(r.emailAddress?.address ?? ''));
    if (bad) {
      return graphError(
        400,
        'ErrorInvalidRecipients',
        `At least one recipient isn't valid., Recipient '${bad.emailAddress?.address ?? ''}' isn't resolved. All recipients must be resolved before a message can be submitted.`,
      );
    }
    for (const h of message.internetMessageHeaders ?? []) {
      if (!/^x-/i.test(h.name ?? '')) {
        return graphError(
          400,
          'InvalidInternetMessageHeader',
          `The internet message header name '${h.name ?? ''}' should start with 'x-' or 'X-'.`,
        );
      }
    }
    const idempotencyKey = message.internetMessageHeaders?.find(
      (h) => h.name?.toLowerCase() === IDEMPOTENCY_HEADER,
    )?.value;
    const addresses = recipients.map((r) => r.emailAddress!.address!.toLowerCase()).sort();
    const dedupeKey = idempotencyKey
      ? `key:${idempotencyKey}`
      : `hash:${sha256([message.subject ?? '', addresses.join(','), message.body?.content ?? ''].join('\n'))}`;
    this.state.mails.push({
      senderPathId: sender,
      message: message as Record<string, unknown>,
      saveToSentItems: body.SaveToSentItems ?? undefined,
      auth: ctx.caller.kind,
      clientId: ctx.caller.clientId,
      userPrincipalName: user?.upn,
      receivedAt: new Date(this.opts.now()).toISOString(),
      idempotencyKey: idempotencyKey ?? undefined,
      dedupeKey,
    });
    return { status: 202 };
  }
}
