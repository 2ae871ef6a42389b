// Internal request, requester's step: accept the delivery, send it back with an observation, or cancel (§2).
import type { Solicitud } from '../../../protocol';
import { heading, text } from './card-elements';
import { direct, form, longText, type Step } from './step';

type RequesterVerb = 'conforme' | 'observar' | 'cancelar';

export const solicitudRequesterStep: Step<Solicitud, RequesterVerb> = {
  body: (v) =>
    v.item.state === 'entregada'
      ? [
          heading('Revise la entrega'),
          text(
            'Si los datos responden a lo pedido, marque «Conforme» y la solicitud se cierra. Si falta algo, ' +
              '«Observar» la devuelve a la unidad con un nuevo plazo de respuesta.',
            { spacing: 'small' },
          ),
        ]
      : [],
  actions: {
    conforme: (a, v) => direct(v.item, a.verb, a.label),
    observar: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', 'Observación', 'Indique qué falta o qué corregir.')], {
        submit: 'Enviar observación',
      }),
    cancelar: (a, v) =>
      form(v.item, a.verb, 'Cancelar solicitud', [longText(a.verb, 'reason', 'Motivo', 'Indique el motivo.')], {
        submit: 'Cancelar solicitud',
      }),
  },
};
