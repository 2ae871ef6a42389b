// Extensions of the answer deadline (Ley 19.880 art. 26), oficios reiterativos after expiry and closing by silence
// (rules 2 and 9a of issue 12). Pure helpers shared by decide(), actions.ts and the cards.
import { addPeriod, endOfLocalDay, type HolidayCalendar, type LocalDate } from '../calendar';
import { extensionLeft } from '../deadlines';
import type { ProtocolSettings } from '../settings';
import type { ExtensionRequest, Solicitud } from './state';

/** The unit's extension requests; rows stored before the field existed have none. */
export const extensionRequestsOf = (s: Solicitud): ExtensionRequest[] => s.extensionRequests ?? [];

/** The request UGDT still has to decide on, if any (there is never more than one). */
export const pendingExtensionRequest = (s: Solicitud): ExtensionRequest | undefined =>
  extensionRequestsOf(s).find((r) => r.status === 'pendiente');

/**
 * Ley 19.880 art. 26 inc. 2–3: the petition and the decision must come "antes del vencimiento del plazo de que se
 * trate"; "en ningún caso podrá ser objeto de ampliación un plazo ya vencido". The answer deadline has expired once
 * its due instant (end of the last day) is reached.
 */
export const answerExpired = (s: Solicitud, now: Date): boolean =>
  now.getTime() >= new Date(s.deadlines.answer.dueAt).getTime();

/**
 * Without a clock (cards, the tab's action list) the scheduler's flag is what tells an expired answer deadline:
 * marcar_vencida sets it at the due instant.
 */
export const answerFlaggedOverdue = (s: Solicitud): boolean => s.overdue?.deadline === 'answer';

/** Blockers for the action list (actions.ts): the verb would only be refused now. */
export const EXTENSION_BLOCKERS = {
  solicitar_prorroga: (s: Solicitud) =>
    answerFlaggedOverdue(s) || !!pendingExtensionRequest(s) || extensionLeft(s.deadlines.answer) === 0,
  conceder_prorroga: (s: Solicitud) => answerFlaggedOverdue(s) || !pendingExtensionRequest(s),
  denegar_prorroga: (s: Solicitud) => answerFlaggedOverdue(s) || !pendingExtensionRequest(s),
  prorrogar: (s: Solicitud) =>
    answerFlaggedOverdue(s) || !!pendingExtensionRequest(s) || extensionLeft(s.deadlines.answer) === 0,
  reiterar: (s: Solicitud) => !answerFlaggedOverdue(s),
} as const;

/**
 * The latest wait time the owner unit may give (indicar_plazo): the answer deadline, or the date of UGDT's latest
 * oficio reiterativo when that is later. Never the art. 26 allowance: that needs solicitar_prorroga.
 */
export function latestWaitDate(s: Solicitud): LocalDate {
  const reiterated = s.reiterations?.at(-1)?.until;
  const due = s.deadlines.answer.dueDate;
  return reiterated && reiterated > due ? reiterated : due;
}

/** The last day a delivered request waits for the requester before it closes by silence (rule 9a). */
export function silenceCloseDate(
  cal: HolidayCalendar,
  s: Solicitud,
  settings: ProtocolSettings,
): LocalDate | undefined {
  if (!s.delivery) return undefined;
  return addPeriod(
    cal,
    new Date(s.delivery.at),
    { amount: settings.solicitud.silenceCloseDays, unit: 'habiles' },
    settings.timeZone,
  );
}

/** The instant the silence timer fires: the end of that last day. */
export function silenceCloseAt(cal: HolidayCalendar, s: Solicitud, settings: ProtocolSettings): string | undefined {
  const day = silenceCloseDate(cal, s, settings);
  return day ? endOfLocalDay(day, settings.timeZone).toISOString() : undefined;
}
