import { strictest, requiresImpactAssessment } from '../classification';
import { toLocalDate } from '../calendar';
import type { DecideContext } from '../context';
import { notice, person, role, type Decision, type Effect, type Recipient } from '../effects';
import { badTransition, DomainError, forbidden, invalid } from '../errors';
import type { Stamp } from '../solicitud/state';
import type { ConvenioCommand, CreateConvenio } from './commands';
import { authorizeConvenio } from './policy';
import { CONVENIO_STATE_LABELS, currentDraft, type Convenio } from './state';
import { CONVENIO_TRANSITIONS } from './transitions';
import { signersProblems } from './signers';
import { afterEndProblem } from './vigencia';
import { syncStepDeadlines } from './step-deadlines';
import { audit, SECPLAN_CC, stamp, type VerbContext, type VerbHandlers } from './verbs/support';
import { EVALUATION_VERBS } from './verbs/evaluation';
import { DRAFTING_VERBS } from './verbs/drafting';
import { LEGAL_REVIEW_VERBS } from './verbs/legal-review';
import { SIGNATURE_VERBS } from './verbs/signature';
import { IN_FORCE_VERBS } from './verbs/in-force';
import { ANY_PHASE_VERBS } from './verbs/any-phase';

/** Each verb's rule, by phase (verbs/): the compiler checks that every verb has one. */
const HANDLERS: VerbHandlers = {
  ...EVALUATION_VERBS,
  ...DRAFTING_VERBS,
  ...LEGAL_REVIEW_VERBS,
  ...SIGNATURE_VERBS,
  ...IN_FORCE_VERBS,
  ...ANY_PHASE_VERBS,
};

export function decideCreateConvenio(
  input: CreateConvenio,
  ids: { id: string; reference: string },
  ctx: DecideContext,
): Decision<Convenio> {
  const { actor, settings } = ctx;
  if (actor.system || !actor.unitId) throw forbidden('Solo un funcionario con unidad puede proponer un convenio.');
  const now = ctx.now.toISOString();
  // Rule 1: only the Alcalde or a delegate by decree signs for the municipality; the representative for the entity.
  const signerProblems = signersProblems(
    input.signers,
    { ...ids, entity: input.entity },
    toLocalDate(ctx.now, settings.timeZone),
    ctx.directory,
  );
  if (Object.keys(signerProblems).length) throw invalid(Object.values(signerProblems).join(' '), signerProblems);
  const classification = strictest(input.datasets.map((d) => d.classification))!;
  const next: Convenio = {
    kind: 'convenio',
    ...ids,
    version: 1,
    state: 'evaluacion',
    createdAt: now,
    updatedAt: now,
    proposer: { personId: actor.personId, name: actor.name, unitId: actor.unitId },
    title: input.title,
    purpose: input.purpose,
    legalBasis: input.legalBasis,
    benefits: input.benefits,
    entity: input.entity,
    municipalTechnicalContact: input.municipalTechnicalContact,
    datasets: input.datasets,
    classification,
    impactAssessmentRequired: input.datasets.some((d) => requiresImpactAssessment(d.classification)),
    securityMeasures: input.securityMeasures,
    transferMethod: input.transferMethod,
    retention: input.retention,
    durationMonths: input.durationMonths,
    renewal: input.renewal,
    evaluationEveryMonths: input.evaluationEveryMonths ?? settings.convenio.evaluationEveryMonths,
    signatureOrder: input.signatureOrder ?? settings.convenio.signatureOrder,
    signers: input.signers.map((s, i) => ({ ...s, id: `f${i + 1}` })),
    documents: [],
    round: 1,
    legalReviews: {},
    observations: [],
    signatures: [],
    renewals: [],
    transfers: [],
    evaluations: [],
    evaluationPending: false,
    comments: [],
  };
  const st: Stamp = { at: now, by: { personId: actor.personId, name: actor.name } };
  // Rule 3: the evaluation's deadline starts now.
  const steps = syncStepDeadlines(null, next, ctx);
  return {
    next: steps.next,
    effects: [
      ...steps.effects,
      ...notice(
        [role('secplan'), role('administrador_municipal')],
        [person(actor.personId)],
        'convenio.nuevo',
        `${ids.reference}: evaluación de necesidad de convenio con ${input.entity.name}`,
        `${actor.name} propone un convenio con ${input.entity.name}: «${input.title}». SECPLAN y la Administración Municipal deben evaluar la necesidad (§3a, §5).`,
      ),
    ],
    audit: audit(null, 'evaluacion', 'crear', st, { entity: input.entity.name, title: input.title }),
  };
}

