import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Downloads } from './download';
import { DriveService } from './drive';
import { createFaultController, type FaultController, type FaultDecision } from './faults';
import { GRAPH_JSON, graphError, header, readBody, type FakeRequest, type OpContext, type Reply } from './http';
import { MailService } from './mail';
import { GraphSubset } from './openapi';
import { parseGraphPath } from './paths';
import { FakeState, type Counters, type RequestRecord, type Violation } from './state';
import { generateCertificate } from './tls';
import { UPLOAD_FRAGMENT_MAX, UploadSessions } from './upload';
import { aadError, TokenService, type Caller, type FakeUser } from './token';

export { msalNetworkClient, decodeJwt, type Caller, type FakeUser } from './token';
export { trustingAgent } from './tls';
export { quickXorHash, QuickXorHasher, mimeType } from './content';
export { UPLOAD_FRAGMENT_MULTIPLE, UPLOAD_FRAGMENT_MAX } from './upload';
export { FAULT_KINDS, type FaultKind, type FaultSettings, type FaultController } from './faults';
export { GraphSubset } from './openapi';
export { IDEMPOTENCY_HEADER } from './mail';
export type {
  Counters,
  FakeFile,
  FakePermission,
  FakeState,
  FileVersion,
  PermissionEvent,
  SentMail,
  UploadRecord,
  Violation,
} from './state';

/**
 * A local stand-in for Microsoft Graph (the 15 operations of vendor/esquemas/graph-v1.0-subset.openapi.yaml, plus
 * the path-addressing forms the live API accepts for them), SharePoint upload and download URLs and the Entra ID
 * token endpoint, over HTTPS with a certificate made at start.
 *
 * Hosts. Graph and the token endpoint answer on https://127.0.0.1:PORT; upload and download URLs point to
 * https://localhost:PORT
 * (same server, other host name), because on the live service they live on {tenant}.sharepoint.com, not on
 * graph.microsoft.com. That matters for the Graph JS client: its AuthenticationHandler attaches the bearer token
 * only to Graph hosts and `customHosts`, and it compares the URL's HOST NAME WITHOUT THE PORT
 * (GraphRequestUtil.isValidEndpoint strips ":port"; customHosts entries must not contain "/").
 * So the client must be built with `customHosts: new Set([fake.host])` where `fake.host === '127.0.0.1'`; the
 * upload URL's host (localhost) is then not a custom host, the client sends fragments without Authorization, as
 * against SharePoint, and the fake answers 401 if one is sent anyway.
 *
 * msal-node. `auth.authority = fake.authority` (https://127.0.0.1:PORT/{tenantId}), `auth.knownAuthorities =
 * [fake.hostWithPort]` (host AND port: with '127.0.0.1' alone msal-node runs instance discovery against
 * https://login.microsoftonline.com), and `system.networkClient` trusting `fake.caPem` (msalNetworkClient below;
 * msal-node's default client uses the global fetch, which cannot be given a CA). It then fetches only
 * `{authority}/v2.0/.well-known/openid-configuration` (once) and `{authority}/oauth2/v2.0/token`.
 *
 * Every /v1.0 request is checked against the subset (path, query options, content type, JSON body); a request
 * that does not conform is answered 400 (405 for a method the path does not have) and recorded in `violations`.
 * Graph's own refusals (401, 403, 404, 409, 412, 413…) are behaviour, not violations, except where Graph would
 * refuse the request's shape (sendMail's undeclared properties, an attachment without @odata.type).
 */

export interface GraphFakeOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Display name of the app registration (lastModifiedBy.application.displayName). */
  appDisplayName?: string;
  siteHostname?: string;
  /** Server-relative path of the site, e.g. '/sites/intercambio-datos'. */
  sitePath?: string;
  siteDisplayName?: string;
  /** The document library the service uses (besides 'Documentos', the site's default library). */
  libraryName?: string;
  /** Anonymous sharing links (createLink scope 'anonymous'); off in municipal tenants, so off by default. */
  allowAnonymousLinks?: boolean;
  defaultLinkScope?: 'organization' | 'anonymous' | 'users';
  /** Internal names of the library's columns; when given, PATCH …/fields with another name → 400. */
  columns?: string[];
  /** A property edit adds a version, as SharePoint does with versioning on (default true). */
  fieldsCreateVersion?: boolean;
  /** Mailboxes that exist (sendMail for another → 404); any by default. */
  mailboxes?: string[];
  /** Application permissions in app-only tokens. */
  appRoles?: string[];
  /** Delegated permissions consented (what 'https://graph.microsoft.com/.default' gives in OBO). */
  delegatedScopes?: string[];
  /** Application ID URI of the tab's SSO token (OBO assertion audience), besides the client id. */
  applicationIdUri?: string;
  tokenLifetimeSeconds?: number;
  /** Largest simple upload (PUT …/content); Graph documents 4 MB. */
  simpleUploadLimit?: number;
  uploadSessionTtlMs?: number;
  /** Upload sessions larger than this keep their bytes in a temporary folder (removed by close) instead of memory. */
  spillAboveBytes?: number;
  /** Faults also hit the token endpoint (off by default). */
  faultTokens?: boolean;
  schemaPath?: string;
  now?: () => number;
}

