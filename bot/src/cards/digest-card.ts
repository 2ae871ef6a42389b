// The UGDT's daily digest (issue 14 §4): one card a day with the requests whose deadline has passed, counted by owner
// unit ("8 solicitudes vencidas: DAF 5, DAEM 2, Salud 1"), instead of one card per expiry. "Recordar a todas" reminds every owner
// unit at once; each reminder is the request's own audited transition.
import { formatDate, unitShortName, type LocalDate } from '../../../protocol';
import { banner, card, execute, linkLine, text, type CardElement } from './card-elements';
import type { AdaptiveCard, CardContext, ListRow } from './contract';
import { MAX_ROWS, rowElement } from './list-card';
import { DIGEST as T } from './textos/resumen';

export const DIGEST_REMIND_VERB = 'ugdt.recordar_vencidas';

/** An overdue request as the digest lists it: a list row and the unit that must answer. */
export interface DigestRow extends ListRow {
  ownerUnit: string;
}

/** What "Recordar a todas" did: the references reminded and those refused, each with the protocol's reason. */
export interface DigestOutcome {
  done: string[];
  failed: { reference: string; message: string }[];
}

/** "8 solicitudes vencidas: DAF 5, DAEM 2, Salud 1": most first, then by name. */
export function digestHeadline(rows: readonly DigestRow[], ctx: Pick<CardContext, 'directory'>): string {
  const byUnit = new Map<string, number>();
  for (const r of rows) {
    const name = unitShortName(ctx.directory, r.ownerUnit);
    byUnit.set(name, (byUnit.get(name) ?? 0) + 1);
  }
  const parts = [...byUnit].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'es'));
  return `${T.overdue(rows.length)}: ${parts.map(([u, n]) => `${u} ${n}`).join(', ')}`;
}

function outcomeBanner(o: DigestOutcome): CardElement {
  const head = o.done.length === 0 ? T.noneSent : T.sent(o.done.length);
  const lines = o.failed.map((f) => T.failedLine(f.reference, f.message));
  return banner(
    o.failed.length ? [head, T.failed(o.failed.length), ...lines] : [head],
    o.failed.length ? 'warning' : 'good',
  );
}

/**
 * `day` is the digest's working day; `listUrl` opens the tab's Lista filtered to what is overdue. Once the reminders
 * were sent, `outcome` replaces the button with what happened, so a second click cannot remind twice.
 */
export function digestCard(
  day: LocalDate,
  rows: readonly DigestRow[],
  ctx: CardContext,
  listUrl: string,
  outcome?: DigestOutcome,
): AdaptiveCard {
  const shown = rows.slice(0, MAX_ROWS);
  return card(
    [
      outcome ? outcomeBanner(outcome) : undefined,
      text(T.title(formatDate(day)), { size: 'medium', weight: 'bolder', style: 'heading' }),
      text(T.headline(digestHeadline(rows, ctx))),
      text(T.tapHint, { isSubtle: true, size: 'small' }),
      ...shown.map((r) => rowElement(r, ctx)),
      rows.length > shown.length
        ? text(T.truncated(shown.length, rows.length), { isSubtle: true, size: 'small' })
        : undefined,
      linkLine(T.seeAll, listUrl, 'medium'),
    ],
    outcome
      ? []
      : [
          execute(
            rows.length === 1 ? T.remind : T.remindAll,
            { verb: DIGEST_REMIND_VERB, day, references: rows.map((r) => r.reference) },
            'positive',
          ),
        ],
  );
}
