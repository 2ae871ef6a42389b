// Convenio renewal: near the end of vigencia SECPLAN renews for some months, or terminates (see termination).
import { toLocalDate, type Convenio } from '../../../protocol';
import { dateInput, facts, heading, numberInput, textInput } from './card-elements';
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
          textInput({
            id: inputId(a.verb, 'decree'),
            label: 'Número del decreto que aprueba la renovación',
            required: 'Indique el número del decreto de renovación.',
            maxLength: 50,
          }),
          dateInput({
            id: inputId(a.verb, 'decreeDate'),
            label: 'Fecha del decreto de renovación',
            required: 'Indique la fecha del decreto de renovación.',
            // Approved no later than the last day of the vigencia, and not in the future; decide() says so too.
            max: [toLocalDate(v.ctx.now, v.ctx.settings.timeZone), v.item.validity?.end ?? '9999-12-31'].sort()[0],
          }),
        ],
        {
          submit: 'Renovar',
          intro:
            'La renovación expresa se aprueba por decreto antes del término de la vigencia. La nueva vigencia corre desde el día siguiente al término.',
        },
      ),
  },
};
