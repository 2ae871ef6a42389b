// The Graph fake's own test: every operation of the subset over real HTTPS, conforming and not; upload sessions with
// resume; sharing-link idempotency; mail limits; fault injection; MSAL against the token endpoint; the Graph JS
// client with customHosts. Every answer is also checked against the subset's response schemas.
import { createHash } from 'node:crypto';
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  FileUpload,
  LargeFileUploadTask,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { fetch, type Agent } from 'undici';
import {
  IDEMPOTENCY_HEADER,
  msalNetworkClient,
  quickXorHash,
  startGraphFake,
  trustingAgent,
  UPLOAD_FRAGMENT_MULTIPLE,
  type GraphFake,
} from '../support/graph-fake';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
interface Answer {
  status: number;
  json: Json;
  text: string;
  headers: Headers;
}

let fake: GraphFake;
let agent: Agent;
let appToken: string;
/** Each fake has its own certificate, so its own trusting agent. */
const agents = new Map<GraphFake, Agent>();
const agentOf = (f: GraphFake): Agent => {
  if (!agents.has(f)) agents.set(f, trustingAgent(f.caPem));
  return agents.get(f)!;
};

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = (n: number, seed = 1) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7 + (i >> 9)) & 0xff;
  return b;
};

async function request(
  f: GraphFake,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? appToken : opts.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | Buffer | undefined;
  if (Buffer.isBuffer(opts.body) || typeof opts.body === 'string') body = opts.body;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const url = path.startsWith('https://') ? path : `${f.url}${path}`;
  const res = await fetch(url, { method, headers, body, dispatcher: agentOf(f) });
  const text = await res.text();
  let json: Json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers as unknown as Headers };
}
const graph = (method: string, path: string, opts: Parameters<typeof request>[3] = {}) =>
  request(fake, method, `/v1.0${path}`, opts);

async function clientCredentials(f: GraphFake, scope = 'https://graph.microsoft.com/.default'): Promise<Answer> {
  const res = await fetch(f.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: f.clientId,
      client_secret: f.clientSecret,
      grant_type: 'client_credentials',
      scope,
    }),
    dispatcher: agentOf(f),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text), text, headers: res.headers as unknown as Headers };
}

/** The answer conforms to the subset's response for this operation. */
function expectConforms(operationId: string, answer: Answer): void {
  const problems = fake.subset.checkResponse(
    fake.subset.operation(operationId),
    answer.status,
    answer.text ? answer.json : undefined,
  );
  expect(problems).toEqual([]);
}

/** Runs `fn` and expects exactly one new violation, whose reason matches (every pattern, in any order). */
async function expectViolation(fn: () => Promise<Answer>, reason: RegExp | RegExp[], status = 400): Promise<Answer> {
  const before = fake.violations.length;
  const answer = await fn();
  expect(answer.status).toBe(status);
  expect(answer.json?.error?.code).toBeTruthy();
  expect(fake.violations.length).toBe(before + 1);
  for (const r of [reason].flat()) expect(fake.violations[fake.violations.length - 1]!.reason).toMatch(r);
  return answer;
}

const libraryPath = (path: string) =>
  `/drives/${fake.driveId}/root:/${path.split('/').map(encodeURIComponent).join('/')}:`;

beforeAll(async () => {
  fake = await startGraphFake();
  agent = agentOf(fake);
  const token = await clientCredentials(fake);
  expect(token.status).toBe(200);
  appToken = token.json.access_token;
});

afterAll(async () => {
  await Promise.all([...agents.values()].map((a) => a.close()));
  await fake?.close();
});

afterEach(() => {
  fake.faults.off();
  // The fake's own answers never drift from the subset.
  expect(fake.state.responseProblems).toEqual([]);
});

describe('HTTPS and hosts', () => {
  it('serves 127.0.0.1 and localhost with a certificate made at start, trusted only when asked', async () => {
    expect(fake.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.host).toBe('127.0.0.1');
    expect(fake.hostWithPort).toBe(new URL(fake.url).host);
    expect(fake.caPem).toContain('BEGIN CERTIFICATE');
    const site = await graph('GET', `/sites/${fake.siteId}`);
    expect(site.status).toBe(200);
    const viaLocalhost = await request(fake, 'GET', `https://${fake.uploadHost}/v1.0/sites/${fake.siteId}`);
    expect(viaLocalhost.status).toBe(200);
    // Without the CA, TLS fails: nothing global was changed to make the fake trusted.
    await expect(fetch(`${fake.url}/v1.0/sites/${fake.siteId}`)).rejects.toThrow();
  });
});

