// The service with a tenant's bot credentials, for the tests of /api/messages authentication: the test publishes its
// own signing key through local OpenID metadata (endorsed for msteams, as the real one is) and signs tokens with it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { startTestService, type TestService } from './service';

export const APP_ID = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
export const TENANT = '6f1c2a52-1d8e-4c39-9a51-0d3f4b8a9e21';
export const ISSUER = 'https://api.botframework.com';
export const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';

export interface TenantBot {
  svc: TestService;
  /** The key the metadata publishes (kid `clave-prueba`). */
  key: KeyObject;
  /** A key nobody published. */
  otherKey: KeyObject;
  close(): Promise<void>;
}

export async function startTenantBot(): Promise<TenantBot> {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'clave-prueba', use: 'sig', alg: 'RS256' };
  const metadata: Server = createServer((req, res) => {
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
  const svc = await startTestService('2026-09-15T13:00:00Z', {
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
  return {
    svc,
    key: pair.privateKey,
    otherKey,
    async close() {
      await svc.close();
      await new Promise((r) => metadata.close(r));
    },
  };
}

/** An Action.Execute invoke: its answer travels in the HTTP response, so no outbound call is needed. */
export const tenantInvoke = {
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
