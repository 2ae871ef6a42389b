// The read policy: the one place that says what a reader may see of an item. Every output applies it — REST views,
// lists and the board, search, CSV exports, cards on every bot path, documents, mails and channel copies — and the
// leak matrix test (test/integration/leak-matrix.test.ts) holds each of those paths to it.
//
// Two levels:
//   1. the item: who may read it at all (visibility.ts: canRead, visibilityOf — the register's SQL uses the same keys);
//   2. its sensitive fields: of an item whose data is sensitive or reserved (classification.ts isSensitive), only
//      the people entitled see the dataset's description and fields, the justification, attachments, delivery link,
//      transfers' datasets and the convenio's documents. Ley 19.628 art. 3 as replaced by Ley 21.719: letra c
//      (proporcionalidad: only the data necessary, adequate and pertinent to the purpose) and letra h
//      (confidencialidad); for reserved data, Ley 20.285 art. 21. Readers of the whole register for oversight
//      (Control) see that the item exists and how it moves, not the personal data it carries.
import type { Actor } from './directory';
import type { Item } from './decide';
import type { ItemKind } from './reference';
import type { Role } from './roles';
import { canRead, participantKeys, visibilityOf } from './visibility';
import { isSensitive } from './classification';

export { canRead, visibilityOf } from './visibility';

/** What a reader who is not entitled sees in place of a hidden text. */
export const RESERVED = '[Reservado: datos sensibles]';

/** Besides the parties, who works a convenio's data annex (drafting, legal review, assessment, approval). */
const CONVENIO_WORKERS: readonly Role[] = [
  'secplan',
  'daj',
  'administrador_municipal',
  'alcalde',
  'secretaria_municipal',
];

/**
 * Entitled: the UGDT (it manages the exchange), the people and units the item involves and, for convenios, the
 * officials who process it. Readers of the whole register for oversight only (Control) are not.
 */
export function entitledToSensitive(actor: Actor, item: Item): boolean {
  const scope = sensitiveScopeOf(actor, item.kind);
  if (scope === 'all') return true;
  const keys = participantKeys(item);
  return scope.some((k) => keys.includes(k));
}

/**
 * The same entitlement as keys, for SQL (search in hidden fields): 'all' when the reader is entitled to every item
 * of the kind, otherwise the participant keys (`p:<person>`, `u:<unit>`) of which a sensitive item must carry one.
 */
export function sensitiveScopeOf(actor: Actor, kind: ItemKind): 'all' | string[] {
  if (actor.grants.some((g) => g.role === 'ugdt')) return 'all';
  if (kind === 'convenio' && actor.grants.some((g) => CONVENIO_WORKERS.includes(g.role))) return 'all';
  return [...new Set(actor.grants.flatMap((g) => [`p:${g.holder.personId}`, ...(g.unitId ? [`u:${g.unitId}`] : [])]))];
}

/**
 * What a reader may see of a kind, as SQL needs it: `items` the keys of which an item must carry one to be read
 * at all ('all' for readers of the whole register), `sensitive` the same for the hidden fields of sensitive items.
 */
export interface ReadScope {
  items: 'all' | string[];
  sensitive: 'all' | string[];
}

export function readScopeOf(actor: Actor, kind: ItemKind): ReadScope {
  return { items: visibilityOf(actor, kind), sensitive: sensitiveScopeOf(actor, kind) };
}

/** Only the reader's own items (the bot's «mis solicitudes»): the person's key, with the same field rule. */
export function ownScopeOf(actor: Actor, kind: ItemKind): ReadScope {
  return { items: [`p:${actor.personId}`], sensitive: sensitiveScopeOf(actor, kind) };
}

/**
 * The item as this reader may see it, and the paths of what was hidden (empty when nothing was). `null` stands for
 * an audience nobody vouches for (a card posted in a channel or group chat, read by whoever is in it): it sees what a
 * reader not entitled sees, and each entitled reader's client refreshes the card to their own view.
 */
