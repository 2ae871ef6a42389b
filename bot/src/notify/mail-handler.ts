import {
  mayOpenDocuments,
  resolveActor,
  type Effect,
  type Directory,
  type Item,
  type LocalDate,
  type Person,
} from '../../../protocol';
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
  const send = async (
    effect: Extract<Effect, { type: 'mail' }>,
    item: Item | undefined,
    to: Address[],
    cc: Address[],
    docs: MailDocuments | undefined,
    row: { id: number; itemId: string; idempotencyKey: string },
    keySuffix = '',
  ) => {
    const mail = buildMail(effect, item, to, cc, {
      from: deps.from,
      detailUrl: item ? deps.detailUrl(item) : '',
      tabName: deps.tabName,
      documents: docs?.links,
    });
    if (docs?.attachments.length) mail.attachments = docs.attachments;
    const sent = await deps.port.send(mail, row.idempotencyKey + keySuffix);
    deps.log?.info('correo enviado', {
      outboxId: row.id,
      itemId: row.itemId,
      aviso: effect.notice,
      id: sent.id,
      para: mail.to.length,
      copia: mail.cc.length,
    });
  };
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
    // The read policy: the convenio's document (its datasets and fields) goes only to staff who may open it, and the
    // outside contacts who are the convenio's counterpart. Staff who may not (none, as the protocol addresses its
    // notices today) get their own copy without it.
    const mayOpen = (p: Person) => {
      if (!item) return true; // no item, no document to attach
      const actor = resolveActor(deps.directory, p.id, today);
      return !!actor && mayOpenDocuments(actor, item);
    };
    const denied = new Set([...staffTo, ...staffCc].filter((p) => !mayOpen(p)).map((p) => p.email!.toLowerCase()));
    const entitledTo = to.filter((a) => !denied.has(a.email.toLowerCase()));
    const entitledCc = cc.filter((a) => !denied.has(a.email.toLowerCase()));
    if (entitledTo.length + entitledCc.length > 0) {
      const docs = deps.documents
        ? await deps.documents(item, effect.notice, {
            staff: staffTo.length + staffCc.length > denied.size,
            outsideEmails: outsideTo.map((c) => c.email),
          })
        : undefined;
      await send(effect, item, entitledTo, entitledCc, docs, row);
    }
    if (denied.size > 0)
      await send(
        effect,
        item,
        to.filter((a) => denied.has(a.email.toLowerCase())),
        cc.filter((a) => denied.has(a.email.toLowerCase())),
        undefined,
        row,
        ':sin-documentos',
      );
  };
}
