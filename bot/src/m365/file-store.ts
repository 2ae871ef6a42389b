import type { Readable } from 'node:stream';

/**
 * Delivered and attached files of internal requests (issue 15): SharePoint through Graph with a tenant (a restricted
 * library, one folder per request, files shared only with named people), a local folder without one (files served
 * only through the app). The bytes always stream: a 250 MB delivery never sits in the service's memory.
 */
export interface FileStore {
  readonly kind: 'sharepoint' | 'local';
  /**
   * Stores the finished upload at `sourcePath` (a file on the service's disk whose SHA-256 is already known) as
   * `<folder>/<fileName>`. Safe to repeat: storing the same content again at the same place returns the same `ref`.
   */
  put(file: FileToStore): Promise<StoredBlob>;
  /** The stored bytes, as a stream (the caller verifies the hash while it reads). */
  open(ref: string): Promise<Readable>;
  /**
   * Grants `email` access to the stored file until `expiresAt` (view-only or download), and returns the permission's
   * id so it can be removed at expiry. Local mode grants nothing (files are served only through the app): undefined.
   */
  grant(ref: string, grant: FileGrant): Promise<string | undefined>;
  /** Removes a permission `grant` returned; removing one already gone is not an error. */
  revoke(ref: string, permissionId: string): Promise<void>;
}

export interface FileToStore {
  /** One folder per request: `Entregas/<year>/<reference>` (see requestFolder). */
  folder: string;
  fileName: string;
  sourcePath: string;
  size: number;
  mediaType: string;
  sha256: string;
}

export interface StoredBlob {
  /** The storage's own handle: the driveItem id, or the path inside the local folder. */
  ref: string;
  /** Where people open it in SharePoint (tenant only); locally the app's own download route is the only address. */
  webUrl?: string;
}

export interface FileGrant {
  email: string;
  /** View-only for the classifications that must not be downloaded (settings), download otherwise. */
  role: 'view' | 'download';
  expiresAt: string;
}

/** The request's folder in the library: `Entregas/<year>/<reference>`, so IT finds a delivery by its reference. */
export function requestFolder(reference: string): string {
  const year = /-(\d{4})-/.exec(reference)?.[1] ?? 'sin-año';
  return `Entregas/${year}/${reference}`;
}
