// Who may open a delivered file, until when, and who sees the record of its accesses (issue 15). The rule itself is
// the protocol's (protocol/files.ts mayOpenDeliveredFiles, shareDaysFor); this adds the dates and the timeline.
import {
  addDays,
  endOfLocalDay,
  mayOpenDeliveredFiles,
  shareDaysFor,
  toLocalDate,
  type Actor,
  type Classification,
  type Item,
  type ProtocolSettings,
} from '../../../protocol';
import type { FileEventRow } from '../store/files-repo';

/**
 * The end of the requester's access to a file delivered at `deliveredAt`: the end of the day (protocol time zone)
 * `shareDaysFor` días corridos after the delivery. The SharePoint link expires then, and the app's download route
 * refuses the requester from then on.
 */
export function shareExpiresAt(deliveredAt: Date, classification: Classification, settings: ProtocolSettings): Date {
  const tz = settings.timeZone;
  return endOfLocalDay(addDays(toLocalDate(deliveredAt, tz), shareDaysFor(classification, settings)), tz);
}

/**
 * On what ground the reader may open the request's delivered files: as the UGDT or Control (no expiry: they oversee
 * the exchange) or as the requester (until the share expiry); undefined when they may not (protocol
 * mayOpenDeliveredFiles).
 */
export function openRight(actor: Actor, item: Item): 'supervision' | 'solicitante' | undefined {
  if (!mayOpenDeliveredFiles(actor, item)) return undefined;
  if (item.kind === 'solicitud' && actor.personId === item.requester.personId) {
    // The requester who is also the UGDT or Control opens as such.
    const other = { ...actor, personId: `${actor.personId}#supervision` };
    return mayOpenDeliveredFiles(other, item) ? 'supervision' : 'solicitante';
  }
  return 'supervision';
}

/** The owner unit: its people (their grants name the unit, subrogancias included) and the request's assignee. */
export function ofOwnerUnit(actor: Actor, item: Item): boolean {
  if (item.kind !== 'solicitud') return false;
  if (item.assignee?.personId === actor.personId) return true;
  return actor.grants.some((g) => g.unitId === item.ownerUnitId);
}

/**
 * Whether the reader sees one access to a file on the timeline: the UGDT and the owner unit see them all (who
 * downloaded what, when, with which hash); anyone else only their own (the downloader, the requester whose access
 * ended).
 */
export function seesFileEvent(actor: Actor, item: Item, e: FileEventRow): boolean {
  if (actor.grants.some((g) => g.role === 'ugdt')) return true;
  if (ofOwnerUnit(actor, item)) return true;
  return e.personId === actor.personId || e.actorId === actor.personId;
}