/**
 * The shared guards (policy, end of vigencia, the transition table), then the verb's own rule (verbs/), then what
 * follows every decision: the table's target state is checked, step deadlines synced, cards and library updated.
 */
export function decideConvenio(c: Convenio, cmd: ConvenioCommand, ctx: DecideContext): Decision<Convenio> {
  const t = CONVENIO_TRANSITIONS[cmd.type];
  const today = toLocalDate(ctx.now, ctx.settings.timeZone);
  const grant = authorizeConvenio(ctx.actor, c, cmd, { directory: ctx.directory, today });
  // Past the vigencia, a transfer or a renewal is refused saying so (rule 4), not with the generic state message.
  const ended = afterEndProblem(c, cmd.type);
  if (ended) throw ended;
  if (!t.from.includes(c.state))
    throw badTransition(
      `No se puede «${t.label}» un convenio en estado «${CONVENIO_STATE_LABELS[c.state]}» (${c.reference}).`,
    );
  const st = stamp(ctx, grant);
  const tz = ctx.settings.timeZone;
  const ref = c.reference;
  let next: Convenio = { ...c, updatedAt: st.at };
  const effects: Effect[] = [];
  const say = (to: Recipient[], kind: string, subject: string, summary: string) =>
    effects.push(...notice(to, SECPLAN_CC, kind, `${ref}: ${subject}`, summary));
  const draft = currentDraft(c);
  const requireDraft = (version: number, sha256: string) => {
    if (!draft) throw badTransition('El convenio no tiene borrador.');
    if (draft.version !== version || draft.sha256 !== sha256)
      throw new DomainError(
        'DOCUMENTO_DISTINTO',
        `El documento cambió: la versión vigente es la ${draft.version}. Abra la versión actual antes de continuar.`,
      );
    return draft;
  };
  const payload: Record<string, unknown> = { ...cmd };
  delete payload.type;

  const v: VerbContext = { c, ctx, st, today, tz, ref, next, effects, say, draft, requireDraft, payload };
  const rule = HANDLERS[cmd.type] as (cmd: ConvenioCommand, v: VerbContext) => Convenio;
  next = rule(cmd, v);
  const to = t.to === 'igual' ? c.state : t.to === 'segun' ? next.state : t.to;
  if (next.state !== to || (t.targets && !t.targets.includes(to)))
    throw new Error(`tabla y decisión difieren para ${cmd.type}`);
  // Rule 3: start the deadlines of the steps that began, drop those that ended, keep the step timers on the earliest.
  const steps = syncStepDeadlines(c, next, ctx);
  next = steps.next;
  effects.push(...steps.effects);
  // The library's columns show state and vigencia: keep them in step whenever either changes.
  if (next.documents.length && (next.state !== c.state || next.validity?.end !== c.validity?.end))
    effects.push({ type: 'sync_documents' });
  effects.push({ type: 'update_cards' });
  // The clause's renewal is its own event in the log (the verb is the end of the vigencia that triggered it).
  const command = cmd.type === 'vencer' && to === 'vigente' ? 'renovacion_automatica' : cmd.type;
  return { next, effects, audit: audit(c.state, to, command, st, payload) };
}
