import { createHash } from 'node:crypto';
import type { FaultKind } from './faults';

/** Who did something, as Graph reports it in createdBy / lastModifiedBy. */
export interface Identity {
  application?: { id: string; displayName: string };
  user?: { id: string; displayName: string; email: string };
}

export interface FileVersion {
  /** SharePoint's major version label: '1.0', '2.0', … */
  versionId: string;
  /** The bytes (read from `path` on each access when the version is kept on disk). */
  content: Buffer;
  /** Set for a large upload session's content, kept in a file of the fake's spill folder instead of memory. */
  path?: string;
  sha256: string;
  quickXorHash: string;
  size: number;
  modifiedAt: string;
  modifiedBy: Identity;
  /** A property edit also makes a version in a versioned SharePoint library (same content as before). */
  source: 'simple-upload' | 'upload-session' | 'fields';
}

export interface FakePermission {
  id: string;
  /** A sharing link (createLink) or a person's own permission (invite). */
  kind?: 'link' | 'invite';
  /** Link type (view, edit); 'invite' for invitations. */
  type: string;
  scope: string;
  /** Lower-cased recipient e-mails (scope 'users', or the invited person). */
  recipients: string[];
  roles?: string[];
  expirationDateTime?: string;
  requireSignIn?: boolean;
  sendInvitation?: boolean;
  createdAt: string;
  /** The permission resource as answered. */
  json: Record<string, unknown>;
}

/** A permission given (invite) or removed (DELETE …/permissions/{id}), in order: what a test reads back. */
export interface PermissionEvent {
  action: 'invite' | 'delete';
  itemId: string;
  permissionId: string;
  email?: string;
  roles?: string[];
  expirationDateTime?: string;
  requireSignIn?: boolean;
  sendInvitation?: boolean;
  at: string;
}

interface FakeItemBase {
  itemId: string;
  driveId: string;
  /** Display name of the document library. */
  library: string;
  /** Library-relative path with its original case, '' for the root. */
  path: string;
  name: string;
  parentId?: string;
  createdAt: string;
  createdBy: Identity;
  permissions: FakePermission[];
  eTagGuid: string;
  /** Bumped by every change (content or properties). */
  eTagSeq: number;
}

export interface FakeFolder extends FakeItemBase {
  kind: 'folder';
}

export interface FakeFile extends FakeItemBase {
  kind: 'file';
  listItemId: string;
  listItemUniqueId: string;
  /** Oldest first. */
  versions: FileVersion[];
  /** Library columns (listItem fields) set through PATCH …/fields. */
  fields: Record<string, unknown>;
  /** Bumped by content changes only. */
  cTagSeq: number;
}

export type FakeItem = FakeFile | FakeFolder;

export interface SentMail {
  /** The {id | userPrincipalName} of the /users/{…}/sendMail path. */
  senderPathId: string;
  /** The message as received, property names aligned to the schema (subject, body, toRecipients, …). */
  message: Record<string, unknown>;
  saveToSentItems: boolean | undefined;
  auth: 'app' | 'delegated';
  clientId: string;
  userPrincipalName?: string;
  receivedAt: string;
  /** Value of the x-intercambio-idempotencia internet message header, if sent. */
  idempotencyKey?: string;
  /** What duplicate detection compares: the idempotency key, or a hash of subject + recipients + body. */
  dedupeKey: string;
}

export interface UploadChunk {
  contentRange: string | undefined;
  contentLength: number | undefined;
  status: number;
  at: string;
}

export interface UploadRecord {
  sessionId: string;
  driveId: string;
  path: string;
  total?: number;
  chunks: UploadChunk[];
  status: 'open' | 'completed' | 'cancelled' | 'failed';
}

export interface Violation {
  method: string;
  path: string;
  reason: string;
  operationId?: string;
}

export interface RequestRecord {
  method: string;
  path: string;
  kind: 'graph' | 'upload' | 'download' | 'token' | 'other';
  status: number | 'reset';
  operationId?: string;
  auth?: 'app' | 'delegated';
  fault?: FaultKind;
  at: string;
}

