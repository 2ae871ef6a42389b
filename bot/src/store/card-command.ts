// What an item card's Action.Execute submits, carried out: shared by the Teams bot (card-actions.ts) and the tab,
// which renders the same cards and posts the same data to /acciones. Neither path decides anything of its own:
// commandFromInvoke only reshapes the inputs, parseCommand checks them and decide() applies the protocol.
import {
  canRead,
  DomainError,
  isDomainError,
  parseCommand,
  type Actor,
  type Command,
  type Item,
  type ItemKind,
} from '../../../protocol';
import { commandFromInvoke } from '../cards/inputs';
import type { ActionData } from '../cards/contract';
import type { ItemsRepo } from './items-repo';

const KINDS: readonly ItemKind[] = ['solicitud', 'convenio'];

/** `<kind>.<command>` of an item card's button; undefined for UI verbs, intake forms (`crear`) and anything else. */
export function splitItemVerb(verb: string): { kind: ItemKind; command: string } | undefined {
  const [kindText, command, ...rest] = verb.split('.');
  const kind = KINDS.find((k) => k === kindText);
  if (!kind || !command || rest.length || command === 'crear') return undefined;
  return { kind, command };
}

/** The protocol command a card submitted (400 DATOS_INVALIDOS when the inputs do not make one). */
export function commandFromCard(kind: ItemKind, command: string, data: ActionData): Command {
  return parseCommand(kind, commandFromInvoke(kind, command, data));
}

/**
 * Carries out a card's command on `item`, which the caller has just loaded and whose version the card showed (the
 * caller checks that first: a stale card changes nothing). Written compare-and-set on that version. A refusal of
 * the policy is kept for Control before it is rethrown, also when the person could not even read the item.
 */
export async function runCardCommand(
  repo: ItemsRepo,
  item: Item,
  command: string,
  data: ActionData,
  actor: Actor,
): Promise<Item> {
  try {
    const parsed = commandFromCard(item.kind, command, data);
    if (!canRead(actor, item)) throw new DomainError('NO_AUTORIZADO', 'No tiene acceso a este registro.');
    return await repo.executeOn(item, parsed, actor);
  } catch (e) {
    if (isDomainError(e) && e.code === 'NO_AUTORIZADO')
      await repo.recordDenied(actor, item.id, `${item.kind}.${command}`, e);
    throw e;
  }
}
