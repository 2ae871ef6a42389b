// The requester's verbs (§2e): conformity with a delivery, an observation on it, cancellation.
import { formatDate } from '../../calendar';
import { makeDeadline } from '../../deadlines';
import type { Solicitud } from '../state';
import { ANSWER, SILENCE, timers, type VerbHandlers } from './support';

export const REQUESTER_VERBS = {
  conforme: (cmd, v) => {
    const { s, st, p, effects, say } = v;
    const next: Solicitud = { ...v.next, state: 'cerrada', outcome: { ...st, reason: 'Conforme' } };
    effects.push({ type: 'cancel_timers', timers: [SILENCE] });
    // Issue 15: the conformity names the files received, so the owner unit knows which version was accepted; its
    // audit event binds them (name, size, type and hash) as the delivery's did.
    const files = s.delivery?.files ?? [];
    if (files.length) v.payload.files = files;
    say(
      [p.owner],
      'solicitud.cerrada',
      'conforme',
      files.length
        ? `${s.requester.name} dio conformidad a la entrega y recibió ${files.map((f) => `«${f.name}»`).join(', ')}.`
        : `${s.requester.name} dio conformidad a la entrega.`,
    );
    return next;
  },
  observar: (cmd, v) => {
    const { s, ctx, st, tz, p, effects, say } = v;
    const answer = makeDeadline(ctx.calendar, ctx.now, s.deadlines.answer.period, tz);
    const next: Solicitud = {
      ...v.next,
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
    return next;
  },
  cancelar: (cmd, v) => {
    const { st, p, effects, say } = v;
    const next: Solicitud = { ...v.next, state: 'cancelada', outcome: { ...st, reason: cmd.reason } };
    effects.push({ type: 'cancel_timers', timers: 'all' });
    say([p.owner], 'solicitud.cancelada', 'solicitud cancelada', cmd.reason);
    return next;
  },
} satisfies Partial<VerbHandlers>;
