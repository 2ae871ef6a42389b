import { requiresImpactAssessment, type Classification } from '../classification';
import { addDays, addPeriod, formatDate, nextWorkingDayOnOrAfter, toLocalDate } from '../calendar';
import type { DecideContext } from '../context';
import { findPerson, findUnit, unitShortName, type Grant, type PersonRef } from '../directory';
import { deadlineFor, deadlineTimers, extensionLeft, makeDeadline } from '../deadlines';
import { notice, person, role, unit, type AuditEntry, type Decision, type Effect } from '../effects';
import { badTransition, DomainError, forbidden, invalid } from '../errors';
import { legalBasisText, sensitiveBasisProblems } from '../legal-basis';
import { periodsFor } from '../settings';
import type { CreateSolicitud, SolicitudCommand } from './commands';
import { authorizeSolicitud } from './policy';
import { SOLICITUD_STATE_LABELS, type Deadline, type Solicitud, type Stamp } from './state';
import { SOLICITUD_TRANSITIONS } from './transitions';
import {
  answerExpired,
  answerFlaggedOverdue,
  extensionRequestsOf,
  latestWaitDate,
  pendingExtensionRequest,
  silenceCloseAt,
  silenceCloseDate,
} from './extensions';

const ACK = { reminder: 'recordatorio_acuse', due: 'vencimiento_acuse' } as const;
const ANSWER = { reminder: 'recordatorio_respuesta', due: 'vencimiento_respuesta' } as const;
const SILENCE = 'cierre_por_silencio' as const;

const sameClassification = (a: Classification, b: Classification) =>
  a.access === b.access &&
  a.privacy === b.privacy &&
  (a.legalGround ?? null) === (b.legalGround ?? null) &&
  (a.legalGroundDetail ?? null) === (b.legalGroundDetail ?? null) &&
  !!a.largeScale === !!b.largeScale;

function stamp(ctx: DecideContext, grant: Grant | undefined): Stamp {
  const by = { personId: ctx.actor.personId, name: ctx.actor.name };
  return grant?.delegated
    ? { at: ctx.now.toISOString(), by, onBehalfOf: grant.holder }
    : { at: ctx.now.toISOString(), by };
}

function audit(s: Solicitud | null, to: string, command: string, st: Stamp, payload: object): AuditEntry {
  return {
    command,
    from: s?.state ?? null,
    to,
    actor: st.by,
    ...(st.onBehalfOf ? { onBehalfOf: st.onBehalfOf } : {}),
    payload: { ...payload },
  };
}

const unitName = (ctx: DecideContext, unitId: string) => unitShortName(ctx.directory, unitId);

/** Start the two owed deadlines (acknowledge, answer) for the owner unit from `start`. */
function startDeadlines(ctx: DecideContext, ownerUnitId: string): { acknowledge: Deadline; answer: Deadline } {
  const p = periodsFor(ctx.settings, ownerUnitId);
  const tz = ctx.settings.timeZone;
  return {
    acknowledge: makeDeadline(ctx.calendar, ctx.now, p.acknowledge, tz),
    answer: makeDeadline(ctx.calendar, ctx.now, p.answer, tz),
  };
}

function timers(ctx: DecideContext, d: Deadline, kinds: typeof ACK | typeof ANSWER): Effect[] {
  return deadlineTimers(ctx.calendar, d, kinds, ctx.settings.reminderDaysBefore, ctx.now, ctx.settings.timeZone);
}

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

/** The parties of a request, for notices: requester, owner unit (and assignee). */
function parties(s: Solicitud) {
  return {
    requester: person(s.requester.personId),
    owner: s.assignee ? person(s.assignee.personId) : unit(s.ownerUnitId),
  };
}

const unitWordOf = (d: Deadline) => (d.period.unit === 'habiles' ? 'hábiles' : 'corridos');

/** Art. 26 inc. 1: at most half of the original period in all (extensionLeft). */
function checkAllowance(answer: Deadline, amount: number): void {
  const left = extensionLeft(answer);
  if (amount > left)
    throw invalid(
      `La prórroga no puede exceder la mitad del plazo original: quedan ${left} días ${unitWordOf(answer)}.`,
      {
        amount: `máximo ${left}`,
      },
    );
}

