// The service wired to the Graph fake: what a tenant's configuration would say, pointed at the local fake.
import { DELIVERIES_LIBRARY } from './graph-fake/drive';
import type { Config, M365Config } from '../../bot/src/config';
import { LIBRARY_COLUMNS } from '../../bot/src/m365/graph/sharepoint-store';
import { startGraphFake, type GraphFake, type GraphFakeOptions } from './graph-fake';

export const MAILBOX = 'intercambio-datos@quillota.cl';

/** A fake tenant with the library's columns and the app's permissions as docs/despliegue.md sets them up. */
export function startTenantFake(options: GraphFakeOptions = {}): Promise<GraphFake> {
  return startGraphFake({
    libraryName: 'Convenios de datos',
    columns: Object.values(LIBRARY_COLUMNS),
    mailboxes: [MAILBOX],
    appRoles: ['Sites.Selected', 'Mail.Send'],
    ...options,
  });
}

export function graphConfig(fake: GraphFake, base: Config, inCallRetries = 2): Partial<Config> {
  const m365: M365Config = {
    mode: 'graph',
    documentsDir: base.m365.documentsDir,
    maxDocumentBytes: base.m365.maxDocumentBytes,
    graph: {
      tenantId: fake.tenantId,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      baseUrl: fake.url,
      authorityHost: fake.url,
      caPem: fake.caPem,
      siteUrl: `https://${fake.siteHostname}${fake.sitePath}`,
      library: fake.libraryName,
      deliveriesLibrary: DELIVERIES_LIBRARY,
      mailbox: MAILBOX,
      inCallRetries,
    },
  };
  return { m365, mail: { ...base.mail, from: MAILBOX } };
}
