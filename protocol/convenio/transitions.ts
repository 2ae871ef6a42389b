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

/** Rule 3: the states whose steps run against a deadline (drafting is SECPLAN's own work and has none). */
const STEP_STATES: readonly ConvenioState[] = ['evaluacion', 'visacion', 'firma', 'aprobacion'];

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
  // After the end of the vigencia the termination (data deleted or returned) is what remains.
  terminar: { from: [...CONVENIO_IN_FORCE, 'vencido'], to: 'terminado', who: 'secplan', label: 'Terminar' },
  // Once in force, leaving means terminar, with the data deleted or returned.
  desistir: { from: CONVENIO_BEFORE_VIGENCIA, to: 'desistido', who: 'secplan_o_proponente', label: 'Desistir' },
  comentar: { from: CONVENIO_OPEN_STATES, to: 'igual', who: 'participantes', label: 'Comentar' },
  evaluacion_pendiente: { from: CONVENIO_IN_FORCE, to: 'igual', who: 'sistema', label: 'Evaluación pendiente' },
  // One notice per lead time (settings.convenio.expiryNoticeDays): the later ones find it already por_vencer.
  marcar_por_vencer: { from: CONVENIO_IN_FORCE, to: 'por_vencer', who: 'sistema', label: 'Marcar por vencer' },
  registrar_documento: { from: CONVENIO_STATES, to: 'igual', who: 'sistema', label: 'Registrar documento guardado' },
  // Before any signature: the draft names the signers, so it goes back to redacción for a new version.
  cambiar_firmantes: {
    from: ['redaccion', 'visacion', 'firma'],
    to: 'redaccion',
    who: 'secplan',
    label: 'Cambiar firmantes',
  },
  // End of the vigencia: the automatic-renewal clause renews it, else it is vencido (see convenio/vigencia.ts).
  vencer: {
    from: CONVENIO_IN_FORCE,
    to: 'segun',
    targets: ['vigente', 'vencido'],
    who: 'sistema',
    label: 'Fin de la vigencia',
  },
  plazo_termino: { from: ['vencido'], to: 'igual', who: 'sistema', label: 'Plazo de término' },
  // Rule 9b: rejecting at evaluación is the Administración's decision on SECPLAN's proposal.
  proponer_rechazo: { from: ['evaluacion'], to: 'igual', who: 'secplan', label: 'Proponer rechazo' },
  desestimar_rechazo: {
    from: ['evaluacion'],
    to: 'igual',
    who: 'administrador',
    label: 'Desestimar la propuesta',
  },
  // Rule 3: step deadlines (convenio/step-deadlines.ts).
  recordatorio_etapa: {
    from: STEP_STATES,
    to: 'igual',
    who: 'sistema',
    label: 'Recordatorio de plazo de etapa',
  },
  etapa_vencida: { from: STEP_STATES, to: 'igual', who: 'sistema', label: 'Plazo de etapa vencido' },
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