describe('token endpoint and msal-node', () => {
  it('gives msal-node a client-credentials token (authority = fake.authority, knownAuthorities = [host:port])', async () => {
    const network = msalNetworkClient(fake.caPem);
    const seen: string[] = [];
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        authority: fake.authority,
        knownAuthorities: [fake.hostWithPort],
      },
      system: {
        networkClient: {
          sendGetRequestAsync: (url, options, timeout) => {
            seen.push(`GET ${url.split('?')[0]}`);
            return network.sendGetRequestAsync(url, options, timeout);
          },
          sendPostRequestAsync: (url, options) => {
            seen.push(`POST ${url.split('?')[0]}`);
            return network.sendPostRequestAsync(url, options);
          },
        },
      },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    await network.close();
    expect(result?.accessToken).toBeTruthy();
    expect(seen).toEqual([
      `GET ${fake.authority}/v2.0/.well-known/openid-configuration`,
      `POST ${fake.authority}/oauth2/v2.0/token`,
    ]);
    const before = fake.state.requests.length;
    const site = await graph('GET', `/sites/${fake.siteId}`, { token: result!.accessToken });
    expect(site.status).toBe(200);
    expect(fake.state.requests.slice(before).find((r) => r.kind === 'graph')?.auth).toBe('app');
  });

  it('accepts a client assertion (JWT, aud = token endpoint, iss = sub = client id) and refuses a wrong aud', async () => {
    const jwt = (claims: object) =>
      `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
    const exp = Math.floor(Date.now() / 1000) + 600;
    const network = msalNetworkClient(fake.caPem);
    const make = (aud: string) =>
      new ConfidentialClientApplication({
        auth: {
          clientId: fake.clientId,
          clientAssertion: jwt({ aud, iss: fake.clientId, sub: fake.clientId, exp, jti: 'x' }),
          authority: fake.authority,
          knownAuthorities: [fake.hostWithPort],
        },
        system: { networkClient: network },
      });
    const ok = await make(fake.tokenEndpoint).acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    expect(ok?.accessToken).toBeTruthy();
    await expect(
      make('https://login.microsoftonline.com/otro/oauth2/v2.0/token').acquireTokenByClientCredential({
        scopes: ['https://graph.microsoft.com/.default'],
      }),
    ).rejects.toMatchObject({ errorCode: 'invalid_client' });
    await network.close();
  });

  it('exchanges a tab SSO token on behalf of the user; Graph sees a delegated caller', async () => {
    const network = msalNetworkClient(fake.caPem);
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        authority: fake.authority,
        knownAuthorities: [fake.hostWithPort],
      },
      system: { networkClient: network },
    });
    const obo = await cca.acquireTokenOnBehalfOf({
      oboAssertion: fake.userAssertion({ upn: 'ana.perez@quillota.cl', name: 'Ana Pérez' }),
      scopes: ['https://graph.microsoft.com/Files.ReadWrite.All'],
    });
    await network.close();
    expect(obo?.account?.username).toBe('ana.perez@quillota.cl');
    const put = await graph('PUT', `${libraryPath('Delegado/nota.txt')}/content`, {
      body: 'de Ana',
      token: obo!.accessToken,
    });
    expect(put.status).toBe(201);
    expect(put.json.lastModifiedBy.user.email).toBe('ana.perez@quillota.cl');
    expect(fake.state.requests.filter((r) => r.auth === 'delegated').length).toBeGreaterThan(0);
    // A delegated token may not send as somebody else.
    const mail = await graph('POST', '/users/alcalde@quillota.cl/sendMail', {
      token: obo!.accessToken,
      body: { message: { subject: 'x', toRecipients: [{ emailAddress: { address: 'a@quillota.cl' } }] } },
    });
    expect(mail.status).toBe(403);
  });

  it('without the port in knownAuthorities msal-node leaves for login.microsoftonline.com', async () => {
    const network = msalNetworkClient(fake.caPem);
    const seen: string[] = [];
    const stayHome = (url: string) => {
      seen.push(url.split('?')[0]!);
      if (!url.startsWith(fake.url)) return Promise.reject(new Error(`left the machine: ${url}`));
      return undefined;
    };
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        authority: fake.authority,
        knownAuthorities: [fake.host],
      },
      system: {
        networkClient: {
          sendGetRequestAsync: (url, o, t) => stayHome(url) ?? network.sendGetRequestAsync(url, o, t),
          sendPostRequestAsync: (url, o) => stayHome(url) ?? network.sendPostRequestAsync(url, o),
        },
      },
    });
    await expect(
      cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }),
    ).rejects.toBeTruthy();
    await network.close();
    expect(seen[0]).toBe('https://login.microsoftonline.com/common/discovery/instance');
  });

  it('answers like Entra ID to a wrong secret or a scope without /.default', async () => {
    const wrong = await fetch(fake.tokenEndpoint, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: fake.clientId,
        client_secret: 'nope',
        grant_type: 'client_credentials',
        scope: 'https://graph.microsoft.com/.default',
      }),
      dispatcher: agent,
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as Json).error).toBe('invalid_client');
    const scope = await clientCredentials(fake, 'https://graph.microsoft.com/Sites.ReadWrite.All');
    expect(scope.status).toBe(400);
    expect(scope.json.error_codes).toEqual([1002012]);
  });

  it('refuses Graph calls without a token, with a token for another resource, or with an expired one', async () => {
    const other = await startGraphFake();
    try {
      const none = await request(other, 'GET', `/v1.0/sites/${other.siteId}`, { token: null });
      expect(none.status).toBe(401);
      expect(none.json.error.code).toBe('InvalidAuthenticationToken');
      const wrongResource = await clientCredentials(other, `${other.url}/.default`);
      const aud = await request(other, 'GET', `/v1.0/sites/${other.siteId}`, {
        token: wrongResource.json.access_token,
      });
      expect(aud.status).toBe(401);
      expect(aud.json.error.message).toMatch(/audience/);
      const good = (await clientCredentials(other)).json.access_token;
      expect((await request(other, 'GET', `/v1.0/sites/${other.siteId}`, { token: good })).status).toBe(200);
      other.expireTokens();
      const expired = await request(other, 'GET', `/v1.0/sites/${other.siteId}`, { token: good });
      expect(expired.status).toBe(401);
      expect(expired.json.error.message).toMatch(/expired/);
      // A token from another fake (another key) is not accepted either.
      expect((await request(other, 'GET', `/v1.0/sites/${other.siteId}`, { token: appToken })).status).toBe(401);
      expect(other.violations).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('answers 403 when the token lacks the permission the operation needs', async () => {
    const other = await startGraphFake({ appRoles: ['Sites.Read.All'] });
    try {
      const token = (await clientCredentials(other)).json.access_token;
      expect((await request(other, 'GET', `/v1.0/sites/${other.siteId}`, { token })).status).toBe(200);
      const put = await request(other, 'PUT', `/v1.0/drives/${other.driveId}/root:/a.txt:/content`, {
        body: 'a',
        token,
      });
      expect(put.status).toBe(403);
      const mail = await request(other, 'POST', '/v1.0/users/a@quillota.cl/sendMail', {
        body: { message: { toRecipients: [{ emailAddress: { address: 'b@quillota.cl' } }] } },
        token,
      });
      expect(mail.status).toBe(403);
      expect(mail.json.error.code).toBe('ErrorAccessDenied');
    } finally {
      await other.close();
    }
  });

  it('faults the token endpoint only when asked (faultTokens)', async () => {
    fake.faults.set({ rate: 1, kinds: ['429'] });
    expect((await clientCredentials(fake)).status).toBe(200);
    fake.faults.off();
    const other = await startGraphFake({ faultTokens: true });
    try {
      other.faults.next('429');
      const throttled = await clientCredentials(other);
      expect(throttled.status).toBe(429);
      expect(throttled.json.error).toBe('temporarily_unavailable');
      expect(throttled.headers.get('retry-after')).toBe('1');
      expect((await clientCredentials(other)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('sites and drives', () => {
  it('resolves /sites/{hostname}:/{path} to the site, and its drives', async () => {
    const site = await graph('GET', `/sites/${fake.siteHostname}:${fake.sitePath}`);
    expect(site.status).toBe(200);
    expect(site.json.id).toBe(fake.siteId);
    expect(site.json.webUrl).toBe(`https://${fake.siteHostname}${fake.sitePath}`);
    expectConforms('sites.site_GetSite', site);

    const drive = await graph('GET', `/sites/${fake.siteId}/drive`);
    expect(drive.json).toMatchObject({ name: 'Documentos', driveType: 'documentLibrary' });
    expectConforms('sites_GetDrive', drive);

    const drives = await graph('GET', `/sites/${fake.siteHostname}:${fake.sitePath}:/drives?$expand=list`);
    expect(drives.status).toBe(200);
    expectConforms('sites_ListDrives', drives);
    const library = drives.json.value.find((d: Json) => d.name === fake.libraryName);
    expect(library).toMatchObject({ id: fake.driveId, list: { id: fake.listId } });
    expect(drives.json.value.map((d: Json) => d.name)).toEqual(expect.arrayContaining(['Documentos']));

    const selected = await graph('GET', `/sites/${fake.siteId}?$select=id,displayName`);
    expect(Object.keys(selected.json).sort()).toEqual(['displayName', 'id']);
  });

  it('answers 404 (not a violation) for a site that does not exist', async () => {
    const before = fake.violations.length;
    const missing = await graph('GET', `/sites/${fake.siteHostname}:/sites/no-existe`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('itemNotFound');
    expectConforms('sites.site_GetSite', missing);
    expect(fake.violations.length).toBe(before);
  });

  it('flags query options the operation does not declare or values its schema refuses', async () => {
    await expectViolation(() => graph('GET', `/sites/${fake.siteId}?$top=5`), /'\$top' is not declared/);
    await expectViolation(() => graph('GET', `/sites/${fake.siteId}?$select=id,colour`), /\$select/);
    await expectViolation(() => graph('GET', `/sites/${fake.siteId}/drives?$top=-1`), /\$top/);
    await expectViolation(() => graph('GET', `/sites/${fake.siteId}?trace=1`), /'trace' is not declared/);
  });
});

