// Rule 9b (issue 12): rejecting a convenio at evaluación is not one unit's call. SECPLAN, which evaluates the need
// (§3a, §5), proposes the rejection with its reason; the Administración Municipal, which decides the evaluation
// (§3a), rejects on that proposal or dismisses it. In later states the rejection stays as it was (policy.ts).
import { hasRole, requireGrant } from '../context';
import type { Actor, Grant } from '../directory';
import { badTransition, forbidden, type DomainError } from '../errors';
import type { ConvenioVerb } from './commands';
import type { Convenio } from './state';

export const EVALUATION_REJECTION_RULE =
  'El rechazo en evaluación lo decide la Administración Municipal a propuesta de SECPLAN.';

/**
 * Who may `rechazar` at evaluación: only the Administración Municipal (its holder or subrogante), and never the
 * person who proposed it — a SECPLAN official subrogating the Administrador(a) would otherwise decide alone.
 */
export function authorizeEvaluationRejection(actor: Actor, c: Convenio): Grant {
  let grant: Grant;
  try {
    grant = requireGrant(actor, hasRole('administrador_municipal'), 'la Administración Municipal');
  } catch {
    throw forbidden(EVALUATION_REJECTION_RULE);
  }
  if (c.rejectionProposal?.by.personId === actor.personId)
    throw forbidden(`Quien propuso el rechazo no puede decidirlo. ${EVALUATION_REJECTION_RULE}`);
  return grant;
}

/** What stands in the way of the rejection verbs at evaluación; undefined when nothing does. */
export function rejectionBlocker(c: Convenio, verb: ConvenioVerb): DomainError | undefined {
  if (c.state !== 'evaluacion') return undefined;
  if (verb === 'rechazar' && !c.rejectionProposal)
    return badTransition(`SECPLAN aún no propone el rechazo. ${EVALUATION_REJECTION_RULE}`);
  if (verb === 'proponer_rechazo' && c.rejectionProposal)
    return badTransition('Ya hay una propuesta de rechazo pendiente de la decisión de la Administración Municipal.');
  if (verb === 'desestimar_rechazo' && !c.rejectionProposal)
    return badTransition('No hay una propuesta de rechazo que desestimar.');
  return undefined;
}