/**
 * Art. 26: moves the answer deadline by `amount` (at most what is left of half the original period) and records the
 * extension. The acknowledgment is still owed while the request is enviada: its flag stays.
 */
function extendAnswer(
  s: Solicitud,
  amount: number,
  reason: string,
  st: Stamp,
  ctx: DecideContext,
): { deadline: Deadline; fields: Pick<Solicitud, 'deadlines' | 'overdue' | 'extensions'> } {
  const answer = s.deadlines.answer;
  checkAllowance(answer, amount);
  const tz = ctx.settings.timeZone;
  const dueDate = addPeriod(ctx.calendar, answer.dueDate, { amount, unit: answer.period.unit }, tz);
  const deadline = deadlineFor(dueDate, answer.period, new Date(answer.startedAt), answer.extended + amount, tz);
  const ackStillOwed = s.state === 'enviada';
  return {
    deadline,
    fields: {
      deadlines: { ...s.deadlines, answer: deadline },
      overdue: ackStillOwed && s.overdue?.deadline === 'acknowledge' ? s.overdue : undefined,
      extensions: [...s.extensions, { ...st, amount, reason, newDueDate: dueDate }],
    },
  };
}

/** Art. 26 inc. 2–3: neither the petition nor the decision may come after expiry. */
function expiredError(s: Solicitud): DomainError {
  return badTransition(
    `El plazo de respuesta venció el ${formatDate(s.deadlines.answer.dueDate)}: un plazo vencido no se puede prorrogar (Ley 19.880 art. 26). La UGDT puede reiterar la solicitud.`,
  );
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

  switch (cmd.type) {
    case 'acusar_recibo':
      // A late acknowledgment ends the acknowledgment's escalation; the answer deadline keeps running.
      next = {
        ...next,
        state: 'recibida',
        acknowledged: st,
        overdue: s.overdue?.deadline === 'answer' ? s.overdue : undefined,
      };
      effects.push({ type: 'cancel_timers', timers: [ACK.reminder, ACK.due] });
      say([p.requester], 'solicitud.recibida', 'acuse de recibo', `${unitName(ctx, s.ownerUnitId)} acusó recibo.`);
      break;
    case 'indicar_plazo': {
      if (cmd.until < today) throw invalid('La fecha de entrega ya pasó.', { until: 'fecha pasada' });
      // Ley 19.880 art. 26: a wait time stays within the legal period; more time is an extension the unit must ask
      // for before the deadline expires (solicitar_prorroga), never consumed silently here.
      const limit = latestWaitDate(s);
      if (limit < today)
        throw invalid(
          `El plazo legal venció el ${formatDate(limit)}: un plazo vencido no se puede ampliar (Ley 19.880 art. 26). Entregue los datos o informe que no están disponibles.`,
          { until: 'plazo vencido' },
        );
      if (cmd.until > limit)
        throw invalid(
          `Elija una fecha entre hoy (${formatDate(today)}) y el ${formatDate(limit)} (plazo legal); para más tiempo, solicite una prórroga antes del vencimiento.`,
          { until: 'fuera del plazo legal' },
        );
      // A wait time that lands on a non-working day runs to the next working day (never past the limit, a working day).
      const until = nextWorkingDayOnOrAfter(ctx.calendar, cmd.until);
      next = {
        ...next,
        state: 'en_plazo',
        acknowledged: s.acknowledged ?? st,
        wait: { ...st, until, note: cmd.note },
        // Acknowledging ends the acknowledgment's escalation; an expired answer deadline stays late.
        overdue: answerFlaggedOverdue(s) ? s.overdue : undefined,
      };
      effects.push({ type: 'cancel_timers', timers: [ACK.reminder, ACK.due] });
      say(
        [p.requester],
        'solicitud.en_plazo',
        'plazo de entrega',
        `Entrega comprometida para el ${formatDate(until)}: ${cmd.note}`,
      );
      break;
    }
    case 'entregar':
      if (!cmd.link && !cmd.fileName)
        throw invalid('Indique un enlace o un archivo.', { link: 'indique un enlace o un archivo' });
      next = {
        ...next,
        state: 'entregada',
        acknowledged: s.acknowledged ?? st,
        delivery: {
          ...st,
          note: cmd.note,
          ...(cmd.link ? { link: cmd.link } : {}),
          ...(cmd.fileName ? { fileName: cmd.fileName } : {}),
        },
      };
      effects.push({ type: 'cancel_timers', timers: 'all' });
      {
        // Rule 9a: without conformity or observation the request closes by silence.
        const closeAt = silenceCloseAt(ctx.calendar, next, ctx.settings);
        if (closeAt) effects.push({ type: 'schedule', timer: SILENCE, dueAt: closeAt, about: closeAt });
      }
      say(
        [p.requester],
        'solicitud.entregada',
        'datos entregados',
        `${unitName(ctx, s.ownerUnitId)} entregó los datos: ${cmd.note}`,
      );
      break;
    case 'no_disponible':
    case 'rechazar': {
      const state = cmd.type === 'rechazar' ? 'rechazada' : 'no_disponible';
      next = {
        ...next,
        state,
        outcome: { ...st, reason: cmd.reason, ...(cmd.type === 'rechazar' ? { legalGround: cmd.legalGround } : {}) },
      };
      effects.push({ type: 'cancel_timers', timers: 'all' });
      say([p.requester], `solicitud.${state}`, SOLICITUD_STATE_LABELS[state].toLowerCase(), cmd.reason);
      break;
    }
    case 'conforme':
      next = { ...next, state: 'cerrada', outcome: { ...st, reason: 'Conforme' } };
      effects.push({ type: 'cancel_timers', timers: [SILENCE] });
      say([p.owner], 'solicitud.cerrada', 'conforme', `${s.requester.name} dio conformidad a la entrega.`);
      break;
    case 'observar': {
      const answer = makeDeadline(ctx.calendar, ctx.now, s.deadlines.answer.period, tz);
      next = {
        ...next,
        state: 'recibida',
        wait: undefined,
        observations: [...s.observations, { ...st, reason: cmd.reason }],
        deadlines: { ...s.deadlines, answer },
        overdue: undefined,
      };
      effects.push({ type: 'cancel_timers', timers: [SILENCE] }, ...timers(ctx, answer, ANSWER));
      say(
        [p.owner],
        'solicitud.observada',
        'entrega observada',
        `${cmd.reason} Nuevo plazo: ${formatDate(answer.dueDate)}.`,
      );
      break;
    }
    case 'cancelar':
      next = { ...next, state: 'cancelada', outcome: { ...st, reason: cmd.reason } };
      effects.push({ type: 'cancel_timers', timers: 'all' });
      say([p.owner], 'solicitud.cancelada', 'solicitud cancelada', cmd.reason);
      break;
    case 'actualizar_base_legal': {
      const problems = sensitiveBasisProblems(cmd.legalBasis, [s.classification]);
      if (Object.keys(problems).length)
        throw invalid(`Base legal incompleta: ${Object.values(problems).join('; ')}.`, problems);
      next = { ...next, legalBasis: cmd.legalBasis };
      say(
        [p.requester, p.owner].filter((r) => r.kind !== 'person' || r.personId !== ctx.actor.personId),
        'solicitud.base_legal',
        'base legal actualizada',
        `${ctx.actor.name} registró la base legal: ${legalBasisText(cmd.legalBasis)}.`,
      );
      break;
    }
    case 'comentar':
      next = { ...next, comments: [...s.comments, { ...st, text: cmd.text }] };
      say(
        [p.requester, p.owner].filter((r) => r.kind !== 'person' || r.personId !== ctx.actor.personId),
        'solicitud.comentario',
        'comentario',
        `${ctx.actor.name}: ${cmd.text}`,
      );
      break;
    case 'recordar':
      next = { ...next, reminders: [...s.reminders, { ...st, automatic: false }] };
      say(
        [p.owner],
        'solicitud.recordatorio',
        'recordatorio de la UGDT',
        `La UGDT recuerda que la respuesta vence el ${formatDate(s.deadlines.answer.dueDate)}.`,
      );
      break;
    case 'reasignar': {
      if (!findUnit(ctx.directory, cmd.unitId)) throw invalid('La unidad no existe.', { unitId: 'unidad desconocida' });
      if (cmd.unitId === s.ownerUnitId)
        throw invalid('La solicitud ya está asignada a esa unidad.', { unitId: 'misma unidad' });
      if (cmd.unitId === s.requester.unitId)
        throw invalid('No se puede reasignar a la unidad que solicita los datos.', {
          unitId: 'es la unidad solicitante',
        });
      let assignee: PersonRef | undefined;
      if (cmd.assigneeId) {
        const who = findPerson(ctx.directory, cmd.assigneeId);
        if (!who || who.unitId !== cmd.unitId)
          throw invalid('La persona no pertenece a esa unidad.', { assigneeId: 'no pertenece a la unidad' });
        assignee = { personId: who.id, name: who.name };
      }
      const deadlines = startDeadlines(ctx, cmd.unitId);
      next = {
        ...next,
        state: 'enviada',
        ownerUnitId: cmd.unitId,
        assignee,
        deadlines,
        acknowledged: undefined,
        wait: undefined,
        overdue: undefined,
        reassignments: [
          ...s.reassignments,
          { ...st, fromUnitId: s.ownerUnitId, toUnitId: cmd.unitId, reason: cmd.reason },
        ],
      };
      effects.push(
        { type: 'cancel_timers', timers: 'all' },
        ...timers(ctx, deadlines.acknowledge, ACK),
        ...timers(ctx, deadlines.answer, ANSWER),
      );
      say(
        [assignee ? person(assignee.personId) : unit(cmd.unitId), p.requester],
        'solicitud.reasignada',
        `reasignada a ${unitName(ctx, cmd.unitId)}`,
        `La UGDT reasignó la solicitud de ${unitName(ctx, s.ownerUnitId)} a ${unitName(ctx, cmd.unitId)}: ${cmd.reason}`,
      );
      break;
    }
    case 'prorrogar': {
      // De oficio (art. 26 inc. 1), before expiry only (inc. 2–3); a request of the unit is decided instead.
      const answer = s.deadlines.answer;
      if (answerExpired(s, ctx.now)) throw expiredError(s);
      const pending = pendingExtensionRequest(s);
      if (pending)
        throw badTransition(
          `La unidad pidió una prórroga de ${pending.amount} días el ${formatDate(toLocalDate(new Date(pending.at), tz))}: concédala o deniéguela.`,
        );
      const { deadline: extended, fields } = extendAnswer(s, cmd.amount, cmd.reason, st, ctx);
      next = { ...next, ...fields };
      effects.push(...timers(ctx, extended, ANSWER));
      say(
        [p.owner, p.requester],
        'solicitud.prorrogada',
        'prórroga',
        `Nuevo plazo: ${formatDate(extended.dueDate)} (${cmd.amount} días ${unitWordOf(answer)}). ${cmd.reason}`,
      );
      break;
    }
    case 'cerrar':
      next = { ...next, state: 'cerrada', outcome: { ...st, reason: cmd.reason, byUgdt: true } };
      effects.push({ type: 'cancel_timers', timers: 'all' });
      say([p.owner, p.requester], 'solicitud.cerrada', 'cerrada por la UGDT', cmd.reason);
      break;
    case 'recordatorio_plazo':
    case 'marcar_vencida': {
      const d = s.deadlines[cmd.deadline];
      const pending = cmd.deadline === 'answer' || s.state === 'enviada';
      if (!pending || d.dueAt !== cmd.about)
        throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo cambió desde que se programó este aviso.');
      const what = cmd.deadline === 'acknowledge' ? 'el acuse de recibo' : 'la respuesta';
      if (cmd.type === 'recordatorio_plazo') {
        if (ctx.now >= new Date(d.dueAt)) throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo ya venció.');
        next = { ...next, reminders: [...s.reminders, { ...st, automatic: true }] };
        say(
          [p.owner],
          'solicitud.recordatorio',
          `vence ${what}`,
          `Recuerde: ${what} vence el ${formatDate(d.dueDate)}.`,
        );
      } else {
        if (ctx.now < new Date(d.dueAt)) throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo aún no vence.');
        next = { ...next, overdue: { since: d.dueAt, deadline: cmd.deadline } };
        const lapsed = cmd.deadline === 'answer' ? pendingExtensionRequest(s) : undefined;
        if (lapsed) {
          // Art. 26: the decision had to come before expiry; the request lapses and the answer is late.
          next.extensionRequests = extensionRequestsOf(s).map((r) =>
            r === lapsed ? { ...r, status: 'caducada' as const, decided: st } : r,
          );
          payload.prorrogaCaducada = true;
          effects.push(
            ...notice(
              [p.owner],
              [role('ugdt')],
              'solicitud.prorroga_caducada',
              `${ref}: prórroga caducada`,
              `La solicitud de prórroga de ${lapsed.amount} días no se resolvió antes del vencimiento (${formatDate(d.dueDate)}); caducó y la respuesta está fuera de plazo.`,
            ),
          );
        }
        effects.push(
          ...notice(
            [role('ugdt')],
            [p.owner, p.requester],
            'solicitud.vencida',
            `${ref}: plazo vencido`,
            `Venció ${what} (${formatDate(d.dueDate)}) de ${unitName(ctx, s.ownerUnitId)}. ${
              cmd.deadline === 'answer'
                ? 'La UGDT puede recordar, reiterar, reasignar o cerrar (un plazo vencido no se prorroga, art. 26).'
                : 'La UGDT puede recordar, reasignar, prorrogar o cerrar.'
            }`,
          ),
        );
      }
      break;
    }
    case 'solicitar_prorroga': {
      const answer = s.deadlines.answer;
      if (answerExpired(s, ctx.now)) throw expiredError(s);
      const pending = pendingExtensionRequest(s);
      if (pending)
        throw badTransition(
          `Ya hay una solicitud de prórroga pendiente (${pending.amount} días, del ${formatDate(toLocalDate(new Date(pending.at), tz))}); espere la decisión de la UGDT.`,
        );
      checkAllowance(answer, cmd.amount);
      next = {
        ...next,
        extensionRequests: [
          ...extensionRequestsOf(s),
          { ...st, amount: cmd.amount, reason: cmd.reason, status: 'pendiente' },
        ],
      };
      effects.push(
        ...notice(
          [role('ugdt')],
          [p.requester],
          'solicitud.prorroga_solicitada',
          `${ref}: solicitud de prórroga`,
          `${unitName(ctx, s.ownerUnitId)} pide ${cmd.amount} días ${unitWordOf(answer)} más (vence el ${formatDate(answer.dueDate)}): ${cmd.reason}. Decida antes del vencimiento.`,
        ),
      );
      break;
    }
    case 'conceder_prorroga':
    case 'denegar_prorroga': {
      const pending = pendingExtensionRequest(s);
      if (!pending) throw badTransition(`No hay una solicitud de prórroga pendiente (${ref}).`);
      if (answerExpired(s, ctx.now)) throw expiredError(s);
      if (cmd.type === 'denegar_prorroga') {
        next = {
          ...next,
          extensionRequests: extensionRequestsOf(s).map((r) =>
            r === pending ? { ...r, status: 'denegada' as const, decided: { ...st, reason: cmd.reason } } : r,
          ),
        };
        say(
          [p.owner],
          'solicitud.prorroga_denegada',
          'prórroga denegada',
          `La UGDT denegó la prórroga; la respuesta vence el ${formatDate(s.deadlines.answer.dueDate)}. ${cmd.reason}`,
        );
        break;
      }
      const answer = s.deadlines.answer;
      const { deadline: extended, fields } = extendAnswer(
        s,
        pending.amount,
        `Pedida por la unidad: ${pending.reason}`,
        st,
        ctx,
      );
      next = {
        ...next,
        ...fields,
        extensionRequests: extensionRequestsOf(s).map((r) =>
          r === pending
            ? { ...r, status: 'concedida' as const, decided: { ...st, ...(cmd.note ? { reason: cmd.note } : {}) } }
            : r,
        ),
      };
      effects.push(...timers(ctx, extended, ANSWER));
      say(
        [p.owner, p.requester],
        'solicitud.prorrogada',
        'prórroga',
        `Nuevo plazo: ${formatDate(extended.dueDate)} (${pending.amount} días ${unitWordOf(answer)}). ${pending.reason}`,
      );
      break;
    }
    case 'reiterar': {
      const answer = s.deadlines.answer;
      if (!answerExpired(s, ctx.now))
        throw badTransition(
          `La respuesta vence el ${formatDate(answer.dueDate)}: antes del vencimiento use «Recordar» o una prórroga; «Reiterar» es para un plazo vencido.`,
        );
      const min = nextWorkingDayOnOrAfter(ctx.calendar, addDays(today, 1));
      if (cmd.until < min)
        throw invalid(`La nueva fecha de respuesta debe ser desde el ${formatDate(min)} (próximo día hábil).`, {
          until: 'antes del próximo día hábil',
        });
      const until = nextWorkingDayOnOrAfter(ctx.calendar, cmd.until);
      next = {
        ...next,
        reiterations: [...(s.reiterations ?? []), { ...st, until, reason: cmd.reason }],
        // An oficio reiterativo does not extend anything: the request stays counted as late.
        overdue: answerFlaggedOverdue(s) ? s.overdue : { since: answer.dueAt, deadline: 'answer' },
      };
      effects.push(
        ...notice(
          [p.owner],
          [role('ugdt'), p.requester],
          'solicitud.reiterada',
          `${ref}: oficio reiterativo`,
          `La UGDT reitera la solicitud: la respuesta venció el ${formatDate(answer.dueDate)}. Responda a más tardar el ${formatDate(until)}. ${cmd.reason}`,
        ),
      );
      break;
    }
    case 'corregir_clasificacion': {
      if (sameClassification(cmd.classification, s.classification))
        throw invalid('La clasificación indicada es la misma que la actual.', { classification: 'sin cambios' });
      next = {
        ...next,
        classification: cmd.classification,
        dataset: { ...s.dataset, classification: cmd.classification },
        impactAssessmentRequired: requiresImpactAssessment(cmd.classification),
        classificationChanges: [
          ...(s.classificationChanges ?? []),
          { ...st, from: s.classification, to: cmd.classification, reason: cmd.reason },
        ],
      };
      say(
        [p.requester],
        'solicitud.clasificacion_corregida',
        'clasificación corregida',
        `${unitName(ctx, s.ownerUnitId)} corrigió la clasificación del dato: ${cmd.reason}`,
      );
      break;
    }
    case 'cerrar_por_silencio': {
      const closeAt = silenceCloseAt(ctx.calendar, s, ctx.settings);
      if (!closeAt || closeAt !== cmd.about)
        throw new DomainError('TEMPORIZADOR_OBSOLETO', 'La entrega cambió desde que se programó este cierre.');
      if (ctx.now < new Date(closeAt))
        throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo del solicitante aún no vence.');
      next = {
        ...next,
        state: 'cerrada',
        closedBySilence: true,
        outcome: { ...st, reason: `Cerrada por silencio del solicitante el ${formatDate(today)}` },
      };
      effects.push({ type: 'cancel_timers', timers: 'all' });
      say(
        [p.requester, p.owner],
        'solicitud.cerrada',
        'cerrada por silencio',
        `Sin conformidad ni observación en ${ctx.settings.solicitud.silenceCloseDays} días hábiles desde la entrega: la solicitud se cerró por silencio del solicitante el ${formatDate(today)}.`,
      );
      break;
    }
  }
  const to = t.to === 'igual' ? s.state : t.to;
  if (next.state !== to) throw new Error(`tabla y decisión difieren para ${cmd.type}`);
  effects.push({ type: 'update_cards' });
  return { next, effects, audit: audit(s, to, cmd.type, st, payload) };
}
