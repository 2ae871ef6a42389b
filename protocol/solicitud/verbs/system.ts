// The system's verbs, fired by timers: deadline reminders and expiry, closing by the requester's silence.
import { formatDate } from '../../calendar';
import { notice, role } from '../../effects';
import { DomainError } from '../../errors';
import { type Solicitud } from '../state';
import { extensionRequestsOf, pendingExtensionRequest, silenceCloseAt } from '../extensions';
import { unitName, type VerbHandlers, type VerbCommand, type VerbContext } from './support';

function deadlineTimer(cmd: VerbCommand<'recordatorio_plazo' | 'marcar_vencida'>, v: VerbContext): Solicitud {
  const { s, ctx, st, p, ref, effects, say, payload } = v;
  let next = v.next;
  const d = s.deadlines[cmd.deadline];
  const pending = cmd.deadline === 'answer' || s.state === 'enviada';
  if (!pending || d.dueAt !== cmd.about)
    throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo cambió desde que se programó este aviso.');
  const what = cmd.deadline === 'acknowledge' ? 'el acuse de recibo' : 'la respuesta';
  if (cmd.type === 'recordatorio_plazo') {
    if (ctx.now >= new Date(d.dueAt)) throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo ya venció.');
    next = { ...next, reminders: [...s.reminders, { ...st, automatic: true }] };
    say([p.owner], 'solicitud.recordatorio', `vence ${what}`, `Recuerde: ${what} vence el ${formatDate(d.dueDate)}.`);
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
  return next;
}

export const SYSTEM_VERBS = {
  recordatorio_plazo: deadlineTimer,
  marcar_vencida: deadlineTimer,
  cerrar_por_silencio: (cmd, v) => {
    const { s, ctx, st, today, p, effects, say } = v;
    const closeAt = silenceCloseAt(ctx.calendar, s, ctx.settings);
    if (!closeAt || closeAt !== cmd.about)
      throw new DomainError('TEMPORIZADOR_OBSOLETO', 'La entrega cambió desde que se programó este cierre.');
    if (ctx.now < new Date(closeAt))
      throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo del solicitante aún no vence.');
    const next: Solicitud = {
      ...v.next,
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
    return next;
  },
} satisfies Partial<VerbHandlers>;
