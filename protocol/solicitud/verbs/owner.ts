// The owner unit's verbs (§2b–§2d): acknowledge, wait time, delivery or refusal, classification, extension requests.
import { requiresImpactAssessment } from '../../classification';
import { formatDate, nextWorkingDayOnOrAfter, toLocalDate } from '../../calendar';
import { notice, role } from '../../effects';
import { badTransition, invalid } from '../../errors';
import { isAllowedDeliveryLink } from '../../files';
import { SOLICITUD_STATE_LABELS, type Solicitud } from '../state';
import {
  answerExpired,
  answerFlaggedOverdue,
  extensionRequestsOf,
  latestWaitDate,
  pendingExtensionRequest,
  silenceCloseAt,
} from '../extensions';
import {
  ACK,
  SILENCE,
  sameClassification,
  unitName,
  unitWordOf,
  checkAllowance,
  expiredError,
  type VerbHandlers,
  type VerbCommand,
  type VerbContext,
} from './support';

function refuseOrUnavailable(cmd: VerbCommand<'no_disponible' | 'rechazar'>, v: VerbContext): Solicitud {
  const { st, p, effects, say } = v;
  const state = cmd.type === 'rechazar' ? 'rechazada' : 'no_disponible';
  const next: Solicitud = {
    ...v.next,
    state,
    outcome: { ...st, reason: cmd.reason, ...(cmd.type === 'rechazar' ? { legalGround: cmd.legalGround } : {}) },
  };
  effects.push({ type: 'cancel_timers', timers: 'all' });
  say([p.requester], `solicitud.${state}`, SOLICITUD_STATE_LABELS[state].toLowerCase(), cmd.reason);
  return next;
}

export const OWNER_VERBS = {
  acusar_recibo: (cmd, v) => {
    const { s, ctx, st, p, effects, say } = v;
    // A late acknowledgment ends the acknowledgment's escalation; the answer deadline keeps running.
    const next: Solicitud = {
      ...v.next,
      state: 'recibida',
      acknowledged: st,
      overdue: s.overdue?.deadline === 'answer' ? s.overdue : undefined,
    };
    effects.push({ type: 'cancel_timers', timers: [ACK.reminder, ACK.due] });
    say([p.requester], 'solicitud.recibida', 'acuse de recibo', `${unitName(ctx, s.ownerUnitId)} acusó recibo.`);
    return next;
  },
  indicar_plazo: (cmd, v) => {
    const { s, ctx, st, today, p, effects, say } = v;
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
    const next: Solicitud = {
      ...v.next,
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
    return next;
  },
  entregar: (cmd, v) => {
    const { s, ctx, st, p, effects, say } = v;
    if (!cmd.link && !cmd.files?.length)
      throw invalid(
        cmd.fileName
          ? 'Un nombre de archivo no es una entrega: suba el archivo o indique el enlace al sistema municipal donde están los datos.'
          : 'Suba los archivos o indique un enlace.',
        { link: 'suba los archivos o indique un enlace' },
      );
    if (cmd.link && !isAllowedDeliveryLink(cmd.link, ctx.settings))
      throw invalid(
        `El enlace debe llevar a un sistema municipal (${ctx.settings.files.linkHosts.join(', ')}); si los datos pueden salir de él, suba los archivos.`,
        { link: 'el enlace no lleva a un sistema municipal' },
      );
    const ids = (cmd.files ?? []).map((f) => f.id);
    if (new Set(ids).size !== ids.length)
      throw invalid('El mismo archivo figura dos veces en la entrega.', { files: 'archivo repetido' });
    const next: Solicitud = {
      ...v.next,
      state: 'entregada',
      acknowledged: s.acknowledged ?? st,
      delivery: {
        ...st,
        note: cmd.note,
        ...(cmd.link ? { link: cmd.link } : {}),
        ...(cmd.fileName ? { fileName: cmd.fileName } : {}),
        ...(cmd.files?.length ? { files: cmd.files } : {}),
        // A delivery after an observation corrects the earlier one: a new version of the delivery.
        ...(s.delivery ? { version: (s.delivery.version ?? 1) + 1 } : {}),
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
      s.delivery ? 'datos entregados de nuevo' : 'datos entregados',
      s.delivery
        ? `${unitName(ctx, s.ownerUnitId)} entregó una versión corregida (entrega ${(s.delivery.version ?? 1) + 1}): ${cmd.note}`
        : `${unitName(ctx, s.ownerUnitId)} entregó los datos: ${cmd.note}`,
    );
    return next;
  },
  no_disponible: refuseOrUnavailable,
  rechazar: refuseOrUnavailable,
  solicitar_prorroga: (cmd, v) => {
    const { s, ctx, st, tz, p, ref, effects } = v;
    const answer = s.deadlines.answer;
    if (answerExpired(s, ctx.now)) throw expiredError(s);
    const pending = pendingExtensionRequest(s);
    if (pending)
      throw badTransition(
        `Ya hay una solicitud de prórroga pendiente (${pending.amount} días, del ${formatDate(toLocalDate(new Date(pending.at), tz))}); espere la decisión de la UGDT.`,
      );
    checkAllowance(answer, cmd.amount);
    const next: Solicitud = {
      ...v.next,
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
    return next;
  },
  corregir_clasificacion: (cmd, v) => {
    const { s, ctx, st, p, say } = v;
    if (sameClassification(cmd.classification, s.classification))
      throw invalid('La clasificación indicada es la misma que la actual.', { classification: 'sin cambios' });
    const next: Solicitud = {
      ...v.next,
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
    return next;
  },
} satisfies Partial<VerbHandlers>;
