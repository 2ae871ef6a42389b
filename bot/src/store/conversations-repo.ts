import type { Sql } from './db';

/** A stored conversation reference (botbuilder's ConversationReference as plain JSON). */
export interface StoredConversation {
  key: string;
  kind: 'personal' | 'channel' | 'groupChat';
  aadObjectId: string | null;
  /** Teams user id (MRI) of a personal chat's user. */
  userId: string | null;
  conversationId: string;
  serviceUrl: string;
  tenantId: string | null;
  reference: Record<string, unknown>;
}

interface Row {
  key: string;
  kind: StoredConversation['kind'];
  aad_object_id: string | null;
  user_id: string | null;
  conversation_id: string;
  service_url: string;
  tenant_id: string | null;
  reference: Record<string, unknown>;
}
const fromRow = (r: Row): StoredConversation => ({
  key: r.key,
  kind: r.kind,
  aadObjectId: r.aad_object_id,
  userId: r.user_id,
  conversationId: r.conversation_id,
  serviceUrl: r.service_url,
  tenantId: r.tenant_id,
  reference: r.reference,
});

/** Conversation references and posted cards: what proactive notices and in-place updates need. */
export class ConversationsRepo {
  constructor(private readonly sql: Sql) {}

  async save(c: StoredConversation, now: Date): Promise<void> {
    await this.sql.query(
      `INSERT INTO conversation_refs (key, kind, aad_object_id, user_id, conversation_id, service_url, tenant_id, reference,
                                      updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (key) DO UPDATE SET conversation_id = EXCLUDED.conversation_id, service_url = EXCLUDED.service_url,
         tenant_id = EXCLUDED.tenant_id, reference = EXCLUDED.reference, updated_at = EXCLUDED.updated_at,
         aad_object_id = EXCLUDED.aad_object_id, user_id = EXCLUDED.user_id`,
      [
        c.key,
        c.kind,
        c.aadObjectId,
        c.userId,
        c.conversationId,
        c.serviceUrl,
        c.tenantId,
        JSON.stringify(c.reference),
        now.toISOString(),
      ],
    );
  }

  /** Teams user ids (MRI) of people by Entra object id, for those who have a personal chat with the bot. */
  async teamsUserIds(aadObjectIds: string[]): Promise<Map<string, string>> {
    if (aadObjectIds.length === 0) return new Map();
    const { rows } = await this.sql.query<{ aad: string; user_id: string }>(
      `SELECT lower(aad_object_id) AS aad, user_id FROM conversation_refs
        WHERE kind = 'personal' AND user_id IS NOT NULL AND lower(aad_object_id) = ANY($1::text[])`,
      [aadObjectIds.map((a) => a.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.aad, r.user_id]));
  }

  async personal(aadObjectId: string): Promise<StoredConversation | undefined> {
    const { rows } = await this.sql.query<Row>(
      `SELECT * FROM conversation_refs WHERE kind = 'personal' AND lower(aad_object_id) = lower($1)`,
      [aadObjectId],
    );
    return rows[0] && fromRow(rows[0]);
  }

  async byConversationId(conversationId: string): Promise<StoredConversation | undefined> {
    const { rows } = await this.sql.query<Row>(`SELECT * FROM conversation_refs WHERE conversation_id = $1 LIMIT 1`, [
      conversationId,
    ]);
    return rows[0] && fromRow(rows[0]);
  }

  /** A card now showing `shownVersion` of the item (0: it shows something else, such as a refusal). */
  async recordPostedCard(
    itemId: string,
    shownVersion: number,
    conversationKey: string,
    activityId: string,
    now: Date,
  ): Promise<void> {
    await this.sql.query(
      `INSERT INTO posted_cards (item_id, shown_version, conversation_key, activity_id, posted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_key, activity_id) DO UPDATE SET item_id = EXCLUDED.item_id,
         shown_version = EXCLUDED.shown_version`,
      [itemId, shownVersion, conversationKey, activityId, now.toISOString()],
    );
  }

  async postedCards(
    itemId: string,
  ): Promise<{ conversation: StoredConversation; activityId: string; shownVersion: number }[]> {
    const { rows } = await this.sql.query<Row & { activity_id: string; shown_version: number }>(
      `SELECT c.*, p.activity_id, p.shown_version FROM posted_cards p
         JOIN conversation_refs c ON c.key = p.conversation_key
        WHERE p.item_id = $1 ORDER BY p.posted_at`,
      [itemId],
    );
    return rows.map((r) => ({ conversation: fromRow(r), activityId: r.activity_id, shownVersion: r.shown_version }));
  }
}
