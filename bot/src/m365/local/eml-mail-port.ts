import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { headerValue } from '../../notify/mail-message';
import { IDEMPOTENCY_HEADER, type MailAddress, type MailPort, type OutgoingMail } from '../mail-port';

/** Every header this port writes is one line, whoever built the mail (buildMail does the same; nodemailer too). */
const mailbox = (a: MailAddress) => ({ name: headerValue(a.name), address: headerValue(a.email) });

/** A readable, file-system-safe stem for the key, plus a hash so two keys that sanitise alike never share a file. */
export function emlFileName(idempotencyKey: string): string {
  const readable = idempotencyKey.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100);
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 12);
  return `${readable}-${hash}.eml`;
}

/** Message-ID from the key (RFC 5322 id-left must be a dot-atom, so a hash): a resent copy is the same message. */
export function messageIdFor(idempotencyKey: string, fromEmail: string): string {
  const domain = fromEmail.split('@')[1] || 'intercambio-de-datos.local';
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

/**
 * Local-mode mail channel: one RFC 5322 .eml file per message in `dir`, to open in any mail client. The file is
 * named after the idempotency key, so a retry after a crash overwrites the same file instead of adding a copy, and
 * it is written to a temporary file first and renamed, so a reader never sees half a message.
 */
export class LocalEmlMailPort implements MailPort {
  constructor(readonly dir: string) {}

  async send(mail: OutgoingMail, idempotencyKey: string): Promise<{ id: string }> {
    const messageId = messageIdFor(idempotencyKey, mail.from.email);
    const raw = await new MailComposer({
      from: mailbox(mail.from),
      to: mail.to.map(mailbox),
      cc: mail.cc.map(mailbox),
      subject: headerValue(mail.subject),
      text: mail.text,
      html: mail.html,
      headers: Object.fromEntries(
        Object.entries({ ...mail.headers, [IDEMPOTENCY_HEADER]: idempotencyKey }).map(([k, v]) => [
          headerValue(k),
          headerValue(v),
        ]),
      ),
      messageId,
      attachments: mail.attachments?.map((a) => ({
        filename: a.name,
        contentType: a.contentType,
        content: Buffer.from(a.bytes),
      })),
    })
      .compile()
      .build();
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, emlFileName(idempotencyKey));
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, raw);
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return { id: messageId };
  }
}
