import { requiresImpactAssessment } from '../classification';
import { formatDate, toLocalDate } from '../calendar';
import type { DecideContext } from '../context';
import { findUnit } from '../directory';
import { notice, person, role, unit, type Decision, type Effect } from '../effects';
import { badTransition, forbidden, invalid } from '../errors';
import type { CreateSolicitud, SolicitudCommand } from './commands';
import { authorizeSolicitud } from './policy';
import { SOLICITUD_STATE_LABELS, type Solicitud, type Stamp } from './state';
import { SOLICITUD_TRANSITIONS } from './transitions';
import { silenceCloseDate } from './extensions';
import {
  ACK,
  ANSWER,
  audit,
  parties,
  stamp,
  startDeadlines,
  timers,
  unitName,
  type VerbContext,
  type VerbHandlers,
} from './verbs/support';
import { OWNER_VERBS } from './verbs/owner';
import { REQUESTER_VERBS } from './verbs/requester';
import { UGDT_VERBS } from './verbs/ugdt';
import { SYSTEM_VERBS } from './verbs/system';
import { ANY_PARTY_VERBS } from './verbs/any-party';

/** Each verb's rule, by who acts (verbs/): the compiler checks that every verb has one. */
const HANDLERS: VerbHandlers = {
  ...OWNER_VERBS,
  ...REQUESTER_VERBS,
  ...UGDT_VERBS,
  ...SYSTEM_VERBS,
  ...ANY_PARTY_VERBS,
};

/** §2a: a new internal request, copied to the UGDT. `id` and `reference` come from the store. */
export function decideCreateSolicitud(
  input: CreateSolicitud,
  ids: { id: string; reference: string },
  ctx: DecideContext,
): Decision<Solicitud> {
  const { actor } = ctx;
  if (actor.system || !actor.unitId) throw forbidden('Solo un funcionario con unidad puede solicitar datos.');
  if (!findUnit(ctx.directory, input.ownerUnitId))
    throw invalid('La unidad dueña del dato no existe.', { ownerUnitId: 'unidad desconocida' });
  if (input.ownerUnitId === actor.unitId)
    throw invalid('La solicitud debe dirigirse a otra unidad.', { ownerUnitId: 'es su propia unidad' });
  const tz = ctx.settings.timeZone;
  if (input.neededBy && input.neededBy < toLocalDate(ctx.now, tz))
    throw invalid('La fecha requerida ya pasó.', { neededBy: 'fecha pasada' });
  const now = ctx.now.toISOString();
  const deadlines = startDeadlines(ctx, input.ownerUnitId);
  const next: Solicitud = {
    kind: 'solicitud',
    ...ids,
    version: 1,
    state: 'enviada',
    createdAt: now,
    updatedAt: now,
    requester: { personId: actor.personId, name: actor.name, unitId: actor.unitId },
    ownerUnitId: input.ownerUnitId,
    dataset: input.dataset,
    purpose: input.purpose,
    justification: input.justification,
    expectedBenefits: input.expectedBenefits,
    legalBasis: input.legalBasis,
    ...(input.neededBy ? { neededBy: input.neededBy } : {}),
    attachments: input.attachments,
    classification: input.dataset.classification,
    impactAssessmentRequired: requiresImpactAssessment(input.dataset.classification),
    deadlines,
    observations: [],
    comments: [],
    extensions: [],
    reassignments: [],
    reminders: [],
  };
  const st: Stamp = { at: now, by: { personId: actor.personId, name: actor.name } };
  const subject = `${ids.reference}: solicitud de datos de ${unitName(ctx, actor.unitId)}`;
  const summary = `${actor.name} (${unitName(ctx, actor.unitId)}) solicita «${input.dataset.name}». Acuse de recibo hasta el ${formatDate(deadlines.acknowledge.dueDate)}, respuesta hasta el ${formatDate(deadlines.answer.dueDate)}.`;
  return {
    next,
    effects: [
      ...notice([unit(input.ownerUnitId)], [role('ugdt'), person(actor.personId)], 'solicitud.nueva', subject, summary),
      ...timers(ctx, deadlines.acknowledge, ACK),
      ...timers(ctx, deadlines.answer, ANSWER),
    ],
    audit: audit(null, 'enviada', 'crear', st, { ownerUnitId: input.ownerUnitId, dataset: input.dataset.name }),
  };
}

/** Decide one command on an existing request. Throws DomainError; see decide() for the non-throwing form. */
export function decideSolicitud(s: Solicitud, cmd: SolicitudCommand, ctx: DecideContext): Decision<Solicitud> {
  const t = SOLICITUD_TRANSITIONS[cmd.type];
  const grant = authorizeSolicitud(ctx.actor, s, cmd.type);
  if (cmd.type === 'cerrar' && s.state === 'entregada') {
    // Rule 9a: the delivery waits for the requester; silence closes it (cerrar_por_silencio), not UGDT.
    const day = silenceCloseDate(ctx.calendar, s, ctx.settings);
    throw badTransition(
      `La entrega espera la conformidad del solicitante; se cerrará por silencio el ${day ? formatDate(day) : '(sin fecha)'} si no responde (${s.reference}).`,
    );
  }
  if (!t.from.includes(s.state))
    throw badTransition(
      `No se puede «${t.label}» una solicitud en estado «${SOLICITUD_STATE_LABELS[s.state]}» (${s.reference}).`,
    );
  const st = stamp(ctx, grant);
  const tz = ctx.settings.timeZone;
  const today = toLocalDate(ctx.now, tz);
  const p = parties(s);
  const ref = s.reference;
  let next: Solicitud = { ...s, updatedAt: st.at };
  const effects: Effect[] = [];
  const cc = [role('ugdt')];
  const say = (to: ReturnType<typeof person>[], kind: string, subject: string, summary: string) =>
    effects.push(...notice(to, cc, kind, `${ref}: ${subject}`, summary));
  const payload: Record<string, unknown> = { ...cmd };
  delete payload.type;

  const v: VerbContext = { s, ctx, st, tz, today, p, ref, next, effects, say, payload };
  const rule = HANDLERS[cmd.type] as (cmd: SolicitudCommand, v: VerbContext) => Solicitud;
  next = rule(cmd, v);
  const to = t.to === 'igual' ? s.state : t.to;
  if (next.state !== to) throw new Error(`tabla y decisión difieren para ${cmd.type}`);
  effects.push({ type: 'update_cards' });
  return { next, effects, audit: audit(s, to, cmd.type, st, payload) };
}
