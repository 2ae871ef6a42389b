// The items and viewers the card tests render: every state of both life cycles (built through decide() by the
// protocol fixtures) plus the variants a card shows differently, and one person per role of the protocol.
import { DEFAULT_SETTINGS, type Actor, type Convenio, type Item, type Solicitud } from '../../../protocol';
import type { CardContext } from '../../../bot/src/cards';
import {
  actor,
  AFTER_ANSWER_DUE,
  CAL,
  CONVENIO_BUILDERS,
  createConvenio,
  createSolicitud,
  DATASET,
  DIRECTORY,
  NOW,
  ref,
  SOLICITUD_BUILDERS,
  step,
} from '../../support/protocol-fixtures';

export const cardContext = (now: Date = NOW): CardContext => ({
  directory: DIRECTORY,
  calendar: CAL,
  settings: DEFAULT_SETTINGS,
  now,
  detailUrl: (item) => `https://intercambio.quillota.cl/detalle/${item.kind}/${item.reference}`,
  documentUrl: (item, version) => `https://quillota.sharepoint.com/convenios/${item.reference}-v${version}.docx`,
});

/** Úrsula (UGDT) who also answers for Salud: more buttons than one Teams action bar holds. */
const ugdtAndOwner: Actor = (() => {
  const a = actor('ursula');
  return {
    ...a,
    grants: [...a.grants, { role: 'responsable_unidad', unitId: 'salud', holder: ref('ursula'), delegated: false }],
  };
})();

/** One person per capacity of the protocol (subrogantes included), an outsider, and the shared-conversation view. */
export const VIEWERS: Record<string, Actor | null> = {
  'solicitante (Ana)': actor('ana'),
  'responsable unidad dueña (Sofía)': actor('sofia'),
  'subrogante de la responsable (Pablo)': actor('pablo'),
  'UGDT (Úrsula)': actor('ursula'),
  'SECPLAN (Sergio)': actor('sergio'),
  'Administradora Municipal (Adriana)': actor('adriana'),
  'DAJ (Daniela)': actor('daniela'),
  'subrogante DAJ (Javier)': actor('javier'),
  'Alcalde firmante (Alberto)': actor('alberto'),
  'subrogante del Alcalde (Carmen)': actor('carmen'),
  'Secretaría Municipal (Marta)': actor('marta'),
  'contraparte técnica municipal (Diego)': actor('diego'),
  'Control (Claudio)': actor('claudio'),
  'ajena al trámite (Teresa)': actor('teresa'),
  'UGDT y responsable a la vez': ugdtAndOwner,
  'sin persona (conversación compartida)': null,
};

/** Viewers the protocol gives nothing to do: their cards must carry no protocol button at all. */
export const READ_ONLY_VIEWERS = [
  'Control (Claudio)',
  'ajena al trámite (Teresa)',
  'sin persona (conversación compartida)',
];

export interface Case<I extends Item> {
  item: I;
  /** The card's clock: overdue variants are seen after their deadline. */
  now: Date;
}

const SENSITIVE = {
  ...DATASET,
  name: 'Fichas del Registro Social de Hogares',
  classification: {
    access: 'reservada',
    legalGround: 'art21_n2_derechos_personas',
    privacy: 'sensible',
    largeScale: true,
  },
};

export function solicitudCases(): Record<string, Case<Solicitud>> {
  const at = (item: Solicitud, now = NOW) => ({ item, now });
  const states = Object.fromEntries(Object.entries(SOLICITUD_BUILDERS).map(([k, build]) => [k, at(build())]));
  const sent = createSolicitud();
  const ackOverdue = step(
    sent,
    { type: 'marcar_vencida', deadline: 'acknowledge', about: sent.deadlines.acknowledge.dueAt },
    'sistema',
    AFTER_ANSWER_DUE,
  );
  const waiting = SOLICITUD_BUILDERS.en_plazo();
  const answerOverdue = step(
    waiting,
    { type: 'marcar_vencida', deadline: 'answer', about: waiting.deadlines.answer.dueAt },
    'sistema',
    AFTER_ANSWER_DUE,
  );
  const observed = step(SOLICITUD_BUILDERS.entregada(), { type: 'observar', reason: 'Falta diciembre' }, 'ana');
  const reassigned = step(
    sent,
    { type: 'reasignar', unitId: 'transito', assigneeId: 'tomas', reason: 'Tránsito lleva ese registro' },
    'ursula',
  );
  let busy = step(SOLICITUD_BUILDERS.recibida(), { type: 'prorrogar', amount: 3, reason: 'Cierre mensual' }, 'ursula');
  for (const [who, t] of [
    ['ana', '¿Pueden incluir el sector rural?'],
    ['sofia', 'Sí, lo agregamos.'],
    ['ursula', 'La UGDT queda atenta.'],
    ['ana', 'Gracias.'],
  ] as const)
    busy = step(busy, { type: 'comentar', text: t }, who);
  return {
    ...states,
    'enviada, acuse vencido': at(ackOverdue, AFTER_ANSWER_DUE),
    'en plazo, respuesta vencida': at(answerOverdue, AFTER_ANSWER_DUE),
    'recibida tras una observación': at(observed),
    'reasignada a una persona': at(reassigned),
    'recibida con prórroga y comentarios': at(busy),
    'enviada, dato reservado y sensible': at(createSolicitud({ dataset: SENSITIVE })),
  };
}

export function convenioCases(): Record<string, Case<Convenio>> {
  const at = (item: Convenio, now = NOW) => ({ item, now });
  const states = Object.fromEntries(Object.entries(CONVENIO_BUILDERS).map(([k, build]) => [k, at(build())]));
  const inReview = CONVENIO_BUILDERS.visacion();
  const observed = step(
    inReview,
    { type: 'observar', side: 'municipal', comments: 'Falta la cláusula de eliminación' },
    'daniela',
  );
  const halfReviewed = step(
    inReview,
    { type: 'visar', version: inReview.documents.at(-1)!.version, sha256: inReview.documents.at(-1)!.sha256 },
    'daniela',
  );
  const signing = CONVENIO_BUILDERS.firma();
  const draft = signing.documents.at(-1)!;
  const halfSigned = step(
    signing,
    { type: 'firmar', signerId: 'f1', version: draft.version, sha256: draft.sha256 },
    'alberto',
  );
  const vigente = CONVENIO_BUILDERS.vigente();
  const pending = step(vigente, { type: 'evaluacion_pendiente', about: vigente.nextEvaluationDue! }, 'sistema');
  const parallel = CONVENIO_BUILDERS.firma({ signatureOrder: 'paralelo' });
  return {
    ...states,
    'evaluación aún sin registrar': at(createConvenio()),
    'redacción tras observación de la DAJ': at(observed),
    'visación con la DAJ ya visada': at(halfReviewed),
    'firma con el Alcalde ya firmado': at(halfSigned),
    'firma en paralelo': at(parallel),
    'vigente con evaluación pendiente': at(pending),
    'vigente con datos sensibles': at(CONVENIO_BUILDERS.vigente({ datasets: [SENSITIVE] })),
  };
}
