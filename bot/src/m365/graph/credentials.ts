import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication, type INetworkModule, type NetworkResponse } from '@azure/msal-node';
import type { M365Http } from './http';

export interface CredentialsConfig {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  /** PEM of the private key and of the certificate (or its SHA-256 thumbprint), as uploaded to the app registration. */
  certificate?: { privateKeyPem: string; certificatePem?: string; thumbprintSha256?: string };
  /** https://login.microsoftonline.com, or another cloud's (or the test suite's) authority host. */
  authorityHost: string;
  /** Resource of the Graph endpoint the tokens are for: https://graph.microsoft.com. */
  graphResource: string;
}

/** An on-behalf-of token is reused until 5 minutes before it expires; at most this many users are remembered. */
const OBO_MARGIN_MS = 5 * 60_000;
const OBO_CACHE_SIZE = 500;

/** MSAL's network calls through our transport, so the authority is reached with the same trust and timeouts. */
function networkClient(http: M365Http): INetworkModule {
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options?: { headers?: Record<string, string>; body?: string },
  ) => {
    const res = await http.fetch(url, { method, headers: options?.headers, body: options?.body });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { error: 'respuesta_no_json', error_description: text.slice(0, 200) };
    }
    return { headers, body: body as T, status: res.status } satisfies NetworkResponse<T>;
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}

/** SHA-256 thumbprint of a PEM certificate, in the hex form Entra ID shows. */
export function thumbprintSha256(certificatePem: string): string {
  return createHash('sha256').update(new X509Certificate(certificatePem).raw).digest('hex').toUpperCase();
}

/**
 * App-only and on-behalf-of tokens for Microsoft Graph. MSAL keeps them in its in-memory cache and renews them
 * before they expire, so every call may ask: only a missing or expiring token reaches Entra ID.
 */
export class GraphCredentials {
  private readonly app: ConfidentialClientApplication;
  private readonly scope: string;
  /** On-behalf-of tokens by the hash of the user's token; oldest dropped first. */
  private readonly obo = new Map<string, { token: string; expiresAt: number }>();

  constructor(config: CredentialsConfig, http: M365Http) {
    const authorityUrl = new URL(config.authorityHost);
    const isPublicCloud = /(^|\.)login\.microsoftonline\.(com|us)$|(^|\.)login\.partner\.microsoftonline\.cn$/.test(
      authorityUrl.hostname,
    );
    let clientCertificate: { thumbprintSha256: string; privateKey: string; x5c?: string } | undefined;
    if (config.certificate) {
      // Fails here, at start, if the key is not a readable PEM: better than the first token request failing.
      const privateKey = createPrivateKey(config.certificate.privateKeyPem)
        .export({ format: 'pem', type: 'pkcs8' })
        .toString();
      const thumbprint =
        config.certificate.thumbprintSha256 ?? thumbprintSha256(config.certificate.certificatePem as string);
      clientCertificate = {
        thumbprintSha256: thumbprint,
        privateKey,
        ...(config.certificate.certificatePem ? { x5c: config.certificate.certificatePem } : {}),
      };
    }
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId: config.clientId,
        authority: `${config.authorityHost.replace(/\/$/, '')}/${config.tenantId}`,
        ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
        ...(clientCertificate ? { clientCertificate } : {}),
        // Any other authority host (a sovereign cloud's or a test double's) is trusted as given, without asking
        // the public cloud's instance discovery, which is unreachable from there.
        ...(isPublicCloud ? {} : { knownAuthorities: [authorityUrl.host] }),
      },
      system: { networkClient: networkClient(http) },
    });
    this.scope = `${config.graphResource.replace(/\/$/, '')}/.default`;
  }

  /** A token for the app itself (client credentials): the outbox's calls, made in no user's name. */
  async appToken(): Promise<string> {
    const r = await this.app.acquireTokenByClientCredential({ scopes: [this.scope] });
    if (!r?.accessToken) throw new Error('Entra ID no entregó un token para la aplicación');
    return r.accessToken;
  }

  /**
   * A Graph token in the name of the tab's signed-in user, exchanged for the SSO token the tab sent
   * (on-behalf-of): SharePoint then applies that user's own permissions.
   */
  async onBehalfOf(userToken: string): Promise<string> {
    // Our own cache by the assertion's hash: MSAL's OBO cache lookup depends on claims a token may not carry, and
    // a tab opening a page makes several calls with the same SSO token.
    const key = createHash('sha256').update(userToken).digest('hex');
    const hit = this.obo.get(key);
    if (hit && hit.expiresAt - Date.now() > OBO_MARGIN_MS) return hit.token;
    const r = await this.app.acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: [this.scope] });
    if (!r?.accessToken) throw new Error('Entra ID no entregó un token en nombre del usuario');
    if (this.obo.size >= OBO_CACHE_SIZE) this.obo.delete(this.obo.keys().next().value as string);
    this.obo.set(key, { token: r.accessToken, expiresAt: r.expiresOn?.getTime() ?? Date.now() + 5 * 60_000 });
    return r.accessToken;
  }
}
