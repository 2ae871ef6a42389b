// Comments both sides see (§2b for requests; SECPLAN, the Administración, the DAJ and the proposer on convenios).
import type { Item } from '../../../protocol';
import { container, heading, text, type CardElement } from './card-elements';
import { cardMd } from './markdown';
import type { CardContext } from './contract';
import { formatInstant, lastOf } from './format';
import { form, longText, type Step } from './step';
import { COMMENT } from './textos/comun';

/** The three newest comments keep the card readable; the full thread is in the detail. */
const SHOWN = 3;

export function recentComments(item: Item, ctx: CardContext): CardElement | undefined {
  if (item.comments.length === 0) return undefined;
  const tz = ctx.settings.timeZone;
  const more = item.comments.length - SHOWN;
  return container(
    [
      heading(COMMENT.heading, 'small'),
      ...lastOf(item.comments, SHOWN).map((c) =>
        text(cardMd`**${c.by.name}** (${formatInstant(c.at, tz)}): ${c.text}`, { spacing: 'small' }),
      ),
      more > 0 ? text(COMMENT.more(more), { isSubtle: true, size: 'small' }) : undefined,
    ],
    { separator: true },
  );
}

export const commentStep: Step<Item, 'comentar'> = {
  actions: {
    comentar: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'text', COMMENT.label, COMMENT.required)], {
        submit: COMMENT.submit,
        intro: COMMENT.intro,
      }),
  },
};
