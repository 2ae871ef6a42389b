// The UGDT's daily digest (issue 14 §4, digest-card.ts): one card a day with the requests past their deadline.

export const DIGEST = {
  /** «8 solicitudes vencidas»: the requests counted. */
  overdue: (n: number) => (n === 1 ? '1 solicitud vencida' : `${n} solicitudes vencidas`),
  title: (date: string) => `Resumen diario de la UGDT, ${date}`,
  /** «3 solicitudes vencidas: DAEM 1, DIDECO 1, Salud 1.» */
  headline: (headline: string) => `${headline}.`,
  tapHint: 'Toque una fila para abrirla y actuar en ella.',
  truncated: (shown: number, total: number) => `Se muestran ${shown} de ${total}.`,
  seeAll: 'Ver todas las vencidas en la Lista',
  remind: 'Recordar',
  remindAll: 'Recordar a todas',
  /** What «Recordar a todas» did, on top of the card that comes back. */
  noneSent: 'No se envió ningún recordatorio.',
  sent: (n: number) =>
    n === 1 ? 'Se envió el recordatorio de 1 solicitud.' : `Se enviaron los recordatorios de ${n} solicitudes.`,
  failed: (n: number) =>
    n === 1
      ? 'No se pudo enviar el recordatorio de 1 solicitud:'
      : `No se pudieron enviar los recordatorios de ${n} solicitudes:`,
  failedLine: (reference: string, message: string) => `${reference}: ${message}`,
} as const;
