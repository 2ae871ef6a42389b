// The internal data request's cards (issue 14 §5): the intake form and each party's step (§1, §2). Deadlines come
// already worded with their unit (periodWords: «10 días hábiles») and dates as dd-mm-aaaa (formatDate).

/** «nueva solicitud»: the intake form (solicitud-intake.ts); its title is INTAKE.solicitudTitle in comun.ts. */
export const SOLICITUD_INTAKE = {
  intro: (acknowledge: string, answer: string) =>
    `La solicitud llega a la unidad dueña del dato con copia a la UGDT (§2a). La unidad tiene ${acknowledge} para ` +
    `acusar recibo y ${answer} para responder.`,
  ownerUnit: 'Unidad dueña del dato',
  ownerUnitRequired: 'Elija la unidad dueña del dato.',
  chooseUnit: 'Elija una unidad',
  grounds: 'Fundamento (§1b)',
  purpose: 'Propósito',
  purposeRequired: 'Indique el propósito (al menos 3 caracteres).',
  justification: 'Justificación',
  justificationRequired: 'Indique la justificación.',
  benefits: 'Beneficios esperados',
  benefitsRequired: 'Indique los beneficios esperados.',
  neededBy: 'Fecha en que se necesitan (opcional)',
  submit: 'Enviar solicitud',
} as const;

/** The owner unit's step (§2c, solicitud-owner.ts). */
export const OWNER = {
  heading: 'Respuesta de la unidad dueña del dato',
  acknowledge: 'Acuse de recibo',
  acknowledged: 'registrado',
  until: (date: string) => `hasta el ${date}`,
  answer: 'Respuesta',
  latestWait: 'Plazo máximo a indicar',
  latestWaitValue: (date: string, moreTime: string) => `${date} (plazo legal; ${moreTime})`,
  /** Whom the owner unit asks for more time once it cannot ask for a prórroga itself. */
  ugdt: 'la UGDT',
  ugdtNamed: (names: string) => `la UGDT (${names})`,
  extensionPending: 'la prórroga que pidió espera la decisión de la UGDT',
  askExtension: 'para más, solicite una prórroga',
  noExtensionLeft: (ugdt: string) =>
    `la prórroga del art. 26 ya no está disponible; para más tiempo, hable con ${ugdt}`,
  extensionRequested: 'Prórroga solicitada',
  extensionRequestedValue: (period: string) => `${period}, en espera de la decisión de la UGDT`,
  reiteration: 'Oficio reiterativo',
  reiterationValue: (date: string) => `responda a más tardar el ${date} (la solicitud sigue fuera de plazo)`,
  // indicar_plazo
  waitUntil: 'Fecha comprometida de entrega',
  waitUntilRequired: (today: string, latest: string) =>
    `Elija una fecha entre hoy (${today}) y el ${latest} (plazo legal).`,
  waitUntilExpired: (latest: string, ugdt: string) =>
    `El plazo legal venció el ${latest}: ya no se puede indicar una fecha. Entregue los datos o hable con ${ugdt}.`,
  waitNote: 'Nota para quien solicita',
  waitNoteRequired: 'Escriba una nota (al menos 3 caracteres).',
  waitSubmit: 'Indicar plazo',
  // entregar
  link: 'Enlace a los datos',
  linkPlaceholder: 'https://…',
  deliveryNote: 'Nota de entrega',
  deliveryNoteRequired: 'Escriba una nota de entrega (al menos 3 caracteres).',
  deliverSubmit: 'Entregar',
  deliverIntro:
    'Para entregar archivos, use «Subir archivos…»: se guardan con su huella y solo quien solicita puede abrirlos. ' +
    'Si los datos no pueden salir de su sistema, indique aquí el enlace al sistema municipal.',
  /** Opens the tab's delivery form (upload) as a Teams dialog over the chat (issue 15). */
  uploadFiles: 'Subir archivos…',
  uploadDialogTitle: (reference: string) => `Entregar los datos de ${reference}`,
  // no_disponible
  reason: 'Motivo',
  unavailableRequired: 'Indique por qué los datos no están disponibles.',
  unavailableSubmit: 'Informar no disponible',
  // rechazar
  ground: 'Fundamento',
  groundRequired: 'Indique el fundamento del rechazo.',
  norm: 'Norma que lo impide',
  normRequired: 'Indique la norma (por ejemplo, Ley 19.628 art. 10).',
  normPlaceholder: 'Ej.: Ley 19.628 art. 10',
  refuseSubmit: 'Rechazar',
  refuseIntro: 'El rechazo fundado queda visible para la UGDT y para quien solicita.',
} as const;

