import type { M365Config } from '../config';
import type { Logger } from '../logger';
import type { DocumentStore } from './document-store';
import type { FileStore } from './file-store';
import type { GraphCredentials } from './graph/credentials';
import type { Client as GraphClient } from '@microsoft/microsoft-graph-client';
import type { M365Http } from './graph/http';
import { LocalDocumentStore } from './local/local-document-store';
import { LocalFileStore } from './local/local-file-store';
import { LocalEmlMailPort } from './local/eml-mail-port';
import type { MailPort } from './mail-port';

export interface M365 {
  mode: 'graph' | 'local';
  documents: DocumentStore;
  mail: MailPort;
  /** Delivered and attached files of requests (issue 15): the SharePoint library with a tenant, a folder without. */
  files: FileStore;
  /** Set in local mode: the service serves its files. */
  localDocuments?: LocalDocumentStore;
  /** Set with Graph: tokens in the name of the tab's user (on-behalf-of). */
  credentials?: GraphCredentials;
  /** Checks the configuration against the tenant (token, site, library); reports, never throws. */
  check(): Promise<{ ok: boolean; problem?: string }>;
  close(): Promise<void>;
}

/**
 * The Microsoft 365 side of the service. With a tenant: SharePoint and Exchange Online through Graph, with the
 * app's own credentials. Without: the documents folder and the .eml outbox, behind the same interfaces, so the
 * whole protocol runs the same on both.
 */
export async function createM365(
  config: M365Config,
  opts: { publicUrl: string; mailOutboxDir: string; now: () => Date; log?: Logger },
): Promise<M365> {
  if (config.mode === 'local' || !config.graph) {
    const local = new LocalDocumentStore(config.documentsDir, opts.publicUrl, opts.now);
    return {
      mode: 'local',
      documents: local,
      // The delivered files live in the same documents folder, under Entregas/<year>/<reference>.
      files: new LocalFileStore(config.documentsDir),
      localDocuments: local,
      mail: new LocalEmlMailPort(opts.mailOutboxDir),
      check: async () => ({ ok: true }),
      close: async () => {},
    };
  }
  const g = config.graph;
  // The Graph SDK, MSAL and undici are loaded only with a tenant: local mode starts without them.
  const [
    { GraphCredentials },
    { createGraphClient },
    { GraphMailPort },
    { createM365Http },
    { SharePointDocumentStore },
  ] = await Promise.all([
    import('./graph/credentials'),
    import('./graph/graph-client'),
    import('./graph/graph-mail-port'),
    import('./graph/http'),
    import('./graph/sharepoint-store'),
  ]);
  const http = createM365Http({ caPem: g.caPem });
  const credentials = new GraphCredentials(
    {
      tenantId: g.tenantId,
      clientId: g.clientId,
      clientSecret: g.clientSecret,
      certificate: g.certificate,
      authorityHost: g.authorityHost,
      graphResource: 'https://graph.microsoft.com',
    },
    http,
  );
  const client = createGraphClient(credentials, http, { baseUrl: g.baseUrl, inCallRetries: g.inCallRetries });
  const store = new SharePointDocumentStore(client, http, {
    siteUrl: g.siteUrl,
    library: g.library,
    clientId: g.clientId,
    credentials,
  });
  return {
    mode: 'graph',
    documents: store,
    files: await sharePointFileStore({
      client,
      http,
      siteUrl: g.siteUrl,
      library: g.deliveriesLibrary,
      clientId: g.clientId,
      graphBaseUrl: g.baseUrl,
      credentials,
    }),
    mail: new GraphMailPort(client, g.mailbox),
    credentials,
    async check() {
      try {
        await credentials.appToken();
      } catch (e) {
        return { ok: false, problem: `no se obtuvo un token de Entra ID para ${g.clientId}: ${(e as Error).message}` };
      }
      try {
        await store.drive();
      } catch (e) {
        return {
          ok: false,
          problem: `no se encontró la biblioteca «${g.library}» en ${g.siteUrl}: ${(e as Error).message}`,
        };
      }
      return { ok: true };
    },
    close: () => http.close(),
  };
}

/** What the SharePoint FileStore may need from the Graph side of the service. */
export interface GraphFileStoreDeps {
  client: GraphClient;
  http: M365Http;
  siteUrl: string;
  /** The deliveries' own restricted library (SHAREPOINT_DELIVERIES_LIBRARY). */
  library: string;
  clientId: string;
  /** GRAPH_BASE_URL (the public cloud, or the test suite's fake). */
  graphBaseUrl: string;
  /** App-only tokens: `credentials.appToken()`. */
  credentials: GraphCredentials;
}

/**
 * The FileStore of graph mode (issue 15): the restricted library of deliveries, one folder per request, files shared
 * only with the requester (bot/src/m365/graph/sharepoint-file-store.ts). Loaded with the rest of the Graph side, so
 * local mode never loads it.
 */
async function sharePointFileStore(deps: GraphFileStoreDeps): Promise<FileStore> {
  const { createSharePointFileStore } = await import('./graph/sharepoint-file-store');
  return createSharePointFileStore(deps);
}
