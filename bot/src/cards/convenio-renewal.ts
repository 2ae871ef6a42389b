// Convenio renewal: near the end of vigencia SECPLAN renews for some months, or terminates (see termination).
import { toLocalDate, type Convenio } from '../../../protocol';
import { dateInput, facts, heading, numberInput, textInput } from './card-elements';
import { formatLocal, RENEWAL_LABELS } from './format';
import { inputId } from './inputs';
import { form, type Step } from './step';
import { RENEWAL } from './textos/convenio';

export const convenioRenewalStep: Step<Convenio, 'renovar'> = {
  body: (v) => [
    heading(RENEWAL.heading),
    facts([
      [RENEWAL.endsOn, formatLocal(v.item.validity?.end)],
      [RENEWAL.renewal, RENEWAL_LABELS[v.item.renewal]],
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
            label: RENEWAL.months,
            required: RENEWAL.monthsRequired,
            min: 1,
            max: 120,
            value: v.item.durationMonths,
          }),
          textInput({
            id: inputId(a.verb, 'decree'),
            label: RENEWAL.decree,
            required: RENEWAL.decreeRequired,
            maxLength: 50,
          }),
          dateInput({
            id: inputId(a.verb, 'decreeDate'),
            label: RENEWAL.decreeDate,
            required: RENEWAL.decreeDateRequired,
            // Approved no later than the last day of the vigencia, and not in the future; decide() says so too.
            max: [toLocalDate(v.ctx.now, v.ctx.settings.timeZone), v.item.validity?.end ?? '9999-12-31'].sort()[0],
          }),
        ],
        { submit: RENEWAL.submit, intro: RENEWAL.intro(formatLocal(v.item.validity?.end)) },
      ),
  },
};
