// Convenio termination: once in force, leaving means terminating with the data deleted or returned, and evidence.
import type { Convenio } from '../../../protocol';
import { choiceSet } from './card-elements';
import { inputId } from './inputs';
import { form, longText, type Step } from './step';
import { CONVENIO, TERMINATION } from './textos/convenio';

export const convenioTerminationStep: Step<Convenio, 'terminar'> = {
  actions: {
    terminar: (a, v) =>
      form(
        v.item,
        a.verb,
        TERMINATION.title,
        [
          longText(a.verb, 'reason', TERMINATION.reason, CONVENIO.reasonRequired),
          choiceSet({
            id: inputId(a.verb, 'dataDisposition'),
            label: TERMINATION.dataDisposition,
            required: TERMINATION.dataDispositionRequired,
            // The convenio's own retention clause is the expected answer.
            value: v.item.retention.endAction === 'devolucion' ? 'devueltos' : 'eliminados',
            choices: Object.entries(TERMINATION.dispositions),
          }),
          longText(a.verb, 'evidence', CONVENIO.evidence, TERMINATION.evidenceRequired, 1000),
        ],
        { submit: TERMINATION.submit },
      ),
  },
};
