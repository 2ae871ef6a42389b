// Issue 11: with a tenant configured, whatever a caller puts in Authorization on /api/messages is a 401, never a 500:
// garbage, an unsigned JWT, a JWT signed by another key or with the app password, an unknown key id, a wrong
// audience. (bot-auth.test.ts covers the valid token and the usual refusals.)
import { createHmac, createSign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import type { TestService } from '../support/service';
import {
  APP_ID,
  ISSUER,
  SERVICE_URL,
  startTenantBot,
  TENANT,
  tenantInvoke,
  type TenantBot,
} from '../support/bot-tenant';
import { figure } from '../support/figures';

let svc: TestService;
let key: KeyObject;
let otherKey: KeyObject;
let bot: TenantBot;

beforeAll(async () => {
  bot = await startTenantBot();
  ({ svc, key, otherKey } = bot);
});
afterAll(() => bot.close());

const invoke = tenantInvoke;

const b64 = (o: object | string) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({
  serviceurl: SERVICE_URL,
  iss: ISSUER,
  aud: APP_ID,
  iat: now() - 60,
  nbf: now() - 60,
  exp: now() + 600,
  ...over,
});
const rs256 = (header: object, payload: object, signWith: KeyObject) => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(signWith).toString('base64url')}`;
};
const hs256 = (payload: object, secret: string) => {
  const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'clave-prueba' })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

const post = (authorization: string | undefined, body: unknown = invoke) =>
  fetch(`${svc.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify(body),
  });

