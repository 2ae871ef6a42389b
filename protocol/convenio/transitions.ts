import {
  CONVENIO_BEFORE_VIGENCIA,
  CONVENIO_IN_FORCE,
  CONVENIO_OPEN_STATES,
  CONVENIO_STATES,
  type ConvenioState,
} from './state';
import type { ConvenioVerb } from './commands';

export type ConvenioWho =
  | 'secplan'
  | 'administrador'
  | 'evaluadores'
  | 'daj'
  | 'visacion'
  | 'firmante'
  | 'decreto'
  | 'secplan_o_contraparte_tecnica'
  | 'secplan_o_proponente'
  | 'participantes'
  | 'redaccion'
  | 'sistema';

export interface ConvenioTransition {
  from: readonly ConvenioState[];
  /** 'igual' keeps the state; 'segun' means the decision picks among `targets` (e.g. last visación moves to firma). */
  to: ConvenioState | 'igual' | 'segun';
  targets?: readonly ConvenioState[];
  who: ConvenioWho;
  label: string;
}

/** The convenio life cycle (§3–§6) as one exhaustive table. */
export const CONVENIO_TRANSITIONS: Record<ConvenioVerb, ConvenioTransition> = {
  registrar_evaluacion: { from: ['evaluacion'], to: 'igual', who: 'secplan', label: 'Registrar evaluación' },
  aprobar_evaluacion: { from: ['evaluacion'], to: 'redaccion', who: 'administrador', label: 'Aprobar evaluación' },
  rechazar: { from: CONVENIO_BEFORE_VIGENCIA, to: 'rechazado', who: 'evaluadores', label: 'Rechazar' },
  registrar_borrador: { from: ['redaccion'], to: 'igual', who: 'redaccion', label: 'Registrar borrador' },
  enviar_a_visacion: { from: ['redaccion'], to: 'visacion', who: 'secplan', label: 'Enviar a visación' },
  visar: { from: ['visacion'], to: 'segun', targets: ['visacion', 'firma'], who: 'daj', label: 'Visar' },
  registrar_visacion_externa: {
    from: ['visacion'],
    to: 'segun',
    targets: ['visacion', 'firma'],
    who: 'secplan',
    label: 'Registrar visación externa',
  },
  observar: { from: ['visacion'], to: 'redaccion', who: 'visacion', label: 'Observar' },
  firmar: { from: ['firma'], to: 'segun', targets: ['firma', 'aprobacion'], who: 'firmante', label: 'Firmar' },
  subir_firmado_fea: { from: ['firma', 'aprobacion'], to: 'igual', who: 'secplan', label: 'Subir PDF con FEA' },
  registrar_decreto: { from: ['aprobacion'], to: 'vigente', who: 'decreto', label: 'Registrar decreto' },
  registrar_transferencia: {
    from: CONVENIO_IN_FORCE,
    to: 'igual',
    who: 'secplan_o_contraparte_tecnica',
    label: 'Registrar transferencia',
  },
  registrar_evaluacion_periodica: {
    from: CONVENIO_IN_FORCE,
    to: 'igual',
    who: 'secplan',
    label: 'Registrar evaluación periódica',
  },
  renovar: { from: CONVENIO_IN_FORCE, to: 'vigente', who: 'secplan', label: 'Renovar' },
  terminar: { from: CONVENIO_IN_FORCE, to: 'terminado', who: 'secplan', label: 'Terminar' },
  // Once in force, leaving means terminar, with the data deleted or returned.
  desistir: { from: CONVENIO_BEFORE_VIGENCIA, to: 'desistido', who: 'secplan_o_proponente', label: 'Desistir' },
  comentar: { from: CONVENIO_OPEN_STATES, to: 'igual', who: 'participantes', label: 'Comentar' },
  evaluacion_pendiente: { from: CONVENIO_IN_FORCE, to: 'igual', who: 'sistema', label: 'Evaluación pendiente' },
  marcar_por_vencer: { from: ['vigente'], to: 'por_vencer', who: 'sistema', label: 'Marcar por vencer' },
  registrar_documento: { from: CONVENIO_STATES, to: 'igual', who: 'sistema', label: 'Registrar documento guardado' },
  actualizar_base_legal: {
    from: CONVENIO_OPEN_STATES,
    to: 'igual',
    who: 'secplan',
    label: 'Actualizar base legal',
  },
  registrar_eipd: { from: CONVENIO_BEFORE_VIGENCIA, to: 'igual', who: 'secplan', label: 'Registrar EIPD' },
  registrar_autorizacion_origen: {
    from: CONVENIO_BEFORE_VIGENCIA,
    to: 'igual',
    who: 'secplan',
    label: 'Registrar autorización de origen',
  },
};

export const CONVENIO_VERBS = Object.keys(CONVENIO_TRANSITIONS) as ConvenioVerb[];
