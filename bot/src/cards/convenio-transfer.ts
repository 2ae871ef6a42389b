// Convenio in force (§4a): every data transfer is logged with its date, datasets, method and the responsible on
// each side. The form starts from what the convenio agreed, so a routine transfer is a confirmation.
import { toLocalDate, type Convenio } from '../../../protocol';
import { container, dateInput, heading, text, textInput } from './card-elements';
import { formatLocal, lastOf } from './format';
import { inputId } from './inputs';
import { form, type Step } from './step';
import { CONVENIO, TRANSFER } from './textos/convenio';

export const convenioTransferStep: Step<Convenio, 'registrar_transferencia'> = {
  body: (v) => {
    const shown = lastOf(v.item.transfers, 2);
    return shown.length
      ? [
          container([
            heading(TRANSFER.latest(shown.length), 'small'),
            ...shown.map((t) =>
              text(TRANSFER.line(formatLocal(t.date)!, t.datasets.join(', '), t.method), { spacing: 'small' }),
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
            label: TRANSFER.date,
            required: CONVENIO.dateRequired,
            value: toLocalDate(v.ctx.now, v.ctx.settings.timeZone),
            // Within the vigencia and not in the future; decide() refuses the rest (rule 5).
            ...(c.validity ? { min: c.validity.start } : {}),
            max: [toLocalDate(v.ctx.now, v.ctx.settings.timeZone), c.validity?.end ?? '9999-12-31'].sort()[0],
          }),
          textInput({
            id: inputId(a.verb, 'datasets'),
            label: TRANSFER.datasets,
            required: TRANSFER.datasetsRequired,
            value: c.datasets.map((d) => d.name).join(', '),
            maxLength: 2000,
          }),
          textInput({
            id: inputId(a.verb, 'method'),
            label: TRANSFER.method,
            required: TRANSFER.methodRequired,
            value: c.transferMethod.slice(0, 500),
            maxLength: 500,
          }),
          textInput({
            id: inputId(a.verb, 'municipalResponsible'),
            label: TRANSFER.municipalResponsible,
            required: TRANSFER.municipalResponsibleRequired,
            value: c.municipalTechnicalContact.name,
            maxLength: 200,
          }),
          textInput({
            id: inputId(a.verb, 'externalResponsible'),
            label: TRANSFER.externalResponsible(c.entity.name),
            required: TRANSFER.externalResponsibleRequired,
            value: c.entity.technicalContact.name,
            maxLength: 200,
          }),
        ],
        { submit: TRANSFER.submit },
      );
    },
  },
};
