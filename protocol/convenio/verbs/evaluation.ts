// Evaluation of need (§3a, §5) and the early ends of a proposal: rejection, its proposal, withdrawal.
import { person, role } from '../../effects';
import { approvalBlocker } from '../preconditions';
import { type Convenio } from '../state';
import { rejectionBlocker } from '../rejection';
import { type VerbHandlers, type VerbCommand, type VerbContext } from './support';

function rejectOrWithdraw(cmd: VerbCommand<'rechazar' | 'desistir'>, v: VerbContext): Convenio {
  const { c, st, effects, say } = v;
  const blocked = rejectionBlocker(c, cmd.type);
  if (blocked) throw blocked;
  const state = cmd.type === 'rechazar' ? 'rechazado' : 'desistido';
  const next: Convenio = { ...v.next, state, outcome: { ...st, reason: cmd.reason } };
  effects.push({ type: 'cancel_timers', timers: 'all' });
  say(
    [person(c.proposer.personId), role('administrador_municipal')],
    `convenio.${state}`,
    `convenio ${state}`,
    cmd.reason,
  );
  return next;
}

function rejectionProposal(cmd: VerbCommand<'proponer_rechazo' | 'desestimar_rechazo'>, v: VerbContext): Convenio {
  const { c, st, say } = v;
  let next = v.next;
  const blocked = rejectionBlocker(c, cmd.type);
  if (blocked) throw blocked;
  if (cmd.type === 'proponer_rechazo') {
    next = { ...next, rejectionProposal: { ...st, reason: cmd.reason } };
    say(
      [role('administrador_municipal')],
      'convenio.propuesta_rechazo',
      'propuesta de rechazo',
      `SECPLAN propone rechazar el convenio: ${cmd.reason}. Decide la Administración Municipal (rechazar o desestimar).`,
    );
  } else {
    const { rejectionProposal: _dismissed, ...rest } = next;
    next = rest;
    say([role('secplan')], 'convenio.rechazo_desestimado', 'propuesta de rechazo desestimada', cmd.note);
  }
  return next;
}

export const EVALUATION_VERBS = {
  registrar_evaluacion: (cmd, v) => {
    const { st, say } = v;
    const next: Convenio = {
      ...v.next,
      assessment: {
        ...st,
        checklist: cmd.checklist,
        ...(cmd.committeeSession ? { committeeSession: cmd.committeeSession } : {}),
      },
    };
    say(
      [role('administrador_municipal')],
      'convenio.evaluado',
      'evaluación registrada',
      'SECPLAN registró la evaluación de necesidad (§5). Falta la decisión de la Administración Municipal.',
    );
    return next;
  },
  aprobar_evaluacion: (cmd, v) => {
    const { c, st, effects, say } = v;
    const blocked = approvalBlocker(c);
    if (blocked) throw blocked;
    const next: Convenio = { ...v.next, state: 'redaccion', assessmentApproval: { ...st, note: cmd.note } };
    effects.push({ type: 'store_document', document: 'borrador', version: 1 });
    say(
      [role('secplan')],
      'convenio.redaccion',
      'evaluación aprobada',
      `La Administración Municipal aprobó la necesidad: ${cmd.note}`,
    );
    return next;
  },
  rechazar: rejectOrWithdraw,
  desistir: rejectOrWithdraw,
  proponer_rechazo: rejectionProposal,
  desestimar_rechazo: rejectionProposal,
} satisfies Partial<VerbHandlers>;
