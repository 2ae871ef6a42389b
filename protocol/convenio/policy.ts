import type { Actor, Directory, Grant } from '../directory';
import type { LocalDate } from '../calendar';
import { hasRole, isPerson, requireGrant } from '../context';
import { forbidden, invalid } from '../errors';
import { CONVENIO_TRANSITIONS, type ConvenioWho } from './transitions';
import type { Convenio } from './state';
import type { ConvenioCommand } from './commands';
import { actorMaySignFor, MUNICIPAL_SIGNER_REFUSAL, municipalSignerProblem } from './signers';
import { authorizeEvaluationRejection } from './rejection';

type Test = (c: Convenio, cmd: ConvenioCommand) => (g: Grant) => boolean;
const any =
  (...ts: ((g: Grant) => boolean)[]) =>
  (g: Grant) =>
    ts.some((t) => t(g));

const TESTS: Record<Exclude<ConvenioWho, 'sistema'>, [Test, string]> = {
  secplan: [() => hasRole('secplan'), 'SECPLAN'],
  administrador: [() => hasRole('administrador_municipal'), 'el/la Administrador(a) Municipal'],
  evaluadores: [
    () => any(hasRole('secplan'), hasRole('administrador_municipal'), hasRole('daj')),
    'SECPLAN, la Administración Municipal o la DAJ',
  ],
  daj: [() => hasRole('daj'), 'la Dirección de Asesoría Jurídica'],
  // The DAJ observes its own review; SECPLAN records the external legal department's observations.
  visacion: [
    (_c, cmd) => (cmd.type === 'observar' && cmd.side === 'externa' ? hasRole('secplan') : hasRole('daj')),
    'la DAJ (observación municipal) o SECPLAN (observación de la contraparte)',
  ],
  firmante: [
    (c, cmd) => {
      const s = cmd.type === 'firmar' ? c.signers.find((x) => x.id === cmd.signerId) : undefined;
      if (!s) return () => false;
      // Any capacity held by that person counts, so a subrogante appointed for the mayor's post may sign.
      if (s.personId) return (g: Grant) => g.holder.personId === s.personId;
      // The mayor signs for the municipality (a subrogante through delegation); SECPLAN records an
      // external signature with its evidence when the signer is not in the tenant.
      return s.side === 'municipalidad' ? hasRole('alcalde') : hasRole('secplan');
    },
    'el firmante designado',
  ],
  decreto: [() => any(hasRole('secretaria_municipal'), hasRole('alcalde')), 'la Secretaría Municipal o el Alcalde'],
  secplan_o_contraparte_tecnica: [
    (c) =>
      any(
        hasRole('secplan'),
        (g) => !!c.municipalTechnicalContact.personId && isPerson(c.municipalTechnicalContact.personId)(g),
      ),
    'SECPLAN o la contraparte técnica municipal',
  ],
  secplan_o_proponente: [
    (c) => any(hasRole('secplan'), isPerson(c.proposer.personId)),
    'SECPLAN o quien propuso el convenio',
  ],
  participantes: [
    (c) => any(hasRole('secplan'), hasRole('administrador_municipal'), hasRole('daj'), isPerson(c.proposer.personId)),
    'SECPLAN, la Administración Municipal, la DAJ o quien propuso el convenio',
  ],
  redaccion: [() => hasRole('secplan'), 'SECPLAN'],
};
/** Who may issue each kind of verb, in Spanish (the generated state tables, docs/estados.generado.md). */
export const CONVENIO_WHO_LABELS: Readonly<Record<ConvenioWho, string>> = {
  ...(Object.fromEntries(Object.entries(TESTS).map(([who, [, label]]) => [who, label])) as Record<
    Exclude<ConvenioWho, 'sistema'>,
    string
  >),
  sistema: 'el sistema',
};

/**
 * `at` (the directory and today's date) gives the precise refusal when a municipal signer may no longer sign (an
 * expired or out-of-scope delegation); without it the check uses the delegations the actor was resolved with.
 */
export function authorizeConvenio(
  actor: Actor,
  c: Convenio,
  cmd: ConvenioCommand,
  at?: { directory: Directory; today: LocalDate },
): Grant | undefined {
  const who = CONVENIO_TRANSITIONS[cmd.type].who;
  if (who === 'sistema') {
    if (!actor.system) throw forbidden('Solo el sistema puede realizar esta acción.');
    return undefined;
  }
  if (actor.system) {
    // The document worker records generated drafts as the system.
    if (cmd.type === 'registrar_borrador') return undefined;
    throw forbidden('El sistema no puede realizar esta acción.');
  }
  if (cmd.type === 'firmar' && !c.signers.some((s) => s.id === cmd.signerId))
    throw invalid('Firmante desconocido.', { signerId: 'no figura entre los firmantes' });
  // Rule 9b: at evaluación only the Administración Municipal rejects (on SECPLAN's proposal, convenio/rejection.ts).
  if (cmd.type === 'rechazar' && c.state === 'evaluacion') return authorizeEvaluationRejection(actor, c);
  const [test, needed] = TESTS[who];
  const grant = requireGrant(actor, test(c, cmd), needed);
  // Rule 1 (Ley 18.695 art. 63 letras a y j): the municipality signs through the Alcalde or a delegate by decree,
  // checked again at the moment of signing.
  if (cmd.type === 'firmar' && c.signers.find((s) => s.id === cmd.signerId)?.side === 'municipalidad') {
    const problem = at
      ? municipalSignerProblem(actor, c, at.today, at.directory, 'firmar')
      : actorMaySignFor(actor, c)
        ? undefined
        : `${MUNICIPAL_SIGNER_REFUSAL}.`;
    if (problem) throw forbidden(problem);
  }
  return grant;
}
