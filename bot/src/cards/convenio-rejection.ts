// Rule 9b: rejecting at evaluación. SECPLAN proposes it with a reason; the Administración Municipal rejects on that
// proposal (the Rechazar button, convenio-withdrawal.ts) or dismisses it.
import type { Convenio } from '../../../protocol';
import { heading, text } from './card-elements';
import { formatInstant } from './format';
import { form, longText, type Step } from './step';
import { CONVENIO, REJECTION } from './textos/convenio';

export const convenioRejectionStep: Step<Convenio, 'proponer_rechazo' | 'desestimar_rechazo'> = {
  body: (v) => {
    const p = v.item.rejectionProposal;
    if (!p) return [];
    return [
      heading(REJECTION.heading),
      text(REJECTION.proposal(p.by.name, formatInstant(p.at, v.ctx.settings.timeZone), p.reason), { spacing: 'small' }),
      text(REJECTION.decides, { isSubtle: true, spacing: 'small' }),
    ];
  },
  actions: {
    proponer_rechazo: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', CONVENIO.reason, CONVENIO.rejectionReasonRequired)], {
        submit: REJECTION.proposeSubmit,
        intro: REJECTION.proposeIntro,
      }),
    desestimar_rechazo: (a, v) =>
      form(
        v.item,
        a.verb,
        REJECTION.dismiss,
        [longText(a.verb, 'note', REJECTION.grounds, REJECTION.groundsRequired)],
        { submit: REJECTION.dismissSubmit },
      ),
  },
};
