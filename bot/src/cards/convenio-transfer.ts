// Convenio in force (§4a): every data transfer is logged with its date, datasets, method and the responsible on
// each side. The form starts from what the convenio agreed, so a routine transfer is a confirmation.
import { toLocalDate, type Convenio } from '../../../protocol';
import { container, dateInput, heading, text, textInput } from './card-elements';
import { formatLocal, lastOf } from './format';
import { inputId } from './inputs';
import { form, type Step } from './step';

export const convenioTransferStep: Step<Convenio, 'registrar_transferencia'> = {
  body: (v) => {
    const shown = lastOf(v.item.transfers, 2);
    return shown.length
      ? [
          container([
            heading('Últimas transferencias', 'small'),
            ...shown.map((t) =>
              text(`${formatLocal(t.date)}: ${t.datasets.join(', ')} por ${t.method}`, { spacing: 'small' }),
            ),
          ]),
        ]
      : [];
  },
  actions: {
    registrar_transferencia: (a, v) => {
      const c = v.item;
      return form(
        c,
        a.verb,
        a.label,
        [
          dateInput({
            id: inputId(a.verb, 'date'),
            label: 'Fecha de la transferencia',
            required: 'Indique la fecha.',
            value: toLocalDate(v.ctx.now, v.ctx.settings.timeZone),
            // Within the vigencia and not in the future; decide() refuses the rest (rule 5).
            ...(c.validity ? { min: c.validity.start } : {}),
            max: [toLocalDate(v.ctx.now, v.ctx.settings.timeZone), c.validity?.end ?? '9999-12-31'].sort()[0],
          }),
          textInput({
            id: inputId(a.verb, 'datasets'),
            label: 'Datos transferidos (separados por coma; solo los que cubre el convenio)',
            required: 'Indique los datos transferidos.',
            value: c.datasets.map((d) => d.name).join(', '),
            maxLength: 2000,
          }),
          textInput({
            id: inputId(a.verb, 'method'),
            label: 'Método',
            required: 'Indique el método.',
            value: c.transferMethod.slice(0, 500),
            maxLength: 500,
          }),
          textInput({
            id: inputId(a.verb, 'municipalResponsible'),
            label: 'Responsable municipal',
            required: 'Indique el responsable municipal.',
            value: c.municipalTechnicalContact.name,
            maxLength: 200,
          }),
          textInput({
            id: inputId(a.verb, 'externalResponsible'),
            label: `Responsable de ${c.entity.name}`,
            required: 'Indique el responsable de la contraparte.',
            value: c.entity.technicalContact.name,
            maxLength: 200,
          }),
        ],
        { submit: 'Registrar transferencia' },
      );
    },
  },
};