export function redactFor(actor: Actor | null, item: Item): { item: Item; hidden: string[] } {
  if (!isSensitive(item.classification) || (actor && entitledToSensitive(actor, item))) return { item, hidden: [] };
  if (item.kind === 'solicitud') {
    const hidden = ['dataset.description', 'dataset.fields', 'justification', 'attachments'];
    const copy: Item = {
      ...item,
      dataset: { ...item.dataset, description: RESERVED, fields: [RESERVED] },
      justification: RESERVED,
      attachments: [],
    };
    if (item.delivery) {
      hidden.push('delivery.link', 'delivery.fileName', 'delivery.files');
      copy.delivery = { ...item.delivery, link: undefined, fileName: undefined, files: undefined };
    }
    return { item: copy, hidden };
  }
  return {
    item: {
      ...item,
      datasets: item.datasets.map((d) => ({ ...d, description: RESERVED, fields: [RESERVED] })),
      documents: item.documents.map((d) => ({ ...d, url: undefined })),
      transfers: item.transfers.map((t) => ({ ...t, datasets: [RESERVED] })),
    },
    hidden: ['datasets.description', 'datasets.fields', 'documents.url', 'transfers.datasets'],
  };
}

/**
 * Audit payload keys that repeat a field redactFor hides, by kind and command: a timeline must not give back what
 * the item hides (the delivery link, a document's address, the datasets of a transfer).
 */
const HIDDEN_PAYLOAD: Record<Item['kind'], Partial<Record<string, readonly string[]>>> = {
  solicitud: { entregar: ['link', 'fileName', 'files'], conforme: ['files'] },
  convenio: {
    registrar_borrador: ['url'],
    subir_firmado_fea: ['url'],
    registrar_documento: ['url'],
    registrar_transferencia: ['datasets'],
  },
};

/**
 * An audit event's payload as a reader who is not entitled to the item's sensitive fields may see it (call it only
 * when redactFor hid something). Hidden links and addresses are dropped, like in the item; hidden texts and
 * lists read RESERVED.
 */
export function redactAuditPayload(
  kind: Item['kind'],
  command: string,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const keys = HIDDEN_PAYLOAD[kind][command];
  if (!keys) return payload;
  const copy = { ...payload };
  for (const k of keys) {
    if (!(k in copy)) continue;
    if (Array.isArray(copy[k])) copy[k] = [RESERVED];
    else delete copy[k];
  }
  return copy;
}

/**
 * Whether the reader may open the convenio's files (draft, FEA-signed act, certificate) and see where they are
 * stored. The draft writes out every dataset with its fields and purpose, and a signed act can't be redacted without
 * becoming another document than the one signed, so a reader not entitled to the sensitive fields gets no file
 * (403) rather than a redacted rendition: they still see each version's hash, date and who signed it.
 */
export function mayOpenDocuments(actor: Actor, item: Item): boolean {
  return canRead(actor, item) && (!isSensitive(item.classification) || entitledToSensitive(actor, item));
}

/**
 * The item's searchable text, split by the policy: `open` is seen by every reader of the item; `reserved` are the
 * texts redactFor hides from readers not entitled, searched only for those entitled (or when nothing is sensitive).
 */
export function searchableText(item: Item): { open: string[]; reserved: string[] } {
  if (item.kind === 'solicitud')
    return {
      open: [item.reference, item.dataset.name, item.purpose, item.requester.name, item.ownerUnitId],
      reserved: [
        ...item.dataset.fields,
        ...(item.dataset.description ? [item.dataset.description] : []),
        ...(item.justification ? [item.justification] : []),
      ],
    };
  return {
    open: [
      item.reference,
      item.title,
      item.entity.name,
      item.entity.rut,
      // A RUT is also findable without dots or hyphen (81458500k), as people type it.
      item.entity.rut.replace(/[.\s-]/g, ''),
      item.purpose,
      item.proposer.name,
      ...item.datasets.map((d) => d.name),
    ],
    reserved: item.datasets.flatMap((d) => [...d.fields, ...(d.description ? [d.description] : [])]),
  };
}
