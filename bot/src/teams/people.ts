// Teams users and directory people: who a Teams user is today, and whose clients should refresh a shared card.
import {
  findPersonByAadObjectId,
  allowedActions,
  canRead,
  resolveActor,
  toLocalDate,
  type Actor,
  type Item,
} from '../../../protocol';
import type { Runtime } from '../runtime';

/** Teams allows at most 60 ids in refresh.userIds. */
const MAX_REFRESH_USERS = 60;

/**
 * The Entra object ids of the people whose clients should refresh a shared card to their own view: first those who
 * may act now, then the others who may read it. The caller maps them to Teams user ids and caps the list at 60.
 */
export function refreshCandidates(rt: Runtime, item: Item): string[] {
  const today = toLocalDate(rt.now(), rt.settings.timeZone);
  const acting: string[] = [];
  const reading: string[] = [];
  for (const p of rt.directory.people) {
    if (!p.aadObjectId) continue;
    const actor = resolveActor(rt.directory, p.id, today);
    if (!actor || !canRead(actor, item)) continue;
    (allowedActions(item, actor).length > 0 ? acting : reading).push(p.aadObjectId);
  }
  return [...acting, ...reading];
}

/** refresh.userIds takes Teams user ids (MRI, "29:…"), known from each person's personal chat with the bot. */
export async function refreshUserIds(
  rt: Runtime,
  conversations: { teamsUserIds(aad: string[]): Promise<Map<string, string>> },
  item: Item,
): Promise<string[]> {
  const candidates = refreshCandidates(rt, item);
  const ids = await conversations.teamsUserIds(candidates);
  return candidates
    .map((a) => ids.get(a.toLowerCase()))
    .filter((x): x is string => !!x)
    .slice(0, MAX_REFRESH_USERS);
}

/** The directory person behind a Teams user, resolved with their delegations for today. */
export function actorForAadObjectId(rt: Runtime, aadObjectId: string | undefined): Actor | undefined {
  if (!aadObjectId) return undefined;
  const person = findPersonByAadObjectId(rt.directory, aadObjectId);
  return person && resolveActor(rt.directory, person.id, toLocalDate(rt.now(), rt.settings.timeZone));
}
