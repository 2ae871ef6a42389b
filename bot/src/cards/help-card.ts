// "ayuda": the Spanish chat commands and buttons for the common ones.
import { banner, card, execute, facts, linkLine, text, type CardAction } from './card-elements';
import type { AdaptiveCard } from './contract';
import { HELP, MENU } from './textos/comun';

export const COMMANDS: [string, string][] = HELP.commands;

/** The buttons of the main commands, shared by the help and the welcome cards. */
export const menuActions = (): CardAction[] => [
  execute(MENU.newSolicitud, { verb: 'nueva_solicitud' }, 'positive'),
  execute(MENU.newConvenio, { verb: 'nuevo_convenio' }),
  execute(MENU.mine, { verb: 'mis_solicitudes' }),
  execute(MENU.pending, { verb: 'pendientes' }),
];

/**
 * `note` explains why help is shown instead (an unknown command, a reference not found); `homeUrl` (the app's own
 * address, card-context.ts) links the tab, where the board, the lists and the forms are (issue 14 §12).
 */
export function helpCard(note?: string, homeUrl?: string): AdaptiveCard {
  return card(
    [
      note ? banner([note], 'warning') : undefined,
      text(HELP.title, { size: 'medium', weight: 'bolder', style: 'heading' }),
      text(HELP.intro, { isSubtle: true }),
      facts(COMMANDS),
      homeUrl ? linkLine(HELP.openTab, homeUrl, 'medium') : undefined,
    ],
    menuActions(),
  );
}
