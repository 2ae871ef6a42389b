import { generate } from 'selfsigned';
import { Agent } from 'undici';

export interface FakeCertificate {
  /** PEM private key of the server. */
  key: string;
  /** PEM certificate; self-signed, so it is also the CA a client must trust. */
  cert: string;
}

/**
 * A fresh self-signed certificate for one fake, made at start so no key is ever committed. Both names are in the
 * SAN: 127.0.0.1 serves Graph and the token endpoint, `localhost` serves the upload URLs (a different host, as
 * SharePoint's upload host differs from graph.microsoft.com; see index.ts). EC P-256 keeps generation fast.
 */
export async function generateCertificate(): Promise<FakeCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'graph-fake.localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 2 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * An undici Agent that trusts the fake's certificate (and only adds it: nothing global changes). Close it after use.
 * Connections are not kept alive: the fault injector resets sockets, and a test should not inherit a pooled
 * connection the fake is about to drop.
 */
export function trustingAgent(caPem: string): Agent {
  return new Agent({ connect: { ca: caPem }, pipelining: 0 });
}