export interface FieldUpdate {
  form: 'driveItem' | 'listItem';
  itemId: string;
  listItemId: string;
  fields: Record<string, unknown>;
  at: string;
}

export interface Counters {
  requests: number;
  faultsInjected: Partial<Record<FaultKind, number>>;
  /** Distinct file paths (all libraries). */
  files: number;
  /** Content versions in total (simple uploads and upload sessions; property-edit versions not counted). */
  versions: number;
  /** Content versions whose SHA-256 equals an earlier content version of the same file: re-uploads. */
  duplicateVersions: number;
  /** Files (beyond the first) whose newest content equals another file's newest content, at a different path. */
  duplicateFiles: number;
  mails: number;
  /** Mails whose idempotency header (or subject + recipients + body hash) was seen before. */
  duplicateMails: number;
  /** Sharing links (permissions) created. */
  links: number;
  tokens: { app: number; delegated: number };
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** Everything the fake remembers, for tests to read back. */
export class FakeState {
  /** `${library}/${path}` → file (original case of the first upload). */
  readonly files = new Map<string, FakeFile>();
  readonly mails: SentMail[] = [];
  readonly uploads: UploadRecord[] = [];
  readonly fieldUpdates: FieldUpdate[] = [];
  readonly permissionEvents: PermissionEvent[] = [];
  /** Files served through download URLs (GET …/content, then the URL): item id and bytes sent. */
  readonly downloads: Array<{ itemId: string; bytes: number; at: string }> = [];
  readonly violations: Violation[] = [];
  readonly requests: RequestRecord[] = [];
  /** Answers of the fake that do not conform to the subset's response schemas: must stay empty. */
  readonly responseProblems: Array<{ operation: string; status: number; problems: string[] }> = [];
  readonly tokens = { app: 0, delegated: 0 };
  /** Sharing links created (answers 201), on files and folders. */
  linksCreated = 0;

  constructor(private readonly defaultLibrary: string) {}

  /** The file at a library-relative path (case-insensitive, as SharePoint), in the configured library by default. */
  file(path: string, library = this.defaultLibrary): FakeFile | undefined {
    const wanted = `${library}/${path.replace(/^\/+/, '')}`.toLowerCase();
    for (const [key, file] of this.files) if (key.toLowerCase() === wanted) return file;
    return undefined;
  }

  counters(faultsInjected: Partial<Record<FaultKind, number>>): Counters {
    let versions = 0;
    let duplicateVersions = 0;
    const newestByHash = new Map<string, number>();
    for (const file of this.files.values()) {
      const seen = new Set<string>();
      const content = file.versions.filter((v) => v.source !== 'fields');
      for (const v of content) {
        versions++;
        if (seen.has(v.sha256)) duplicateVersions++;
        seen.add(v.sha256);
      }
      const newest = content[content.length - 1];
      if (newest) newestByHash.set(newest.sha256, (newestByHash.get(newest.sha256) ?? 0) + 1);
    }
    let duplicateFiles = 0;
    for (const n of newestByHash.values()) duplicateFiles += n - 1;
    const mailKeys = new Set<string>();
    let duplicateMails = 0;
    for (const m of this.mails) {
      if (mailKeys.has(m.dedupeKey)) duplicateMails++;
      mailKeys.add(m.dedupeKey);
    }
    return {
      requests: this.requests.filter((r) => r.kind === 'graph' || r.kind === 'upload' || r.kind === 'download').length,
      faultsInjected: Object.fromEntries(Object.entries(faultsInjected).filter(([, n]) => (n ?? 0) > 0)),
      files: this.files.size,
      versions,
      duplicateVersions,
      duplicateFiles,
      mails: this.mails.length,
      duplicateMails,
      links: this.linksCreated,
      tokens: { ...this.tokens },
    };
  }
}
