import { SOLICITUD_AWAITING_OWNER, SOLICITUD_OPEN_STATES, type SolicitudState } from './state';
import type { SolicitudVerb } from './commands';

/** Who may issue a command on a request. */
export type SolicitudWho = 'solicitante' | 'unidad_duena' | 'ugdt' | 'participantes' | 'sistema' | 'solicitante_o_ugdt';

export interface SolicitudTransition {
  from: readonly SolicitudState[];
  /** 'igual' keeps the state (a comment, a reminder, an extension). */
  to: SolicitudState | 'igual';
  who: SolicitudWho;
  /** The button or menu text users see. */
  label: string;
}

const AWAITING = SOLICITUD_AWAITING_OWNER;

/**
 * The whole internal-request life cycle as one exhaustive table (§2). decide() checks state and role here;
 * the tests walk it for every allowed and every forbidden pair.
 */
export const SOLICITUD_TRANSITIONS: Record<SolicitudVerb, SolicitudTransition> = {
  acusar_recibo: { from: ['enviada'], to: 'recibida', who: 'unidad_duena', label: 'Acusar recibo' },
  // Giving a wait time or delivering straight away also acknowledges receipt (§2c).
  indicar_plazo: { from: AWAITING, to: 'en_plazo', who: 'unidad_duena', label: 'Indicar plazo' },
  entregar: { from: AWAITING, to: 'entregada', who: 'unidad_duena', label: 'Entregar' },
  no_disponible: { from: AWAITING, to: 'no_disponible', who: 'unidad_duena', label: 'No disponible' },
  rechazar: { from: AWAITING, to: 'rechazada', who: 'unidad_duena', label: 'Rechazar con fundamento' },
  conforme: { from: ['entregada'], to: 'cerrada', who: 'solicitante', label: 'Conforme' },
  observar: { from: ['entregada'], to: 'recibida', who: 'solicitante', label: 'Observar' },
  cancelar: { from: AWAITING, to: 'cancelada', who: 'solicitante', label: 'Cancelar' },
  comentar: { from: SOLICITUD_OPEN_STATES, to: 'igual', who: 'participantes', label: 'Comentar' },
  recordar: { from: AWAITING, to: 'igual', who: 'ugdt', label: 'Recordar' },
  reasignar: { from: AWAITING, to: 'enviada', who: 'ugdt', label: 'Reasignar' },
  // De oficio (art. 26), only before the answer deadline expires and with no request of the unit pending.
  prorrogar: { from: AWAITING, to: 'igual', who: 'ugdt', label: 'Prorrogar' },
  // Not a delivered request: that one waits for the requester, then closes by silence (cerrar_por_silencio).
  cerrar: { from: AWAITING, to: 'cerrada', who: 'ugdt', label: 'Cerrar' },
  recordatorio_plazo: { from: AWAITING, to: 'igual', who: 'sistema', label: 'Recordatorio de plazo' },
  marcar_vencida: { from: AWAITING, to: 'igual', who: 'sistema', label: 'Marcar vencida' },
  // Ley 19.880 art. 26: asked and decided before the answer deadline expires (checked in decide()).
  solicitar_prorroga: { from: AWAITING, to: 'igual', who: 'unidad_duena', label: 'Solicitar prórroga' },
  conceder_prorroga: { from: AWAITING, to: 'igual', who: 'ugdt', label: 'Conceder prórroga' },
  denegar_prorroga: { from: AWAITING, to: 'igual', who: 'ugdt', label: 'Denegar prórroga' },
  // After expiry: oficio reiterativo (the request stays late).
  reiterar: { from: AWAITING, to: 'igual', who: 'ugdt', label: 'Reiterar' },
  corregir_clasificacion: {
    from: SOLICITUD_OPEN_STATES,
    to: 'igual',
    who: 'unidad_duena',
    label: 'Corregir clasificación',
  },
  cerrar_por_silencio: { from: ['entregada'], to: 'cerrada', who: 'sistema', label: 'Cerrar por silencio' },
  actualizar_base_legal: {
    from: SOLICITUD_OPEN_STATES,
    to: 'igual',
    who: 'solicitante_o_ugdt',
    label: 'Actualizar base legal',
  },
};

export const SOLICITUD_VERBS = Object.keys(SOLICITUD_TRANSITIONS) as SolicitudVerb[];
