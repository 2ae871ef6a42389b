// Delivered files (issue 15, migration 9): the uploads people declare and send, the requester's access to each
// delivered file with its expiry, and every access the app served or ended. The bytes are the FileStore's; this is
// the record of them. Every write that moves an upload is conditional on what the caller read (compare-and-set on
// `received` and `status`), so two requests on one upload never both advance it.
import type { Db, Sql } from './db';

export type UploadStatus = 'subiendo' | 'completo' | 'entregado' | 'descartado';

export interface UploadRow {
  id: string;
  itemId: string;
  uploaderId: string;
  uploaderName: string;
  name: string;
  size: number;
  mediaType: string;
  received: number;
  status: UploadStatus;
  sha256?: string;
  storeKind?: string;
  storeRef?: string;
  webUrl?: string;
  createdAt: Date;
  updatedAt: Date;
  completedAt?: Date;
  deliveredAt?: Date;
  deliverySeq?: number;
}

interface RawUpload {
  id: string;
  item_id: string;
  uploader_id: string;
  uploader_name: string;
  name: string;
  size: number | string;
  media_type: string;
  received: number | string;
  status: UploadStatus;
  sha256: string | null;
  store_kind: string | null;
  store_ref: string | null;
  web_url: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  completed_at: Date | string | null;
  delivered_at: Date | string | null;
  delivery_seq: number | null;
}

const UPLOAD_COLUMNS = `id, item_id, uploader_id, uploader_name, name, size, media_type, received, status, sha256,
  store_kind, store_ref, web_url, created_at, updated_at, completed_at, delivered_at, delivery_seq`;

const date = (v: Date | string): Date => new Date(v);

function uploadOf(r: RawUpload): UploadRow {
  return {
    id: r.id,
    itemId: r.item_id,
    uploaderId: r.uploader_id,
    uploaderName: r.uploader_name,
    name: r.name,
    size: Number(r.size),
    mediaType: r.media_type,
    received: Number(r.received),
    status: r.status,
    ...(r.sha256 ? { sha256: r.sha256 } : {}),
    ...(r.store_kind ? { storeKind: r.store_kind } : {}),
    ...(r.store_ref ? { storeRef: r.store_ref } : {}),
    ...(r.web_url ? { webUrl: r.web_url } : {}),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    ...(r.completed_at ? { completedAt: date(r.completed_at) } : {}),
    ...(r.delivered_at ? { deliveredAt: date(r.delivered_at) } : {}),
    ...(r.delivery_seq !== null ? { deliverySeq: r.delivery_seq } : {}),
  };
}

/** What a declared upload starts with: the row's identity and what was declared. */
export type NewUpload = Pick<
  UploadRow,
  'id' | 'itemId' | 'uploaderId' | 'uploaderName' | 'name' | 'size' | 'mediaType'
>;

export interface StoredAt {
  sha256: string;
  storeKind: string;
  storeRef: string;
  webUrl?: string;
}

/** The requester's access to one delivered file, as written with the delivery. */
export interface NewGrant {
  uploadId: string;
  itemId: string;
  personId: string;
  email?: string;
  role: 'view' | 'download';
  expiresAt: Date;
}

export interface GrantRow extends NewGrant {
  id: number;
  status: 'pendiente' | 'vigente' | 'vencido';
  permissionId?: string;
  attempts: number;
  /** The delivered file: where the store keeps it, its name and hash (for the record of the expiry). */
  storeRef: string;
  fileName: string;
  sha256: string;
}

interface RawGrant {
  id: number;
  upload_id: string;
  item_id: string;
  person_id: string;
  email: string | null;
  role: 'view' | 'download';
  expires_at: Date | string;
  status: GrantRow['status'];
  permission_id: string | null;
  attempts: number;
  store_ref: string;
  name: string;
  sha256: string;
}

const grantOf = (r: RawGrant): GrantRow => ({
  id: Number(r.id),
  uploadId: r.upload_id,
  itemId: r.item_id,
  personId: r.person_id,
  ...(r.email ? { email: r.email } : {}),
  role: r.role,
  expiresAt: date(r.expires_at),
  status: r.status,
  ...(r.permission_id ? { permissionId: r.permission_id } : {}),
  attempts: r.attempts,
  storeRef: r.store_ref,
  fileName: r.name,
  sha256: r.sha256,
});

export type FileEventKind = 'descarga' | 'acceso_vencido';

export interface NewFileEvent {
  at: Date;
  itemId: string;
  uploadId: string;
  kind: FileEventKind;
  actorId: string;
  actorName: string;
  /** The downloader, or whose access ended. */
  personId: string;
  fileName: string;
  sha256: string;
  detail?: Record<string, unknown>;
  requestId?: string;
}

export interface FileEventRow extends NewFileEvent {
  id: number;
  detail: Record<string, unknown>;
}

export class FilesRepo {
  constructor(private readonly db: Db) {}