export interface GraphFake {
  /** https://127.0.0.1:PORT — the Graph base is `${url}/v1.0`. */
  url: string;
  /** '127.0.0.1': what `customHosts` of the Graph JS client needs (host name, no port). */
  host: string;
  /** '127.0.0.1:PORT': what msal-node's `knownAuthorities` needs (it compares host and port). */
  hostWithPort: string;
  /** 'localhost:PORT': host of the upload and download URLs. */
  uploadHost: string;
  /** The self-signed certificate (PEM) to trust. */
  caPem: string;
  /** `${url}/${tenantId}`: msal-node's `auth.authority`. */
  authority: string;
  tokenEndpoint: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  siteHostname: string;
  sitePath: string;
  libraryName: string;
  /** Id of the site ('{hostname},{guid},{guid}'). */
  siteId: string;
  /** Drive id of the configured library. */
  driveId: string;
  /** List id of the configured library (for /sites/{s}/lists/{l}/items/{i}/fields). */
  listId: string;
  faults: FaultController;
  state: FakeState;
  violations: Violation[];
  counters(): Counters;
  subset: GraphSubset;
  /** A token like the tab's SSO token, for acquireTokenOnBehalfOf against the fake. */
  userAssertion(user?: Partial<FakeUser>, opts?: { expiresInSeconds?: number; audience?: string }): string;
  /** Every token issued so far expires now. */
  expireTokens(): void;
  close(): Promise<void>;
}

/** Graph's request size limit (4 MB), applied to the JSON operations; sendMail says so explicitly. */
const GRAPH_REQUEST_LIMIT = 4 * 1024 * 1024;
/** Path parameter stand-in for a path-addressed item that does not exist yet (PUT content, createUploadSession). */
const NOT_YET_CREATED = '(not-yet-created)';

const FILES_WRITE = [
  'Sites.ReadWrite.All',
  'Sites.Manage.All',
  'Sites.FullControl.All',
  'Sites.Selected',
  'Files.ReadWrite.All',
  'Files.ReadWrite',
];
const FILES_READ = [...FILES_WRITE, 'Sites.Read.All', 'Files.Read.All', 'Files.Read'];
/** Permissions any of which an operation needs (roles for app-only tokens, scp for delegated ones). */
const REQUIRED_PERMISSIONS: Record<string, string[]> = {
  drive_SetItemsContent: FILES_WRITE,
  'drive.item_CreateChild': FILES_WRITE,
  'drive.item_invite': FILES_WRITE,
  'drive.item_DeletePermission': FILES_WRITE,
  drive_GetItem: FILES_READ,
  drive_GetItemsContent: FILES_READ,
  'drive.item_createUploadSession': FILES_WRITE,
  'drive.item_createLink': FILES_WRITE,
  'drive.item.listItem_UpdateField': FILES_WRITE,
  'sites.lists.items_UpdateFields': FILES_WRITE,
  'drive.item_ListVersion': FILES_READ,
  'sites.site_GetSite': FILES_READ,
  sites_GetDrive: FILES_READ,
  sites_ListDrives: FILES_READ,
  user_sendMail: ['Mail.Send'],
};

