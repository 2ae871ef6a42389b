// UGDT's verbs (§2f): reminders, reassignment, extensions (art. 26) de oficio or on request, reiteration, closing.
import { addDays, formatDate, nextWorkingDayOnOrAfter, toLocalDate } from '../../calendar';
import { findPerson, findUnit, type PersonRef } from '../../directory';
import { notice, person, role, unit } from '../../effects';
import { badTransition, invalid } from '../../errors';
import { type Solicitud } from '../state';
import { answerExpired, answerFlaggedOverdue, extensionRequestsOf, pendingExtensionRequest } from '../extensions';
import {
  ACK,
  ANSWER,
  unitName,
  startDeadlines,
  timers,
  unitWordOf,
  extendAnswer,
  expiredError,
  type VerbHandlers,
  type VerbCommand,
  type VerbContext,
} from './support';

function decideExtensionRequest(cmd: VerbCommand<'conceder_prorroga' | 'denegar_prorroga'>, v: VerbContext): Solicitud {
  const { s, ctx, st, p, ref, effects, say } = v;
  let next = v.next;
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
    return next;
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
  return next;
}

export const UGDT_VERBS = {
  recordar: (cmd, v) => {
    const { s, st, p, say } = v;
    const next: Solicitud = { ...v.next, reminders: [...s.reminders, { ...st, automatic: false }] };
    say(
      [p.owner],
      'solicitud.recordatorio',
      'recordatorio de la UGDT',
      `La UGDT recuerda que la respuesta vence el ${formatDate(s.deadlines.answer.dueDate)}.`,
    );
    return next;
  },
  reasignar: (cmd, v) => {
    const { s, ctx, st, p, effects, say } = v;
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
    const next: Solicitud = {
      ...v.next,
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
    return next;
  },
  prorrogar: (cmd, v) => {
    const { s, ctx, st, tz, p, effects, say } = v;
    // De oficio (art. 26 inc. 1), before expiry only (inc. 2–3); a request of the unit is decided instead.
    const answer = s.deadlines.answer;
    if (answerExpired(s, ctx.now)) throw expiredError(s);
    const pending = pendingExtensionRequest(s);
    if (pending)
      throw badTransition(
        `La unidad pidió una prórroga de ${pending.amount} días el ${formatDate(toLocalDate(new Date(pending.at), tz))}: concédala o deniéguela.`,
      );
    const { deadline: extended, fields } = extendAnswer(s, cmd.amount, cmd.reason, st, ctx);
    const next: Solicitud = { ...v.next, ...fields };
    effects.push(...timers(ctx, extended, ANSWER));
    say(
      [p.owner, p.requester],
      'solicitud.prorrogada',
      'prórroga',
      `Nuevo plazo: ${formatDate(extended.dueDate)} (${cmd.amount} días ${unitWordOf(answer)}). ${cmd.reason}`,
    );
    return next;
  },
  cerrar: (cmd, v) => {
    const { st, p, effects, say } = v;
    const next: Solicitud = { ...v.next, state: 'cerrada', outcome: { ...st, reason: cmd.reason, byUgdt: true } };
    effects.push({ type: 'cancel_timers', timers: 'all' });
    say([p.owner, p.requester], 'solicitud.cerrada', 'cerrada por la UGDT', cmd.reason);
    return next;
  },
  conceder_prorroga: decideExtensionRequest,
  denegar_prorroga: decideExtensionRequest,
  reiterar: (cmd, v) => {
    const { s, ctx, st, today, p, ref, effects } = v;
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
    const next: Solicitud = {
      ...v.next,
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
    return next;
  },
} satisfies Partial<VerbHandlers>;
