import { DomainError, SYSTEM_ACTOR, TIMER_COMMANDS, type TimerKind } from '../../../protocol';
import type { Db } from '../store/db';
import type { ItemsRepo } from '../store/items-repo';
import { recordTimerFired } from '../observability/metrics';
import { newRequestId, runWithRequest } from '../request-context';

export interface TimerRun {
  fired: number;
  stale: number;
}

/**
 * Turns due timers into system commands (reminders, escalations, evaluations due), each exactly once even with
 * several instances on one database: a timer is claimed with FOR UPDATE SKIP LOCKED and marked in the same
 * transaction as the command it causes, so either both happen or neither.
 */
export async function runDueTimers(
  db: Db,
  repo: ItemsRepo,
  now: () => Date,
  instanceId: string,
  max = 500,
): Promise<TimerRun> {
  const run: TimerRun = { fired: 0, stale: 0 };
  for (let i = 0; i < max; i++) {
    // Each firing is a request of its own: its log lines (and the audit event it writes) share one id.
    const outcome = await runWithRequest({ requestId: newRequestId() }, () => fireOne());
    if (outcome === 'none') break;
    if (outcome.status === 'disparado') {
      run.fired += 1;
      recordTimerFired(outcome.kind);
    } else run.stale += 1;
  }
  return run;

  function fireOne() {
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number; item_id: string; kind: TimerKind; about: string }>(
        `SELECT id, item_id, kind, about FROM timers
          WHERE status = 'pendiente' AND due_at <= $1
          ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now().toISOString()],
      );
      const t = rows[0];
      if (!t) return 'none' as const;
      let status: 'disparado' | 'obsoleto' = 'disparado';
      try {
        await repo.executeIn(tx, t.item_id, TIMER_COMMANDS[t.kind](t.about), SYSTEM_ACTOR);
      } catch (e) {
        // The item moved on (answered, extended, closed): the timer no longer applies. Anything else is a fault
        // and rolls the claim back so the timer is tried again.
        if (!(e instanceof DomainError) || e.code === 'CONFLICTO_VERSION') throw e;
        status = 'obsoleto';
      }
      await tx.query(`UPDATE timers SET status = $2, fired_at = $3, fired_by = $4 WHERE id = $1`, [
        t.id,
        status,
        now().toISOString(),
        instanceId,
      ]);
      return { status, kind: t.kind };
    });
  }
}
