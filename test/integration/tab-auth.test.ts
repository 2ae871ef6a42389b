import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { startTestService, personaClient, type ApiResponse, type TestService } from '../support/service';
import { solicitudBody } from '../support/fixtures';
import { RESERVED } from '../../protocol';
import { createSsoVerifier } from '../../bot/src/api/sso';

/**
 * The tab's Teams SSO: with a tenant configured the API accepts only Entra ID access tokens for this app (Bearer),
 * checked against the tenant's signing keys. The test publishes its own JWKS and signs the tokens itself, relative
 * to the service's clock (the service checks exp/nbf against its injected clock).
 */
const TENANT = '6f1c2a52-1d8e-4c39-9a51-0d3f4b8a9e21';
const OTHER_TENANT = '0b7e3a10-9c4d-4e2f-8a61-5d2c9f1e7b33';
const APP_ID = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const APP_ID_URI = `api://intercambio.quillota.cl/${APP_ID}`;
const TEAMS_APP_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const KID = 'clave-inquilino';
const V2_ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const V1_ISSUER = `https://sts.windows.net/${TENANT}/`;

/** Entra object ids of config/directory.local.json. */
const OID = {
  alex: '00000000-0000-0000-0000-0000000000020', // DOM, official
  megan: '00000000-0000-0000-0000-0000000000021', // UGDT
  lynne: '00000000-0000-0000-0000-0000000000025', // DIDECO, responsable
  miriam: '00000000-0000-0000-0000-0000000000032', // DIDECO, official
  henrietta: '00000000-0000-0000-0000-0000000000035', // Control
};

let jwks: Server;
let jwksHits = 0;
let key: CryptoKey;
let otherKey: CryptoKey;
let svc: TestService;
let local: TestService;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: KID, use: 'sig', alg: 'RS256' };
  jwks = createServer((req, res) => {
    if (req.url !== '/discovery/v2.0/keys') return void res.writeHead(404).end();
    jwksHits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  const port = (jwks.address() as AddressInfo).port;
  svc = await startTestService('2026-09-15T13:00:00Z', {
    config: {
      tenantId: TENANT,
      localMode: false,
      bot: { appId: APP_ID, password: 'secreto-de-prueba', tenantId: TENANT, appType: 'SingleTenant' },
      sso: { appIdUri: APP_ID_URI, jwksUrl: `http://127.0.0.1:${port}/discovery/v2.0/keys` },
      tab: { dir: '/nonexistent', teamsAppId: TEAMS_APP_ID },
    },
  });
  local = await startTestService();
});
afterAll(async () => {
  await svc?.close();
  await local?.close();
  await new Promise((r) => jwks.close(r));
});

interface TokenOptions {
  oid?: string;
  claims?: JWTPayload;
  /** Claims to leave out of the token. */
  omit?: string[];
  signWith?: CryptoKey;
  kid?: string;
  alg?: string;
}

/** An access token as Entra ID issues it for the tab (v1 shape by default: Teams' usual), valid for an hour. */
async function token(o: TokenOptions = {}): Promise<string> {
  const now = Math.floor(svc.clock.now().getTime() / 1000);
  const claims: JWTPayload = {
    iss: V1_ISSUER,
    aud: APP_ID_URI,
    tid: TENANT,
    oid: o.oid ?? OID.megan,
    scp: 'access_as_user',
    ver: '1.0',
    name: 'Persona de prueba',
    iat: now - 300,
    nbf: now - 300,
    exp: now + 3300,
    ...o.claims,
  };
  for (const c of o.omit ?? []) delete claims[c];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: o.kid ?? KID, typ: 'JWT' })
    .sign(o.signWith ?? key);
}

