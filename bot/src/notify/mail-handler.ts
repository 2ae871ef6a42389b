import type { Directory, Item, LocalDate, Person } from '../../../protocol';
import type { EffectHandler } from '../jobs/outbox-worker';
import type { Logger } from '../logger';
import type { MailAddress, MailPort } from '../m365/mail-port';
import { buildMail } from './mail-message';
import type { MailDocuments } from './mail-documents';
import { outsideContacts, recipientsLabel, resolveRecipients } from './recipients';

export interface MailHandlerDeps {
  repo: { get(itemId: string): Promise<Item | undefined> };
  directory: Directory;
  port: MailPort;
  from: MailAddress;
  detailUrl: (item: Item) => string;
  /** Today in America/Santiago: decides which subrogancias are in force. */
  today: () => LocalDate;
  tabName?: string;
  log?: Logger;
  /** The convenio's document for notices about one: attached and linked (see mail-documents.ts). */
  documents?: (
    item: Item | undefined,
    notice: string,
    audience: { staff: boolean; outsideEmails: string[] },
  ) => Promise<MailDocuments>;
}

type Address = { name: string; email: string };

/** Unique by address (case-insensitive), first occurrence kept. */
const uniqueByEmail = (xs: Address[]) => {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = x.email.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

// A directory synced from Entra may carry people without a mailbox; they get the Teams notice only.
const withMail = (people: Person[]) => people.filter((p) => !!p.email);

/**
 * Outbox handler for `mail` effects: resolves recipients at delivery time (so today's subrogantes get the copy),
 * composes the message and sends it with the outbox row's idempotency key. Errors from the port propagate, and
 * the outbox retries with backoff.
 */
export function mailEffectHandler(deps: MailHandlerDeps): EffectHandler {
  return async (effect, row) => {
    if (effect.type !== 'mail') throw new Error(`mailEffectHandler recibió un efecto ${effect.type}`);
    const today = deps.today();
    const staffTo = withMail(resolveRecipients(deps.directory, effect.to, today));
    const staffCc = withMail(resolveRecipients(deps.directory, effect.cc, today));
    const outsideTo = outsideContacts(effect.to);
    const to = uniqueByEmail([...staffTo, ...outsideTo]);
    const cc = uniqueByEmail([...staffCc, ...outsideContacts(effect.cc)]);
    if (to.length === 0 && cc.length === 0) {
      // Nobody to write to: a retry would find nobody either, so the row is done, with a trace in the log.
      deps.log?.warn('correo sin destinatarios', {
        outboxId: row.id,
        itemId: row.itemId,
        aviso: effect.notice,
        para: recipientsLabel(deps.directory, effect.to),
        copia: recipientsLabel(deps.directory, effect.cc),
      });
      return;
    }
    const item = await deps.repo.get(row.itemId);
    const docs = deps.documents
      ? await deps.documents(item, effect.notice, {
          staff: staffTo.length + staffCc.length > 0,
          outsideEmails: outsideTo.map((c) => c.email),
        })
      : undefined;
    const mail = buildMail(effect, item, to, cc, {
      from: deps.from,
      detailUrl: item ? deps.detailUrl(item) : '',
      tabName: deps.tabName,
      documents: docs?.links,
    });
    if (docs?.attachments.length) mail.attachments = docs.attachments;
    const sent = await deps.port.send(mail, row.idempotencyKey);
    deps.log?.info('correo enviado', {
      outboxId: row.id,
      itemId: row.itemId,
      aviso: effect.notice,
      id: sent.id,
      para: mail.to.length,
      copia: mail.cc.length,
    });
  };
}
