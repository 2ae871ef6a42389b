// Rule 9b: rejecting at evaluación. SECPLAN proposes it with a reason; the Administración Municipal rejects on that
// proposal (the Rechazar button, convenio-withdrawal.ts) or dismisses it.
import type { Convenio } from '../../../protocol';
import { heading, text } from './card-elements';
import { formatInstant } from './format';
import { form, longText, type Step } from './step';

export const convenioRejectionStep: Step<Convenio, 'proponer_rechazo' | 'desestimar_rechazo'> = {
  body: (v) => {
    const p = v.item.rejectionProposal;
    if (!p) return [];
    return [
      heading('Propuesta de rechazo de SECPLAN'),
      text(`${p.by.name}, ${formatInstant(p.at, v.ctx.settings.timeZone)}: ${p.reason}`, { spacing: 'small' }),
      text('La decide la Administración Municipal: rechazar el convenio o desestimar la propuesta.', {
        isSubtle: true,
        spacing: 'small',
      }),
    ];
  },
  actions: {
    proponer_rechazo: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', 'Motivo', 'Indique el motivo del rechazo.')], {
        submit: 'Proponer rechazo',
        intro: 'El rechazo en evaluación lo decide la Administración Municipal a propuesta de SECPLAN.',
      }),
    desestimar_rechazo: (a, v) =>
      form(v.item, a.verb, 'Desestimar', [longText(a.verb, 'note', 'Fundamento', 'Indique el fundamento.')], {
        submit: 'Desestimar propuesta',
      }),
  },
};
