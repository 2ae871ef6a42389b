import type { TimerKind } from './effects';
import type { Command } from './decide';

/** What the scheduler asks of the protocol when a timer falls due (the command is issued by the system actor). */
export const TIMER_COMMANDS: Record<TimerKind, (about: string) => Command> = {
  recordatorio_acuse: (about) => ({ type: 'recordatorio_plazo', deadline: 'acknowledge', about }),
  vencimiento_acuse: (about) => ({ type: 'marcar_vencida', deadline: 'acknowledge', about }),
  recordatorio_respuesta: (about) => ({ type: 'recordatorio_plazo', deadline: 'answer', about }),
  vencimiento_respuesta: (about) => ({ type: 'marcar_vencida', deadline: 'answer', about }),
  evaluacion_periodica: (about) => ({ type: 'evaluacion_pendiente', about }),
  aviso_termino: (about) => ({ type: 'marcar_por_vencer', about }),
  cierre_por_silencio: (about) => ({ type: 'cerrar_por_silencio', about }),
  fin_vigencia: (about) => ({ type: 'vencer', about }),
  recordatorio_termino: (about) => ({ type: 'plazo_termino', stage: 'recordatorio', about }),
  vencimiento_termino: (about) => ({ type: 'plazo_termino', stage: 'vencimiento', about }),
  recordatorio_etapa: (about) => ({ type: 'recordatorio_etapa', about }),
  vencimiento_etapa: (about) => ({ type: 'etapa_vencida', about }),
};
