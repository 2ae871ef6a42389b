// The bot's own words in Teams (issue 14 §5, bot/src/teams): its answers to typed commands and clicks, the one-line
// notices, and the Spanish reasons it gives for a request Teams should never send (a malformed activity or invoke).

/** The bot's answers in the chat (bot.ts, card-actions.ts, adapter.ts). */
export const BOT = {
  notUnderstood: (text: string) => `No entendí «${text}».`,
  personalOnly:
    'Por privacidad, «mis solicitudes», «pendientes» y la búsqueda por referencia se usan en el chat personal con ' +
    'Intercambio de Datos o en la pestaña de la aplicación.',
  notFound: (reference: string) => `No encontré ${reference}.`,
  noAccess: 'No tiene acceso a este registro.',
  gone: 'Ya no existe ese registro.',
  unknownAction: (verb: string) => `No reconozco la acción «${verb}».`,
  stale: 'Esta tarjeta estaba desactualizada: no se hizo ningún cambio. Este es el estado actual.',
  unknownUser:
    'Su cuenta no figura en el directorio de Intercambio de Datos. Pida a la Dirección de Informática que la agregue.',
  /** Under the error card's title «No se pudo completar la acción». */
  internalError: 'Ocurrió un error inesperado. Intente nuevamente en unos minutos.',
  /** A typed message the bot failed to handle (the details stay in the log). */
  turnError: 'Ocurrió un error al procesar su mensaje. Intente nuevamente en unos minutos.',
  mine: 'Mis solicitudes y convenios',
  pending: 'Pendientes para usted',
  /** On arrival, what already waits for the person (issue 14 §4). */
  waiting: (n: number) => (n === 1 ? 'Tiene 1 trámite pendiente' : `Tiene ${n} trámites pendientes`),
  /** The Teams dialog of a long form (issue 14 §1). */
  unknownForm: 'No reconozco ese formulario.',
  createdNotFound: 'No encontré el registro que se creó; búsquelo en la pestaña.',
} as const;

/** The one line sent when a card already in the chat was updated in place (notice-handlers.ts, issue 14 §4). */
export const NOTICE = {
  cut: (text: string) => `${text}…`,
  line: (reference: string, summary: string) =>
    `${reference}: ${summary} Su tarjeta de este trámite, más arriba en el chat, ya muestra el estado actual.`,
} as const;

/** Why a request to POST /api/messages is refused (index.ts, bot.ts): the caller is Teams or someone posing as it. */
export const INVALID = {
  token: 'Token del Bot Framework inválido.',
  unsupportedActivity: 'Tipo de actividad no soportado por el bot.',
  notObject: 'La actividad debe ser un objeto JSON.',
  noType: 'La actividad no es válida: falta su tipo (type).',
  noFrom: 'La actividad no indica quién la envía (from).',
  badFrom: 'La actividad no es válida: remitente mal formado (from).',
  noRecipient: 'La actividad no indica su destinatario (recipient).',
  noConversation: 'La actividad no indica su conversación (conversation).',
  badConversation: 'La actividad no es válida: conversación mal formada (conversation).',
  badServiceUrl: 'La actividad no indica una dirección de servicio válida (serviceUrl).',
  noInvokeName: 'La invocación no indica su nombre (name).',
  badStrings: 'La actividad no es válida: nombre, texto o identificador mal formado.',
  badTextFields: 'La actividad no es válida: campos de texto mal formados.',
  badChannelData: 'La actividad no es válida: channelData debe ser un objeto.',
  badList: (list: string) => `La actividad no es válida: ${list} debe ser una lista de objetos.`,
  unsupportedInvoke: (name: string) => `Invocación no soportada: «${name}».`,
  noDialogData: 'La invocación del diálogo no trae datos (data).',
  noCardValue: 'La acción de la tarjeta no trae datos (value).',
  badCardAction: 'La acción de la tarjeta no es válida (value.action).',
  onlyExecute: 'Solo se admiten acciones Action.Execute.',
  badVerb: 'La acción de la tarjeta no es válida (verb).',
  badCardData: 'Los datos de la tarjeta deben ser un objeto (action.data).',
} as const;
