import { randomUUID } from 'node:crypto';
import {
  CONVENIO_IN_FORCE,
  CONVENIO_OPEN_STATES,
  SYSTEM_ACTOR,
  endOfVigenciaAt,
  SOLICITUD_OPEN_STATES,
  currentDueAt,
  stepOverdue,
  decide,
  waitingOn,
  formatReference,
  participantKeys,
  publishedConvenio,
  searchableText,
  silenceCloseAt,
  toLocalDate,
  DomainError,
  type Actor,
  type Command,
  type CreateInput,
  type Decision,
  type Effect,
  type Item,
  type ItemKind,
  type PublishedConvenio,
  type Solicitud,
  type TimerKind,
  withStoredLegalBasis,
} from '../../../protocol';
import type { Runtime } from '../runtime';
import type { Db, Sql } from './db';
import { canonicalJson, eventHash, GENESIS_HASH } from './audit-chain';

interface ItemRow {
  data: Item;
  version: number;
}

/** Lower-case, accent-free text: what the full-text index and the search box both see. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Words as the search box splits them: runs of letters and digits. */
export function searchWords(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The search columns of an item: what every reader may find it by, and the texts the read policy may hide. */
function searchTextsOf(item: Item): { open: string; reserved: string } {
  const { open, reserved } = searchableText(item);
  return { open: searchWords(open.join(' ')).join(' '), reserved: searchWords(reserved.join(' ')).join(' ') };
}

/** The columns a write sets on `items`, in order; the jsonb `data` is the truth, the rest is projected from it. */
const WRITTEN_COLUMNS = [
  'state',
  'requesting_unit',
  'owner_unit',
  'title',
  'access',
  'privacy',
  'participants',
  'due_at',
  'overdue_flag',
  'waiting_on',
  'updated_at',
  'search_text',
  'search_reserved_text',
  'data',
] as const;

/** The values of WRITTEN_COLUMNS for an item: what the register filters and sorts on. */
function writtenValues(item: Item, rt: Runtime, now: Date): unknown[] {
  const tz = rt.settings.timeZone;
  const dueAt = currentDueAt(item, tz) ?? null;
  const search = searchTextsOf(item);
  const values: Record<(typeof WRITTEN_COLUMNS)[number], unknown> = {
    state: item.state,
    requesting_unit: item.kind === 'solicitud' ? item.requester.unitId : item.proposer.unitId,
    owner_unit: item.kind === 'solicitud' ? item.ownerUnitId : 'secplan',
    title: item.kind === 'solicitud' ? item.dataset.name : item.title,
    access: item.classification.access,
    privacy: item.classification.privacy,
    participants: participantKeys(item),
    due_at: dueAt,
    // Flagged only while the item still waits: a closed request that was once late is not "vencida" now.
    overdue_flag:
      dueAt !== null && (item.kind === 'solicitud' ? !!item.overdue : item.evaluationPending || stepOverdue(item)),
    waiting_on: waitingOn(item, rt.directory),
    updated_at: now.toISOString(),
    search_text: search.open,
    search_reserved_text: search.reserved,
    data: JSON.stringify(item),
  };
  return WRITTEN_COLUMNS.map((c) => values[c]);
}

/**
 * Keeps the public register (published_convenios, migration 6) in step with a convenio, in the caller's transaction:
 * the row is the protocol's projection when the convenio is published, and there is no row otherwise.
 */
export async function publishIn(tx: Sql, item: Item, now: Date): Promise<void> {
  if (item.kind !== 'convenio') return;
  const p = publishedConvenio(item);
  if (!p) {
    await tx.query('DELETE FROM published_convenios WHERE id = $1', [item.id]);
    return;
  }
  await tx.query(
    `INSERT INTO published_convenios (id, reference, month, projection, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET reference = EXCLUDED.reference, month = EXCLUDED.month,
       projection = EXCLUDED.projection, updated_at = EXCLUDED.updated_at`,
    [item.id, p.reference, p.month, JSON.stringify(p), now.toISOString()],
  );
}

const INSERT_ITEM = `INSERT INTO items (id, kind, reference, version, created_at, ${WRITTEN_COLUMNS.join(', ')})
  VALUES ($1, $2, $3, 1, $4, ${WRITTEN_COLUMNS.map((_, i) => `$${i + 5}`).join(', ')})`;
const UPDATE_ITEM = `UPDATE items SET version = $3, ${WRITTEN_COLUMNS.map((c, i) => `${c} = $${i + 4}`).join(', ')}
  WHERE id = $1 AND version = $2`;

export class ItemsRepo {
  constructor(
    private readonly db: Db,
    private readonly rt: Runtime,
  ) {}

  private ctx(actor: Actor, now: Date) {
    return { actor, now, calendar: this.rt.calendar, settings: this.rt.settings, directory: this.rt.directory };
  }

  /** Creates an item; its reference is reserved in the same transaction, so a failed creation leaves no gap. */
  async create(input: CreateInput, actor: Actor): Promise<Item> {
    const now = this.rt.now();
    const year = Number(toLocalDate(now, this.rt.settings.timeZone).slice(0, 4));
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ last: number }>(
        `INSERT INTO reference_counters (kind, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (kind, year) DO UPDATE SET last = reference_counters.last + 1 RETURNING last`,
        [input.kind, year],
      );
      const ids = { id: randomUUID(), reference: formatReference(input.kind, year, rows[0]!.last) };
      const decision = decide(null, input, this.ctx(actor, now), ids);
      if (decision instanceof DomainError) throw decision;
      await tx.query(INSERT_ITEM, [
        ids.id,
        input.kind,
        ids.reference,
        now.toISOString(),
        ...writtenValues(decision.next, this.rt, now),
      ]);
      await this.record(tx, decision, 1, now);
      await publishIn(tx, decision.next, now);
      return decision.next;
    });
  }

  /**
   * Carries out one command: load, decide, then compare-and-set on the version with the audit event and the outbox
   * rows in the same transaction. A concurrent change makes the update touch no row: CONFLICTO_VERSION.
   */
  async execute(itemId: string, command: Command, actor: Actor, expectedVersion?: number): Promise<Item> {
    return this.db.transaction((tx) => this.executeIn(tx, itemId, command, actor, expectedVersion));
  }

  /**
   * Carries out a command on an item the caller has just read (a card action): decided on that copy, written only
   * if nobody changed it since (compare-and-set on its version), which spares reading it again.
   */
  async executeOn(item: Item, command: Command, actor: Actor): Promise<Item> {
    return this.db.transaction((tx) => this.executeIn(tx, item.id, command, actor, item.version, item));
  }

  async executeIn(
    tx: Sql,
    itemId: string,
    command: Command,
    actor: Actor,
    expectedVersion?: number,
    preloaded?: Item,
  ): Promise<Item> {
    const now = this.rt.now();
    const row = preloaded ? { data: preloaded, version: preloaded.version } : await this.load(tx, itemId);
    if (!row) throw new DomainError('NO_ENCONTRADO', 'No existe esa solicitud o convenio.');
    if (expectedVersion !== undefined && expectedVersion !== row.version)
      throw new DomainError(
        'CONFLICTO_VERSION',
        `${row.data.reference} cambió mientras usted la veía (versión ${row.version}); revise su estado actual.`,
      );
    const decision = decide(row.data, command, this.ctx(actor, now));
    if (decision instanceof DomainError) throw decision;
    const version = row.version + 1;
    const next = { ...decision.next, version } as Item;
    const upd = await tx.query(UPDATE_ITEM, [itemId, row.version, version, ...writtenValues(next, this.rt, now)]);
    if (upd.rowCount !== 1)
      throw new DomainError(
        'CONFLICTO_VERSION',
        `${row.data.reference} fue modificada por otra persona al mismo tiempo; revise su estado actual.`,
      );
    await this.record(tx, { ...decision, next }, version, now);
    await publishIn(tx, next, now);
    return next;
  }

  async load(sql: Sql, itemId: string): Promise<ItemRow | undefined> {
    const { rows } = await sql.query<ItemRow>('SELECT data, version FROM items WHERE id = $1', [itemId]);
    const r = rows[0];
    // withStoredLegalBasis: rows written before rule 6 keep their free-text basis, read as «por revisar».
    return r
      ? { data: withStoredLegalBasis({ ...r.data, version: r.version }) as Item, version: r.version }
      : undefined;
  }

  async findByReference(reference: string): Promise<Item | undefined> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM items WHERE reference = $1', [reference]);
    return rows[0] ? (await this.load(this.db, rows[0].id))?.data : undefined;
  }

  /** The id behind a path key (id or reference), if the item exists. */
  async idOf(key: string): Promise<string | null> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM items WHERE reference = upper($1) OR id::text = lower($1)`,
      [key],
    );
    return rows[0]?.id ?? null;
  }

  /** Several items in one query (a list that needs each item's own rules), in no particular order. */
  async getMany(itemIds: string[]): Promise<Item[]> {
    if (itemIds.length === 0) return [];
    const { rows } = await this.db.query<ItemRow>('SELECT data, version FROM items WHERE id = ANY($1::uuid[])', [
      itemIds,
    ]);
    return rows.map((r) => withStoredLegalBasis({ ...r.data, version: r.version }) as Item);
  }

  async get(itemId: string): Promise<Item | undefined> {
    return (await this.load(this.db, itemId))?.data;
  }

  /** Audit event chained to the previous one, outbox rows and timers: all in the caller's transaction. */
  private async record(tx: Sql, d: Decision<Item>, seq: number, now: Date) {
    const itemId = d.next.id;
    const prev =
      seq === 1
        ? GENESIS_HASH
        : (
            await tx.query<{ hash: string }>('SELECT hash FROM audit_events WHERE item_id = $1 AND seq = $2', [
              itemId,
              seq - 1,
            ])
          ).rows[0]?.hash;
    if (!prev) throw new Error(`cadena de auditoría incompleta para ${d.next.reference}`);
    const record = {
      itemId,
      seq,
      at: now.toISOString(),
      actorId: d.audit.actor.personId,
      actorName: d.audit.actor.name,
      onBehalfOfId: d.audit.onBehalfOf?.personId ?? null,
      onBehalfOfName: d.audit.onBehalfOf?.name ?? null,
      command: d.audit.command,
      fromState: d.audit.from,
      toState: d.audit.to,
      payload: d.audit.payload,
    };
    await tx.query(
      `INSERT INTO audit_events (item_id, seq, at, actor_id, actor_name, on_behalf_of_id, on_behalf_of_name, command,
                                 from_state, to_state, payload, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [
        itemId,
        seq,
        record.at,
        record.actorId,
        record.actorName,
        record.onBehalfOfId,
        record.onBehalfOfName,
        record.command,
        record.fromState,
        record.toState,
        JSON.stringify(record.payload),
        prev,
        eventHash(prev, record),
      ],
    );
    await this.applyEffects(tx, itemId, seq, d.effects, now);
  }

  private async applyEffects(tx: Sql, itemId: string, seq: number, effects: Effect[], now: Date) {
    const outbox: { kind: string; payload: Effect; key: string }[] = [];
    for (const [i, e] of effects.entries()) {
      if (e.type === 'schedule') {
        await tx.query(
          `UPDATE timers SET status = 'cancelado' WHERE item_id = $1 AND kind = $2 AND status = 'pendiente'`,
          [itemId, e.timer],
        );
        await tx.query(`INSERT INTO timers (item_id, kind, due_at, about, created_at) VALUES ($1, $2, $3, $4, $5)`, [
          itemId,
          e.timer,
          e.dueAt,
          e.about,
          now.toISOString(),
        ]);
      } else if (e.type === 'cancel_timers') {
        if (e.timers === 'all')
          await tx.query(`UPDATE timers SET status = 'cancelado' WHERE item_id = $1 AND status = 'pendiente'`, [
            itemId,
          ]);
        else
          await tx.query(
            `UPDATE timers SET status = 'cancelado' WHERE item_id = $1 AND kind = ANY($2) AND status = 'pendiente'`,
            [itemId, e.timers],
          );
      } else {
        outbox.push({ kind: e.type, payload: e, key: `${itemId}:${seq}:${i}` });
      }
    }
    if (outbox.length === 0) return;
    // One multi-row insert: the outbox is on every command's hot path.
    const values = outbox.map((_, j) => `($1, $2, $3, $3, $${j * 3 + 4}, $${j * 3 + 5}, $${j * 3 + 6})`).join(', ');
    await tx.query(
      `INSERT INTO outbox (item_id, audit_seq, next_attempt_at, created_at, kind, payload, idempotency_key) VALUES ${values}`,
      [itemId, seq, now.toISOString(), ...outbox.flatMap((o) => [o.kind, JSON.stringify(o.payload), o.key])],
    );
  }

  /**
   * Arms the close by silence (rule 9a) of delivered requests stored before it existed: every `entregada` request
   * without a pending `cierre_por_silencio` timer gets one, due `solicitud.silenceCloseDays` días hábiles after its
   * delivery (already past for old deliveries: the next job run closes them). Runs at start; idempotent.
   */
  async backfillSilenceTimers(): Promise<number> {
    const { rows } = await this.db.query<{ id: string; data: Solicitud }>(
      `SELECT id, data FROM items
        WHERE kind = 'solicitud' AND state = 'entregada'
          AND NOT EXISTS (SELECT 1 FROM timers t
                           WHERE t.item_id = items.id AND t.kind = 'cierre_por_silencio' AND t.status = 'pendiente')`,
    );
    let armed = 0;
    for (const r of rows) {
      const at = silenceCloseAt(this.rt.calendar, r.data, this.rt.settings);
      if (!at) continue;
      if (await this.armTimerOnce(r.id, 'cierre_por_silencio', at, at)) armed++;
    }
    return armed;
  }

  /**
   * A start-up job's timer for an item written before the timer existed: armed unless one of that kind is already
   * pending. One statement, so a second instance starting at the same time finds the timer and adds none.
   */
  private async armTimerOnce(itemId: string, kind: TimerKind, dueAt: string, about: string): Promise<boolean> {
    const ins = await this.db.query(
      `INSERT INTO timers (item_id, kind, due_at, about, created_at)
       SELECT $1::uuid, $2::text, $3::timestamptz, $4::text, $5::timestamptz
        WHERE NOT EXISTS (SELECT 1 FROM timers t WHERE t.item_id = $1::uuid AND t.kind = $2::text
                                                   AND t.status = 'pendiente')`,
      [itemId, kind, dueAt, about, this.rt.now().toISOString()],
    );
    return ins.rowCount > 0;
  }

  /**
   * Fills `waiting_on` for open items written before the column existed (migration 3). Runs at start; idempotent,
   * and cheap once done: a concluded item rightly keeps NULL, an open one always has someone to wait for.
   */
  async backfillWaitingOn(batch = 500): Promise<number> {
    let done = 0;
    // Keyset over id: an item whose text comes out empty stays NULL and must not be selected again.
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.db.query<ItemRow & { id: string }>(
        `SELECT id, data, version FROM items
          WHERE waiting_on IS NULL AND id > $4::uuid
            AND ((kind = 'solicitud' AND state = ANY($1::text[])) OR (kind = 'convenio' AND state = ANY($2::text[])))
          ORDER BY id LIMIT $3`,
        [SOLICITUD_OPEN_STATES, CONVENIO_OPEN_STATES, batch, after],
      );
      if (rows.length === 0) return done;
      const values = rows.map((r) => waitingOn({ ...r.data, version: r.version } as Item, this.rt.directory));
      // Guarded by version: a row changed meanwhile was written with its own waiting_on already.
      const upd = await this.db.query(
        `UPDATE items SET waiting_on = v.waiting_on
           FROM unnest($1::uuid[], $2::int[], $3::text[]) AS v(id, version, waiting_on)
          WHERE items.id = v.id AND items.version = v.version AND items.waiting_on IS NULL`,
        [rows.map((r) => r.id), rows.map((r) => r.version), values],
      );
      done += upd.rowCount;
      after = rows.at(-1)!.id;
      if (rows.length < batch) return done;
    }
  }

  /**
   * Rewrites the search columns of rows written before migration 5 (their search_text still held the texts the read
   * policy hides). Runs at start; idempotent, guarded by version like backfillWaitingOn.
   */
  async backfillSearch(batch = 500): Promise<number> {
    let done = 0;
    for (;;) {
      const { rows } = await this.db.query<ItemRow & { id: string }>(
        `SELECT id, data, version FROM items WHERE search_reserved_text IS NULL ORDER BY id LIMIT $1`,
        [batch],
      );
      if (rows.length === 0) return done;
      const texts = rows.map((r) => searchTextsOf({ ...r.data, version: r.version } as Item));
      const upd = await this.db.query(
        `UPDATE items SET search_text = v.open, search_reserved_text = v.reserved
           FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) AS v(id, version, open, reserved)
          WHERE items.id = v.id AND items.version = v.version AND items.search_reserved_text IS NULL`,
        [rows.map((r) => r.id), rows.map((r) => r.version), texts.map((t) => t.open), texts.map((t) => t.reserved)],
      );
      done += upd.rowCount;
      if (rows.length < batch) return done;
    }
  }

  /**
   * Brings the public register in line with every convenio (rows written before migration 6, or changed by a start-up
   * job that bypassed executeIn): a missing or different projection is written, a row that should not exist is
   * deleted. Runs at start; idempotent, and a no-op once the register agrees.
   */
  async backfillPublished(batch = 500): Promise<number> {
    let done = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.db.query<ItemRow & { id: string; projection: PublishedConvenio | null }>(
        `SELECT i.id, i.data, i.version, p.projection FROM items i LEFT JOIN published_convenios p ON p.id = i.id
          WHERE i.kind = 'convenio' AND i.id > $2::uuid ORDER BY i.id LIMIT $1`,
        [batch, after],
      );
      if (rows.length === 0) return done;
      for (const r of rows) {
        const item = { ...r.data, version: r.version } as Item;
        const want = item.kind === 'convenio' ? publishedConvenio(item) : undefined;
        // jsonb keeps its own key order: compared canonically.
        if (canonicalJson(want ?? null) === canonicalJson(r.projection ?? null)) continue;
        await this.db.transaction((tx) => publishIn(tx, item, this.rt.now()));
        done++;
      }
      after = rows.at(-1)!.id;
      if (rows.length < batch) return done;
    }
  }

  /**
   * Convenios in force whose vigencia has ended (rule 4, issue 12), and the end-of-vigencia timer of those written
   * before it existed. Runs at start; idempotent. A convenio past its end date goes through the same system command
   * the timer issues (`vencer`): an automatic-renewal clause renews it (as many periods as have run), anything else
   * becomes vencido, each step an audit event. One still in force gets its `fin_vigencia` timer if it has none.
   */
  async backfillVigencia(): Promise<{ ended: number; renewed: number; armed: number }> {
    const out = { ended: 0, renewed: 0, armed: 0 };
    const tz = this.rt.settings.timeZone;
    const today = toLocalDate(this.rt.now(), tz);
    const { rows } = await this.db.query<{ id: string; end: string | null; timer: boolean }>(
      `SELECT id, data #>> '{validity,end}' AS end,
              EXISTS (SELECT 1 FROM timers t WHERE t.item_id = items.id AND t.kind = 'fin_vigencia'
                                                AND t.status = 'pendiente') AS timer
         FROM items WHERE kind = 'convenio' AND state = ANY($1::text[]) ORDER BY id`,
      [CONVENIO_IN_FORCE],
    );
    for (const r of rows) {
      if (!r.end) continue;
      if (r.end >= today) {
        if (!r.timer && (await this.armTimerOnce(r.id, 'fin_vigencia', endOfVigenciaAt(r.end, tz), r.end)))
          out.armed += 1;
        continue;
      }
      // Past its end: renew by the clause period after period while it still ends before today, else vencido.
      for (let guard = 0; guard < 240; guard++) {
        const item = await this.db.transaction(async (tx) => {
          const row = await this.load(tx, r.id);
          const c = row?.data;
          if (!c || c.kind !== 'convenio' || !CONVENIO_IN_FORCE.includes(c.state) || !c.validity) return undefined;
          if (c.validity.end >= today) return undefined;
          const next = await this.executeIn(
            tx,
            r.id,
            { type: 'vencer', about: c.validity.end },
            SYSTEM_ACTOR,
            row.version,
          );
          // The timer it replaced (armed on the old end) is cancelled by the schedule effect; none other remains due.
          return next;
        });
        if (!item || item.kind !== 'convenio') break;
        if (item.state === 'vencido') {
          out.ended += 1;
          break;
        }
        out.renewed += 1;
      }
    }
    return out;
  }

  /** Keeps a refused attempt for Control; it changes no item and is outside the chains. */
  async recordDenied(actor: Actor, itemId: string | null, command: string, error: DomainError) {
    await this.db.query(
      'INSERT INTO denied_attempts (at, actor_id, item_id, command, code, message) VALUES ($1, $2, $3, $4, $5, $6)',
      [this.rt.now().toISOString(), actor.personId, itemId, command, error.code, error.message],
    );
  }
}

export type { ItemKind };
