// "ayuda": the Spanish chat commands and buttons for the common ones.
import { banner, card, execute, facts, linkLine, text, type CardAction } from './card-elements';
import type { AdaptiveCard } from './contract';

export const COMMANDS: [string, string][] = [
  ['nueva solicitud', 'Pedir datos a otra unidad municipal (con copia a la UGDT).'],
  ['nuevo convenio', 'Proponer un convenio de intercambio de datos con una entidad externa.'],
  ['mis solicitudes', 'Ver las solicitudes y convenios en que usted participa.'],
  ['pendientes', 'Ver lo que espera una acción suya.'],
  ['buscar <referencia>', 'Abrir una solicitud o un convenio, por ejemplo «buscar SOL-2026-0001».'],
  ['ayuda', 'Mostrar esta ayuda.'],
];

/** The buttons of the main commands, shared by the help and the welcome cards. */
export const menuActions = (): CardAction[] => [
  execute('Nueva solicitud', { verb: 'nueva_solicitud' }, 'positive'),
  execute('Nuevo convenio', { verb: 'nuevo_convenio' }),
  execute('Mis solicitudes', { verb: 'mis_solicitudes' }),
  execute('Pendientes', { verb: 'pendientes' }),
];

/**
 * `note` explains why help is shown instead (an unknown command, a reference not found); `homeUrl` (the app's own
 * address, card-context.ts) links the tab, where the board, the lists and the forms are (issue 14 §12).
 */
export function helpCard(note?: string, homeUrl?: string): AdaptiveCard {
  return card(
    [
      note ? banner([note], 'warning') : undefined,
      text('Intercambio de Datos: comandos', { size: 'medium', weight: 'bolder', style: 'heading' }),
      text('Escriba uno de estos comandos en el chat o use los botones.', { isSubtle: true }),
      facts(COMMANDS),
      homeUrl
        ? linkLine('Abrir la pestaña: Tablero, Lista, Mis pendientes, Panel y formularios completos', homeUrl, 'medium')
        : undefined,
    ],
    menuActions(),
  );
}
