// What an item card's Action.Execute submits, carried out: shared by the Teams bot (card-actions.ts) and the tab,
// which renders the same cards and posts the same data to /acciones. The caller turns the card's inputs into a
// protocol command (cards/inputs.ts: commandFromCard); decide() applies the protocol. The store knows no cards.
import { canRead, DomainError, isDomainError, type Actor, type Command, type Item } from '../../../protocol';
import type { ItemsRepo } from './items-repo';

/**
 * Carries out a card's command on `item`, which the caller has just loaded and whose version the card showed (the
 * caller checks that first: a stale card changes nothing). Written compare-and-set on that version. A refusal of
 * the policy is kept for Control before it is rethrown, also when the person could not even read the item.
 */
export async function runCardCommand(repo: ItemsRepo, item: Item, command: Command, actor: Actor): Promise<Item> {
  try {
    if (!canRead(actor, item)) throw new DomainError('NO_AUTORIZADO', 'No tiene acceso a este registro.');
    return await repo.executeOn(item, command, actor);
  } catch (e) {
    if (isDomainError(e) && e.code === 'NO_AUTORIZADO')
      await repo.recordDenied(actor, item.id, `${item.kind}.${command.type}`, e);
    throw e;
  }
}
