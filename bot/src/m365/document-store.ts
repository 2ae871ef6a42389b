import { createHash } from 'node:crypto';
import type { DocumentKind } from '../../../protocol';

/** Where a convenio's file lives: `Convenios/<year>/<reference> - <entity>/<file name>`, relative to the library. */
export interface DocumentPath {
  folder: string;
  fileName: string;
  /**
   * The convenio document the file holds, set by `documentPath`. The local folder's addresses name this record
   * (reference, kind, version), never the file's path, and its link tokens are bound to the item and kind.
   */
  document?: DocumentRef;
}

/** A convenio's document as its record names it: the item, the kind and, for one version, its number. */
export interface DocumentRef {
  itemId: string;
  reference: string;
  kind: DocumentKind;
  /** The document version (the convenio's `documents[].version`); absent: the newest stored one. */
  version?: number;
}

/** One stored version of a file, as the storage names it. */
export interface StoredVersion {
  /** The storage's own version id (SharePoint "1.0", "2.0"…; the local folder's "1", "2"…). */
  versionId: string;
  size: number;
  modifiedAt: string;
  /** Set by the local folder, which keeps hashes; SharePoint does not give a SHA-256 of old versions. */
  sha256?: string;
}

export interface StoredFile {
  path: DocumentPath;
  /** Id of the file in the storage (driveItem id), stable across versions. */
  itemId: string;
  versionId: string;
  /** Address people open the file at (SharePoint webUrl, or the service's download route in local mode). */
  webUrl: string;
  sha256: string;
  size: number;
  /** False when the content was already the file's newest version (a retried upload): nothing new was written. */
  created: boolean;
}

/** Columns of the document library kept in step with the convenio. */
export interface LibraryFields {
  reference: string;
  state: string;
  parties: string;
  validFrom?: string;
  validTo?: string;
  documentKind: string;
  documentVersion: number;
  sha256: string;
}

/** Who a sharing link is for: municipal staff (anyone in the organisation) or specific external guests. */
export type ShareAudience = { kind: 'organization' } | { kind: 'people'; emails: string[] };

export interface SharingLink {
  url: string;
  audience: ShareAudience['kind'];
}

/**
 * The convenio documents' storage: SharePoint through Graph with a tenant, a local folder without one. Every
 * operation is safe to repeat: the outbox retries after timeouts, and a repeated call must not add a version, a
 * link or a copy.
 */
export interface DocumentStore {
  readonly kind: 'sharepoint' | 'local';
  /**
   * Stores `bytes` as the newest version of the file, unless the newest version already is this content (the
   * answer to an earlier attempt was lost): then that version is returned with `created: false`.
   * `previousVersionId` is the version recorded for the file before this one, when there is one.
   */
  put(path: DocumentPath, bytes: Uint8Array, contentType: string, previousVersionId?: string): Promise<StoredFile>;
  /**
   * The file's versions, newest first. With `userToken` (the tab's signed-in user), SharePoint is asked in that
   * user's name (on-behalf-of), so it applies their own permissions to the library.
   */
  versions(path: DocumentPath, opts?: { userToken?: string }): Promise<StoredVersion[]>;
  setFields(path: DocumentPath, fields: LibraryFields): Promise<void>;
  /** A view-only link; asking again for the same audience returns the same link. */
  share(path: DocumentPath, audience: ShareAudience): Promise<SharingLink>;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A name SharePoint and every file system accept: no " * : < > ? / \ | # % or control characters, no leading or
 * trailing dots and spaces, at most `max` characters. Entity names are typed by users.
 */
export function safeName(name: string, max = 80): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/["*:<>?/\\|#%\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned || 'sin nombre';
}

/** The convenio's folder: one per convenio, by year of its reference, named so people find it in SharePoint. */
export function convenioFolder(reference: string, entityName: string): string {
  const year = /-(\d{4})-/.exec(reference)?.[1] ?? 'sin-año';
  return `Convenios/${year}/${safeName(`${reference} - ${entityName}`, 120)}`;
}

export const pathText = (p: DocumentPath): string => `${p.folder}/${p.fileName}`;