describe('simple upload and versions', () => {
  it('creates the file and its folders by path, then adds versions; versions newest first', async () => {
    const path = 'Convenios/2026/CONV-2026-001 - Servicio de Salud/convenio.pdf';
    const v1 = bytes(1000, 1);
    const created = await graph('PUT', `${libraryPath(path)}/content`, {
      body: v1,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(created.status).toBe(201);
    expectConforms('drive_SetItemsContent', created);
    expect(created.json).toMatchObject({
      name: 'convenio.pdf',
      size: 1000,
      file: { mimeType: 'application/pdf', hashes: { quickXorHash: quickXorHash(v1) } },
      lastModifiedBy: { application: { id: fake.clientId } },
      parentReference: { driveId: fake.driveId },
    });
    expect(created.json.webUrl).toBe(
      `https://${fake.siteHostname}${fake.sitePath}/Convenios%20de%20datos/Convenios/2026/CONV-2026-001%20-%20Servicio%20de%20Salud/convenio.pdf`,
    );
    expect(created.json.parentReference.path).toBe(
      `/drives/${fake.driveId}/root:/Convenios/2026/CONV-2026-001%20-%20Servicio%20de%20Salud`,
    );
    expect(created.json.eTag).toMatch(/^"\{[0-9A-F-]{36}\},1"$/);

    // Same path, other case: SharePoint paths are case-insensitive, so this is a new version of the same file.
    const v2 = bytes(2000, 2);
    const second = await graph('PUT', `${libraryPath(path.toUpperCase().replace('.PDF', '.pdf'))}/content`, {
      body: v2,
    });
    expect(second.status).toBe(200);
    expect(second.json.id).toBe(created.json.id);

    // The item-id form and the parent-relative form address the same file.
    const v3 = bytes(3000, 3);
    const byId = await graph('PUT', `/drives/${fake.driveId}/items/${created.json.id}/content`, { body: v3 });
    expect(byId.status).toBe(200);
    const parentId = created.json.parentReference.id;
    const byParent = await graph('PUT', `/drives/${fake.driveId}/items/${parentId}:/convenio.pdf:/content`, {
      body: v3,
    });
    expect(byParent.json.id).toBe(created.json.id);

    const versions = await graph('GET', `${libraryPath(path)}/versions`);
    expect(versions.status).toBe(200);
    expectConforms('drive.item_ListVersion', versions);
    expect(versions.json.value.map((v: Json) => v.id)).toEqual(['4.0', '3.0', '2.0', '1.0']);
    expect(versions.json.value[0]).toMatchObject({
      size: 3000,
      lastModifiedBy: { application: { id: fake.clientId } },
    });
    const top = await graph('GET', `/drives/${fake.driveId}/items/${created.json.id}/versions?$top=1&$count=true`);
    expect(top.json.value).toHaveLength(1);
    expect(top.json['@odata.count']).toBe(4);

    const file = fake.state.file(path)!;
    expect(file.itemId).toBe(created.json.id);
    expect(file.versions.map((v) => v.sha256)).toEqual([sha(v1), sha(v2), sha(v3), sha(v3)]);
    expect(fake.counters().duplicateVersions).toBeGreaterThanOrEqual(1);
  });

  it('honours conflictBehavior and If-Match', async () => {
    const path = 'Pruebas/conflicto.txt';
    const first = await graph('PUT', `${libraryPath(path)}/content`, { body: 'uno' });
    expect(first.status).toBe(201);
    const fail = await graph('PUT', `${libraryPath(path)}/content?@microsoft.graph.conflictBehavior=fail`, {
      body: 'dos',
    });
    expect(fail.status).toBe(409);
    expect(fail.json.error.code).toBe('nameAlreadyExists');
    expectConforms('drive_SetItemsContent', fail);
    const renamed = await graph('PUT', `${libraryPath(path)}/content?@microsoft.graph.conflictBehavior=rename`, {
      body: 'tres',
    });
    expect(renamed.status).toBe(201);
    expect(renamed.json.name).toBe('conflicto 1.txt');
    await expectViolation(
      () => graph('PUT', `${libraryPath(path)}/content?@microsoft.graph.conflictBehavior=overwrite`, { body: 'x' }),
      /conflictBehavior/,
    );

    const stale = await graph('PUT', `${libraryPath(path)}/content`, {
      body: 'cuatro',
      headers: { 'if-match': '"{00000000-0000-0000-0000-000000000000},1"' },
    });
    expect(stale.status).toBe(412);
    const current = await graph('PUT', `${libraryPath(path)}/content`, {
      body: 'cinco',
      headers: { 'if-match': first.json.eTag },
    });
    expect(current.status).toBe(200);
    expect(current.json.eTag).not.toBe(first.json.eTag);
  });

  it('refuses a simple upload over 4 MB (use an upload session) and names SharePoint does not allow', async () => {
    const before = fake.violations.length;
    const big = await graph('PUT', `${libraryPath('Pruebas/grande.bin')}/content`, {
      body: bytes(4 * 1024 * 1024 + 1),
    });
    expect(big.status).toBe(413);
    expect(big.json.error.message).toMatch(/upload session/);
    expect(fake.state.file('Pruebas/grande.bin')).toBeUndefined();
    const badName = await graph('PUT', `/drives/${fake.driveId}/root:/Pruebas/qu%C3%A9%3F.txt:/content`, {
      body: 'x',
    });
    expect(badName.status).toBe(400);
    expect(fake.violations.length).toBe(before);
  });

  it('treats what the subset does not have as violations', async () => {
    await expectViolation(() => graph('GET', `${libraryPath('Pruebas/conflicto.txt')}/thumbnails`), /no operation/);
    await expectViolation(() => graph('DELETE', `/drives/${fake.driveId}/items/x/content`), /method DELETE/, 405);
    await expectViolation(() => graph('GET', '/me'), /no operation/);
    await expectViolation(() => graph('GET', `/sites/${fake.siteId}/drive/root:/x.txt:/content`), /no operation/);
    await expectViolation(
      () => graph('PUT', `${libraryPath('Pruebas/q.txt')}/content?$select=id`, { body: 'x' }),
      /'\$select' is not declared/,
    );
    await expectViolation(() => request(fake, 'GET', '/beta/me'), /not a Graph v1\.0 path/, 404);
    await expectViolation(() => graph('PUT', `${libraryPath('Pruebas/vacío.txt')}/content`), /body is required/);
  });

  it('computes QuickXorHash like OneDrive (test vectors of rclone)', () => {
    const vectors: Array<[string, string]> = [
      ['', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='],
      ['Sg==', 'SgAAAAAAAAAAAAAAAQAAAAAAAAA='],
      ['tbQ=', 'taAFAAAAAAAAAAAAAgAAAAAAAAA='],
      ['0pZP', '0rDEEwAAAAAAAAAAAwAAAAAAAAA='],
      ['jRRDVA==', 'jaDAEKgAAAAAAAAABAAAAAAAAAA='],
    ];
    for (const [input, hash] of vectors) expect(quickXorHash(Buffer.from(input, 'base64'))).toBe(hash);
  });
});

describe('library columns (listItem fields)', () => {
  const path = 'Convenios/2026/campos.pdf';
  let item: Json;

  beforeAll(async () => {
    item = (await graph('PUT', `${libraryPath(path)}/content`, { body: bytes(500, 9) })).json;
  });

  it('merges fields through the drive item (by path) and through the list item', async () => {
    const patched = await graph('PATCH', `${libraryPath(path)}/listItem/fields`, {
      body: { Referencia: 'CONV-2026-001', Estado: 'Vigente' },
    });
    expect(patched.status).toBe(200);
    expectConforms('drive.item.listItem_UpdateField', patched);
    expect(patched.json).toMatchObject({ Referencia: 'CONV-2026-001', Estado: 'Vigente', FileLeafRef: 'campos.pdf' });

    const file = fake.state.file(path)!;
    const byList = await graph('PATCH', `/sites/${fake.siteId}/lists/${fake.listId}/items/${file.listItemId}/fields`, {
      body: { Estado: 'Terminado', Version: 2 },
    });
    // The subset says 204; the live API (and Learn) answer 200 with the fieldValueSet: see openapi.ts.
    expect(byList.status).toBe(200);
    expectConforms('sites.lists.items_UpdateFields', byList);
    expect(file.fields).toEqual({ Referencia: 'CONV-2026-001', Estado: 'Terminado', Version: 2 });
    expect(fake.state.fieldUpdates.slice(-2).map((u) => u.form)).toEqual(['driveItem', 'listItem']);

    // A property edit is a new version with the same content (SharePoint with versioning on), not a re-upload.
    const versions = await graph('GET', `/drives/${fake.driveId}/items/${item.id}/versions`);
    expect(versions.json.value.map((v: Json) => v.id)).toEqual(['3.0', '2.0', '1.0']);
    expect(file.versions.map((v) => v.source)).toEqual(['simple-upload', 'fields', 'fields']);
  });

  it('applies If-Match and SharePoint’s rules on values', async () => {
    const stale = await graph('PATCH', `${libraryPath(path)}/listItem/fields`, {
      body: { Estado: 'x' },
      headers: { 'if-match': item.eTag },
    });
    expect(stale.status).toBe(412);
    const multi = await graph('PATCH', `${libraryPath(path)}/listItem/fields`, { body: { Partes: ['A', 'B'] } });
    expect(multi.status).toBe(400);
    const typed = await graph('PATCH', `${libraryPath(path)}/listItem/fields`, {
      body: { Partes: ['A', 'B'], 'Partes@odata.type': 'Collection(Edm.String)' },
    });
    expect(typed.status).toBe(200);
    const readOnly = await graph('PATCH', `${libraryPath(path)}/listItem/fields`, { body: { Created: 'x' } });
    expect(readOnly.status).toBe(400);
  });

  it('flags a body that is not a JSON object, or not JSON', async () => {
    await expectViolation(
      () =>
        graph('PATCH', `${libraryPath(path)}/listItem/fields`, {
          body: '["Estado"]',
          headers: { 'content-type': 'application/json' },
        }),
      /must be object/,
    );
    await expectViolation(
      () =>
        graph('PATCH', `${libraryPath(path)}/listItem/fields`, {
          body: 'Estado=x',
          headers: { 'content-type': 'text/plain' },
        }),
      /Content-Type 'text\/plain'/,
    );
    await expectViolation(
      () =>
        graph('PATCH', `${libraryPath(path)}/listItem/fields`, {
          body: '{"Estado":',
          headers: { 'content-type': 'application/json' },
        }),
      /not valid JSON/,
    );
  });

  it('refuses unknown columns when the library’s columns are configured', async () => {
    const other = await startGraphFake({ columns: ['Estado'] });
    try {
      const token = (await clientCredentials(other)).json.access_token;
      const put = await request(other, 'PUT', `/v1.0/drives/${other.driveId}/root:/a.txt:/content`, {
        body: 'a',
        token,
      });
      const bad = await request(other, 'PATCH', `/v1.0/drives/${other.driveId}/items/${put.json.id}/listItem/fields`, {
        body: { Estdo: 'x' },
        token,
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toBe("Field 'Estdo' is not recognized");
    } finally {
      await other.close();
    }
  });
});

describe('createLink', () => {
  const path = 'Convenios/2026/compartido.pdf';
  beforeAll(async () => {
    await graph('PUT', `${libraryPath(path)}/content`, { body: bytes(100, 4) });
  });

  it('returns the existing link (200) for the same type, scope and recipients; a new one is 201', async () => {
    const linksBefore = fake.counters().links;
    const first = await graph('POST', `${libraryPath(path)}/createLink`, {
      body: { type: 'view', scope: 'organization' },
    });
    expect(first.status).toBe(201);
    expectConforms('drive.item_createLink', first);
    expect(first.json).toMatchObject({ roles: ['read'], link: { type: 'view', scope: 'organization' } });
    expect(first.json.link.webUrl).toMatch(new RegExp(`^https://${fake.siteHostname}/:b:/s/intercambio-datos/`));
    // The prefixed action name of the subset is accepted too.
    const again = await graph('POST', `${libraryPath(path)}/microsoft.graph.createLink`, {
      body: { type: 'view', scope: 'organization' },
    });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);

    const guests = { type: 'view', scope: 'users', sendNotification: false, retainInheritedPermissions: true };
    const people = await graph('POST', `${libraryPath(path)}/createLink`, {
      body: { ...guests, recipients: [{ email: 'b@ssvq.cl' }, { email: 'A@ssvq.cl' }] },
    });
    expect(people.status).toBe(201);
    expect(people.json.grantedToIdentitiesV2).toHaveLength(2);
    const samePeople = await graph('POST', `${libraryPath(path)}/createLink`, {
      body: { ...guests, recipients: [{ email: 'a@ssvq.cl' }, { email: 'b@ssvq.cl' }] },
    });
    expect(samePeople.status).toBe(200);
    expect(samePeople.json.id).toBe(people.json.id);
    const edit = await graph('POST', `${libraryPath(path)}/createLink`, {
      body: { type: 'edit', scope: 'organization' },
    });
    expect(edit.status).toBe(201);
    expect(edit.json.roles).toEqual(['write']);
    expect(fake.counters().links).toBe(linksBefore + 3);
    expect(fake.state.file(path)!.permissions).toHaveLength(3);
  });

  it('refuses anonymous links (tenant policy), links for nobody, and bodies of the wrong type', async () => {
    const anonymous = await graph('POST', `${libraryPath(path)}/createLink`, {
      body: { type: 'view', scope: 'anonymous' },
    });
    expect(anonymous.status).toBe(403);
    expectConforms('drive.item_createLink', anonymous);
    const nobody = await graph('POST', `${libraryPath(path)}/createLink`, { body: { type: 'view', scope: 'users' } });
    expect(nobody.status).toBe(400);
    const missing = await graph('POST', `${libraryPath('Pruebas/no-existe.pdf')}/createLink`, {
      body: { type: 'view' },
    });
    expect(missing.status).toBe(404);
    await expectViolation(
      () => graph('POST', `${libraryPath(path)}/createLink`, { body: { type: 1, retainInheritedPermissions: 'sí' } }),
      [/\/type must be string/, /\/retainInheritedPermissions must be boolean/],
    );
    await expectViolation(
      () =>
        graph('POST', `${libraryPath(path)}/createLink`, { body: { type: 'view', recipients: { email: 'x@y.cl' } } }),
      /recipients must be array/,
    );
    // No schema of the subset forbids unknown properties (see openapi.ts): this one is accepted.
    const extra = await graph('POST', `${libraryPath(path)}/createLink`, {
      body: { type: 'view', scope: 'organization', colour: 'blue' },
    });
    expect(extra.status).toBe(200);
  });

  it('allows anonymous links when the tenant does', async () => {
    const other = await startGraphFake({ allowAnonymousLinks: true });
    try {
      const token = (await clientCredentials(other)).json.access_token;
      await request(other, 'PUT', `/v1.0/drives/${other.driveId}/root:/a.txt:/content`, { body: 'a', token });
      const link = await request(other, 'POST', `/v1.0/drives/${other.driveId}/root:/a.txt:/createLink`, {
        body: { type: 'view', scope: 'anonymous' },
        token,
      });
      expect(link.status).toBe(201);
    } finally {
      await other.close();
    }
  });
});

describe('upload sessions', () => {
  const FRAGMENT = UPLOAD_FRAGMENT_MULTIPLE * 10; // 3,200 KiB

  async function session(path: string, body: unknown = { item: { '@microsoft.graph.conflictBehavior': 'replace' } }) {
    const created = await graph('POST', `${libraryPath(path)}/createUploadSession`, { body });
    expect(created.status).toBe(200);
    expectConforms('drive.item_createUploadSession', created);
    return created.json.uploadUrl as string;
  }

  const putRange = (url: string, content: Buffer, from: number, to: number, headers: Record<string, string> = {}) =>
    request(fake, 'PUT', url, {
      token: null,
      body: content.subarray(from, to + 1),
      headers: { 'content-range': `bytes ${from}-${to}/${content.length}`, ...headers },
    });

  it('uploads 12 MB in 320 KiB multiples and resumes after a lost answer and a reset', async () => {
    const content = bytes(12 * 1024 * 1024, 5);
    const url = await session('Convenios/2026/anexo-grande.pdf');
    expect(new URL(url).host).toBe(fake.uploadHost);

    const first = await putRange(url, content, 0, FRAGMENT - 1);
    expect(first.status).toBe(202);
    expect(first.json.nextExpectedRanges).toEqual([`${FRAGMENT}-${content.length - 1}`]);
    expect(fake.subset.checkSchema('microsoft.graph.uploadSession', first.json)).toEqual([]);

    // The second fragment is stored but its answer is lost.
    fake.faults.next('reset-after', { path: '/upload/' });
    await expect(putRange(url, content, FRAGMENT, 2 * FRAGMENT - 1)).rejects.toThrow();
    // Sending it again is refused (416): the client must ask where to resume.
    const repeat = await putRange(url, content, FRAGMENT, 2 * FRAGMENT - 1);
    expect(repeat.status).toBe(416);
    const status = await request(fake, 'GET', url, { token: null });
    expect(status.status).toBe(200);
    expect(status.json.nextExpectedRanges).toEqual([`${2 * FRAGMENT}-${content.length - 1}`]);

    // The third is cut before the fake reads it: nothing stored, the status still points at it.
    fake.faults.next('reset-before', { path: '/upload/' });
    await expect(putRange(url, content, 2 * FRAGMENT, 3 * FRAGMENT - 1)).rejects.toThrow();
    expect((await request(fake, 'GET', url, { token: null })).json.nextExpectedRanges[0]).toBe(
      `${2 * FRAGMENT}-${content.length - 1}`,
    );
    expect((await putRange(url, content, 2 * FRAGMENT, 3 * FRAGMENT - 1)).status).toBe(202);

    const last = await putRange(url, content, 3 * FRAGMENT, content.length - 1);
    expect(last.status).toBe(201);
    expect(fake.subset.checkSchema('microsoft.graph.driveItem', last.json)).toEqual([]);
    expect(last.json).toMatchObject({ name: 'anexo-grande.pdf', size: content.length });

    const file = fake.state.file('Convenios/2026/anexo-grande.pdf')!;
    expect(file.versions).toHaveLength(1);
    expect(file.versions[0]!.sha256).toBe(sha(content));
    const record = fake.state.uploads.find((u) => url.includes(u.sessionId))!;
    expect(record.status).toBe('completed');
    expect(record.chunks.map((c) => `${c.contentRange} ${c.status}`)).toEqual([
      `bytes 0-${FRAGMENT - 1}/12582912 202`,
      `bytes ${FRAGMENT}-${2 * FRAGMENT - 1}/12582912 202`,
      `bytes ${FRAGMENT}-${2 * FRAGMENT - 1}/12582912 416`,
      `bytes ${2 * FRAGMENT}-${3 * FRAGMENT - 1}/12582912 202`,
      `bytes ${3 * FRAGMENT}-12582911/12582912 201`,
    ]);
    // The session is over: its URL is gone.
    expect((await putRange(url, content, 3 * FRAGMENT, content.length - 1)).status).toBe(404);
  });

  it('refuses a fragment that is not a multiple of 320 KiB, an Authorization header, a missing credential', async () => {
    const content = bytes(2 * UPLOAD_FRAGMENT_MULTIPLE + 10, 6);
    const url = await session('Pruebas/fragmentos.bin');
    const odd = await putRange(url, content, 0, 100_000 - 1);
    expect(odd.status).toBe(400);
    expect(odd.json.error.message).toMatch(/320 KiB/);
    const withAuth = await putRange(url, content, 0, UPLOAD_FRAGMENT_MULTIPLE - 1, {
      authorization: `Bearer ${appToken}`,
    });
    expect(withAuth.status).toBe(401);
    const noCredential = await putRange(url.replace(/\?.*$/, ''), content, 0, UPLOAD_FRAGMENT_MULTIPLE - 1);
    expect(noCredential.status).toBe(401);
    const wrongTotal = await request(fake, 'PUT', url, {
      token: null,
      body: content.subarray(0, UPLOAD_FRAGMENT_MULTIPLE),
      headers: { 'content-range': `bytes 0-${UPLOAD_FRAGMENT_MULTIPLE - 1}/*` },
    });
    expect(wrongTotal.status).toBe(400);
    const skip = await putRange(url, content, UPLOAD_FRAGMENT_MULTIPLE, 2 * UPLOAD_FRAGMENT_MULTIPLE - 1);
    expect(skip.status).toBe(416);
    expect(fake.state.uploads.find((u) => url.includes(u.sessionId))!.chunks.map((c) => c.status)).toEqual([
      400, 401, 401, 400, 416,
    ]);
    // DELETE cancels the session.
    expect((await request(fake, 'DELETE', url, { token: null })).status).toBe(204);
    expect((await putRange(url, content, 0, UPLOAD_FRAGMENT_MULTIPLE - 1)).status).toBe(404);
    expect(fake.state.file('Pruebas/fragmentos.bin')).toBeUndefined();
  });

  it('applies conflictBehavior at creation and at commit; replaces by item id', async () => {
    const path = 'Pruebas/sesion-existente.txt';
    const existing = await graph('PUT', `${libraryPath(path)}/content`, { body: 'v1' });
    const fail = await graph('POST', `${libraryPath(path)}/createUploadSession`, {
      body: { item: { '@microsoft.graph.conflictBehavior': 'fail' } },
    });
    expect(fail.status).toBe(409);
    expectConforms('drive.item_createUploadSession', fail);

    const byId = await graph('POST', `/drives/${fake.driveId}/items/${existing.json.id}/createUploadSession`, {
      body: {},
    });
    expect(byId.status).toBe(200);
    const content = Buffer.from('versión dos');
    const done = await putRange(byId.json.uploadUrl, content, 0, content.length - 1);
    expect(done.status).toBe(200);
    expect(done.json.id).toBe(existing.json.id);
    expect(fake.state.file(path)!.versions.map((v) => v.source)).toEqual(['simple-upload', 'upload-session']);

    const renamed = await session('Pruebas/sesion-existente.txt', {
      item: { '@microsoft.graph.conflictBehavior': 'rename' },
    });
    const r = await putRange(renamed, content, 0, content.length - 1);
    expect(r.status).toBe(201);
    expect(r.json.name).toBe('sesion-existente 1.txt');
  });

  it('flags a createUploadSession body of the wrong shape', async () => {
    await expectViolation(
      () => graph('POST', `${libraryPath('Pruebas/s.txt')}/createUploadSession`, { body: { item: 'replace' } }),
      /\/item must be object/,
    );
    await expectViolation(
      () =>
        graph('POST', `${libraryPath('Pruebas/s.txt')}/createUploadSession`, {
          body: { item: { name: 7, fileSize: 'grande' } },
        }),
      [/\/item\/name must be string/, /\/item\/fileSize must be integer/],
    );
  });

  it('works with the Graph JS client: customHosts = [fake.host] (host name, no port); fragments go without a token', async () => {
    const network = msalNetworkClient(fake.caPem);
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        authority: fake.authority,
        knownAuthorities: [fake.hostWithPort],
      },
      system: { networkClient: network },
    });
    const authProvider = {
      getAccessToken: async () =>
        (await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }))!.accessToken,
    };
    /** The last middleware: undici's fetch through the agent that trusts the fake. */
    const transport: Middleware = {
      execute: async (context: Context) => {
        const url = typeof context.request === 'string' ? context.request : context.request.url;
        context.response = (await fetch(url, {
          ...(context.options as object),
          dispatcher: agent,
        })) as unknown as Response;
      },
    };
    const client = (customHosts: string[]) => {
      const auth = new AuthenticationHandler(authProvider);
      auth.setNext(transport);
      return Client.initWithMiddleware({ middleware: auth, baseUrl: fake.url, customHosts: new Set(customHosts) });
    };

    const good = client([fake.host]);
    const drives = await good.api(`/sites/${fake.siteId}/drives`).get();
    expect(drives.value.length).toBeGreaterThan(1);
    const content = bytes(6 * 1024 * 1024 + 123, 8);
    const uploadSession = await LargeFileUploadTask.createUploadSession(
      good,
      `/drives/${fake.driveId}/root:/SDK/grande.pdf:/createUploadSession`,
      { item: { '@microsoft.graph.conflictBehavior': 'replace' } },
    );
    const task = new LargeFileUploadTask(good, new FileUpload(content, 'grande.pdf', content.length), uploadSession, {
      rangeSize: UPLOAD_FRAGMENT_MULTIPLE * 8,
    });
    const result = await task.upload();
    expect((result.responseBody as Json).size).toBe(content.length);
    expect(fake.state.file('SDK/grande.pdf')!.versions[0]!.sha256).toBe(sha(content));

    // With the port in customHosts the client never attaches the token.
    await expect(client([fake.hostWithPort]).api(`/sites/${fake.siteId}`).get()).rejects.toMatchObject({
      statusCode: 401,
    });
    await network.close();
  });
});

