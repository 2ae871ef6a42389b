import type { Client } from '@microsoft/microsoft-graph-client';
import {
  pathText,
  sha256Hex,
  type DocumentPath,
  type DocumentStore,
  type LibraryFields,
  type ShareAudience,
  type SharingLink,
  type StoredFile,
  type StoredVersion,
} from '../document-store';
import type { GraphCredentials } from './credentials';
import { asUser, fromGraphError, graphCall } from './graph-client';
import { GraphCallError, type M365Http } from './http';
import { uploadInChunks, type UploadSessionOptions } from './upload-session';

/** Graph's limit for a simple upload (PUT …/content); anything larger goes through an upload session. */
export const SIMPLE_UPLOAD_LIMIT = 4 * 1024 * 1024;

export interface SharePointConfig {
  /** https://quillota.sharepoint.com/sites/intercambio-datos */
  siteUrl: string;
  /** The document library's display name (e.g. "Convenios de datos"). */
  library: string;
  /** The app's client id: versions it wrote carry it in lastModifiedBy.application. */
  clientId: string;
  upload?: UploadSessionOptions;
  /** For calls in the name of the tab's user (on-behalf-of). */
  credentials?: GraphCredentials;
}

interface GraphVersion {
  id: string;
  size?: number;
  lastModifiedDateTime?: string;
  lastModifiedBy?: { application?: { id?: string } };
}

/** The library's column internal names (created as described in docs/despliegue.md). */
export const LIBRARY_COLUMNS: Record<keyof LibraryFields, string> = {
  reference: 'Referencia',
  state: 'Estado',
  parties: 'Partes',
  validFrom: 'VigenciaDesde',
  validTo: 'VigenciaHasta',
  documentKind: 'TipoDocumento',
  documentVersion: 'VersionDocumento',
  sha256: 'HuellaSHA256',
};

const segment = (s: string) => encodeURIComponent(s);

/**
 * Convenio documents in a SharePoint document library through Microsoft Graph. Files are addressed by path
 * (`/drives/{drive}/root:/{folder}/{file}:`), which also creates missing folders on upload, so one folder per
 * convenio needs no extra calls. Every operation is safe to repeat (see `put` and `share`).
 */
export class SharePointDocumentStore implements DocumentStore {
  readonly kind = 'sharepoint' as const;
  private driveId?: Promise<string>;

  constructor(
    private readonly graph: Client,
    private readonly http: M365Http,
    private readonly config: SharePointConfig,
  ) {}

  private readonly call = graphCall;

  /** The library's drive id, found once from the site URL and the library's name. */
  drive(): Promise<string> {
    this.driveId ??= (async () => {
      const site = new URL(this.config.siteUrl);
      const s = await this.call('sitio de SharePoint', () =>
        this.graph.api(`/sites/${site.hostname}:${site.pathname.replace(/\/$/, '')}`).get(),
      );
      const drives = await this.call('bibliotecas del sitio', () => this.graph.api(`/sites/${s.id}/drives`).get());
      const found = (drives.value as { id: string; name: string }[]).find(
        (d) => d.name.toLowerCase() === this.config.library.toLowerCase(),
      );
      if (!found)
        throw new Error(
          `La biblioteca «${this.config.library}» no existe en ${this.config.siteUrl} (hay: ${(drives.value as { name: string }[]).map((d) => d.name).join(', ')})`,
        );
      return found.id;
    })().catch((e) => {
      this.driveId = undefined;
      throw e;
    });
    return this.driveId;
  }

  private async itemPath(p: DocumentPath): Promise<string> {
    const path = [...p.folder.split('/'), p.fileName].map(segment).join('/');
    return `/drives/${await this.drive()}/root:/${path}:`;
  }

  async versions(p: DocumentPath, opts: { userToken?: string } = {}): Promise<StoredVersion[]> {
    return (await this.rawVersions(p, opts.userToken)).map(toStoredVersion);
  }

  private async rawVersions(p: DocumentPath, userToken?: string): Promise<GraphVersion[]> {
    const base = await this.itemPath(p);
    try {
      const request = this.graph.api(`${base}/versions`);
      if (userToken) {
        if (!this.config.credentials) throw new Error('no hay credenciales para actuar en nombre del usuario');
        request.middlewareOptions([asUser(this.config.credentials, userToken)]);
      }
      return (await request.get()).value as GraphVersion[];
    } catch (e) {
      const err = fromGraphError(e, `versiones de ${pathText(p)}`);
      if (err instanceof GraphCallError && err.status === 404) return [];
      throw err;
    }
  }

