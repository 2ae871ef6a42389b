// A convenio in force (§4, issue 12 rule 4): transfers, periodic evaluations, renewal, expiry, termination.
import { addDays, formatDate, startOfLocalDay, toLocalDate } from '../../calendar';
import { contact, notice, person, role } from '../../effects';
import { DomainError } from '../../errors';
import { addMonths, endOfMonthsPeriod } from '../../months';
import { makeDeadline, deadlineTimers } from '../../deadlines';
import { renewalBlocker } from '../preconditions';
import {
  automaticRenewalEnd,
  expressRenewalProblem,
  nextExpiryNotice,
  transferProblem,
  vigenciaTimers,
} from '../vigencia';
import type { Convenio } from '../state';
import { SECPLAN_CC, technicalContacts, morning, type VerbHandlers } from './support';

export const IN_FORCE_VERBS = {
  registrar_transferencia: (cmd, v) => {
    const { c, ctx, st, tz, say } = v;
    const problem = transferProblem(c, cmd, toLocalDate(ctx.now, tz));
    if (problem) throw problem;
    const next: Convenio = {
      ...v.next,
      transfers: [
        ...c.transfers,
        {
          ...st,
          date: cmd.date,
          datasets: cmd.datasets,
          method: cmd.method,
          municipalResponsible: cmd.municipalResponsible,
          externalResponsible: cmd.externalResponsible,
        },
      ],
    };
    // Both technical contacts learn of every transfer (rule 5); the datasets stay in the item (read policy).
    say(
      technicalContacts(c),
      'convenio.transferencia',
      'transferencia registrada',
      `${ctx.actor.name} registró una transferencia del ${formatDate(cmd.date)} (${cmd.datasets.length} ${
        cmd.datasets.length === 1 ? 'conjunto de datos' : 'conjuntos de datos'
      }) con ${c.entity.name}.`,
    );
    return next;
  },
  registrar_evaluacion_periodica: (cmd, v) => {
    const { c, ctx, st, tz, effects, say } = v;
    const nextEvaluationDue = addMonths(toLocalDate(ctx.now, tz), c.evaluationEveryMonths);
    const next: Convenio = {
      ...v.next,
      evaluations: [
        ...c.evaluations,
        { ...st, compliance: cmd.compliance, effectiveness: cmd.effectiveness, findings: cmd.findings },
      ],
      evaluationPending: false,
      nextEvaluationDue,
    };
    effects.push({
      type: 'schedule',
      timer: 'evaluacion_periodica',
      dueAt: morning(nextEvaluationDue, tz),
      about: nextEvaluationDue,
    });
    if (cmd.compliance !== 'cumple')
      say([role('administrador_municipal')], 'convenio.evaluacion', 'evaluación con incumplimientos', cmd.findings);
    return next;
  },
  renovar: (cmd, v) => {
    const { c, ctx, st, tz, effects, say } = v;
    const blocked = renewalBlocker(c) ?? expressRenewalProblem(c, cmd, toLocalDate(ctx.now, tz));
    if (blocked) throw blocked;
    const end = c.validity!.end;
    const newEnd = endOfMonthsPeriod(addDays(end, 1), cmd.months);
    const next: Convenio = {
      ...v.next,
      state: 'vigente',
      validity: { ...c.validity!, end: newEnd },
      renewals: [
        ...c.renewals,
        {
          ...st,
          previousEnd: end,
          newEnd,
          ...(cmd.decree ? { decree: cmd.decree } : {}),
          ...(cmd.decreeDate ? { decreeDate: cmd.decreeDate } : {}),
        },
      ],
    };
    // The end moved: the notices and the end-of-vigencia timer follow it.
    effects.push(...vigenciaTimers(newEnd, ctx.settings, toLocalDate(ctx.now, tz)));
    say(
      [person(c.proposer.personId)],
      'convenio.renovado',
      'convenio renovado',
      `Vigente hasta el ${formatDate(newEnd)}.`,
    );
    return next;
  },
  terminar: (cmd, v) => {
    const { c, st, effects, say } = v;
    const next: Convenio = {
      ...v.next,
      state: 'terminado',
      termination: { ...st, reason: cmd.reason, dataDisposition: cmd.dataDisposition, evidence: cmd.evidence },
    };
    effects.push({ type: 'cancel_timers', timers: 'all' });
    say(
      [person(c.proposer.personId), role('administrador_municipal')],
      'convenio.terminado',
      'convenio terminado',
      `${cmd.reason}. Datos ${cmd.dataDisposition}: ${cmd.evidence}`,
    );
    return next;
  },
  evaluacion_pendiente: (cmd, v) => {
    const { c, say } = v;
    if (!c.nextEvaluationDue || c.nextEvaluationDue !== cmd.about)
      throw new DomainError('TEMPORIZADOR_OBSOLETO', 'La evaluación ya fue registrada o reprogramada.');
    const next: Convenio = { ...v.next, evaluationPending: true };
    say(
      [role('secplan')],
      'convenio.evaluacion_pendiente',
      'evaluación periódica pendiente',
      `Corresponde evaluar el cumplimiento y la efectividad del convenio (§4b).`,
    );
    return next;
  },
  marcar_por_vencer: (cmd, v) => {
    const { c, ctx, tz, effects, say } = v;
    if (!c.validity || c.validity.end !== cmd.about)
      throw new DomainError('TEMPORIZADOR_OBSOLETO', 'La vigencia cambió desde que se programó este aviso.');
    const next: Convenio = { ...v.next, state: 'por_vencer' };
    const today = toLocalDate(ctx.now, tz);
    const end = c.validity.end;
    const left = Math.round((Date.parse(end) - Date.parse(today)) / 86_400_000);
    const how =
      c.renewal === 'automatica'
        ? 'se renovará automáticamente (cláusula de renovación) salvo que se termine antes'
        : c.renewal === 'expresa'
          ? 'la renovación expresa debe aprobarse por decreto antes de esa fecha; si no, termínelo con eliminación o devolución de datos'
          : 'no contempla renovación: al vencer corresponde la eliminación o devolución de los datos';
    say(
      [role('secplan'), person(c.proposer.personId), ...technicalContacts(c)],
      'convenio.por_vencer',
      'convenio por vencer',
      `Vence el ${formatDate(end)} (en ${left} ${left === 1 ? 'día' : 'días'}): ${how}.`,
    );
    // One notice per lead time (settings.convenio.expiryNoticeDays): arm the next one.
    const following = nextExpiryNotice(end, ctx.settings, today, today);
    if (following)
      effects.push({ type: 'schedule', timer: 'aviso_termino', dueAt: morning(following, tz), about: end });
    return next;
  },
  vencer: (cmd, v) => {
    const { c, ctx, st, tz, ref, effects, payload } = v;
    let next = v.next;
    if (!c.validity || c.validity.end !== cmd.about)
      throw new DomainError('TEMPORIZADOR_OBSOLETO', 'La vigencia cambió desde que se programó este término.');
    const end = c.validity.end;
    if (c.renewal === 'automatica') {
      // The automatic-renewal clause renews it on its end date, for another period of the same duration.
      const newEnd = automaticRenewalEnd(c, end);
      next = {
        ...next,
        state: 'vigente',
        validity: { ...c.validity, end: newEnd },
        renewals: [...c.renewals, { ...st, previousEnd: end, newEnd, automatic: true }],
      };
      payload.previousEnd = end;
      payload.newEnd = newEnd;
      effects.push(...vigenciaTimers(newEnd, ctx.settings, toLocalDate(ctx.now, tz)));
      effects.push(
        ...notice(
          [role('secplan'), person(c.proposer.personId), ...contact(c.entity.representative), ...technicalContacts(c)],
          SECPLAN_CC,
          'convenio.renovado_automaticamente',
          `${ref}: convenio renovado automáticamente`,
          `La vigencia terminaba el ${formatDate(end)}; por su cláusula de renovación automática el convenio con ${c.entity.name} sigue vigente hasta el ${formatDate(newEnd)}.`,
        ),
      );
      return next;
    }
    // No renewal took effect: vencido. The data must be deleted or returned, and recorded, within the deadline.
    const terminationDeadline = makeDeadline(
      ctx.calendar,
      startOfLocalDay(addDays(end, 1), tz),
      { amount: ctx.settings.convenio.terminationDays, unit: 'habiles' },
      tz,
    );
    next = { ...next, state: 'vencido', terminationDeadline };
    payload.terminationDue = terminationDeadline.dueDate;
    effects.push(
      { type: 'cancel_timers', timers: ['evaluacion_periodica', 'aviso_termino', 'fin_vigencia'] },
      ...deadlineTimers(
        ctx.calendar,
        terminationDeadline,
        { reminder: 'recordatorio_termino', due: 'vencimiento_termino' },
        ctx.settings.reminderDaysBefore,
        ctx.now,
        tz,
      ),
    );
    effects.push(
      ...notice(
        [role('secplan'), person(c.proposer.personId), ...technicalContacts(c)],
        SECPLAN_CC,
        'convenio.vencido',
        `${ref}: convenio vencido`,
        `La vigencia del convenio con ${c.entity.name} terminó el ${formatDate(end)}. No se pueden registrar más transferencias; los datos deben ${
          c.retention.endAction === 'devolucion' ? 'devolverse' : 'eliminarse'
        } y SECPLAN debe registrar el término con su evidencia a más tardar el ${formatDate(terminationDeadline.dueDate)}.`,
      ),
    );
    return next;
  },
  plazo_termino: (cmd, v) => {
    const { c, say } = v;
    const due = c.terminationDeadline;
    if (!due || due.dueAt !== cmd.about)
      throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo de término cambió o ya se registró el término.');
    if (cmd.stage === 'recordatorio')
      say(
        [role('secplan')],
        'convenio.termino_recordatorio',
        'plazo de término por vencer',
        `El plazo para registrar la eliminación o devolución de los datos vence el ${formatDate(due.dueDate)}.`,
      );
    else
      say(
        [role('secplan'), role('administrador_municipal')],
        'convenio.termino_vencido',
        'plazo de término vencido',
        `Venció el ${formatDate(due.dueDate)} el plazo para registrar la eliminación o devolución de los datos del convenio vencido con ${c.entity.name}.`,
      );
    return v.next;
  },
} satisfies Partial<VerbHandlers>;
