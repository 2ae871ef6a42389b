// «Le toca a usted: revisar la entrega» — what the reader of a card or the tab is expected to do now, said to them
// and not about them in the third person (issue 14 §5). Expected means pendingActions (the same rule as "Mis
// pendientes"), so the words never promise work the lists do not show.
import { pendingActions, type AllowedAction } from './actions';
import type { Convenio, ConvenioState } from './convenio/state';
import type { Item } from './decide';
import type { Actor } from './directory';
import type { SolicitudState } from './solicitud/state';
import { SOLICITUD_TRANSITIONS } from './solicitud/transitions';
import type { SolicitudVerb } from './solicitud/commands';

const SOLICITUD_TASK: Partial<Record<SolicitudState, string>> = {
  enviada: 'acusar recibo y responder la solicitud',
  recibida: 'responder la solicitud',
  en_plazo: 'entregar los datos a más tardar en la fecha indicada',
  entregada: 'revisar la entrega',
};

const CONVENIO_TASK: Partial<Record<ConvenioState, (c: Convenio) => string>> = {
  evaluacion: (c) =>
    c.rejectionProposal
      ? 'decidir la propuesta de rechazo'
      : c.assessment
        ? 'decidir la evaluación de necesidad'
        : 'registrar la evaluación de necesidad (§5)',
  redaccion: () => 'redactar el convenio y enviarlo a visación',
  visacion: () => 'visar el borrador',
  firma: () => 'firmar el convenio',
  aprobacion: () => 'registrar el decreto alcaldicio',
  vigente: (c) => (c.evaluationPending ? 'registrar la evaluación periódica' : 'dar seguimiento al convenio'),
  por_vencer: () => 'renovar o terminar el convenio',
  vencido: () => 'registrar la eliminación o devolución de los datos',
};

/** What `actor` is expected to do on `item` now, in a few words; undefined when nothing waits for them. */
export function yourTurn(item: Item, actor: Actor, allowed?: AllowedAction[]): string | undefined {
  const pending = pendingActions(item, actor, allowed);
  if (pending.length === 0) return undefined;
  const verbs = pending.map((a) => a.verb);
  if (item.kind === 'solicitud') {
    const ugdtOnly = verbs.every((v) => SOLICITUD_TRANSITIONS[v as SolicitudVerb]?.who === 'ugdt');
    if (ugdtOnly)
      return verbs.includes('conceder_prorroga')
        ? 'decidir la prórroga que pidió la unidad, antes del vencimiento'
        : 'intervenir: el plazo venció (recordar, reiterar o reasignar)';
    return SOLICITUD_TASK[item.state];
  }
  if (item.state === 'visacion' && verbs.includes('registrar_visacion_externa') && !verbs.includes('visar'))
    return `registrar la visación del área jurídica de ${item.entity.name}`;
  const counterpart = (id?: string) => item.signers.find((s) => s.id === id)?.side === 'contraparte';
  if (item.state === 'firma' && pending.every((a) => a.verb === 'firmar' && counterpart(a.signerId)))
    return 'registrar la firma de la contraparte';
  return CONVENIO_TASK[item.state]?.(item);
}