describe('sendMail', () => {
  const message = (extra: object = {}) => ({
    subject: 'Convenio CONV-2026-001 firmado',
    body: { contentType: 'html', content: '<p>El convenio fue firmado.</p>' },
    toRecipients: [{ emailAddress: { address: 'encargado@ssvq.cl', name: 'Encargado SSVQ' } }],
    ccRecipients: [{ emailAddress: { address: 'transparencia@quillota.cl' } }],
    ...extra,
  });

  it('accepts the documented camelCase body and the subset’s capitalised one, answers 202, keeps the message', async () => {
    const before = fake.state.mails.length;
    const sent = await graph('POST', '/users/intercambio.datos@quillota.cl/sendMail', {
      body: {
        message: message({
          internetMessageHeaders: [{ name: IDEMPOTENCY_HEADER, value: 'outbox-1' }],
          attachments: [
            {
              '@odata.type': '#microsoft.graph.fileAttachment',
              name: 'convenio.pdf',
              contentType: 'application/pdf',
              contentBytes: bytes(2048).toString('base64'),
            },
          ],
        }),
        saveToSentItems: true,
      },
    });
    expect(sent.status).toBe(202);
    expect(sent.text).toBe('');
    expectConforms('user_sendMail', sent);
    const capitalised = await graph('POST', '/users/intercambio.datos@quillota.cl/microsoft.graph.sendMail', {
      body: { Message: message(), SaveToSentItems: false },
    });
    expect(capitalised.status).toBe(202);
    const mails = fake.state.mails.slice(before);
    expect(mails.map((m) => [m.senderPathId, m.saveToSentItems, m.idempotencyKey])).toEqual([
      ['intercambio.datos@quillota.cl', true, 'outbox-1'],
      ['intercambio.datos@quillota.cl', false, undefined],
    ]);
    expect(mails[0]!.message.subject).toBe('Convenio CONV-2026-001 firmado');
    expect(mails[0]!.auth).toBe('app');
  });

  it('counts a message sent twice with the same idempotency header as a duplicate', async () => {
    const { duplicateMails } = fake.counters();
    const send = () =>
      graph('POST', '/users/intercambio.datos@quillota.cl/sendMail', {
        body: {
          message: message({ internetMessageHeaders: [{ name: 'X-Intercambio-Idempotencia', value: 'outbox-2' }] }),
        },
      });
    expect((await send()).status).toBe(202);
    expect((await send()).status).toBe(202);
    expect(fake.counters().duplicateMails).toBe(duplicateMails + 1);
  });

  it('refuses what Exchange refuses: non-x- headers, no recipients, attachments without @odata.type, over 4 MB', async () => {
    const header = await graph('POST', '/users/intercambio.datos@quillota.cl/sendMail', {
      body: { message: message({ internetMessageHeaders: [{ name: 'Auto-Submitted', value: 'auto-generated' }] }) },
    });
    expect(header.status).toBe(400);
    expect(header.json.error.code).toBe('InvalidInternetMessageHeader');
    expectConforms('user_sendMail', header);
    const nobody = await graph('POST', '/users/intercambio.datos@quillota.cl/sendMail', {
      body: { message: message({ toRecipients: [], ccRecipients: [] }) },
    });
    expect(nobody.status).toBe(400);
    expect(nobody.json.error.code).toBe('ErrorInvalidRecipients');
    await expectViolation(
      () =>
        graph('POST', '/users/intercambio.datos@quillota.cl/sendMail', {
          body: { message: message({ attachments: [{ name: 'a.pdf', contentBytes: 'AAAA' }] }) },
        }),
      /@odata\.type/,
    );
    const big = await graph('POST', '/users/intercambio.datos@quillota.cl/sendMail', {
      body: {
        message: message({
          attachments: [
            {
              '@odata.type': '#microsoft.graph.fileAttachment',
              name: 'grande.pdf',
              contentBytes: bytes(3 * 1024 * 1024 + 200_000).toString('base64'),
            },
          ],
        }),
      },
    });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('RequestBodyTooLarge');
  });

  it('flags bodies that do not match the schema, and properties message does not have', async () => {
    await expectViolation(
      () =>
        graph('POST', '/users/intercambio.datos@quillota.cl/sendMail', {
          body: {
            message: { subject: 3, body: { contentType: 'markdown' }, toRecipients: 'a@b.cl' },
            saveToSentItems: 'sí',
          },
        }),
      [
        /\/Message\/body\/contentType must be equal to one of the allowed values \(text, html\)/,
        /\/Message\/subject must be string/,
        /\/Message\/toRecipients must be array/,
        /\/SaveToSentItems must be boolean/,
      ],
    );
    await expectViolation(
      () =>
        graph('POST', '/users/intercambio.datos@quillota.cl/sendMail', {
          body: { message: message({ toRecipient: [{ emailAddress: { address: 'x@y.cl' } }] }) },
        }),
      /undeclared properties: \/Message\/toRecipient/,
    );
    await expectViolation(
      () =>
        graph('POST', '/users/intercambio.datos@quillota.cl/sendMail', {
          body: JSON.stringify({ message: message() }),
          headers: { 'content-type': 'text/plain' },
        }),
      /Content-Type/,
    );
    await expectViolation(() => graph('POST', '/users/intercambio.datos@quillota.cl/sendMail'), /body is required/);
  });
});

