// Convenio closed before vigencia: rejected by an evaluator (SECPLAN, Administración, DAJ) or withdrawn by SECPLAN
// or the proposer, always with a reason.
import type { Convenio } from '../../../protocol';
import { form, longText, type Step } from './step';

export const convenioWithdrawalStep: Step<Convenio, 'rechazar' | 'desistir'> = {
  actions: {
    rechazar: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', 'Motivo', 'Indique el motivo del rechazo.')], {
        submit: 'Rechazar convenio',
      }),
    desistir: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', 'Motivo', 'Indique el motivo.')], {
        submit: 'Desistir del convenio',
      }),
  },
};
