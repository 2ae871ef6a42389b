import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { fetch as undiciFetch, type Agent } from 'undici';
import { header, mediaType, type FakeRequest, type Reply } from './http';
import { trustingAgent } from './tls';

/**
 * A Microsoft Entra ID (v2.0 endpoint) stand-in, enough for msal-node's ConfidentialClientApplication:
 *
 *   GET  /{tenant}/v2.0/.well-known/openid-configuration   authority metadata (MSAL fetches it once per authority)
 *   GET  /common/discovery/instance                        instance discovery, for clients that ask the authority
 *                                                          host; msal-node does not: without host:port in
 *                                                          knownAuthorities it asks login.microsoftonline.com
 *   GET  /{tenant}/discovery/v2.0/keys                     JWKS (empty: the fake's tokens are HMAC-signed)
 *   POST /{tenant}/oauth2/v2.0/token                       client_credentials (secret or JWT assertion) and
 *                                                          jwt-bearer on_behalf_of
 *
 * Access tokens are JWTs (HS256 with a per-fake key) and are also remembered, so Graph can tell app-only from
 * delegated, expired from unknown.
 */

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface FakeUser {
  oid: string;
  /** userPrincipalName (also preferred_username). */
  upn: string;
  name: string;
}

/** The caller of a Graph request, from its access token. */
export interface Caller {
  kind: 'app' | 'delegated';
  clientId: string;
  appDisplayName: string;
  /** Application permissions (app-only tokens). */
  roles: string[];
  /** Delegated permissions (OBO tokens). */
  scopes: string[];
  user?: FakeUser;
  audience: string;
}

interface IssuedToken extends Caller {
  expiresAt: number;
}

export interface TokenServiceOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  appDisplayName: string;
  /** Application permissions granted to the app (roles claim). */
  appRoles: string[];
  /** Delegated permissions consented for the app (what `.default` expands to in OBO). */
  delegatedScopes: string[];
  tokenLifetimeSeconds: number;
  /** Incremented for every access token issued, by kind (the fake's counters). */
  issuedCounts: { app: number; delegated: number };
  /** Application ID URI the tab's SSO token is issued for (besides the bare client id). */
  applicationIdUri?: string;
  now: () => number;
}

export class TokenService {
  private readonly key = randomBytes(32);
  private readonly issued = new Map<string, IssuedToken>();
  /** Set by the server once it listens. */
  baseUrl = '';

  constructor(private readonly opts: TokenServiceOptions) {}

  private get tenantBase(): string {
    return `${this.baseUrl}/${this.opts.tenantId}`;
  }

  get tokenEndpoint(): string {
    return `${this.tenantBase}/oauth2/v2.0/token`;
  }

  /** Whether this path belongs to the token service. */
  handles(pathname: string): boolean {
    return (
      pathname === '/common/discovery/instance' ||
      /^\/[^/]+\/v2\.0\/\.well-known\/openid-configuration$/.test(pathname) ||
      /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(pathname) ||
      /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(pathname)
    );
  }

