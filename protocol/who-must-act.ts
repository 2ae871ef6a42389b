// "Debe actuar: …" — who the item waits for, read off its state (allowedActions says who MAY act; this says who is
// expected to). Stated here once for the cards and the tab.
import { formatDate, toLocalDate } from './calendar';
import { CONVENIO_CLOSED_STATES, type Convenio, type ConvenioState } from './convenio/state';
import type { Item } from './decide';
import type { Directory } from './directory';
import { ROLE_LABELS } from './roles';
import { SOLICITUD_OPEN_STATES, type Solicitud, type SolicitudState } from './solicitud/state';
import { unitName } from './directory';

/** Only where an item's state alone is shown; cards and the tab say when it ended instead (concludedOn). */
const NOBODY = 'Nadie: el trámite está concluido';

const SOLICITUD: Record<SolicitudState, (s: Solicitud, d: Directory) => string> = {
  enviada: (s, d) => owner(s, d),
  recibida: (s, d) => owner(s, d),
  en_plazo: (s, d) => owner(s, d),
  entregada: (s) => `${s.requester.name} (solicitante): revisar la entrega`,
  cerrada: () => NOBODY,
  no_disponible: () => NOBODY,
  rechazada: () => NOBODY,
  cancelada: () => NOBODY,
};

function owner(s: Solicitud, d: Directory): string {
  const unit = unitName(d, s.ownerUnitId);
  const who = s.assignee ? `${s.assignee.name} (${unit})` : unit;
  // Past its deadline the request is still the owner unit's to answer; the UGDT may step in (§2b).
  return s.overdue ? `${who}; plazo vencido: la UGDT puede intervenir` : who;
}

const SECPLAN = ROLE_LABELS.secplan;

const CONVENIO: Record<ConvenioState, (c: Convenio) => string> = {
  evaluacion: (c) =>
    c.rejectionProposal
      ? `${ROLE_LABELS.administrador_municipal} (decidir la propuesta de rechazo de ${SECPLAN})`
      : c.assessment
        ? `${ROLE_LABELS.administrador_municipal} (decidir la evaluación)`
        : `${SECPLAN} (evaluación §5)`,
  redaccion: () => `${SECPLAN} (redacción del convenio)`,
  visacion: (c) => {
    const missing = [
      ...(c.legalReviews.municipal ? [] : [`${ROLE_LABELS.daj} (DAJ)`]),
      ...(c.legalReviews.external ? [] : [`área jurídica de ${c.entity.name} (registra ${SECPLAN})`]),
    ];
    return missing.join(' y ');
  },
  firma: (c) => {
    const pending = c.signers.filter((s) => !c.signatures.some((x) => x.signerId === s.id));
    const now = c.signatureOrder === 'secuencial' ? pending.slice(0, 1) : pending;
    return now.map((s) => `${s.name} (${s.position})`).join(', ');
  },
  aprobacion: () => `${ROLE_LABELS.secretaria_municipal} o ${ROLE_LABELS.alcalde} (Decreto Alcaldicio)`,
  vigente: (c) => (c.evaluationPending ? `${SECPLAN} (evaluación periódica pendiente)` : `${SECPLAN} (seguimiento)`),
  por_vencer: () => `${SECPLAN} (renovar o terminar)`,
  terminado: () => NOBODY,
  desistido: () => NOBODY,
  rechazado: () => NOBODY,
  vencido: (c) =>
    `${SECPLAN} (registrar la eliminación o devolución de los datos${
      c.terminationDeadline ? ` a más tardar el ${formatDate(c.terminationDeadline.dueDate)}` : ''
    })`,
};

export function whoMustAct(item: Item, directory: Directory): string {
  return item.kind === 'solicitud' ? SOLICITUD[item.state](item, directory) : CONVENIO[item.state](item);
}

/** How a concluded item ended, in a word agreeing with it («Cerrada», «Terminado»); a suffix says more. */
const CONCLUDED: Record<string, [word: string, suffix?: string]> = {
  'solicitud.cerrada': ['Cerrada'],
  'solicitud.no_disponible': ['Cerrada', ': los datos no estaban disponibles'],
  'solicitud.rechazada': ['Rechazada con fundamento'],
  'solicitud.cancelada': ['Cancelada'],
  'convenio.terminado': ['Terminado'],
  'convenio.desistido': ['Desistido'],
  'convenio.rechazado': ['Rechazado'],
};

/**
 * «Cerrada el 07-12-2026»: where a concluded item shows who must act, it says when it ended instead (issue 14 §5).
 * A concluded item changes no more, so its last change is its end. Undefined while the item is open.
 */
export function concludedOn(item: Item, timeZone: string): string | undefined {
  if (!isClosed(item)) return undefined;
  const [word, suffix = ''] = CONCLUDED[`${item.kind}.${item.state}`] ?? ['Concluido'];
  return `${word} el ${formatDate(toLocalDate(new Date(item.updatedAt), timeZone))}${suffix}`;
}

/** Whether the item still waits for someone (closed items show no deadline nor "Debe actuar" emphasis). */
export const isClosed = (item: Item): boolean =>
  item.kind === 'solicitud' ? !SOLICITUD_OPEN_STATES.includes(item.state) : CONVENIO_CLOSED_STATES.includes(item.state);

/**
 * "Debe actuar" for a list or the register: whoMustAct while the item still waits for someone, null once it is
 * concluded (a closed item waits for nobody, so the board shows nothing rather than "Nadie…").
 */
export const waitingOn = (item: Item, directory: Directory): string | null =>
  isClosed(item) ? null : whoMustAct(item, directory);
