// An intake form the server refused, sent back as it was filled (issue 14 §1): a 30-field convenio is never lost
// to one wrong RUT. The reasons sit under their fields and are listed on top by label.
import type { Actor, DomainError, ItemKind } from '../../../protocol';
import { banner } from './card-elements';
import type { ActionData, AdaptiveCard, CardContext } from './contract';
import { convenioIntakeCard } from './convenio-intake';
import { keepValues, markFieldErrors, summaryLines } from './form-errors';
import { intakeInputId } from './inputs';
import { solicitudIntakeCard } from './solicitud-intake';
import { FORM, INTAKE } from './textos/comun';

const TITLE: Record<ItemKind, string> = {
  solicitud: INTAKE.solicitudRefused,
  convenio: INTAKE.convenioRefused,
};

/** What the card sent, as the form's values (Teams sends every input as a string). */
function typed(data: ActionData): Record<string, unknown> {
  const { verb: _v, id: _i, version: _n, ...inputs } = data;
  return inputs;
}

export function intakeAgain(
  kind: ItemKind,
  ctx: CardContext,
  viewer: Actor,
  data: ActionData,
  error: DomainError,
): AdaptiveCard {
  const values = typed(data);
  const card =
    kind === 'solicitud' ? solicitudIntakeCard(ctx, { viewer, values }) : convenioIntakeCard(ctx, { values });
  keepValues(card as unknown as Record<string, unknown>, values);
  const problems = markFieldErrors(card as unknown as Record<string, unknown>, error.fields, (p) =>
    intakeInputId(kind, p),
  );
  const lines = summaryLines(error.message, error.fields, problems);
  card.body.unshift(banner([TITLE[kind], ...lines, FORM.kept], 'attention'));
  return card;
}
