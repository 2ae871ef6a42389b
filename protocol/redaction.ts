// Fields of sensitive datasets are shown only to the people entitled to them (Ley 21.719: proportionality). Who may
// read an item at all is visibility.ts; this decides, for a reader, which parts of a sensitive item stay hidden.
import type { Actor } from './directory';
import type { Item } from './decide';
import type { Role } from './roles';
import { participantKeys } from './visibility';
import { isSensitive } from './classification';

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
  if (actor.grants.some((g) => g.role === 'ugdt')) return true;
  if (item.kind === 'convenio' && actor.grants.some((g) => CONVENIO_WORKERS.includes(g.role))) return true;
  const keys = participantKeys(item);
  return actor.grants.some(
    (g) => keys.includes(`p:${g.holder.personId}`) || (g.unitId !== undefined && keys.includes(`u:${g.unitId}`)),
  );
}

/** The item as this reader may see it, and the paths of what was hidden (empty when nothing was). */
export function redactFor(actor: Actor, item: Item): { item: Item; hidden: string[] } {
  if (!isSensitive(item.classification) || entitledToSensitive(actor, item)) return { item, hidden: [] };
  if (item.kind === 'solicitud') {
    const hidden = ['dataset.description', 'dataset.fields', 'justification', 'attachments'];
    const copy: Item = {
      ...item,
      dataset: { ...item.dataset, description: RESERVED, fields: [RESERVED] },
      justification: RESERVED,
      attachments: [],
    };
    if (item.delivery) {
      hidden.push('delivery.link', 'delivery.fileName');
      copy.delivery = { ...item.delivery, link: undefined, fileName: undefined };
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
  solicitud: { entregar: ['link', 'fileName'] },
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
