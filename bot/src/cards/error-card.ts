// An error as a user reads it: the Spanish message and the code to quote when asking for help. The caller passes
// a DomainError's message or a fixed Spanish text; never a raw exception message nor a stack.
import { banner, card, text } from './card-elements';
import type { AdaptiveCard } from './contract';

export function errorCard(message: string, code?: string): AdaptiveCard {
  return card([
    banner(['No se pudo completar la acción', message], 'attention'),
    code ? text(`Código: ${code}`, { isSubtle: true, size: 'small' }) : undefined,
  ]);
}