describe('fault injection', () => {
  const site = () => graph('GET', `/sites/${fake.siteId}`);

  it('answers 429 with Retry-After and 503 with or without it', async () => {
    fake.faults.set({ retryAfterSeconds: 7, retryAfterOn503: 'always' });
    fake.faults.next('429');
    const throttled = await site();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.json.error.code).toBe('TooManyRequests');
    expectConforms('sites.site_GetSite', throttled);
    fake.faults.next('503');
    const unavailable = await site();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('7');
    fake.faults.set({ retryAfterOn503: 'never' });
    fake.faults.next('503');
    expect((await site()).headers.get('retry-after')).toBeNull();
    expect((await site()).status).toBe(200);
  });

  it('reset-before changes nothing; reset-after does the work and loses the answer (a retry duplicates)', async () => {
    const path = 'Pruebas/perdida.txt';
    fake.faults.next('reset-before');
    await expect(graph('PUT', `${libraryPath(path)}/content`, { body: 'uno' })).rejects.toThrow();
    expect(fake.state.file(path)).toBeUndefined();

    const { duplicateVersions } = fake.counters();
    fake.faults.next('reset-after');
    await expect(graph('PUT', `${libraryPath(path)}/content`, { body: 'uno' })).rejects.toThrow();
    expect(fake.state.file(path)!.versions).toHaveLength(1);
    // The naive retry: the same content again, a second version.
    expect((await graph('PUT', `${libraryPath(path)}/content`, { body: 'uno' })).status).toBe(200);
    expect(fake.counters().duplicateVersions).toBe(duplicateVersions + 1);
    const resets = fake.state.requests.filter((r) => r.status === 'reset').map((r) => r.fault);
    expect(resets).toEqual(expect.arrayContaining(['reset-before', 'reset-after']));
  });

  it('slow delays the answer', async () => {
    fake.faults.set({ slowMs: 400 });
    fake.faults.next('slow');
    const started = Date.now();
    expect((await site()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('draws random faults from a seeded PRNG: the same seed gives the same sequence', async () => {
    const run = async () => {
      fake.faults.set({ rate: 0.5, kinds: ['429', '503', 'reset-before'], seed: 42, retryAfterOn503: 'sometimes' });
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) {
        try {
          const a = await site();
          outcomes.push(`${a.status}${a.headers.get('retry-after') ? '+ra' : ''}`);
        } catch {
          outcomes.push('reset');
        }
      }
      fake.faults.off();
      return outcomes;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(2);
    expect(a.filter((o) => o === '200').length).toBeGreaterThan(3);
  });

  it('counts what happened for the chaos test', () => {
    const c = fake.counters();
    expect(c.faultsInjected['429']).toBeGreaterThan(0);
    expect(c.faultsInjected['reset-after']).toBeGreaterThan(0);
    expect(c.faultsInjected.slow).toBe(1);
    expect(c.requests).toBeGreaterThan(50);
    expect(c.files).toBe(fake.state.files.size);
    expect(c.versions).toBeGreaterThanOrEqual(c.files);
    expect(c.mails).toBe(fake.state.mails.length);
    expect(c.tokens.app).toBeGreaterThan(0);
    expect(c.tokens.delegated).toBeGreaterThan(0);
  });
});

describe('duplicate files', () => {
  it('counts the same content at two different paths', async () => {
    const { duplicateFiles } = fake.counters();
    const content = bytes(777, 77);
    await graph('PUT', `${libraryPath('Duplicados/a.pdf')}/content`, { body: content });
    await graph('PUT', `${libraryPath('Duplicados/b.pdf')}/content`, { body: content });
    expect(fake.counters().duplicateFiles).toBe(duplicateFiles + 1);
  });
});
