// Comments both sides see (§2b for requests; SECPLAN, the Administración, the DAJ and the proposer on convenios).
import type { Item } from '../../../protocol';
import { container, heading, text, type CardElement } from './card-elements';
import { cardMd } from './markdown';
import type { CardContext } from './contract';
import { formatInstant, lastOf } from './format';
import { form, longText, type Step } from './step';

/** The three newest comments keep the card readable; the full thread is in the detail. */
const SHOWN = 3;

export function recentComments(item: Item, ctx: CardContext): CardElement | undefined {
  if (item.comments.length === 0) return undefined;
  const tz = ctx.settings.timeZone;
  const more = item.comments.length - SHOWN;
  return container(
    [
      heading('Comentarios', 'small'),
      ...lastOf(item.comments, SHOWN).map((c) =>
        text(cardMd`**${c.by.name}** (${formatInstant(c.at, tz)}): ${c.text}`, { spacing: 'small' }),
      ),
      more > 0 ? text(`y ${more} más en el detalle`, { isSubtle: true, size: 'small' }) : undefined,
    ],
    { separator: true },
  );
}

export const commentStep: Step<Item, 'comentar'> = {
  actions: {
    comentar: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'text', 'Comentario', 'Escriba el comentario.')], {
        submit: 'Publicar comentario',
        intro: 'Todas las partes del trámite verán el comentario.',
      }),
  },
};
