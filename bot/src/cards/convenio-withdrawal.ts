// Convenio closed before vigencia: rejected by an evaluator (SECPLAN, Administración, DAJ) or withdrawn by SECPLAN
// or the proposer, always with a reason.
import type { Convenio } from '../../../protocol';
import { form, longText, type Step } from './step';
import { CONVENIO, WITHDRAWAL } from './textos/convenio';

export const convenioWithdrawalStep: Step<Convenio, 'rechazar' | 'desistir'> = {
  actions: {
    rechazar: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', CONVENIO.reason, CONVENIO.rejectionReasonRequired)], {
        submit: WITHDRAWAL.rejectSubmit,
      }),
    desistir: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', CONVENIO.reason, CONVENIO.reasonRequired)], {
        submit: WITHDRAWAL.withdrawSubmit,
      }),
  },
};