  async insertUpload(u: NewUpload, now: Date): Promise<UploadRow> {
    const { rows } = await this.db.query<RawUpload>(
      `INSERT INTO file_uploads (id, item_id, uploader_id, uploader_name, name, size, media_type, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${UPLOAD_COLUMNS}`,
      [u.id, u.itemId, u.uploaderId, u.uploaderName, u.name, u.size, u.mediaType, now.toISOString()],
    );
    return uploadOf(rows[0]!);
  }

  async getUpload(id: string, sql: Sql = this.db): Promise<UploadRow | undefined> {
    const { rows } = await sql.query<RawUpload>(`SELECT ${UPLOAD_COLUMNS} FROM file_uploads WHERE id = $1`, [id]);
    return rows[0] ? uploadOf(rows[0]) : undefined;
  }

  /** The uploads of `ids` that exist, locked for the caller's transaction (a delivery naming them). */
  async lockUploads(tx: Sql, ids: readonly string[]): Promise<UploadRow[]> {
    const { rows } = await tx.query<RawUpload>(
      `SELECT ${UPLOAD_COLUMNS} FROM file_uploads WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    return rows.map(uploadOf);
  }

  /** The delivered uploads of an item, oldest first. */
  async deliveredOf(itemId: string): Promise<UploadRow[]> {
    const { rows } = await this.db.query<RawUpload>(
      `SELECT ${UPLOAD_COLUMNS} FROM file_uploads WHERE item_id = $1 AND status = 'entregado' ORDER BY delivered_at, id`,
      [itemId],
    );
    return rows.map(uploadOf);
  }

  /** Moves `received` from `from` to `to` while the upload is still being sent; false when someone moved it first. */
  async advance(id: string, from: number, to: number, now: Date): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE file_uploads SET received = $3, updated_at = $4
        WHERE id = $1 AND received = $2 AND status = 'subiendo'`,
      [id, from, to, now.toISOString()],
    );
    return r.rowCount === 1;
  }

  /** The last part arrived and the file is stored: complete, with its hash and place. */
  async complete(id: string, from: number, stored: StoredAt, now: Date): Promise<UploadRow | undefined> {
    const { rows } = await this.db.query<RawUpload>(
      `UPDATE file_uploads SET received = size, status = 'completo', sha256 = $3, store_kind = $4, store_ref = $5,
              web_url = $6, completed_at = $7, updated_at = $7
        WHERE id = $1 AND received = $2 AND status = 'subiendo'
       RETURNING ${UPLOAD_COLUMNS}`,
      [id, from, stored.sha256, stored.storeKind, stored.storeRef, stored.webUrl ?? null, now.toISOString()],
    );
    return rows[0] ? uploadOf(rows[0]) : undefined;
  }

  /**
   * Discards an upload not delivered; the row stays, as the record that it was started and given up. With
   * `idleSince`, only an upload still being sent and untouched since then (abandoned).
   */
  async discard(id: string, now: Date, idleSince?: Date): Promise<UploadRow | undefined> {
    const { rows } = await this.db.query<RawUpload>(
      `UPDATE file_uploads SET status = 'descartado', updated_at = $2
        WHERE id = $1 AND status IN ('subiendo', 'completo')
          AND ($3::timestamptz IS NULL OR (status = 'subiendo' AND updated_at < $3::timestamptz))
       RETURNING ${UPLOAD_COLUMNS}`,
      [id, now.toISOString(), idleSince?.toISOString() ?? null],
    );
    return rows[0] ? uploadOf(rows[0]) : undefined;
  }

  /** Uploads still being sent and untouched since `before`: abandoned. */
  async idleUploads(before: Date, limit = 100): Promise<UploadRow[]> {
    const { rows } = await this.db.query<RawUpload>(
      `SELECT ${UPLOAD_COLUMNS} FROM file_uploads WHERE status = 'subiendo' AND updated_at < $1 ORDER BY updated_at
        LIMIT $2`,
      [before.toISOString(), limit],
    );
    return rows.map(uploadOf);
  }

  /** In the delivery's transaction: the uploads it names become delivered, bound to its audit event. */
  async markDelivered(tx: Sql, ids: readonly string[], itemId: string, seq: number, at: Date): Promise<number> {
    const r = await tx.query(
      `UPDATE file_uploads SET status = 'entregado', delivered_at = $3, delivery_seq = $4, updated_at = $3
        WHERE id = ANY($1::uuid[]) AND item_id = $2 AND status = 'completo'`,
      [ids, itemId, at.toISOString(), seq],
    );
    return r.rowCount;
  }

  async insertGrants(tx: Sql, grants: readonly NewGrant[], now: Date): Promise<void> {
    if (grants.length === 0) return;
    await tx.query(
      `INSERT INTO file_grants (upload_id, item_id, person_id, email, role, expires_at, next_attempt_at, created_at)
       SELECT g.upload_id, g.item_id, g.person_id, g.email, g.role, g.expires_at, $7::timestamptz, $7::timestamptz
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
              AS g(upload_id, item_id, person_id, email, role, expires_at)
       ON CONFLICT (upload_id, person_id) DO NOTHING`,
      [
        grants.map((g) => g.uploadId),
        grants.map((g) => g.itemId),
        grants.map((g) => g.personId),
        grants.map((g) => g.email ?? null),
        grants.map((g) => g.role),
        grants.map((g) => g.expiresAt.toISOString()),
        now.toISOString(),
      ],
    );
  }

