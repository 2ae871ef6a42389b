// Convenio renewal: near the end of vigencia SECPLAN renews for some months, or terminates (see termination).
import type { Convenio } from '../../../protocol';
import { facts, heading, numberInput, textInput } from './card-elements';
import { formatLocal, RENEWAL_LABELS } from './format';
import { inputId } from './inputs';
import { form, type Step } from './step';

export const convenioRenewalStep: Step<Convenio, 'renovar'> = {
  body: (v) => [
    heading('Vigencia'),
    facts([
      ['Vence el', formatLocal(v.item.validity?.end)],
      ['Renovación', RENEWAL_LABELS[v.item.renewal]],
    ]),
  ],
  actions: {
    renovar: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          numberInput({
            id: inputId(a.verb, 'months'),
            label: 'Meses de renovación',
            required: 'Indique los meses, entre 1 y 120.',
            min: 1,
            max: 120,
            value: v.item.durationMonths,
          }),
          textInput({ id: inputId(a.verb, 'decree'), label: 'Decreto de renovación (opcional)', maxLength: 50 }),
        ],
        { submit: 'Renovar', style: 'positive', intro: 'La nueva vigencia corre desde el día siguiente al término.' },
      ),
  },
};
