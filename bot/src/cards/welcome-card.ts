// Sent once when the app is installed, in a personal chat or a team.
import { card, execute, text } from './card-elements';
import type { AdaptiveCard } from './contract';
import { menuActions } from './help-card';
import { MENU, WELCOME } from './textos/comun';

export function welcomeCard(): AdaptiveCard {
  return card(
    [
      text(WELCOME.title, { size: 'large', weight: 'bolder', style: 'heading' }),
      text(WELCOME.about),
      text(WELCOME.notices, { spacing: 'small' }),
    ],
    [...menuActions(), execute(MENU.help, { verb: 'ayuda' })],
  );
}
