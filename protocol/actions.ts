import type { Actor } from './directory';
import type { Item } from './decide';
import { isDomainError } from './errors';
import { authorizeSolicitud } from './solicitud/policy';
import { SOLICITUD_TRANSITIONS, SOLICITUD_VERBS } from './solicitud/transitions';
import type { SolicitudVerb } from './solicitud/commands';
import { authorizeConvenio } from './convenio/policy';
import { CONVENIO_TRANSITIONS, CONVENIO_VERBS } from './convenio/transitions';
import type { ConvenioCommand, ConvenioVerb } from './convenio/commands';
import type { Convenio } from './convenio/state';
import {
  approvalBlocker,
  changeSignersBlocker,
  legalReviewBlocker,
  renewalBlocker,
  signatureBlocker,
  toLegalReviewBlocker,
} from './convenio/preconditions';
import { EXTENSION_BLOCKERS } from './solicitud/extensions';
import { rejectionBlocker } from './convenio/rejection';
import { eipdBlocker, eipdPending, unauthorizedOrigins } from './convenio/legal';
import { isLegacyLegalBasis } from './legal-basis';
import type { Solicitud } from './solicitud/state';

export interface AllowedAction {
  verb: string;
  label: string;
  /** For firmar: the signer the actor may sign as. */
  signerId?: string;
}

/** Steps that also wait for something besides state and role (see convenio/preconditions.ts). */
const CONVENIO_BLOCKERS: Partial<Record<ConvenioVerb, (c: Convenio) => unknown>> = {
  aprobar_evaluacion: approvalBlocker,
  enviar_a_visacion: toLegalReviewBlocker,
  visar: (c) => legalReviewBlocker(c, 'municipal'),
  registrar_visacion_externa: (c) => legalReviewBlocker(c, 'external'),
  renovar: renewalBlocker,
  cambiar_firmantes: changeSignersBlocker,
  rechazar: (c) => rejectionBlocker(c, 'rechazar'),
  proponer_rechazo: (c) => rejectionBlocker(c, 'proponer_rechazo'),
  desestimar_rechazo: (c) => rejectionBlocker(c, 'desestimar_rechazo'),
  registrar_decreto: eipdBlocker,
  // Rules 6–7: offered only while something is pending, so they never sit on everyone's list of pending work.
  actualizar_base_legal: (c) => !isLegacyLegalBasis(c.legalBasis),
  registrar_eipd: (c) => !eipdPending(c),
  registrar_autorizacion_origen: (c) => unauthorizedOrigins(c).length === 0,
};

/** An extension with nothing left of the art. 26 allowance, or after expiry, would only be refused. */
const SOLICITUD_BLOCKERS: Partial<Record<SolicitudVerb, (s: Solicitud) => boolean>> = {
  // Art. 26: before expiry only, one pending request at a time; reiterar only after expiry (extensions.ts).
  ...EXTENSION_BLOCKERS,
  // Rule 6: offered only while the request still has an old free-text basis («Base legal por revisar»).
  actualizar_base_legal: (s) => !isLegacyLegalBasis(s.legalBasis),
};

/** The step's own buttons lead; leaving the process and commenting come last. */
const CONVENIO_LAST: readonly string[] = ['rechazar', 'desistir', 'comentar', 'proponer_rechazo'];

function allowed(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (isDomainError(e)) return false;
    throw e;
  }
}

/**
 * Exactly what `actor` may do on `item` now: the verbs whose source state matches and whose policy admits the
 * actor. System-only verbs are never offered. Cards and the tab show these and nothing else.
 */
export function allowedActions(item: Item, actor: Actor): AllowedAction[] {
  if (actor.system) return [];
  if (item.kind === 'solicitud') {
    return SOLICITUD_VERBS.filter((v: SolicitudVerb) => {
      const t = SOLICITUD_TRANSITIONS[v];
      return (
        t.who !== 'sistema' &&
        t.from.includes(item.state) &&
        !SOLICITUD_BLOCKERS[v]?.(item) &&
        allowed(() => authorizeSolicitud(actor, item, v))
      );
    }).map((verb) => ({ verb, label: SOLICITUD_TRANSITIONS[verb].label }));
  }
  const out: AllowedAction[] = [];
  for (const verb of CONVENIO_VERBS as ConvenioVerb[]) {
    const t = CONVENIO_TRANSITIONS[verb];
    if (t.who === 'sistema' || !t.from.includes(item.state)) continue;
    if (CONVENIO_BLOCKERS[verb]?.(item)) continue;
    if (verb === 'firmar') {
      for (const s of item.signers) {
        if (signatureBlocker(item, s.id)) continue;
        const probe = { type: 'firmar', signerId: s.id } as ConvenioCommand;
        if (allowed(() => authorizeConvenio(actor, item, probe)))
          out.push({ verb, label: `Firmar como ${s.name}`, signerId: s.id });
      }
      continue;
    }
    // Observations on the municipal side are the DAJ's; SECPLAN records the counterpart's.
    const probe = (verb === 'observar' ? { type: verb, side: 'municipal' } : { type: verb }) as ConvenioCommand;
    const ok =
      allowed(() => authorizeConvenio(actor, item, probe)) ||
      (verb === 'observar' &&
        allowed(() => authorizeConvenio(actor, item, { type: 'observar', side: 'externa' } as ConvenioCommand)));
    if (ok) out.push({ verb, label: t.label });
  }
  return [...out.filter((a) => !CONVENIO_LAST.includes(a.verb)), ...out.filter((a) => CONVENIO_LAST.includes(a.verb))];
}

/**
 * Verbs that never make an item someone's pending work: anyone involved may comment on an open item at any time,
 * and a requester or proposer may always withdraw — counting those would put every item a person can see, or
 * started, on their list.
 */
export const NOT_PENDING_VERBS: readonly string[] = [
  'comentar',
  'cancelar',
  'desistir',
  // The owner unit may ask for an extension or correct the class at any time; neither is owed work.
  'solicitar_prorroga',
  'corregir_clasificacion',
];

/** UGDT verbs that are owed before any deadline passes: a pending extension request must be decided before expiry. */
const UGDT_OWED_VERBS: readonly string[] = ['conceder_prorroga', 'denegar_prorroga'];

/**
 * What `actor` is expected to do on `item` now ("Mis pendientes", the bot's "pendientes"): the allowed actions
 * without the ones that are always open (NOT_PENDING_VERBS). The UGDT oversees every open request but is expected
 * to step in only once a deadline has passed (§2b), so its oversight verbs count only on an overdue request.
 * Empty when nothing waits for this person.
 */
export function pendingActions(
  item: Item,
  actor: Actor,
  /** allowedActions(item, actor), when the caller already has it (a card computes it once for bar and header). */
  allowed: AllowedAction[] = allowedActions(item, actor),
): AllowedAction[] {
  return allowed.filter(
    (a) =>
      !NOT_PENDING_VERBS.includes(a.verb) &&
      !(
        item.kind === 'solicitud' &&
        !item.overdue &&
        SOLICITUD_TRANSITIONS[a.verb as SolicitudVerb]?.who === 'ugdt' &&
        !UGDT_OWED_VERBS.includes(a.verb)
      ),
  );
}
