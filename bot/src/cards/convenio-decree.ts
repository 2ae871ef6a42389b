// Convenio approval (§6): the Secretaría Municipal (or the Alcalde) records the Decreto Alcaldicio that approves
// it; the vigencia runs from the decree's date.
import { toLocalDate, type Convenio } from '../../../protocol';
import { dateInput, heading, text, textInput } from './card-elements';
import { inputId } from './inputs';
import { form, type Step } from './step';

export const convenioDecreeStep: Step<Convenio, 'registrar_decreto'> = {
  body: (v) => [
    heading('Aprobación por Decreto Alcaldicio'),
    text(
      `Firmado por todas las partes. La vigencia de ${v.item.durationMonths} meses corre desde la fecha del decreto.`,
      { spacing: 'small' },
    ),
  ],
  actions: {
    registrar_decreto: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          textInput({
            id: inputId(a.verb, 'number'),
            label: 'Número del Decreto Alcaldicio',
            required: 'Indique el número del decreto.',
            placeholder: 'Ej.: 4.567',
            maxLength: 50,
          }),
          dateInput({
            id: inputId(a.verb, 'date'),
            label: 'Fecha del decreto',
            required: 'Indique la fecha del decreto.',
            // A decree cannot be dated in the future; decide() says so too.
            max: toLocalDate(v.ctx.now, v.ctx.settings.timeZone),
          }),
          textInput({
            id: inputId(a.verb, 'externalAct'),
            label: 'Acto aprobatorio de la contraparte (opcional)',
            maxLength: 500,
          }),
        ],
        { submit: 'Registrar decreto' },
      ),
  },
};