describe('/api/messages in tenant mode: foreign tokens → 401 with a Spanish message', () => {
  it.each([
    ['garbage', () => 'Bearer basura'],
    ['three garbage parts', () => 'Bearer a.b.c'],
    ['an empty bearer', () => 'Bearer '],
    ['another scheme', () => 'Basic dXN1YXJpbzpjbGF2ZQ=='],
    ['a huge header', () => `Bearer ${'x'.repeat(8000)}`],
    ['an unsigned JWT (alg none)', () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
    ['a JWT signed with the app password (HS256)', () => `Bearer ${hs256(claims(), 'secreto-de-prueba')}`],
    [
      'a JWT signed by another key',
      () => `Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba', typ: 'JWT' }, claims(), otherKey)}`,
    ],
    [
      'a JWT with an unknown key id',
      () => `Bearer ${rs256({ alg: 'RS256', kid: 'otra-clave', typ: 'JWT' }, claims(), key)}`,
    ],
    ['a JWT without key id', () => `Bearer ${rs256({ alg: 'RS256', typ: 'JWT' }, claims(), key)}`],
    [
      'a wrong audience',
      () => `Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba' }, claims({ aud: 'otra-app' }), key)}`,
    ],
    [
      'a payload that is not JSON',
      () => `Bearer ${b64({ alg: 'RS256', kid: 'clave-prueba' })}.${b64('no es json')}.firma`,
    ],
    [
      'claims of the wrong types',
      () => `Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba' }, claims({ aud: 7, exp: 'mañana', iss: [] }), key)}`,
    ],
    [
      'the emulator issuer (v1.0)',
      () =>
        `Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba' }, claims({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: APP_ID }), key)}`,
    ],
    [
      'the emulator issuer (v2.0) without azp',
      () =>
        `Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba' }, claims({ iss: 'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0', ver: '2.0' }), key)}`,
    ],
    [
      'a tenant issuer',
      () =>
        `Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba' }, claims({ iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0' }), key)}`,
    ],
    ['an unknown algorithm', () => `Bearer ${b64({ alg: 'XX999', kid: 'clave-prueba' })}.${b64(claims())}.abc`],
    ['a header that is a list', () => `Bearer ${b64('[1,2]')}.${b64(claims())}.abc`],
    [
      'a payload that is a list',
      () => `Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba' }, [1, 2] as unknown as object, key)}`,
    ],
    ['a numeric key id', () => `Bearer ${rs256({ alg: 'RS256', kid: 7 }, claims(), key)}`],
    [
      'another service url',
      () =>
        `Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba' }, claims({ serviceurl: 'https://otro.example/' }), key)}`,
    ],
    [
      'no service url claim',
      () => `Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba' }, claims({ serviceurl: undefined }), key)}`,
    ],
  ])('%s → 401', async (_name, auth) => {
    const r = await post(auth());
    expect(r.status).toBe(401);
    const body = (await r.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/Token del Bot Framework inválido|Credenciales/);
  });

  it('a valid token still works (control)', async () => {
    const r = await post(`Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba', typ: 'JWT' }, claims(), key)}`);
    expect(r.status).toBe(200);
  });

  it('a malformed activity is a 4xx whatever the token', async () => {
    for (const auth of [undefined, 'Bearer basura'])
      for (const body of [[], { type: 'invoke' }, { ...invoke, from: undefined }])
        expect((await post(auth, body)).status).toBeGreaterThanOrEqual(400);
    const r = await post('Bearer basura', { ...invoke, from: undefined });
    expect(r.status).toBeLessThan(500);
    // Without any bearer token the body is not even looked at: 401, malformed or not.
    for (const body of [[], { type: 'invoke' }, { ...invoke, from: undefined }, invoke])
      for (const auth of [undefined, '', 'Basic dXN1YXJpbzpjbGF2ZQ==', 'Bearer'])
        expect([auth, (await post(auth, body)).status]).toEqual([auth, 401]);
  });

  it('with a valid token, a malformed invoke is a 400 in Spanish', async () => {
    const token = `Bearer ${rs256({ alg: 'RS256', kid: 'clave-prueba', typ: 'JWT' }, claims(), key)}`;
    for (const value of [undefined, 'x', { action: { type: 'Action.Execute', verb: 'ayuda', data: [1] } }]) {
      const r = await post(token, { ...invoke, value });
      expect(r.status).toBe(400);
      const body = (await r.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/tarjeta/);
    }
    const unknown = await post(token, { ...invoke, name: 'task/fetch' });
    expect(unknown.status).toBe(400);
  });
});

describe('/api/messages in tenant mode: generated tokens', () => {
  const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207);
  const ISSUERS = [
    ISSUER,
    'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
    'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0',
    `https://sts.windows.net/${TENANT}/`,
    `https://login.microsoftonline.com/${TENANT}/v2.0`,
    'https://api.botframework.us',
  ];
  const claimsArb = fc.record(
    {
      iss: fc.oneof(fc.constantFrom(...ISSUERS), fc.jsonValue({ maxDepth: 1 })),
      aud: fc.oneof(fc.constantFrom('otra-app', 'https://api.botframework.com'), fc.jsonValue({ maxDepth: 1 })),
      ver: fc.constantFrom('1.0', '2.0', 3, null),
      appid: fc.constantFrom(APP_ID, 'otra', 7),
      azp: fc.constantFrom(APP_ID, 'otra', null),
      tid: fc.constantFrom(TENANT, 'otro'),
      serviceurl: fc.constantFrom(SERVICE_URL, 'https://otro.example/', 7),
      exp: fc.oneof(fc.constant(now() + 600), fc.integer(), fc.constant('mañana')),
      nbf: fc.oneof(fc.constant(now() - 60), fc.integer()),
    },
    { requiredKeys: [] },
  );
  const tokenArb = fc.oneof(
    // Signed by the published key but with claims that are not a valid channel token for this app.
    claimsArb.map((c) =>
      rs256({ alg: 'RS256', kid: 'clave-prueba', typ: 'JWT' }, { ...c, aud: c.aud === APP_ID ? 'x' : c.aud }, key),
    ),
    claimsArb.map((c) => rs256({ alg: 'RS256', kid: 'clave-prueba' }, { ...claims(), ...c }, otherKey)),
    fc
      .tuple(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 40 }))
      .map(
        ([h, p, sig]) =>
          `${b64(JSON.stringify(h) ?? 'null')}.${b64(JSON.stringify(p) ?? 'null')}.${Buffer.from(sig).toString('base64url')}`,
      ),
    fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.='.split('')), maxLength: 200 }),
  );
  const scheme = fc.constantFrom('Bearer ', 'bearer ', 'Bearer  ', 'Basic ', '');

  it('300 generated Authorization headers: each a 401 with a Spanish message, none a 5xx', async () => {
    const samples = fc.sample(fc.tuple(scheme, tokenArb), { seed: SEED, numRuns: 300 });
    const statuses: Record<number, number> = {};
    const wrong: string[] = [];
    for (const [s, t] of samples) {
      const r = await post(`${s}${t}`);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      const text = await r.text();
      if (r.status !== 401 || !/Token del Bot Framework inválido/.test(text))
        wrong.push(`${r.status} ${s}${t.slice(0, 120)} → ${text.slice(0, 200)}`);
    }
    figure(`tokens generados: ${samples.length} (semilla ${SEED}); estados ${JSON.stringify(statuses)}`);
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
