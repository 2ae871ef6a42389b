// Convenio termination: once in force, leaving means terminating with the data deleted or returned, and evidence.
import type { Convenio } from '../../../protocol';
import { choiceSet } from './card-elements';
import { inputId } from './inputs';
import { form, longText, type Step } from './step';

export const convenioTerminationStep: Step<Convenio, 'terminar'> = {
  actions: {
    terminar: (a, v) =>
      form(
        v.item,
        a.verb,
        'Terminar convenio',
        [
          longText(a.verb, 'reason', 'Motivo del término', 'Indique el motivo.'),
          choiceSet({
            id: inputId(a.verb, 'dataDisposition'),
            label: 'Los datos fueron',
            required: 'Confirme si los datos fueron eliminados o devueltos.',
            // The convenio's own retention clause is the expected answer.
            value: v.item.retention.endAction === 'devolucion' ? 'devueltos' : 'eliminados',
            choices: [
              ['eliminados', 'Eliminados'],
              ['devueltos', 'Devueltos'],
            ],
          }),
          longText(a.verb, 'evidence', 'Evidencia', 'Indique la evidencia (acta, certificado).', 1000),
        ],
        { submit: 'Terminar convenio' },
      ),
  },
};
