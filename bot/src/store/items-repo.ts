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
import { currentRequestId } from '../request-context';
import type { Db, Sql } from './db';
import { canonicalJson, eventHash, GENESIS_HASH } from './audit-chain';

interface ItemRow {
  data: Item;
  version: number;
}

/** The last audit event of an item's chain as the item row keeps it (migration 7); seq equals the version. */
interface ChainHead {
  seq: number;
  hash: string;
}

/** An item as read for a write: its data, version and the head of its audit chain when the row had it. */
interface LoadedRow extends ItemRow {
  head?: ChainHead;
}

interface StoredRow extends ItemRow {
  audit_head_seq: number | null;
  audit_head_hash: string | null;
}

const ITEM_COLUMNS = 'data, version, audit_head_seq, audit_head_hash';

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

/**
 * One command's whole write in ONE statement (data-modifying CTEs): the item, its audit event and its outbox rows.
 * Every insert selects from the item write, so when the compare-and-set on the version touches no row nothing else
 * is written either, and a single statement is atomic without BEGIN/COMMIT. Parameters:
 * $1 id, $2 seq (= the new version), $3 at, $4–$10 who/what, $11 payload, $12 prev hash, $13 hash,
 * $14–$16 outbox kinds/payloads/keys, $17 request id, $18… WRITTEN_COLUMNS, then the item write's own.
 */
const COLUMNS_AT = 18;
const AFTER_COLUMNS = COLUMNS_AT + WRITTEN_COLUMNS.length;
const COLUMN_PARAMS = WRITTEN_COLUMNS.map((_, i) => `$${i + COLUMNS_AT}`);
const RECORD_REST = `
ev AS (
  INSERT INTO audit_events (item_id, seq, at, actor_id, actor_name, on_behalf_of_id, on_behalf_of_name, command,
                            from_state, to_state, payload, prev_hash, hash)
  SELECT w.id, $2::int, $3::timestamptz, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text,
         $11::jsonb, $12::text, $13::text
    FROM w
  RETURNING item_id, seq),
ob AS (
  INSERT INTO outbox (item_id, audit_seq, next_attempt_at, created_at, kind, payload, idempotency_key, request_id)
  SELECT ev.item_id, ev.seq, $3::timestamptz, $3::timestamptz, o.kind, o.payload::jsonb, o.key, $17::text
    FROM ev, unnest($14::text[], $15::text[], $16::text[]) AS o(kind, payload, key))
SELECT 1 AS written FROM w`;
const INSERT_ITEM = `WITH w AS (
  INSERT INTO items (id, kind, reference, version, created_at, ${WRITTEN_COLUMNS.join(', ')}, audit_head_seq,
                     audit_head_hash)
  VALUES ($1, $${AFTER_COLUMNS}, $${AFTER_COLUMNS + 1}, $2, $3, ${COLUMN_PARAMS.join(', ')}, $2, $13)
  RETURNING id),${RECORD_REST}`;
const UPDATE_ITEM = `WITH w AS (
  UPDATE items SET version = $2, ${WRITTEN_COLUMNS.map((c, i) => `${c} = ${COLUMN_PARAMS[i]}`).join(', ')},
                   audit_head_seq = $2, audit_head_hash = $13
   WHERE id = $1 AND version = $${AFTER_COLUMNS}
  RETURNING id),${RECORD_REST}`;

/** A decided command ready to be written: the statement's parameters and what else it needs (timers, register). */
interface Write {
  next: Item;
  head: ChainHead;
  params: unknown[];
  effects: Effect[];
  /** Timers or the public register change too: then the statement runs in a transaction with those writes. */
  needsTransaction: boolean;
}

export class ItemsRepo {
  constructor(
    private readonly db: Db,
    private readonly rt: Runtime,
  ) {}

