// The protocol's refusal (NO_AUTORIZADO) in its own words, e.g. "Solo la unidad dueña del dato puede realizar
// esta acción."; nothing changed, so the card says so.
import { banner, card, text } from './card-elements';
import type { AdaptiveCard } from './contract';

export function refusalCard(message: string, opts: { reference?: string } = {}): AdaptiveCard {
  return card([
    banner([opts.reference ? `Acción no permitida en ${opts.reference}` : 'Acción no permitida', message], 'warning'),
    text('No se realizó ningún cambio.', { isSubtle: true, size: 'small' }),
  ]);
}
