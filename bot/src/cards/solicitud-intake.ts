// "nueva solicitud": the intake form of an internal data request (§1, §2a). Submits `solicitud.crear`; the inputs
// are the creation schema's paths, read back by createFromInvoke.
import { toLocalDate, type Actor } from '../../../protocol';
import { card, choiceSet, dateInput, dialogAction, execute, heading, text, textInput } from './card-elements';
import type { AdaptiveCard, CardContext } from './contract';
import { datasetInputs, valueOf, type FormValues } from './dataset-inputs';
import { periodWords } from './format';
import { legalBasisInputs } from './legal-basis-inputs';

export interface IntakeOptions {
  /** The person filling the form: their own unit is left out of the owner units. */
  viewer?: Actor | null;
  /** Values to show again when the server returns the form with an error (intake-again.ts). */
  values?: FormValues;
}

export function solicitudIntakeCard(ctx: CardContext, opts: IntakeOptions = {}): AdaptiveCard {
  const v = (id: string) => valueOf(opts.values, id);
  const { acknowledge, answer } = ctx.settings.defaults;
  const units = ctx.directory.units.filter((u) => u.id !== opts.viewer?.unitId);
  const long = (id: string, label: string, required: string, maxLength = 2000) =>
    textInput({ id, label, required, multiline: true, maxLength, value: v(id) });
  return card(
    [
      text('Nueva solicitud de datos', { size: 'large', weight: 'bolder', style: 'heading' }),
      text(
        `La solicitud llega a la unidad dueña del dato con copia a la UGDT (§2a). La unidad tiene ` +
          `${periodWords(acknowledge.amount, acknowledge.unit)} para acusar recibo y ` +
          `${periodWords(answer.amount, answer.unit)} para responder.`,
        { isSubtle: true },
      ),
      choiceSet({
        id: 'ownerUnitId',
        label: 'Unidad dueña del dato',
        required: 'Elija la unidad dueña del dato.',
        placeholder: 'Elija una unidad',
        value: v('ownerUnitId'),
        choices: units.map((u) => [u.id, u.name]),
      }),
      ...datasetInputs(opts.values),
      heading('Fundamento (§1b)'),
      long('purpose', 'Propósito', 'Indique el propósito (al menos 3 caracteres).'),
      long('justification', 'Justificación', 'Indique la justificación.'),
      long('expectedBenefits', 'Beneficios esperados', 'Indique los beneficios esperados.'),
      ...legalBasisInputs('', opts.values),
      dateInput({
        id: 'neededBy',
        label: 'Fecha en que se necesitan (opcional)',
        min: toLocalDate(ctx.now, ctx.settings.timeZone),
        value: v('neededBy'),
      }),
    ],
    [
      execute('Enviar solicitud', { verb: 'solicitud.crear' }, 'positive'),
      dialogAction('Formulario completo', 'nueva-solicitud'),
    ],
  );
}
