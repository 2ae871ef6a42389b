// Sent once when the app is installed, in a personal chat or a team.
import { card, execute, text } from './card-elements';
import type { AdaptiveCard } from './contract';
import { menuActions } from './help-card';

export function welcomeCard(): AdaptiveCard {
  return card(
    [
      text('Bienvenido(a) a Intercambio de Datos', { size: 'large', weight: 'bolder', style: 'heading' }),
      text(
        'Aquí se aplica el Protocolo para Intercambio de Datos de la Municipalidad de Quillota: las solicitudes ' +
          'de datos entre unidades, con copia a la UGDT, y los convenios de intercambio con entidades externas, ' +
          'que coordina SECPLAN.',
      ),
      text(
        'Le avisaremos aquí cuando algo espere una acción suya, con los plazos en días hábiles. ' +
          'Escriba «ayuda» para ver los comandos.',
        { spacing: 'small' },
      ),
    ],
    [...menuActions(), execute('Ayuda', { verb: 'ayuda' })],
  );
}
