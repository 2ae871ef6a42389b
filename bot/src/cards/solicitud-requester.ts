// Internal request, requester's step: accept the delivery, send it back with an observation, or cancel (§2).
import type { Solicitud } from '../../../protocol';
import { heading, text } from './card-elements';
import { direct, form, longText, type Step } from './step';
import { REQUESTER as T } from './textos/solicitud';

type RequesterVerb = 'conforme' | 'observar' | 'cancelar';

export const solicitudRequesterStep: Step<Solicitud, RequesterVerb> = {
  body: (v) => (v.item.state === 'entregada' ? [heading(T.heading), text(T.body, { spacing: 'small' })] : []),
  actions: {
    conforme: (a, v) => direct(v.item, a.verb, a.label),
    observar: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', T.observation, T.observationRequired)], {
        submit: T.observeSubmit,
      }),
    cancelar: (a, v) =>
      form(v.item, a.verb, T.cancel, [longText(a.verb, 'reason', T.reason, T.cancelReasonRequired)], {
        submit: T.cancel,
      }),
  },
};