  /** Chain heads of the items this repository handed out, so a write on one needs no read of its chain. */
  private readonly heads = new WeakMap<Item, ChainHead>();

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
      const w = this.prepare(decision, 1, { seq: 0, hash: GENESIS_HASH }, now);
      await tx.query(INSERT_ITEM, [...w.params, input.kind, ids.reference]);
      await this.finish(tx, w, now);
      this.heads.set(w.next, w.head);
      return w.next;
    });
  }

  /**
   * Carries out one command: load, decide, then compare-and-set on the version with the audit event and the outbox
   * rows in the same statement. A concurrent change makes the update touch no row: CONFLICTO_VERSION.
   */
  async execute(itemId: string, command: Command, actor: Actor, expectedVersion?: number): Promise<Item> {
    return this.commit(await this.load(this.db, itemId), command, actor, expectedVersion);
  }

  /**
   * Carries out a command on an item the caller has just read (a card action): decided on that copy, written only
   * if nobody changed it since (compare-and-set on its version), which spares reading it again.
   */
  async executeOn(item: Item, command: Command, actor: Actor): Promise<Item> {
    return this.commit(this.rowOf(item), command, actor, item.version);
  }

  /**
   * Decides outside any transaction (the compare-and-set on the version is the guard) and writes in one round trip
   * when the command changes no timer and no public register row, else in one transaction with those writes.
   */
  private async commit(row: LoadedRow | undefined, command: Command, actor: Actor, expectedVersion?: number) {
    const now = this.rt.now();
    const decision = this.decideOn(row, command, actor, expectedVersion, now);
    const w = this.prepare(decision, row!.version + 1, row!.head ?? (await this.headOf(this.db, row!)), now);
    if (!w.needsTransaction) {
      await this.writeUpdate(this.db, w, row!);
      return w.next;
    }
    return this.db.transaction(async (tx) => {
      await this.writeUpdate(tx, w, row!);
      await this.finish(tx, w, now);
      return w.next;
    });
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
    const row = preloaded ? this.rowOf(preloaded) : await this.load(tx, itemId);
    const decision = this.decideOn(row, command, actor, expectedVersion, now);
    const w = this.prepare(decision, row!.version + 1, row!.head ?? (await this.headOf(tx, row!)), now);
    await this.writeUpdate(tx, w, row!);
    await this.finish(tx, w, now);
    return w.next;
  }

  private decideOn(
    row: LoadedRow | undefined,
    command: Command,
    actor: Actor,
    expectedVersion: number | undefined,
    now: Date,
  ): Decision<Item> {
    if (!row) throw new DomainError('NO_ENCONTRADO', 'No existe esa solicitud o convenio.');
    if (expectedVersion !== undefined && expectedVersion !== row.version)
      throw new DomainError(
        'CONFLICTO_VERSION',
        `${row.data.reference} cambió mientras usted la veía (versión ${row.version}); revise su estado actual.`,
      );
    const decision = decide(row.data, command, this.ctx(actor, now));
    if (decision instanceof DomainError) throw decision;
    return decision;
  }

  private async writeUpdate(sql: Sql, w: Write, row: LoadedRow) {
    const upd = await sql.query(UPDATE_ITEM, [...w.params, row.version]);
    if (upd.rows.length !== 1)
      throw new DomainError(
        'CONFLICTO_VERSION',
        `${row.data.reference} fue modificada por otra persona al mismo tiempo; revise su estado actual.`,
      );
    this.heads.set(w.next, w.head);
  }

  /** The writes a command may add to its statement: timers and the public register, in the same transaction. */
  private async finish(tx: Sql, w: Write, now: Date) {
    await this.applyTimers(tx, w.next.id, w.effects, now);
    await publishIn(tx, w.next, now);
  }

  private rowOf(item: Item): LoadedRow {
    const head = this.heads.get(item);
    return { data: item, version: item.version, ...(head?.seq === item.version ? { head } : {}) };
  }

  private remember(r: StoredRow): LoadedRow {
    // withStoredLegalBasis: rows written before rule 6 keep their free-text basis, read as «por revisar».
    const data = withStoredLegalBasis({ ...r.data, version: r.version }) as Item;
    // A head not at the row's version was left by a writer that predates migration 7: read from the chain then.
    if (r.audit_head_seq !== r.version || !r.audit_head_hash) return { data, version: r.version };
    const head = { seq: r.audit_head_seq, hash: r.audit_head_hash };
    this.heads.set(data, head);
    return { data, version: r.version, head };
  }

  /** The head of the chain read from the audit log: only for rows whose own head is missing or behind. */
  private async headOf(sql: Sql, row: ItemRow): Promise<ChainHead> {
    const { rows } = await sql.query<{ hash: string }>(
      'SELECT hash FROM audit_events WHERE item_id = $1 AND seq = $2',
      [row.data.id, row.version],
    );
    if (!rows[0]) throw new Error(`cadena de auditoría incompleta para ${row.data.reference}`);
    return { seq: row.version, hash: rows[0].hash };
  }

  async load(sql: Sql, itemId: string): Promise<LoadedRow | undefined> {
    const { rows } = await sql.query<StoredRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = $1`, [itemId]);
    return rows[0] ? this.remember(rows[0]) : undefined;
  }

  async findByReference(reference: string): Promise<Item | undefined> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM items WHERE reference = $1', [reference]);
    return rows[0] ? (await this.load(this.db, rows[0].id))?.data : undefined;
  }

  /** The items of these references that exist, in one query (a batch of the UGDT), keyed by reference. */
  async findByReferences(references: readonly string[]): Promise<Map<string, Item>> {
    if (references.length === 0) return new Map();
    const { rows } = await this.db.query<StoredRow>(
      `SELECT ${ITEM_COLUMNS} FROM items WHERE reference = ANY($1::text[])`,
      [references],
    );
    return new Map(rows.map((r) => [r.data.reference, this.remember(r).data]));
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
    const { rows } = await this.db.query<StoredRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ANY($1::uuid[])`, [
      itemIds,
    ]);
    return rows.map((r) => this.remember(r).data);
  }

  async get(itemId: string): Promise<Item | undefined> {
    return (await this.load(this.db, itemId))?.data;
  }

  /**
   * The parameters of a command's statement: the item's columns, its audit event chained to `prev` (hashed here,
   * from the head read with the item; the compare-and-set on the version guarantees it did not move) and its outbox
   * rows. The request being handled, if any, is named in the event's payload (hashed with it) and the outbox rows.
   */
  private prepare(d: Decision<Item>, seq: number, prev: ChainHead, now: Date): Write {
    const next = { ...d.next, version: seq } as Item;
    const requestId = currentRequestId();
    const record = {
      itemId: next.id,
      seq,
      at: now.toISOString(),
      actorId: d.audit.actor.personId,
      actorName: d.audit.actor.name,
      onBehalfOfId: d.audit.onBehalfOf?.personId ?? null,
      onBehalfOfName: d.audit.onBehalfOf?.name ?? null,
      command: d.audit.command,
      fromState: d.audit.from,
      toState: d.audit.to,
      payload: requestId === undefined ? d.audit.payload : { ...d.audit.payload, requestId },
    };
    const hash = eventHash(prev.hash, record);
    const outbox: [kinds: string[], payloads: string[], keys: string[]] = [[], [], []];
    let timers = false;
    for (const [i, e] of d.effects.entries()) {
      if (e.type === 'schedule' || e.type === 'cancel_timers') timers = true;
      else {
        outbox[0].push(e.type);
        outbox[1].push(JSON.stringify(e));
        outbox[2].push(`${next.id}:${seq}:${i}`);
      }
    }
    return {
      next,
      head: { seq, hash },
      effects: d.effects,
      needsTransaction: timers || next.kind === 'convenio',
      params: [
        next.id,
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
        prev.hash,
        hash,
        ...outbox,
        requestId ?? null,
        ...writtenValues(next, this.rt, now),
      ],
    };
  }

  /** The timer effects of a command, in order (a later cancel also cancels a timer scheduled before it). */
  private async applyTimers(tx: Sql, itemId: string, effects: Effect[], now: Date) {
    const timers = effects.filter((e) => e.type === 'schedule' || e.type === 'cancel_timers');
    if (timers.length === 0) return;
    const schedules = timers.filter((e): e is Extract<Effect, { type: 'schedule' }> => e.type === 'schedule');
    const kinds = schedules.map((e) => e.timer);
    if (schedules.length === timers.length && new Set(kinds).size === kinds.length) {
      // Only schedules, each of its own kind (a creation's reminders and deadline): one statement. The UPDATE does
      // not see the rows the INSERT adds (one snapshot), so this is the same as replacing them one by one.
      await tx.query(
        `WITH replaced AS (UPDATE timers SET status = 'cancelado'
                             WHERE item_id = $1::uuid AND kind = ANY($2::text[]) AND status = 'pendiente')
         INSERT INTO timers (item_id, kind, due_at, about, created_at)
         SELECT $1::uuid, t.kind, t.due_at, t.about, $5::timestamptz
           FROM unnest($2::text[], $3::timestamptz[], $4::text[]) AS t(kind, due_at, about)`,
        [itemId, kinds, schedules.map((e) => e.dueAt), schedules.map((e) => e.about), now.toISOString()],
      );
      return;
    }
    for (const e of timers) {
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
      }
    }
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
