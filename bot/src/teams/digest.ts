// The UGDT's daily digest (issue 14 §4): on each working day, from the configured hour, every UGDT member with the
// app gets one card with the requests past their deadline, instead of one card per expiry through the day.
import { isWorkingDay, resolveActor, role, toLocalDate, type LocalDate } from '../../../protocol';
import type { Db } from '../store/db';
import type { ConversationsRepo } from '../store/conversations-repo';
import type { Runtime } from '../runtime';
import type { Logger } from '../logger';
import { resolveRecipients } from '../notify/recipients';
import type { CardActions } from './card-actions';
import type { ProactiveSender } from './proactive';

/** The expiries the digest gathers: their Teams card is not sent one by one (the mail copy still is). */
export const DIGESTED_NOTICES: ReadonlySet<string> = new Set(['solicitud.vencida']);

export interface DigestDeps {
  db: Db;
  rt: Runtime;
  conversations: ConversationsRepo;
  actions: CardActions;
  sender: ProactiveSender;
  log: Logger;
  /** HH:MM local time from which the day's digest goes out. */
  at: string;
  /**
   * Who this instance already settled today (digest sent, nothing overdue, or claimed by another instance): the jobs
   * run every few seconds all day, and without it each pass would ask the database again for every UGDT member.
   */
  settled: { day: string; people: Set<string> };
}

/** HH:MM of `instant` on the wall clock of `timeZone`. */
export function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
}

/**
 * Sends today's digests not sent yet; returns how many cards went out. A person's digest is claimed in
 * daily_digests before it is built, so two instances never both send it; a send that fails gives the claim back
 * and the next pass tries again. Someone with nothing overdue gets no card (the claim records 0).
 */
export async function sendDailyDigests(deps: DigestDeps): Promise<number> {
  const now = deps.rt.now();
  const tz = deps.rt.settings.timeZone;
  const day: LocalDate = toLocalDate(now, tz);
  if (!isWorkingDay(deps.rt.calendar, day) || localTime(now, tz) < deps.at) return 0;
  if (deps.settled.day !== day) deps.settled = { day, people: new Set() };
  const settled = deps.settled.people;
  let sent = 0;
  for (const person of resolveRecipients(deps.rt.directory, [role('ugdt')], day)) {
    if (!person.aadObjectId || settled.has(person.id)) continue;
    // Without a personal chat there is nowhere to send it yet; once the app is installed, today's comes.
    const conversation = await deps.conversations.personal(person.aadObjectId);
    const actor = resolveActor(deps.rt.directory, person.id, day);
    if (!conversation || !actor) continue;
    const claim = await deps.db.query(
      `INSERT INTO daily_digests (person_id, day, overdue, sent_at) VALUES ($1, $2, 0, $3)
       ON CONFLICT (person_id, day) DO NOTHING RETURNING person_id`,
      [person.id, day, now.toISOString()],
    );
    if (claim.rows.length === 0) {
      settled.add(person.id);
      continue;
    }
    try {
      const digest = await deps.actions.digest(actor, day);
      settled.add(person.id);
      if (!digest) continue;
      const activityId = await deps.sender.sendCard(conversation, digest.card);
      await deps.db.query(`UPDATE daily_digests SET overdue = $3, activity_id = $4 WHERE person_id = $1 AND day = $2`, [
        person.id,
        day,
        digest.overdue,
        activityId ?? null,
      ]);
      sent += 1;
    } catch (e) {
      settled.delete(person.id);
      await deps.db.query(`DELETE FROM daily_digests WHERE person_id = $1 AND day = $2`, [person.id, day]);
      throw e;
    }
  }
  if (sent) deps.log.info('resumen diario de la UGDT enviado', { tarjetas: sent, dia: day });
  return sent;
}
