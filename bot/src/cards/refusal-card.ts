// The protocol's refusal (NO_AUTORIZADO) in its own words, e.g. "Solo la unidad dueña del dato puede realizar
// esta acción."; nothing changed, so the card says so.
import { banner, card, text } from './card-elements';
import type { AdaptiveCard } from './contract';
import { REFUSAL } from './textos/comun';

export function refusalCard(message: string, opts: { reference?: string } = {}): AdaptiveCard {
  return card([
    banner([opts.reference ? REFUSAL.titleIn(opts.reference) : REFUSAL.title, message], 'warning'),
    text(REFUSAL.nothingChanged, { isSubtle: true, size: 'small' }),
  ]);
}
