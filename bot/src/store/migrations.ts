import type { Db } from './db';

/**
 * Versioned migrations, applied in order at start. Never edit one that has shipped: add the next.
 * Several instances may start together: an advisory lock makes one apply them while the others wait.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'registro, auditoría encadenada, outbox y temporizadores',
    sql: `
CREATE TABLE reference_counters (
  kind text NOT NULL,
  year int NOT NULL,
  last int NOT NULL,
  PRIMARY KEY (kind, year)
);

CREATE TABLE items (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('solicitud', 'convenio')),
  reference text NOT NULL UNIQUE,
  version int NOT NULL CHECK (version >= 1),
  state text NOT NULL,
  requesting_unit text NOT NULL,
  owner_unit text NOT NULL,
  title text NOT NULL,
  access text NOT NULL,
  privacy text NOT NULL,
  participants text[] NOT NULL,
  due_at timestamptz,
  overdue_flag boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  search_text text NOT NULL,
  search tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  data jsonb NOT NULL
);
CREATE INDEX items_kind_created ON items (kind, created_at DESC, id DESC);
CREATE INDEX items_kind_state_created ON items (kind, state, created_at DESC, id DESC);
CREATE INDEX items_kind_owner_created ON items (kind, owner_unit, created_at DESC, id DESC);
CREATE INDEX items_kind_requesting_created ON items (kind, requesting_unit, created_at DESC, id DESC);
CREATE INDEX items_kind_due ON items (kind, due_at, id) WHERE due_at IS NOT NULL;
CREATE INDEX items_participants ON items USING gin (participants);
CREATE INDEX items_search ON items USING gin (search);

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  item_id uuid NOT NULL REFERENCES items (id),
  seq int NOT NULL,
  at timestamptz NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  on_behalf_of_id text,
  on_behalf_of_name text,
  command text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (item_id, seq)
);

-- The audit log is append-only: the application never updates or deletes an event, and neither may anyone else
-- without first disabling this trigger (which the hash chain would then expose).
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'el registro de auditoría es de solo anexión';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Attempts the policy refused: not part of an item's chain, but kept for Control.
CREATE TABLE denied_attempts (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id text NOT NULL,
  item_id uuid,
  command text NOT NULL,
  code text NOT NULL,
  message text NOT NULL
);

CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  item_id uuid NOT NULL REFERENCES items (id),
  audit_seq int NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pendiente' CHECK (status IN ('pendiente', 'entregado', 'fallido')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pendiente';

CREATE TABLE timers (
  id bigserial PRIMARY KEY,
  item_id uuid NOT NULL REFERENCES items (id),
  kind text NOT NULL,
  due_at timestamptz NOT NULL,
  about text NOT NULL,
  status text NOT NULL DEFAULT 'pendiente' CHECK (status IN ('pendiente', 'disparado', 'cancelado', 'obsoleto')),
  created_at timestamptz NOT NULL,
  fired_at timestamptz,
  fired_by text
);
CREATE INDEX timers_due ON timers (due_at, id) WHERE status = 'pendiente';
CREATE INDEX timers_item ON timers (item_id, kind) WHERE status = 'pendiente';
`,
  },
  {
    version: 2,
    name: 'conversaciones de Teams y tarjetas publicadas',
    sql: `
-- Where the bot can write to someone proactively: one row per user (personal chat), team channel or group chat,
-- refreshed on install and on every message.
CREATE TABLE conversation_refs (
  key text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('personal', 'channel', 'groupChat')),
  aad_object_id text,
  -- The user's Teams id (MRI, "29:…"): what refresh.userIds names.
  user_id text,
  conversation_id text NOT NULL,
  service_url text NOT NULL,
  tenant_id text,
  reference jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX conversation_refs_user ON conversation_refs (aad_object_id) WHERE kind = 'personal';

-- Every card of an item the bot posted, so a state change can update each one in place (updateActivity).
CREATE TABLE posted_cards (
  item_id uuid NOT NULL REFERENCES items (id),
  conversation_key text NOT NULL REFERENCES conversation_refs (key),
  activity_id text NOT NULL,
  -- The item version the card shows: an update skips cards already showing the current one (a notice posted
  -- after the change keeps its banner).
  shown_version int NOT NULL,
  posted_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_key, activity_id)
);
CREATE INDEX posted_cards_item ON posted_cards (item_id);
`,
  },
  {
    version: 3,
    name: 'quién debe actuar en el registro y orden del tablero',
    sql: `
-- "Debe actuar" as the register shows it (protocol whoMustAct), projected like the other columns on every write;
-- NULL once the item waits for nobody. Rows written before this column are filled in at start
-- (ItemsRepo.backfillWaitingOn), since the text comes from the protocol's rules, not from SQL.
ALTER TABLE items ADD COLUMN waiting_on text;
-- The board's closed columns show the most recently changed first.
CREATE INDEX items_kind_state_updated ON items (kind, state, updated_at DESC, id DESC);
`,
  },
  {
    version: 4,
    name: 'documentos de convenios y bitácora de envíos',
    sql: `
-- The content of every convenio document, generated or handed in, by its SHA-256: kept in the same transaction as
-- the command that names it, so the outbox can store it in SharePoint later, attach it to mails, and regenerate
-- nothing. A hash names one content forever, so rows are never updated.
CREATE TABLE document_blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  content_type text NOT NULL,
  file_name text NOT NULL,
  size int NOT NULL,
  created_at timestamptz NOT NULL
);

-- What happened to deliveries beyond the outbox row itself: dead letters and the UGDT's manual retries, with
-- who and when. Append-only like the audit log.
CREATE TABLE delivery_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  outbox_id bigint NOT NULL REFERENCES outbox (id),
  item_id uuid NOT NULL REFERENCES items (id),
  action text NOT NULL CHECK (action IN ('fallido', 'reintento')),
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  detail text NOT NULL
);
CREATE INDEX delivery_log_outbox ON delivery_log (outbox_id, id);
CREATE TRIGGER delivery_log_no_update BEFORE UPDATE OR DELETE ON delivery_log
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE INDEX outbox_failed ON outbox (id DESC) WHERE status = 'fallido';
`,
  },
  {
    version: 5,
    name: 'búsqueda separada en texto abierto y texto reservado',
    sql: `
-- The read policy (protocol/read-policy.ts) hides the fields of sensitive datasets from readers not entitled; the
-- search must not find an item by them either, or a hit would confirm the hidden value. search_text now holds only
-- what every reader of the item sees; the hidden texts get their own column, searched only for entitled readers.
-- Rows written before are rewritten at start from their data (ItemsRepo.backfillSearch): the split is the
-- protocol's rule, not SQL's. Until then search_reserved_text is NULL and their old search_text still matches.
ALTER TABLE items ADD COLUMN search_reserved_text text;
ALTER TABLE items ADD COLUMN search_reserved tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_reserved_text, ''))) STORED;
CREATE INDEX items_search_reserved ON items USING gin (search_reserved);
`,
  },
  {
    version: 6,
    name: 'registro público de convenios (transparencia)',
    sql: `
-- The public register (/transparencia, Ley 21.719): the projection of each convenio that anyone may read without
-- signing in (protocol/transparency.ts publishedConvenio), written in the same transaction as the convenio, deleted
-- when it stops being published. The public routes read this table and nothing else. Rows for convenios written
-- before are filled in at start (ItemsRepo.backfillPublished): what is published is the protocol's rule, not SQL's.
CREATE TABLE published_convenios (
  id uuid PRIMARY KEY REFERENCES items (id),
  reference text NOT NULL UNIQUE,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  projection jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX published_convenios_month ON published_convenios (month, reference);
`,
  },
  {
    version: 7,
    name: 'cabeza de la cadena de auditoría en el ítem e id de solicitud en el outbox',
    sql: `
-- The head of each item's audit chain (its last event's seq and hash) kept on the item row and written with it, so a
-- command reads the previous hash with the item and writes item, event and outbox rows in one statement. seq equals
-- the version; a row whose head is behind its version (written by an instance that predates this migration) has its
-- head read from audit_events instead.
ALTER TABLE items ADD COLUMN audit_head_seq int;
ALTER TABLE items ADD COLUMN audit_head_hash text;
UPDATE items i SET audit_head_seq = e.seq, audit_head_hash = e.hash
  FROM audit_events e WHERE e.item_id = i.id AND e.seq = i.version;

-- The request (X-Request-Id, Teams activity id) whose handling wrote the row, to follow a delivery back to it. A
-- column rather than a key in payload: the payload is the protocol's effect as handlers take it.
ALTER TABLE outbox ADD COLUMN request_id text;
`,
  },
  {
    version: 8,
    name: 'resumen diario de la UGDT',
    sql: `
-- One row per person and working day once that day's digest of overdue requests is claimed (issue 14 §4). The primary
-- key makes the digest go out once however many instances run the jobs; activity_id is the posted card (null when
-- nothing was overdue and no card was sent).
CREATE TABLE daily_digests (
  person_id text NOT NULL,
  day date NOT NULL,
  overdue int NOT NULL,
  activity_id text,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (person_id, day)
);
`,
  },
  {
    version: 9,
    name: 'archivos entregados: subidas, accesos del solicitante y descargas',
    sql: `
-- Issue 15: delivered data is a file under control. One row per upload a person declared for a request: what they
-- declared (name, size, media type: checked before a byte was read), how much has arrived (resumable), and once
-- complete the SHA-256 the service computed and where the FileStore keeps it. The delivery names the upload ids;
-- its audit event carries each file's name, size, type and hash (protocol StoredFileRecord).
CREATE TABLE file_uploads (
  id uuid PRIMARY KEY,
  item_id uuid NOT NULL REFERENCES items (id),
  uploader_id text NOT NULL,
  uploader_name text NOT NULL,
  name text NOT NULL,
  size bigint NOT NULL CHECK (size > 0),
  media_type text NOT NULL,
  received bigint NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'subiendo' CHECK (status IN ('subiendo', 'completo', 'entregado', 'descartado')),
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  store_kind text,
  store_ref text,
  web_url text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  completed_at timestamptz,
  delivered_at timestamptz,
  -- The audit event (seq) of the delivery that named it.
  delivery_seq int,
  CHECK (received >= 0 AND received <= size),
  CHECK (status NOT IN ('completo', 'entregado') OR (sha256 IS NOT NULL AND store_ref IS NOT NULL AND received = size)),
  CHECK (status <> 'entregado' OR (delivered_at IS NOT NULL AND delivery_seq IS NOT NULL))
);
CREATE INDEX file_uploads_item ON file_uploads (item_id, created_at);
CREATE INDEX file_uploads_idle ON file_uploads (updated_at) WHERE status = 'subiendo';

-- The requester's access to each delivered file, until its expiry (settings.files.shareDays by privacy level). With
-- a tenant the FileStore grants it in SharePoint (permission_id, removed at expiry); locally the app's download
-- route applies the same date. The expiry job finds due rows here, so a restart loses none.
CREATE TABLE file_grants (
  id bigserial PRIMARY KEY,
  upload_id uuid NOT NULL REFERENCES file_uploads (id),
  item_id uuid NOT NULL REFERENCES items (id),
  person_id text NOT NULL,
  email text,
  role text NOT NULL CHECK (role IN ('view', 'download')),
  expires_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pendiente' CHECK (status IN ('pendiente', 'vigente', 'vencido')),
  permission_id text,
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  created_at timestamptz NOT NULL,
  granted_at timestamptz,
  expired_at timestamptz,
  UNIQUE (upload_id, person_id)
);
CREATE INDEX file_grants_due ON file_grants (next_attempt_at, id) WHERE status IN ('pendiente', 'vigente');

-- Every access to a delivered file: each download the app served (who, when, which file, its hash) and the end of the
-- requester's access. Append-only like the audit log; shown on the request's timeline to the UGDT, the owner unit and
-- the person concerned.
CREATE TABLE file_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  item_id uuid NOT NULL REFERENCES items (id),
  upload_id uuid NOT NULL REFERENCES file_uploads (id),
  kind text NOT NULL CHECK (kind IN ('descarga', 'acceso_vencido')),
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  -- Whose access ended (acceso_vencido); the downloader otherwise.
  person_id text NOT NULL,
  file_name text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  request_id text
);
CREATE INDEX file_events_item ON file_events (item_id, at, id);
CREATE TRIGGER file_events_no_update BEFORE UPDATE OR DELETE ON file_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
`,
  },
];

export async function migrate(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(8675309)');
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
