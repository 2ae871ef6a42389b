import type { Actor, Grant } from '../directory';
import type { Role } from '../roles';
import { requireGrant, hasRole, isPerson, isResponsable } from '../context';
import { SOLICITUD_TRANSITIONS, type SolicitudWho } from './transitions';
import type { Solicitud } from './state';
import type { SolicitudVerb } from './commands';
import { forbidden } from '../errors';

const tests: Record<Exclude<SolicitudWho, 'sistema' | 'participantes'>, (s: Solicitud) => (g: Grant) => boolean> = {
  solicitante: (s) => isPerson(s.requester.personId),
  unidad_duena: (s) => (g) => isResponsable(s.ownerUnitId)(g) || (!!s.assignee && isPerson(s.assignee.personId)(g)),
  ugdt: () => hasRole('ugdt'),
  solicitante_o_ugdt: (s) => (g) => isPerson(s.requester.personId)(g) || hasRole('ugdt')(g),
};

const NEEDED: Record<SolicitudWho, string> = {
  solicitante: 'quien hizo la solicitud',
  unidad_duena: 'la unidad dueña del dato',
  ugdt: 'la UGDT',
  participantes: 'quien solicita, la unidad dueña del dato o la UGDT',
  sistema: 'el sistema',
  solicitante_o_ugdt: 'quien hizo la solicitud o la UGDT',
};
/** Who may issue each kind of verb, in Spanish (the generated state tables, docs/estados.generado.md). */
export const SOLICITUD_WHO_LABELS: Readonly<Record<SolicitudWho, string>> = NEEDED;

/** The capacity in which `actor` may issue `verb` on `s`; throws a Spanish NO_AUTORIZADO otherwise. */
export function authorizeSolicitud(actor: Actor, s: Solicitud, verb: SolicitudVerb): Grant | undefined {
  const who = SOLICITUD_TRANSITIONS[verb].who;
  if (who === 'sistema') {
    if (!actor.system) throw forbidden(`Solo ${NEEDED.sistema} puede realizar esta acción.`);
    return undefined;
  }
  if (actor.system) throw forbidden('El sistema no puede realizar esta acción.');
  if (who === 'participantes') {
    const any = (g: Grant) => tests.solicitante(s)(g) || tests.unidad_duena(s)(g) || tests.ugdt(s)(g);
    return requireGrant(actor, any, NEEDED.participantes);
  }
  return requireGrant(actor, tests[who](s), NEEDED[who]);
}

/** The kinds of `who` that name a role only, not a party of the request: they hold on any request. */
const ROLE_ONLY: Partial<Record<SolicitudWho, Role>> = { ugdt: 'ugdt' };

/**
 * Whether `actor` may issue `verb` on any request whatever its parties: only verbs of a role (the UGDT's) can be.
 * What a screen that offers a verb before any request is chosen asks (the bulk bar); decide() still rules each one.
 */
export function mayIssueOnAnyRequest(actor: Actor, verb: SolicitudVerb): boolean {
  const role = ROLE_ONLY[SOLICITUD_TRANSITIONS[verb].who];
  return !actor.system && !!role && actor.grants.some(hasRole(role));
}