  /**
   * Claims up to `limit` grants due for a step under a lease (`next_attempt_at` pushed by `leaseMs`), so several
   * instances share the work and a crash lets the lease lapse: `give`, pending grants not yet expired; `expire`,
   * grants whose expiry has passed and that have not been ended yet.
   */
  async claimGrants(step: 'give' | 'expire', now: Date, limit: number, leaseMs: number): Promise<GrantRow[]> {
    const condition =
      step === 'give'
        ? `g.status = 'pendiente' AND g.expires_at > $1`
        : `g.status IN ('pendiente', 'vigente') AND g.expires_at <= $1`;
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<RawGrant>(
        `WITH due AS (
           SELECT g.id FROM file_grants g
            WHERE ${condition} AND g.next_attempt_at <= $1
            ORDER BY g.next_attempt_at, g.id LIMIT $2 FOR UPDATE SKIP LOCKED),
         claimed AS (
           UPDATE file_grants g SET next_attempt_at = $3 FROM due WHERE g.id = due.id
           RETURNING g.id, g.upload_id, g.item_id, g.person_id, g.email, g.role, g.expires_at, g.status,
                     g.permission_id, g.attempts)
         SELECT c.*, u.store_ref, u.name, u.sha256 FROM claimed c JOIN file_uploads u ON u.id = c.upload_id
          ORDER BY c.id`,
        [now.toISOString(), limit, new Date(now.getTime() + leaseMs).toISOString()],
      );
      return rows.map(grantOf);
    });
  }

  /** The store granted access (or had nothing to grant: local mode). */
  async granted(id: number, permissionId: string | undefined, now: Date, note?: string): Promise<void> {
    await this.db.query(
      `UPDATE file_grants SET status = 'vigente', permission_id = $2, granted_at = $3, last_error = $4
        WHERE id = $1 AND status = 'pendiente'`,
      [id, permissionId ?? null, now.toISOString(), note ?? null],
    );
  }

  /** A step failed: tried again after `retryAt`. */
  async stepFailed(id: number, retryAt: Date, error: string): Promise<void> {
    await this.db.query(
      `UPDATE file_grants SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $1`,
      [id, retryAt.toISOString(), error.slice(0, 2000)],
    );
  }

  /**
   * The access ended: the grant is closed and the end recorded (file_events), in one transaction; false when
   * another instance ended it first (nothing is recorded twice).
   */
  async expired(g: GrantRow, event: NewFileEvent): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const r = await tx.query(
        `UPDATE file_grants SET status = 'vencido', expired_at = $2 WHERE id = $1 AND status IN ('pendiente', 'vigente')`,
        [g.id, event.at.toISOString()],
      );
      if (r.rowCount !== 1) return false;
      await this.recordEvent(tx, event);
      return true;
    });
  }

  async grantsOf(itemId: string): Promise<GrantRow[]> {
    const { rows } = await this.db.query<RawGrant>(
      `SELECT g.id, g.upload_id, g.item_id, g.person_id, g.email, g.role, g.expires_at, g.status, g.permission_id,
              g.attempts, u.store_ref, u.name, u.sha256
         FROM file_grants g JOIN file_uploads u ON u.id = g.upload_id WHERE g.item_id = $1 ORDER BY g.id`,
      [itemId],
    );
    return rows.map(grantOf);
  }

  async recordEvent(sql: Sql, e: NewFileEvent): Promise<void> {
    await sql.query(
      `INSERT INTO file_events (at, item_id, upload_id, kind, actor_id, actor_name, person_id, file_name, sha256, detail,
                                request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        e.at.toISOString(),
        e.itemId,
        e.uploadId,
        e.kind,
        e.actorId,
        e.actorName,
        e.personId,
        e.fileName,
        e.sha256,
        JSON.stringify(e.detail ?? {}),
        e.requestId ?? null,
      ],
    );
  }
}

/** The file accesses of an item (downloads, ended accesses), oldest first. */
export async function readFileEvents(sql: Sql, itemId: string): Promise<FileEventRow[]> {
  const { rows } = await sql.query<{
    id: number;
    at: Date | string;
    item_id: string;
    upload_id: string;
    kind: FileEventKind;
    actor_id: string;
    actor_name: string;
    person_id: string;
    file_name: string;
    sha256: string;
    detail: Record<string, unknown>;
    request_id: string | null;
  }>(
    `SELECT id, at, item_id, upload_id, kind, actor_id, actor_name, person_id, file_name, sha256, detail, request_id
       FROM file_events WHERE item_id = $1 ORDER BY at, id`,
    [itemId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: date(r.at),
    itemId: r.item_id,
    uploadId: r.upload_id,
    kind: r.kind,
    actorId: r.actor_id,
    actorName: r.actor_name,
    personId: r.person_id,
    fileName: r.file_name,
    sha256: r.sha256,
    detail: r.detail ?? {},
    ...(r.request_id ? { requestId: r.request_id } : {}),
  }));
}
