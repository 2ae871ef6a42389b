// Convenio approval (§6): the Secretaría Municipal (or the Alcalde) records the Decreto Alcaldicio that approves
// it; the vigencia runs from the decree's date.
import { toLocalDate, type Convenio } from '../../../protocol';
import { dateInput, heading, text, textInput } from './card-elements';
import { inputId } from './inputs';
import { form, type Step } from './step';
import { DECREE } from './textos/convenio';

export const convenioDecreeStep: Step<Convenio, 'registrar_decreto'> = {
  body: (v) => [heading(DECREE.heading), text(DECREE.signed(v.item.durationMonths), { spacing: 'small' })],
  actions: {
    registrar_decreto: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          textInput({
            id: inputId(a.verb, 'number'),
            label: DECREE.number,
            required: DECREE.numberRequired,
            placeholder: DECREE.numberExample,
            maxLength: 50,
          }),
          dateInput({
            id: inputId(a.verb, 'date'),
            label: DECREE.date,
            required: DECREE.dateRequired,
            // A decree cannot be dated in the future; decide() says so too.
            max: toLocalDate(v.ctx.now, v.ctx.settings.timeZone),
          }),
          textInput({
            id: inputId(a.verb, 'externalAct'),
            label: DECREE.externalAct,
            maxLength: 500,
          }),
        ],
        { submit: DECREE.submit },
      ),
  },
};