  handle(req: FakeRequest): Reply {
    const path = req.url.pathname;
    if (path === '/common/discovery/instance') {
      const host = new URL(this.baseUrl).host;
      return json(200, {
        tenant_discovery_endpoint: `${this.tenantBase}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    }
    const tenant = decodeURIComponent(path.split('/')[1] ?? '');
    if (tenant.toLowerCase() !== this.opts.tenantId.toLowerCase()) {
      return aadError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`);
    }
    if (path.endsWith('/openid-configuration')) {
      if (req.method !== 'GET') return aadError(405, 'invalid_request', 90056, 'Method not allowed.');
      return json(200, {
        token_endpoint: this.tokenEndpoint,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${this.tenantBase}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${this.tenantBase}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${this.baseUrl}/oidc/userinfo`,
        authorization_endpoint: `${this.tenantBase}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${this.tenantBase}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${this.tenantBase}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid', 'preferred_username', 'name'],
        tenant_region_scope: 'SA',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
      });
    }
    if (path.endsWith('/keys')) return json(200, { keys: [] });
    if (req.method !== 'POST') return aadError(405, 'invalid_request', 90056, 'The token endpoint takes POST.');
    if (mediaType(header(req, 'content-type')) !== 'application/x-www-form-urlencoded') {
      return aadError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    }
    return this.token(new URLSearchParams(req.body.toString('utf8')));
  }

  private token(form: URLSearchParams): Reply {
    const clientId = form.get('client_id');
    if (clientId !== this.opts.clientId) {
      return aadError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId ?? ''}' was not found in the directory '${this.opts.tenantId}'.`,
      );
    }
    const clientAuth = this.authenticateClient(form);
    if (clientAuth) return clientAuth;
    const grant = form.get('grant_type');
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (grant === 'client_credentials') {
      const resourceScopes = scopes.filter((s) => !OIDC_SCOPES.has(s));
      if (resourceScopes.length !== 1 || !resourceScopes[0]!.endsWith('/.default')) {
        return aadError(
          400,
          'invalid_scope',
          1002012,
          `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
      }
      const audience = resourceScopes[0]!.slice(0, -'/.default'.length);
      return this.issue({ kind: 'app', audience, roles: this.opts.appRoles, scopes: [] }, scopes);
    }
    if (grant === JWT_BEARER) {
      if (form.get('requested_token_use') !== 'on_behalf_of') {
        return aadError(400, 'invalid_request', 50027, "requested_token_use must be 'on_behalf_of'.");
      }
      const assertion = decodeJwt(form.get('assertion') ?? '');
      if (!assertion) return aadError(400, 'invalid_request', 50027, 'Invalid JWT token. The token is malformed.');
      const aud = String(assertion.aud ?? '');
      const audOk =
        aud === this.opts.clientId || aud === this.opts.applicationIdUri || aud.endsWith(`/${this.opts.clientId}`);
      if (!audOk) {
        return aadError(400, 'invalid_grant', 50013, `Assertion audience '${aud}' is not this application.`);
      }
      if (assertion.tid !== undefined && String(assertion.tid) !== this.opts.tenantId) {
        return aadError(400, 'invalid_grant', 50013, 'Assertion was issued for another tenant.');
      }
      if (typeof assertion.exp === 'number' && assertion.exp * 1000 < this.opts.now()) {
        return aadError(400, 'invalid_grant', 500133, 'Assertion is not within its valid time range.');
      }
      const user: FakeUser = {
        oid: String(assertion.oid ?? randomUUID()),
        upn: String(assertion.preferred_username ?? assertion.upn ?? 'usuario@quillota.cl'),
        name: String(assertion.name ?? 'Usuario'),
      };
      const resourceScopes = scopes.filter((s) => !OIDC_SCOPES.has(s));
      let audience = GRAPH_RESOURCE;
      let granted: string[] = [];
      for (const s of resourceScopes) {
        const slash = s.lastIndexOf('/');
        const resource = slash > 0 ? s.slice(0, slash) : GRAPH_RESOURCE;
        const name = slash > 0 ? s.slice(slash + 1) : s;
        audience = resource;
        granted.push(...(name === '.default' ? this.opts.delegatedScopes : [name]));
      }
      granted = [...new Set(granted)];
      if (granted.length === 0)
        return aadError(400, 'invalid_scope', 70011, 'The provided value for scope is not valid.');
      return this.issue({ kind: 'delegated', audience, roles: [], scopes: granted, user }, scopes, form);
    }
    return aadError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant ?? ''}'.`,
    );
  }

  /** client_secret, or a client assertion (a JWT whose aud is the token endpoint and iss = sub = client id). */
  private authenticateClient(form: URLSearchParams): Reply | undefined {
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null) {
      return secret === this.opts.clientSecret
        ? undefined
        : aadError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
    if (assertion !== null) {
      if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) {
        return aadError(401, 'invalid_client', 50027, `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`);
      }
      const claims = decodeJwt(assertion);
      if (!claims) return aadError(401, 'invalid_client', 50027, 'Invalid JWT token. The token is malformed.');
      const auds = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud ?? '')];
      if (!auds.some((a) => a === this.tokenEndpoint || a === `${this.tenantBase}/v2.0`)) {
        return aadError(401, 'invalid_client', 700212, `Client assertion audience must be ${this.tokenEndpoint}.`);
      }
      if (claims.iss !== this.opts.clientId || (claims.sub !== undefined && claims.sub !== this.opts.clientId)) {
        return aadError(401, 'invalid_client', 700211, 'Client assertion iss and sub must be the client id.');
      }
      if (typeof claims.exp === 'number' && claims.exp * 1000 < this.opts.now()) {
        return aadError(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.');
      }
      return undefined;
    }
    return aadError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }

  private issue(
    grant: Pick<Caller, 'kind' | 'audience' | 'roles' | 'scopes' | 'user'>,
    requestedScopes: string[],
    form?: URLSearchParams,
  ): Reply {
    const now = this.opts.now();
    const exp = Math.floor(now / 1000) + this.opts.tokenLifetimeSeconds;
    const claims: Record<string, unknown> = {
      aud: grant.audience,
      iss: `https://sts.windows.net/${this.opts.tenantId}/`,
      iat: Math.floor(now / 1000),
      nbf: Math.floor(now / 1000),
      exp,
      appid: this.opts.clientId,
      app_displayname: this.opts.appDisplayName,
      idtyp: grant.kind === 'app' ? 'app' : 'user',
      tid: this.opts.tenantId,
      oid: grant.user?.oid ?? randomUUID(),
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
      ...(grant.kind === 'app' ? { roles: grant.roles } : { scp: grant.scopes.join(' ') }),
      ...(grant.user ? { upn: grant.user.upn, name: grant.user.name } : {}),
    };
    const token = signJwt(claims, this.key);
    this.opts.issuedCounts[grant.kind] += 1;
    this.issued.set(token, {
      ...grant,
      clientId: this.opts.clientId,
      appDisplayName: this.opts.appDisplayName,
      expiresAt: exp * 1000,
    });
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      expires_in: this.opts.tokenLifetimeSeconds,
      ext_expires_in: this.opts.tokenLifetimeSeconds,
      access_token: token,
    };
    if (grant.kind === 'delegated' && grant.user) {
      body.scope = grant.scopes.map((s) => `${grant.audience}/${s}`).join(' ');
      if (requestedScopes.includes('openid')) {
        body.id_token = unsignedJwt({
          aud: this.opts.clientId,
          iss: `${this.tenantBase}/v2.0`,
          iat: Math.floor(now / 1000),
          nbf: Math.floor(now / 1000),
          exp,
          name: grant.user.name,
          oid: grant.user.oid,
          preferred_username: grant.user.upn,
          sub: grant.user.oid,
          tid: this.opts.tenantId,
          ver: '2.0',
        });
      }
      if (form?.get('client_info') === '1') {
        body.client_info = Buffer.from(JSON.stringify({ uid: grant.user.oid, utid: this.opts.tenantId })).toString(
          'base64url',
        );
      }
      if (requestedScopes.includes('offline_access')) body.refresh_token = randomBytes(32).toString('base64url');
    }
    return json(200, body);
  }

  /**
   * The caller behind an `Authorization` header, or the 401 Graph answers: no token, a token the fake did not
   * issue, an expired one, or one for another audience (a token asked for the wrong resource).
   */
  authenticate(authorization: string | undefined): { caller: Caller } | { status: 401; code: string; message: string } {
    const unauthorized = (message: string) => ({ status: 401 as const, code: 'InvalidAuthenticationToken', message });
    if (!authorization) return unauthorized('Access token is empty.');
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) return unauthorized('Access token is empty.');
    const issued = this.issued.get(m[1]!);
    if (!issued || !verifyJwt(m[1]!, this.key)) return unauthorized('IDX14100: JWT is not well formed.');
    if (issued.expiresAt <= this.opts.now()) return unauthorized('Lifetime validation failed, the token is expired.');
    if (issued.audience !== GRAPH_RESOURCE && issued.audience !== '00000003-0000-0000-c000-000000000000') {
      return unauthorized('Access token validation failure. Invalid audience.');
    }
    const { expiresAt: _expiresAt, ...caller } = issued;
    return { caller };
  }

  /** Every token issued so far expires now (to test a client's refresh on 401). */
  expireAll(): void {
    for (const t of this.issued.values()) t.expiresAt = 0;
  }

  /**
   * A token shaped like the tab's SSO token (aud = the app, scp access_as_user), for the on-behalf-of flow. The
   * fake's token endpoint only decodes it: it checks aud, tid and exp, not a signature.
   */
  userAssertion(user: Partial<FakeUser> = {}, opts: { expiresInSeconds?: number; audience?: string } = {}): string {
    const now = Math.floor(this.opts.now() / 1000);
    return unsignedJwt({
      aud: opts.audience ?? this.opts.applicationIdUri ?? this.opts.clientId,
      iss: `https://login.microsoftonline.com/${this.opts.tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + (opts.expiresInSeconds ?? 3600),
      tid: this.opts.tenantId,
      oid: user.oid ?? '6f1c2a4e-0000-4000-8000-000000000001',
      preferred_username: user.upn ?? 'ana.perez@quillota.cl',
      name: user.name ?? 'Ana Pérez',
      scp: 'access_as_user',
      ver: '2.0',
    });
  }
}

function json(status: number, body: unknown): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body };
}

/** An Entra ID error as the v2.0 endpoint sends it (MSAL reads error, error_description, error_codes). */
export function aadError(status: number, error: string, code: number, text: string): Reply {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}

function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signJwt(claims: Record<string, unknown>, key: Buffer): string {
  const head = `${b64json({ typ: 'JWT', alg: 'HS256' })}.${b64json(claims)}`;
  return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}

function verifyJwt(token: string, key: Buffer): boolean {
  const [h, p, s] = token.split('.');
  return !!s && createHmac('sha256', key).update(`${h}.${p}`).digest('base64url') === s;
}

function unsignedJwt(claims: Record<string, unknown>): string {
  return `${b64json({ typ: 'JWT', alg: 'none' })}.${b64json(claims)}.`;
}

/** The claims of a JWT (not verified), or undefined if it is not one. */
export function decodeJwt(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    return claims && typeof claims === 'object' && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An msal-node network client (system.networkClient) that trusts the fake's CA: msal's own HttpClient, with undici's
 * fetch and a dispatcher that adds the CA. Production code needs the same thing with its own transport (the
 * M365Http of bot/src/m365/graph/http.ts), since msal-node's default client uses the global fetch and cannot be
 * given a CA.
 */
export function msalNetworkClient(caPem: string): INetworkModule & { close(): Promise<void> } {
  const agent: Agent = trustingAgent(caPem);
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> => {
    const res = await undiciFetch(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      dispatcher: agent,
      signal: timeout ? AbortSignal.timeout(timeout) : undefined,
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { headers, body: (await res.json()) as T, status: res.status };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send(url, 'GET', options, timeout),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
    close: () => agent.close(),
  };
}
