import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { startTestService, type TestService } from '../support/service';

/**
 * With a MicrosoftAppId configured, /api/messages accepts only Bot Framework tokens: the test publishes its own
 * signing key through local OpenID metadata (endorsed for msteams, as the real one is) and signs tokens with it.
 */
const APP_ID = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const TENANT = '6f1c2a52-1d8e-4c39-9a51-0d3f4b8a9e21';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';

let metadata: Server;
let svc: TestService;
type SigningKey = KeyObject;
let key: SigningKey;
let otherKey: SigningKey;

beforeAll(async () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  key = pair.privateKey;
  otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'clave-prueba', use: 'sig', alg: 'RS256' };
  metadata = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
    if (req.url === '/.well-known/openid-configuration')
      res.end(
        JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }),
      );
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ ...jwk, endorsements: ['msteams'] }] }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => metadata.listen(0, '127.0.0.1', r));
  const port = (metadata.address() as AddressInfo).port;
  svc = await startTestService('2026-09-15T13:00:00Z', {
    config: {
      bot: {
        appId: APP_ID,
        password: 'secreto-de-prueba',
        tenantId: TENANT,
        appType: 'SingleTenant',
        openIdMetadataUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
        tokenIssuer: ISSUER,
      },
    },
  });
});
afterAll(async () => {
  await svc.close();
  await new Promise((r) => metadata.close(r));
});

/** An Action.Execute invoke: its answer travels in the HTTP response, so no outbound call is needed. */
const invoke = {
  type: 'invoke',
  name: 'adaptiveCard/action',
  id: 'invoke-1',
  channelId: 'msteams',
  serviceUrl: SERVICE_URL,
  from: { id: '29:megan', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' },
  recipient: { id: `28:${APP_ID}`, name: 'Intercambio de Datos' },
  conversation: { id: 'a:personal-megan', conversationType: 'personal', tenantId: TENANT },
  channelData: { tenant: { id: TENANT } },
  value: { action: { type: 'Action.Execute', verb: 'ayuda', data: {} }, trigger: 'manual' },
};

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
