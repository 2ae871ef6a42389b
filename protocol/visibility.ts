import type { Actor } from './directory';
import { endOfLocalDay } from './calendar';
import type { Item } from './decide';
import type { ItemKind } from './reference';
import type { Role } from './roles';
import { SOLICITUD_AWAITING_OWNER } from './solicitud/state';
import { CONVENIO_IN_FORCE } from './convenio/state';
import { earliestStepDue } from './convenio/step-deadlines';

/** Who reads the whole register of a kind: UGDT and Control everything; the convenio actors every convenio. */
const READ_ALL: Record<ItemKind, readonly Role[]> = {
  solicitud: ['ugdt', 'control'],
  convenio: ['ugdt', 'control', 'secplan', 'administrador_municipal', 'daj', 'alcalde', 'secretaria_municipal'],
};

/** Keys of the people and units an item involves: `p:<personId>` and `u:<unitId>`. Stored for SQL filtering. */
export function participantKeys(item: Item): string[] {
  const keys =
    item.kind === 'solicitud'
      ? [
          `p:${item.requester.personId}`,
          `u:${item.requester.unitId}`,
          `u:${item.ownerUnitId}`,
          ...(item.assignee ? [`p:${item.assignee.personId}`] : []),
        ]
      : [
          `p:${item.proposer.personId}`,
          `u:${item.proposer.unitId}`,
          ...(item.municipalTechnicalContact.personId ? [`p:${item.municipalTechnicalContact.personId}`] : []),
          ...item.signers.flatMap((s) => (s.personId ? [`p:${s.personId}`] : [])),
        ];
  return [...new Set(keys)];
}

/** 'all', or the keys of which an item must share one for the actor to see it. */
export function visibilityOf(actor: Actor, kind: ItemKind): 'all' | string[] {
  if (actor.grants.some((g) => READ_ALL[kind].includes(g.role))) return 'all';
  const keys = actor.grants.flatMap((g) => [`p:${g.holder.personId}`, ...(g.unitId ? [`u:${g.unitId}`] : [])]);
  return [...new Set(keys)];
}

export function canRead(actor: Actor, item: Item): boolean {
  const v = visibilityOf(actor, item.kind);
  if (v === 'all') return true;
  const keys = participantKeys(item);
  return v.some((k) => keys.includes(k));
}

/** The instant the running deadline of an item ends (the board's "vence"), or undefined when none runs. */
export function currentDueAt(item: Item, timeZone: string): string | undefined {
  if (item.kind === 'solicitud') {
    if (!SOLICITUD_AWAITING_OWNER.includes(item.state)) return undefined;
    return item.state === 'enviada' ? item.deadlines.acknowledge.dueAt : item.deadlines.answer.dueAt;
  }
  // A vencido convenio runs the deadline to record the deletion or return of its data (rule 4, issue 12).
  if (item.state === 'vencido') return item.terminationDeadline?.dueAt;
  // Rule 3: before vigencia, the earliest deadline among the steps running now.
  const step = earliestStepDue(item);
  if (step) return step.dueAt;
  return CONVENIO_IN_FORCE.includes(item.state) && item.nextEvaluationDue
    ? endOfLocalDay(item.nextEvaluationDue, timeZone).toISOString()
    : undefined;
}
