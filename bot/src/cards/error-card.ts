// An error as a user reads it: the Spanish message and the code to quote when asking for help. The caller passes
// a DomainError's message or a fixed Spanish text; never a raw exception message nor a stack.
import { banner, card, text } from './card-elements';
import type { AdaptiveCard } from './contract';
import { ERROR_CARD } from './textos/comun';

export function errorCard(message: string, code?: string): AdaptiveCard {
  return card([
    banner([ERROR_CARD.title, message], 'attention'),
    code ? text(ERROR_CARD.code(code), { isSubtle: true, size: 'small' }) : undefined,
  ]);
}
