import { createSign, type KeyObject } from 'node:crypto';
import type { TestService } from '../support/service';
import { APP_ID, ISSUER, SERVICE_URL, startTenantBot, tenantInvoke, type TenantBot } from '../support/bot-tenant';

/**
 * With a MicrosoftAppId configured, /api/messages accepts only Bot Framework tokens: the test publishes its own
 * signing key through local OpenID metadata (endorsed for msteams, as the real one is) and signs tokens with it.
 */
type SigningKey = KeyObject;
let svc: TestService;
let key: SigningKey;
let otherKey: SigningKey;
let bot: TenantBot;

beforeAll(async () => {
  bot = await startTenantBot();
  ({ svc, key, otherKey } = bot);
});
afterAll(() => bot.close());

const invoke = tenantInvoke;

/** An RS256 JWT as the Bot Connector signs them (node:crypto, no JWT library needed for a test). */
async function token(opts: { aud?: string; expiresIn?: number; signWith?: SigningKey; iss?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = b64({ alg: 'RS256', kid: 'clave-prueba', typ: 'JWT' });
  const payload = b64({
    serviceurl: SERVICE_URL,
    iss: opts.iss ?? ISSUER,
    aud: opts.aud ?? APP_ID,
    iat: now - 60,
    nbf: now - 60,
    exp: opts.expiresIn ?? now + 600,
  });
  const signature = createSign('RSA-SHA256')
    .update(`${header}.${payload}`)
    .sign(opts.signWith ?? key)
    .toString('base64url');
  return `${header}.${payload}.${signature}`;
}

const post = (authorization?: string) =>
  fetch(`${svc.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(invoke),
  });

describe('/api/messages with a MicrosoftAppId configured', () => {
  it('a valid token signed by the published key → 200 with the help card', async () => {
    const r = await post(`Bearer ${await token()}`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { statusCode: number; type: string; value: { type: string } };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.value.type).toBe('AdaptiveCard');
  });

  it.each([
    ['no token', async () => undefined],
    ['a bad signature', async () => `Bearer ${await token({ signWith: otherKey })}`],
    ['a wrong audience', async () => `Bearer ${await token({ aud: '11111111-2222-3333-4444-555555555555' })}`],
    ['an expired token', async () => `Bearer ${await token({ expiresIn: Math.floor(Date.now() / 1000) - 3600 })}`],
    ['a wrong issuer', async () => `Bearer ${await token({ iss: 'https://otro.emisor.example' })}`],
    ['a malformed header', async () => 'Bearer no-es-un-jwt'],
  ])('%s → 401, nothing recorded', async (_label, auth) => {
    const count = async () =>
      (
        await svc.db.query<{ n: number; t: Date | null }>(
          'SELECT count(*)::int AS n, max(updated_at) AS t FROM conversation_refs',
        )
      ).rows[0]!;
    const before = await count();
    svc.clock.advance(60_000); // a stored reference would carry this new time
    const r = await post(await auth());
    expect(r.status).toBe(401);
    expect(await count()).toEqual(before);
  });
});
