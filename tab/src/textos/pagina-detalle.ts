// The detail page (pages/detalle.tsx): its sections, what it says when the item cannot be shown, and the toasts of
// the one-click steps, the card's actions, the link and the document. The sections' own words are the components'.
import { byGender, type ItemKind } from '../../../protocol';
import { SHELL } from './app';

export const DETALLE = {
  loading: 'Cargando el detalle',
  sectionsLabel: 'Secciones del registro',
  sheet: 'Ficha',
  chatCards: 'Tarjetas en el chat',
  /** «Abrir documento»: «convenio-CONV-2026-0001-v2.pdf (Borrador, versión 2)». */
  document: (fileName: string, kindLabel: string, version: number) => `${fileName} (${kindLabel}, versión ${version})`,
  downloadFailed: (fileName: string) => `No se pudo descargar ${fileName}`,
  noAccessTitle: 'No tiene acceso a este registro',
  /** Says nothing of the reader's gender (not «no lo involucra a usted»). */
  noAccess: (reference: string) => `Ni usted ni su unidad participan en ${reference}.`,
  /** «No existe la solicitud SOL-2026-0099.», then the link back. */
  notFound: (kind: ItemKind, reference: string) =>
    `No existe ${byGender(kind, 'la solicitud', 'el convenio')} ${reference}.`,
  backToBoard: SHELL.backToBoard,
} as const;

/** Toasts. «está en «Recibida»» names the state as the detail's header does. */
export const DETALLE_AVISOS = {
  stepDone: (label: string) => `${label}: listo`,
  nowIn: (reference: string, state: string) => `${reference} está en «${state}».`,
  /** As the chat says it: «No se pudo completar «Acusar recibo»». */
  stepFailed: (label: string) => `No se pudo completar «${label}»`,
  actionDone: 'Acción registrada',
  actionFailed: 'No se pudo registrar la acción',
  linkCopied: 'Enlace copiado',
  linkNotCopied: 'No se pudo copiar el enlace',
} as const;