  /**
   * Uploads a new version, unless the newest one already is this upload: a retry after a lost answer (timeout,
   * dropped connection) must find its own earlier upload instead of adding the same content twice. SharePoint gives
   * no hash of a version, and a column edit adds a version with the old content, so the newest version counts as
   * ours when this app wrote it, it is not the version recorded before (`previousVersionId`), and it has our size
   * while the previous content had another. The documents are generated deterministically, so a retry has the same
   * size; when sizes cannot tell (same size as before), it uploads: a repeated version is better than a lost one.
   */
  async put(p: DocumentPath, bytes: Uint8Array, contentType: string, previousVersionId?: string): Promise<StoredFile> {
    const base = await this.itemPath(p);
    const sha256 = sha256Hex(bytes);
    const before = await this.rawVersions(p);
    const newest = before[0];
    const previousSize = before.find((v) => v.id === previousVersionId)?.size;
    if (
      newest &&
      newest.id !== previousVersionId &&
      newest.lastModifiedBy?.application?.id === this.config.clientId &&
      newest.size === bytes.byteLength &&
      previousSize !== bytes.byteLength
    ) {
      const link = await this.share(p, { kind: 'organization' });
      return {
        path: p,
        itemId: '',
        versionId: newest.id,
        webUrl: link.url,
        sha256,
        size: bytes.byteLength,
        created: false,
      };
    }
    const item =
      bytes.byteLength <= SIMPLE_UPLOAD_LIMIT
        ? await this.call(`carga de ${pathText(p)}`, () =>
            this.graph
              .api(`${base}/content`)
              .header('Content-Type', contentType)
              .put(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
          )
        : await this.uploadLarge(base, p, bytes);
    // The upload's answer names the item but not its version label: the newest version is the one just written.
    const after = await this.rawVersions(p);
    const versionId = after[0]?.id ?? '1.0';
    return {
      path: p,
      itemId: String(item.id ?? ''),
      versionId,
      webUrl: String(item.webUrl ?? ''),
      sha256,
      size: bytes.byteLength,
      created: true,
    };
  }

  private async uploadLarge(base: string, p: DocumentPath, bytes: Uint8Array): Promise<Record<string, unknown>> {
    const session = await this.call(`sesión de carga de ${pathText(p)}`, () =>
      this.graph
        .api(`${base}/createUploadSession`)
        .post({ item: { '@microsoft.graph.conflictBehavior': 'replace', name: p.fileName } }),
    );
    return uploadInChunks(this.http, session.uploadUrl as string, bytes, this.config.upload);
  }

  async setFields(p: DocumentPath, fields: LibraryFields): Promise<void> {
    const base = await this.itemPath(p);
    const body: Record<string, string | number> = {};
    for (const [k, column] of Object.entries(LIBRARY_COLUMNS)) {
      const v = fields[k as keyof LibraryFields];
      if (v !== undefined) body[column] = v;
    }
    await this.call(`columnas de ${pathText(p)}`, () => this.graph.api(`${base}/listItem/fields`).patch(body));
  }

  /**
   * A view link: for the organisation (municipal staff) or for specific people (external guests). Graph returns
   * the existing link when the app asks again for the same kind, so a retry does not add one.
   */
  async share(p: DocumentPath, audience: ShareAudience): Promise<SharingLink> {
    const base = await this.itemPath(p);
    const body =
      audience.kind === 'organization'
        ? { type: 'view', scope: 'organization' }
        : {
            type: 'view',
            scope: 'users',
            recipients: audience.emails.map((email) => ({ email })),
            sendNotification: false,
            retainInheritedPermissions: true,
          };
    const permission = await this.call(`enlace para ${pathText(p)}`, () =>
      this.graph.api(`${base}/createLink`).post(body),
    );
    return { url: String(permission.link?.webUrl ?? ''), audience: audience.kind };
  }
}

function toStoredVersion(v: GraphVersion): StoredVersion {
  return { versionId: v.id, size: v.size ?? 0, modifiedAt: v.lastModifiedDateTime ?? '' };
}