export async function startGraphFake(options: GraphFakeOptions = {}): Promise<GraphFake> {
  const opts = {
    tenantId: '3f6b2a1c-8d4e-4c2b-9a7f-5e1d0c9b8a71',
    clientId: 'a2d4c6e8-1b3d-4f5a-8c7e-9d0f1a2b3c4d',
    clientSecret: 'graph-fake-client-secret',
    appDisplayName: 'Intercambio de Datos',
    siteHostname: 'quillota.sharepoint.com',
    sitePath: '/sites/intercambio-datos',
    siteDisplayName: 'Intercambio de Datos',
    libraryName: 'Convenios de datos',
    allowAnonymousLinks: false,
    defaultLinkScope: 'organization' as const,
    fieldsCreateVersion: true,
    appRoles: ['Sites.ReadWrite.All', 'Mail.Send'],
    delegatedScopes: ['User.Read', 'Files.ReadWrite.All', 'Sites.ReadWrite.All', 'Mail.Send'],
    tokenLifetimeSeconds: 3599,
    simpleUploadLimit: 4 * 1024 * 1024,
    uploadSessionTtlMs: 15 * 60_000,
    spillAboveBytes: 16 * 1024 * 1024,
    faultTokens: false,
    now: () => Date.now(),
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as Required<Omit<GraphFakeOptions, 'columns' | 'mailboxes' | 'applicationIdUri' | 'schemaPath'>> & GraphFakeOptions;

  const subset = GraphSubset.load(opts.schemaPath);
  const state = new FakeState(opts.libraryName);
  const faults = createFaultController();
  const tokens = new TokenService({
    tenantId: opts.tenantId,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    appDisplayName: opts.appDisplayName,
    appRoles: opts.appRoles,
    delegatedScopes: opts.delegatedScopes,
    tokenLifetimeSeconds: opts.tokenLifetimeSeconds,
    applicationIdUri: opts.applicationIdUri,
    issuedCounts: state.tokens,
    now: opts.now,
  });
  const drive = new DriveService(
    {
      siteHostname: opts.siteHostname,
      sitePath: opts.sitePath,
      siteDisplayName: opts.siteDisplayName,
      libraryName: opts.libraryName,
      allowAnonymousLinks: opts.allowAnonymousLinks,
      defaultLinkScope: opts.defaultLinkScope,
      columns: opts.columns,
      fieldsCreateVersion: opts.fieldsCreateVersion,
      now: opts.now,
    },
    state,
  );
  let spillDir: string | undefined;
  const uploads = new UploadSessions(
    drive,
    {
      uploadSessionTtlMs: opts.uploadSessionTtlMs,
      now: opts.now,
      spillAboveBytes: opts.spillAboveBytes,
      spillDir: () => (spillDir ??= mkdtempSync(join(tmpdir(), 'graph-fake-'))),
    },
    state,
  );
  const downloads = new Downloads(drive, state, opts.now);
  const mail = new MailService({ mailboxes: opts.mailboxes, now: opts.now }, state, subset);
  /** One handler per operationId of the subset. */
  const handlers: Record<string, (ctx: OpContext) => Reply> = {
    ...drive.handlers,
    'drive.item_createUploadSession': (ctx) => uploads.create(ctx),
    drive_GetItemsContent: (ctx) => downloads.redirect(ctx),
    user_sendMail: (ctx) => mail.sendMail(ctx),
  };
  const missing = subset.operations.filter((op) => !handlers[op.operationId]).map((op) => op.operationId);
  if (missing.length > 0) throw new Error(`The Graph fake has no handler for ${missing.join(', ')}`);
  const pendingSleeps = new Set<() => void>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pendingSleeps.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pendingSleeps.add(done);
    });

  const violation = (req: FakeRequest, status: number, reason: string, operationId?: string): Reply => {
    state.violations.push({ method: req.method, path: req.rawUrl, reason, ...(operationId ? { operationId } : {}) });
    return graphError(status, 'BadRequest', reason, { clientRequestId: header(req, 'client-request-id') });
  };

  /** One /v1.0 request: auth, path normalisation, subset conformance, permissions, then the operation. */
  const graph = (req: FakeRequest, record: RequestRecord): Reply => {
    const auth = tokens.authenticate(header(req, 'authorization'));
    if ('status' in auth) {
      return graphError(auth.status, auth.code, auth.message, {
        headers: {
          'www-authenticate': `Bearer realm="", authorization_uri="${opts.tenantId}", client_id="00000003-0000-0000-c000-000000000000"`,
        },
      });
    }
    const caller: Caller = auth.caller;
    record.auth = caller.kind;

    const parsed = parseGraphPath(req.url.pathname.slice('/v1.0'.length));
    let segments: string[];
    let addressed: OpContext['addressed'];
    switch (parsed.kind) {
      case 'malformed':
        return violation(req, 400, parsed.reason);
      case 'site-path': {
        const siteId = drive.resolveSitePath(parsed.hostname, parsed.serverRelativePath);
        if (!siteId) return graphError(404, 'itemNotFound', 'Requested site could not be found');
        segments = ['sites', siteId, ...parsed.rest];
        break;
      }
      case 'drive-path': {
        const resolved = drive.resolveAddress(parsed.driveId, parsed.anchor, parsed.relative);
        if ('error' in resolved) return resolved.error;
        segments = ['drives', resolved.driveId, 'items', resolved.itemId ?? NOT_YET_CREATED, ...parsed.rest];
        addressed = { driveId: resolved.driveId, path: resolved.path };
        break;
      }
      default:
        segments = parsed.segments;
    }

    const match = subset.match(req.method, segments);
    if (!match.ok) return violation(req, match.status, match.reason);
    const { op, params } = match;
    record.operationId = op.operationId;

    const limit = op.operationId === 'drive_SetItemsContent' ? opts.simpleUploadLimit : GRAPH_REQUEST_LIMIT;
    if (req.bodyTooLarge || req.body.length > limit) {
      return op.operationId === 'drive_SetItemsContent'
        ? graphError(
            413,
            'invalidRequest',
            `The request body exceeds ${limit} bytes. Use an upload session (createUploadSession) for files larger than 4 MB.`,
          )
        : graphError(413, 'RequestBodyTooLarge', 'The maximum request length supported is 4MB.');
    }

    const check = subset.checkRequest(op, {
      params,
      query: req.url.searchParams,
      contentType: header(req, 'content-type'),
      body: req.body,
    });
    if (check.problems.length > 0) return violation(req, 400, check.problems.join('; '), op.operationId);

    const granted = caller.kind === 'app' ? caller.roles : caller.scopes;
    const needed = REQUIRED_PERMISSIONS[op.operationId] ?? [];
    if (!needed.some((p) => granted.includes(p))) {
      return op.operationId === 'user_sendMail'
        ? graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.')
        : graphError(403, 'accessDenied', `The caller needs one of these permissions: ${needed.join(', ')}.`);
    }

    const ctx: OpContext = { req, params, json: check.json, caller, addressed };
    const reply = handlers[op.operationId]!(ctx);
    if (reply.violation) {
      state.violations.push({
        method: req.method,
        path: req.rawUrl,
        reason: reply.violation,
        operationId: op.operationId,
      });
    }
    // Keep the fake honest: every answer must satisfy the subset's response schema for its operation.
    const problems = subset.checkResponse(op, reply.status, reply.body);
    if (problems.length > 0) state.responseProblems.push({ operation: op.operationId, status: reply.status, problems });
    return reply;
  };

  const upload = (req: FakeRequest): Reply => {
    if (req.bodyTooLarge) return graphError(413, 'invalidRange', 'A fragment may not exceed 60 MiB.');
    const { reply, schema } = uploads.handle(req);
    if (schema) {
      const problems = subset.checkSchema(schema, reply.body);
      if (problems.length > 0)
        state.responseProblems.push({ operation: `upload ${req.method}`, status: reply.status, problems });
    }
    return reply;
  };

  const faultReply = (fault: FaultDecision, kind: RequestRecord['kind']): Reply => {
    const retryAfter = { 'retry-after': String(fault.retryAfterSeconds) };
    if (kind === 'token') {
      const reply = aadError(
        fault.kind === '429' ? 429 : 503,
        'temporarily_unavailable',
        50196,
        'The server is temporarily too busy to handle this request.',
      );
      return { ...reply, headers: { ...reply.headers, ...(fault.withRetryAfter ? retryAfter : {}) } };
    }
    return fault.kind === '429'
      ? graphError(429, 'TooManyRequests', 'Too many requests. Retry after the time given in Retry-After.', {
          headers: retryAfter,
        })
      : graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Retry later.', {
          headers: fault.withRetryAfter ? retryAfter : undefined,
        });
  };

  let baseUrl = '';
  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, baseUrl);
    const kind: RequestRecord['kind'] =
      url.pathname === '/v1.0' || url.pathname.startsWith('/v1.0/')
        ? 'graph'
        : url.pathname.startsWith('/upload/')
          ? 'upload'
          : url.pathname.startsWith('/download/')
            ? 'download'
            : tokens.handles(url.pathname)
              ? 'token'
              : 'other';
    const record: RequestRecord = { method, path: rawUrl, kind, status: 0, at: new Date(opts.now()).toISOString() };
    state.requests.push(record);

    const faultable =
      kind === 'graph' || kind === 'upload' || kind === 'download' || (kind === 'token' && opts.faultTokens);
    const fault = faultable ? faults.decide(method, rawUrl) : undefined;
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'reset-before') {
      record.status = 'reset';
      req.socket.destroy();
      return;
    }

    const limit =
      kind === 'upload' ? UPLOAD_FRAGMENT_MAX + 1024 * 1024 : kind === 'graph' ? 8 * 1024 * 1024 : 1024 * 1024;
    const { body, tooLarge } = await readBody(req, limit);
    const fakeReq: FakeRequest = {
      method,
      rawUrl,
      url,
      headers: req.headers,
      body,
      bodyTooLarge: tooLarge,
      requestId: randomUUID(),
    };

    let reply: Reply;
    try {
      if (fault && (fault.kind === '429' || fault.kind === '503')) reply = faultReply(fault, kind);
      else if (kind === 'graph') reply = graph(fakeReq, record);
      else if (kind === 'upload') reply = upload(fakeReq);
      else if (kind === 'download') reply = downloads.handle(fakeReq);
      else if (kind === 'token') reply = tokens.handle(fakeReq);
      else reply = violation(fakeReq, 404, 'not a Graph v1.0 path, an upload or download URL or a token endpoint');
    } catch (e) {
      reply = graphError(500, 'generalException', `Graph fake failure: ${(e as Error).stack ?? String(e)}`);
    }

    if (fault?.kind === 'slow') await sleep(fault.slowMs);
    if (fault?.kind === 'reset-after') {
      // The operation is done; the answer is lost.
      record.status = 'reset';
      req.socket.destroy();
      return;
    }
    record.status = reply.status;
    write(res, reply, fakeReq);
  };

  const cert = await generateCertificate();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
    });
  };
  const servers: Server[] = [createServer({ key: cert.key, cert: cert.cert }, handler)];
  const main = servers[0]!;
  await new Promise<void>((resolve, reject) => {
    main.once('error', reject);
    main.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (main.address() as AddressInfo).port;
  // 'localhost' may resolve to ::1 first on some machines: listen there too when the machine has IPv6 loopback.
  const v6 = createServer({ key: cert.key, cert: cert.cert }, handler);
  await new Promise<void>((resolve) => {
    v6.once('error', () => resolve());
    v6.listen(port, '::1', () => {
      servers.push(v6);
      resolve();
    });
  });

  baseUrl = `https://127.0.0.1:${port}`;
  tokens.baseUrl = baseUrl;
  uploads.origin = `https://localhost:${port}`;
  downloads.origin = `https://localhost:${port}`;

  return {
    url: baseUrl,
    host: '127.0.0.1',
    hostWithPort: `127.0.0.1:${port}`,
    uploadHost: `localhost:${port}`,
    caPem: cert.cert,
    authority: `${baseUrl}/${opts.tenantId}`,
    tokenEndpoint: tokens.tokenEndpoint,
    tenantId: opts.tenantId,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    siteHostname: opts.siteHostname,
    sitePath: opts.sitePath,
    libraryName: opts.libraryName,
    siteId: drive.site.id,
    driveId: drive.library.id,
    listId: drive.library.listId,
    faults,
    state,
    violations: state.violations,
    counters: () => state.counters(faults.injected),
    subset,
    userAssertion: (user, o) => tokens.userAssertion(user, o),
    expireTokens: () => tokens.expireAll(),
    close: async () => {
      faults.off();
      for (const wake of [...pendingSleeps]) wake();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
      if (spillDir) rmSync(spillDir, { recursive: true, force: true });
    },
  };
}

function write(res: ServerResponse, reply: Reply, req: FakeRequest): void {
  const headers: Record<string, string> = {
    'request-id': req.requestId,
    'client-request-id': header(req, 'client-request-id') ?? req.requestId,
    ...(reply.headers ?? {}),
  };
  if (reply.stream) {
    headers['content-type'] ??= 'application/octet-stream';
    headers['content-length'] = String(reply.stream.length);
    res.writeHead(reply.status, headers);
    const source = reply.stream.open();
    source.on('error', () => res.destroy());
    source.pipe(res);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const isBytes = Buffer.isBuffer(reply.body);
  const payload = isBytes ? (reply.body as Buffer) : Buffer.from(JSON.stringify(reply.body));
  headers['content-type'] ??= isBytes ? 'application/octet-stream' : GRAPH_JSON;
  headers['content-length'] = String(payload.length);
  res.writeHead(reply.status, headers).end(payload);
}