/** The extension form (owner unit and UGDT) and the classification correction (solicitud-owner-extras.ts). */
export const OWNER_EXTRAS = {
  days: (max: string) => `Días de prórroga (máximo ${max})`,
  daysRequired: (max: string) => `Indique los días de prórroga, entre 1 y ${max}.`,
  reason: 'Motivo',
  askReason: 'Indique por qué necesita más tiempo.',
  askSubmit: 'Solicitar prórroga',
  askIntro: (due: string, half: string, left: string) =>
    `Vence el ${due}. Ley 19.880 art. 26: la prórroga se pide y se decide antes del vencimiento y no excede la ` +
    `mitad del plazo original (${half}); quedan ${left}.`,
  access: 'Acceso',
  accessRequired: 'Elija el nivel de acceso.',
  legalGround: 'Fundamento legal de la reserva (solo si es reservada o secreta)',
  noReserve: 'Sin reserva',
  legalGroundRequired: 'Elija el fundamento legal de la reserva.',
  legalGroundDetail: 'Ley de quórum calificado (solo si eligió esa causal)',
  legalGroundDetailRequired: 'Indique la ley de quórum calificado.',
  privacy: 'Privacidad',
  privacyRequired: 'Elija el nivel de privacidad.',
  scale: 'Escala',
  largeScale: 'Tratamiento a gran escala (muchas personas titulares de los datos)',
  correctionReason: 'Motivo de la corrección',
  correctionReasonRequired: 'Explique la corrección (al menos 10 caracteres).',
  correctSubmit: 'Corregir clasificación',
  correctIntro: 'Desde ahora, quién puede leer el detalle del dato se decide con la nueva clasificación.',
} as const;

/** The requester's step: accept, observe or cancel (solicitud-requester.ts). */
export const REQUESTER = {
  heading: 'Revise la entrega',
  /** «Conforme» and «Observar» are the buttons' labels (the protocol's). */
  body:
    'Si los datos responden a lo pedido, marque «Conforme» y la solicitud se cierra. Si falta algo, ' +
    '«Observar» la devuelve a la unidad con un nuevo plazo de respuesta.',
  observation: 'Observación',
  observationRequired: 'Indique qué falta o qué corregir.',
  observeSubmit: 'Enviar observación',
  cancel: 'Cancelar solicitud',
  reason: 'Motivo',
  cancelReasonRequired: 'Indique el motivo.',
} as const;

/** The UGDT's follow-up (§2b, solicitud-ugdt.ts). */
export const UGDT = {
  heading: 'Seguimiento de la UGDT',
  overdueAcknowledge: 'acuse de recibo',
  overdueAnswer: 'respuesta',
  overdue: (what: string, since: string) =>
    `Plazo vencido: ${what} desde el ${since}. Puede recordar, reiterar, reasignar o cerrar; ` +
    'un plazo vencido no se prorroga (Ley 19.880 art. 26).',
  extensionLeft: 'Prórroga disponible (art. 26)',
  extensionLeftValue: (left: string, max: string) => `${left} de un máximo de ${max}`,
  answerUntil: 'Respuesta hasta',
  extendedBy: (period: string) => ` (con ${period} de prórroga)`,
  extensions: 'Prórrogas otorgadas',
  extensionRequested: 'Prórroga solicitada por la unidad',
  extensionRequestedValue: (period: string, reason: string) => `${period}: ${reason} — decida antes del vencimiento`,
  reiterations: 'Oficios reiterativos',
  reiterationUntil: (date: string) => `respuesta hasta el ${date}`,
  lastReminder: 'Último recordatorio',
  reminderAutomatic: ' (automático)',
  reminderByUgdt: ' (UGDT)',
  reassignments: 'Reasignaciones',
  // reasignar
  newOwnerUnit: 'Nueva unidad dueña del dato',
  unitRequired: 'Elija la unidad.',
  chooseUnit: 'Elija una unidad',
  assignee: 'Persona que responde (opcional; de la unidad elegida)',
  anyone: 'Cualquier responsable de la unidad',
  reason: 'Motivo',
  reassignReasonRequired: 'Indique el motivo de la reasignación.',
  reassignSubmit: 'Reasignar',
  reassignIntro: 'Los plazos se cuentan de nuevo desde hoy para la unidad elegida.',
  // prorrogar
  extendReasonRequired: 'Indique el motivo de la prórroga.',
  extendSubmit: 'Prorrogar',
  extendIntro: (due: string, left: string) =>
    `Vence el ${due}. Ley 19.880 art. 26: la prórroga no puede exceder la mitad del plazo original; quedan ${left}.`,
  // conceder_prorroga, denegar_prorroga
  note: 'Nota (opcional)',
  grantSubmit: 'Conceder prórroga',
  grantIntro: (period: string, due: string) => `La unidad pide ${period} más; la respuesta vence el ${due}.`,
  denyReasonRequired: 'Indique el motivo de la denegación.',
  denySubmit: 'Denegar prórroga',
  // reiterar
  newAnswerDate: 'Nueva fecha de respuesta',
  newAnswerDateRequired: (min: string) => `Elija una fecha hábil desde el ${min}.`,
  reiterateReasonRequired: 'Indique el motivo del oficio reiterativo.',
  reiterateSubmit: 'Reiterar',
  reiterateIntro: (due: string) =>
    `La respuesta venció el ${due}. El oficio reiterativo recuerda la solicitud a la unidad con una nueva fecha; ` +
    'la solicitud sigue contando como fuera de plazo.',
  // cerrar
  close: 'Cerrar solicitud',
  closeReasonRequired: 'Indique el motivo del cierre.',
} as const;
