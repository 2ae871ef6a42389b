// "nueva solicitud": the intake form of an internal data request (§1, §2a). Submits `solicitud.crear`; the inputs
// are the creation schema's paths, read back by createFromInvoke.
import { toLocalDate, type Actor } from '../../../protocol';
import { card, choiceSet, dateInput, dialogAction, execute, heading, text, textInput } from './card-elements';
import type { AdaptiveCard, CardContext } from './contract';
import { datasetInputs, valueOf, type FormValues } from './dataset-inputs';
import { periodWords } from './format';
import { legalBasisInputs } from './legal-basis-inputs';
import { FORM, INTAKE } from './textos/comun';
import { SOLICITUD_INTAKE as T } from './textos/solicitud';

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
      text(INTAKE.solicitudTitle, { size: 'large', weight: 'bolder', style: 'heading' }),
      text(T.intro(periodWords(acknowledge.amount, acknowledge.unit), periodWords(answer.amount, answer.unit)), {
        isSubtle: true,
      }),
      choiceSet({
        id: 'ownerUnitId',
        label: T.ownerUnit,
        required: T.ownerUnitRequired,
        placeholder: T.chooseUnit,
        value: v('ownerUnitId'),
        choices: units.map((u) => [u.id, u.name]),
      }),
      ...datasetInputs(opts.values),
      heading(T.grounds),
      long('purpose', T.purpose, T.purposeRequired),
      long('justification', T.justification, T.justificationRequired),
      long('expectedBenefits', T.benefits, T.benefitsRequired),
      ...legalBasisInputs('', opts.values),
      dateInput({
        id: 'neededBy',
        label: T.neededBy,
        min: toLocalDate(ctx.now, ctx.settings.timeZone),
        value: v('neededBy'),
      }),
    ],
    [execute(T.submit, { verb: 'solicitud.crear' }, 'positive'), dialogAction(FORM.fullForm, 'nueva-solicitud')],
  );
}