const api = (authorization?: string, extra: Record<string, string> = {}) => {
  const headers = { ...(authorization ? { authorization } : {}), ...extra };
  const client = personaClient(svc.url, undefined);
  return {
    get: (path: string) => client.raw(path, { method: 'GET', headers }),
    post: (path: string, body: unknown) =>
      client.raw(path, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
};
const as = async (oid: string) => api(`Bearer ${await token({ oid })}`);

/** An unsigned JWT (alg none): structurally a token, cryptographically nothing. */
function unsigned(claims: JWTPayload): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}

function expect401(r: ApiResponse, message: string | RegExp, secret?: string) {
  expect(r.status).toBe(401);
  expect(r.body.error.code).toBe('NO_AUTENTICADO');
  if (typeof message === 'string') expect(r.body.error.message).toBe(message);
  else expect(r.body.error.message).toMatch(message);
  // Nothing of the token travels back: neither the token nor who it names.
  if (secret) expect(r.text).not.toContain(secret.slice(0, 20));
  expect(r.text).not.toContain(OID.megan);
}

describe('Teams SSO with a tenant configured', () => {
  it('no token → 401 asking to sign in', async () => {
    expect401(await api().get('/api/v1/yo'), 'Inicie sesión con su cuenta municipal.');
  });

  it.each<[string, () => Promise<string>, string | RegExp]>([
    ['not a Bearer token', async () => `Basic ${Buffer.from('megan:clave').toString('base64')}`, /Bearer <token>/],
    ['a Bearer that is no JWT', async () => 'Bearer no-es-un-jwt', /Bearer <token>/],
    ['a JWT of garbage', async () => 'Bearer aaaa.bbbb.cccc', 'El token de inicio de sesión está mal formado.'],
    [
      'an unsigned token (alg none)',
      async () => `Bearer ${unsigned({ iss: V1_ISSUER, aud: APP_ID_URI, tid: TENANT, oid: OID.megan })}`,
      /algoritmo de firma no aceptado|mal formado/,
    ],
  ])('malformed: %s → 401', async (_label, auth, message) => {
    const authorization = await auth();
    expect401(await api(authorization).get('/api/v1/yo'), message, authorization.slice(7));
  });

  it.each<[string, TokenOptions | (() => TokenOptions), string]>([
    [
      'a bad signature (another key, same kid)',
      () => ({ signWith: otherKey }),
      'La firma del token de inicio de sesión no es válida.',
    ],
    [
      'an expired token (beyond the 60 s tolerance)',
      () => ({ claims: { exp: Math.floor(svc.clock.now().getTime() / 1000) - 120 } }),
      'La sesión expiró: vuelva a abrir la pestaña para iniciar sesión de nuevo.',
    ],
    [
      'a token not yet valid',
      () => ({ claims: { nbf: Math.floor(svc.clock.now().getTime() / 1000) + 600 } }),
      'El token de inicio de sesión aún no es válido.',
    ],
    [
      'a wrong audience (Microsoft Graph)',
      { claims: { aud: 'https://graph.microsoft.com' } },
      'El token de inicio de sesión no fue emitido para esta aplicación.',
    ],
    [
      'a wrong audience (another app of the same tenant)',
      { claims: { aud: 'api://otra.quillota.cl/11111111-2222-3333-4444-555555555555' } },
      'El token de inicio de sesión no fue emitido para esta aplicación.',
    ],
    [
      'another tenant (its tid and its issuer)',
      { claims: { tid: OTHER_TENANT, iss: `https://sts.windows.net/${OTHER_TENANT}/` } },
      'El token de inicio de sesión no fue emitido por el inquilino de la Municipalidad.',
    ],
    [
      'another tenant (v2 issuer)',
      { claims: { tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` } },
      'El token de inicio de sesión no fue emitido por el inquilino de la Municipalidad.',
    ],
    [
      'our issuer but the tid of another tenant',
      { claims: { tid: OTHER_TENANT } },
      'El token de inicio de sesión no fue emitido por el inquilino de la Municipalidad.',
    ],
    [
      'an issuer that is not Entra ID',
      { claims: { iss: 'https://login.example.com/' } },
      'El token de inicio de sesión no fue emitido por el inquilino de la Municipalidad.',
    ],
    ['no scope at all', { omit: ['scp'] }, 'El token de inicio de sesión no concede el permiso access_as_user.'],
    [
      'other scopes only',
      { claims: { scp: 'User.Read email openid' } },
      'El token de inicio de sesión no concede el permiso access_as_user.',
    ],
    [
      'a scope that merely contains the name',
      { claims: { scp: 'access_as_user_admin' } },
      'El token de inicio de sesión no concede el permiso access_as_user.',
    ],
    ['no oid', { omit: ['oid'] }, 'El token de inicio de sesión no tiene los datos requeridos.'],
    ['an HS256 token', { alg: 'HS256' }, 'El token de inicio de sesión usa un algoritmo de firma no aceptado.'],
  ])('%s → 401 NO_AUTENTICADO', async (_label, opts, message) => {
    const o = typeof opts === 'function' ? opts() : opts;
    const t =
      o.alg === 'HS256'
        ? await new SignJWT({ iss: V1_ISSUER, aud: APP_ID_URI, tid: TENANT, oid: OID.megan, scp: 'access_as_user' })
            .setProtectedHeader({ alg: 'HS256', kid: KID })
            .setIssuedAt(Math.floor(svc.clock.now().getTime() / 1000))
            .setExpirationTime(Math.floor(svc.clock.now().getTime() / 1000) + 600)
            .sign(new TextEncoder().encode('un-secreto-compartido-de-32-bytes!!'))
        : await token(o);
    const r = await api(`Bearer ${t}`).get('/api/v1/yo');
    expect401(r, message, t);
  });

  it.each([
    ['v1: aud = Application ID URI, issuer sts.windows.net', { iss: V1_ISSUER, aud: APP_ID_URI, ver: '1.0' }],
    [
      'v2: aud = client id, issuer login.microsoftonline.com',
      { iss: V2_ISSUER, aud: APP_ID, ver: '2.0', azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' },
    ],
    ['v1: aud = client id', { iss: V1_ISSUER, aud: APP_ID }],
    ['v2: aud = Application ID URI', { iss: V2_ISSUER, aud: APP_ID_URI, ver: '2.0' }],
    ['scp with several scopes', { scp: 'User.Read access_as_user' }],
    [
      'expired 30 s ago: inside the clock tolerance',
      { exp: Math.floor(Date.parse('2026-09-15T13:00:00Z') / 1000) - 30 },
    ],
  ])('valid (%s) → 200 with the caller from the directory', async (_label, claims) => {
    const r = await api(`Bearer ${await token({ oid: OID.megan, claims })}`).get('/api/v1/yo');
    expect(r.status).toBe(200);
    expect(r.body.actor).toMatchObject({ personId: 'megan.bowen', unitId: 'ugdt' });
    expect(r.body.actor.grants.map((g: { role: string }) => g.role)).toEqual(['funcionario', 'ugdt']);
  });

  it('the oid maps to the person, with their roles (Control, a unit head), case-insensitively', async () => {
    const control = await (await as(OID.henrietta)).get('/api/v1/yo');
    expect(control.body.actor.personId).toBe('henrietta.mueller');
    expect(control.body.actor.grants.map((g: { role: string }) => g.role)).toEqual(['funcionario', 'control']);
    const head = await api(`Bearer ${await token({ oid: OID.lynne.toUpperCase() })}`).get('/api/v1/yo');
    expect(head.body.actor.personId).toBe('lynne.robbins');
    expect(head.body.actor.grants).toContainEqual(
      expect.objectContaining({ role: 'responsable_unidad', unitId: 'dideco', delegated: false }),
    );
  });

  it('the token is checked against the service clock: once it passes exp, the same token is refused', async () => {
    const t = await token({ oid: OID.megan });
    expect((await api(`Bearer ${t}`).get('/api/v1/yo')).status).toBe(200);
    const at = svc.clock.now();
    svc.clock.advance(2 * 60 * 60 * 1000);
    try {
      expect401(
        await api(`Bearer ${t}`).get('/api/v1/yo'),
        'La sesión expiró: vuelva a abrir la pestaña para iniciar sesión de nuevo.',
      );
    } finally {
      svc.clock.set(at);
    }
  });

  it('signing keys that cannot be fetched → 401 asking to retry, never an identity', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const verifier = createSsoVerifier({
      tenantId: TENANT,
      clientId: APP_ID,
      appIdUri: APP_ID_URI,
      jwksUrl: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    });
    await expect(verifier.verify(await token(), svc.clock.now())).rejects.toMatchObject({
      code: 'NO_AUTENTICADO',
      message: 'No se pudo validar el inicio de sesión en este momento. Intente nuevamente en unos minutos.',
    });
  });

  it('a valid token of someone who is not in the directory → 403, in Spanish', async () => {
    const r = await (await as(randomUUID())).get('/api/v1/yo');
    expect(r.status).toBe(403);
    expect(r.body.error).toEqual({
      code: 'NO_AUTORIZADO',
      message:
        'Su cuenta no está registrada en el directorio municipal de Intercambio de Datos. Pida a la UGDT que la agregue.',
      fields: {},
    });
  });

  it('the persona header is refused with a tenant, even next to a valid token', async () => {
    for (const persona of ['megan.bowen', OID.megan, 'megan.bowen@quillota.cl']) {
      const r = await api(`Bearer ${await token({ oid: OID.alex })}`, { 'x-persona': persona }).get('/api/v1/yo');
      expect401(r, 'La identidad de desarrollo no se acepta con un inquilino configurado.');
    }
    expect401(
      await api(undefined, { 'x-persona': 'megan.bowen' }).get('/api/v1/yo'),
      'La identidad de desarrollo no se acepta con un inquilino configurado.',
    );
  });

  it('writes need the token too: 401 without it, nothing stored', async () => {
    const r = await api(undefined).post('/api/v1/solicitudes', solicitudBody());
    expect(r.status).toBe(401);
    const n = await svc.db.query<{ n: number }>('SELECT count(*)::int AS n FROM items');
    expect(n.rows[0]!.n).toBe(0);
  });
});

describe('GET /api/v1/sesion', () => {
  it('with a tenant: mode teams, the Teams app id, and no persona list at all', async () => {
    const r = await api().get('/api/v1/sesion');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ mode: 'teams', timeZone: 'America/Santiago', teamsAppId: TEAMS_APP_ID });
    expect(r.text).not.toContain('megan');
  });

  it('in local mode: every person of the directory for the picker, with Spanish role labels', async () => {
    const r = await personaClient(local.url, undefined).get('/api/v1/sesion');
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe('local');
    expect(r.body.timeZone).toBe('America/Santiago');
    expect(r.body.teamsAppId).toBeUndefined();
    expect(r.body.personas).toHaveLength(local.rt.directory.people.length);
    expect(r.body.personas).toContainEqual({
      id: 'lynne.robbins',
      name: 'Lynne Robbins',
      email: 'lynne.robbins@quillota.cl',
      unitName: 'Dirección de Desarrollo Comunitario',
      roles: ['Responsable de unidad (DIDECO)'],
    });
    expect(r.body.personas).toContainEqual(
      expect.objectContaining({ id: 'henrietta.mueller', roles: ['Dirección de Control'] }),
    );
    expect(r.body.personas).toContainEqual(expect.objectContaining({ id: 'alex.wilber', roles: ['Funcionario(a)'] }));
  });
});

describe('access with SSO identities', () => {
  const refs: Record<string, string> = {};
  const SENSIBLE = {
    ...solicitudBody().dataset,
    name: 'Atenciones de salud mental por sector',
    fields: ['sector', 'diagnostico', 'cantidad'],
    classification: { access: 'uso_interno', privacy: 'sensible' },
  };

  beforeAll(async () => {
    // Five requests from DOM to units other than DIDECO (one on sensitive data), then one from DOM to DIDECO.
    const alex = await as(OID.alex);
    const bodies = [
      solicitudBody({ ownerUnitId: 'salud', dataset: SENSIBLE }),
      solicitudBody({ ownerUnitId: 'transito' }),
      solicitudBody({ ownerUnitId: 'educacion' }),
      solicitudBody({ ownerUnitId: 'medio_ambiente' }),
      solicitudBody({ ownerUnitId: 'seguridad_publica' }),
      solicitudBody({ ownerUnitId: 'dideco' }),
    ];
    for (const [i, body] of bodies.entries()) {
      const r = await alex.post('/api/v1/solicitudes', body);
      expect(r.status).toBe(201);
      refs[i] = r.body.item.reference;
    }
    expect(Object.values(refs)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `SOL-2026-000${n}`));
  });

  it('a DIDECO official reading a request between two other units → 403', async () => {
    const miriam = await as(OID.miriam);
    const r = await miriam.get('/api/v1/solicitudes/SOL-2026-0002');
    expect(r.status).toBe(403);
    expect(r.body.error).toEqual({ code: 'NO_AUTORIZADO', message: 'No tiene acceso a este registro.', fields: {} });
    // …and the same by its id, and for a command on it.
    const id = (await (await as(OID.megan)).get('/api/v1/solicitudes/SOL-2026-0002')).body.item.id;
    expect((await miriam.get(`/api/v1/solicitudes/${id}`)).status).toBe(403);
    expect((await miriam.post('/api/v1/solicitudes/SOL-2026-0002/comandos', { type: 'acusar_recibo' })).status).toBe(
      403,
    );
  });

  it('guessing ids: a random UUID or an unused reference → 404; the references of others → 403', async () => {
    const lynne = await as(OID.lynne);
    for (const key of [randomUUID(), randomUUID(), 'SOL-2026-0099', 'SOL-2025-0001'])
      expect((await lynne.get(`/api/v1/solicitudes/${key}`)).status).toBe(404);
    for (const n of [1, 2, 3, 4, 5]) {
      const r = await lynne.get(`/api/v1/solicitudes/SOL-2026-000${n}`);
      expect(r.status).toBe(403);
      // A refusal says nothing of the item.
      expect(r.text).not.toContain('Beneficiarios');
    }
    // Her own unit's request is readable: the refusals above are about the items, not about her.
    expect((await lynne.get('/api/v1/solicitudes/SOL-2026-0006')).status).toBe(200);
  });

  it("the register lists to a DIDECO official only her unit's request", async () => {
    const list = await (await as(OID.miriam)).get('/api/v1/solicitudes');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { reference: string }) => i.reference)).toEqual(['SOL-2026-0006']);
  });

  it.each([
    ['UGDT', OID.megan],
    ['Control', OID.henrietta],
  ])('%s reads every request', async (_label, oid) => {
    const client = await as(oid);
    for (const ref of Object.values(refs)) expect((await client.get(`/api/v1/solicitudes/${ref}`)).status).toBe(200);
    const list = await client.get('/api/v1/solicitudes');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(6);
  });

  // Needs protocol/redaction.ts wired into the detail route (ItemDetailView.hidden).
  it('Control sees the sensitive request with its dataset fields hidden; the parties and UGDT see them', async () => {
    const control = await (await as(OID.henrietta)).get('/api/v1/solicitudes/SOL-2026-0001');
    expect(control.status).toBe(200);
    expect(control.body.hidden).toEqual(expect.arrayContaining(['dataset.fields', 'justification']));
    expect(control.body.item.dataset.fields).toEqual([RESERVED]);
    expect(control.text).not.toContain('diagnostico');
    expect(control.body.item.dataset.name).toBe(SENSIBLE.name);
    for (const oid of [OID.alex, OID.megan]) {
      const r = await (await as(oid)).get('/api/v1/solicitudes/SOL-2026-0001');
      expect(r.body.hidden).toEqual([]);
      expect(r.body.item.dataset.fields).toEqual(SENSIBLE.fields);
    }
    // A request on non-sensitive data hides nothing from Control.
    const plain = await (await as(OID.henrietta)).get('/api/v1/solicitudes/SOL-2026-0002');
    expect(plain.body.hidden).toEqual([]);
    expect(plain.body.item.dataset.fields).toEqual(solicitudBody().dataset.fields);
  });

  it("the tenant's signing keys were fetched once and then served from jose's cache", () => {
    expect(jwksHits).toBe(1);
  });
});
