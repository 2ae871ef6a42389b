// What every convenio verb's rule gets from the dispatcher (decide.ts), and the helpers several of them share.
import { startOfLocalDay } from '../../calendar';
import type { DecideContext } from '../../context';
import type { Grant } from '../../directory';
import { contact, person, role, type AuditEntry, type Effect, type Recipient } from '../../effects';
import type { Stamp } from '../../solicitud/state';
import type { ConvenioCommand, ConvenioVerb } from '../commands';
import type { Convenio, ConvenioState, DocumentVersion } from '../state';

/** The command of one verb (or of a few verbs that share one rule). */
export type VerbCommand<K extends ConvenioVerb> = Extract<ConvenioCommand, { type: K }>;

/** What the shared guards established and what a rule adds to: its effects, its audit payload. */
export interface VerbContext {
  c: Convenio;
  ctx: DecideContext;
  st: Stamp;
  /** The local date of ctx.now. */
  today: string;
  tz: string;
  ref: string;
  /** The item as it starts: `c` with updatedAt set. */
  next: Convenio;
  effects: Effect[];
  /** A notice to `to`, copied to SECPLAN, with the reference before the subject. */
  say: (to: Recipient[], kind: string, subject: string, summary: string) => void;
  draft: DocumentVersion | undefined;
  /** The current draft, if it is the version (and hash) the person saw; else DOCUMENTO_DISTINTO. */
  requireDraft: (version: number, sha256: string) => DocumentVersion;
  /** The audit entry's payload: the command without its type; a rule may add what it computed. */
  payload: Record<string, unknown>;
}

/** One verb's rule: the state it produces (effects go to `v.effects`). Throws DomainError to refuse. */
export type VerbHandler<K extends ConvenioVerb> = (cmd: VerbCommand<K>, v: VerbContext) => Convenio;

/** Every verb's rule, exhaustive like CONVENIO_TRANSITIONS. */
export type VerbHandlers = { [K in ConvenioVerb]: VerbHandler<K> };

export function stamp(ctx: DecideContext, grant: Grant | undefined): Stamp {
  const by = { personId: ctx.actor.personId, name: ctx.actor.name };
  return grant?.delegated
    ? { at: ctx.now.toISOString(), by, onBehalfOf: grant.holder }
    : { at: ctx.now.toISOString(), by };
}

export function audit(
  from: ConvenioState | null,
  to: ConvenioState,
  command: string,
  st: Stamp,
  payload: object,
): AuditEntry {
  return {
    command,
    from,
    to,
    actor: st.by,
    ...(st.onBehalfOf ? { onBehalfOf: st.onBehalfOf } : {}),
    payload: { ...payload },
  };
}

/** Evaluations and the end-of-vigencia notice fall due at 09:00 local time on their day. */
export const morning = (d: string, tz: string) =>
  new Date(startOfLocalDay(d, tz).getTime() + 9 * 3600_000).toISOString();

export const SECPLAN_CC: Recipient[] = [role('secplan')];

/**
 * Who a signature notice goes to: the signer in the directory; else the mayor (municipal side) or SECPLAN, who
 * records an outside signature, and then the counterpart's representative too, by mail with the document's link.
 */
export function signerRecipients(c: Convenio, s: Convenio['signers'][number]): Recipient[] {
  if (s.personId) return [person(s.personId)];
  if (s.side === 'municipalidad') return [role('alcalde')];
  return [role('secplan'), ...contact(c.entity.representative)];
}

/** The technical contacts of both sides: the municipal one in Teams (or by mail), the counterpart's by mail. */
export function technicalContacts(c: Convenio): Recipient[] {
  const m = c.municipalTechnicalContact;
  return [...(m.personId ? [person(m.personId)] : contact(m)), ...contact(c.entity.technicalContact)];
}

/** What a visación or signature is bound to: the exact document version, its hash and, once stored, its storage id. */
export const boundTo = (d: DocumentVersion) => ({
  version: d.version,
  sha256: d.sha256,
  ...(d.storageVersionId ? { storageVersionId: d.storageVersionId } : {}),
});
