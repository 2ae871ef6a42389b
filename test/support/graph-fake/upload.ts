import { createHash, randomBytes, type Hash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QuickXorHasher } from './content';
import { identityOf, nameAlreadyExists, preconditions, resourceModified, tagMatches, type DriveService } from './drive';
import { graphError, header, type FakeRequest, type OpContext, type Reply } from './http';
import type { FakeState, UploadRecord } from './state';
import type { Caller } from './token';

/**
 * Upload sessions (createUploadSession and its upload URL), as Graph documents them for SharePoint: fragments in
 * order, each but the last a multiple of 320 KiB and none over 60 MiB, `Content-Range: bytes a-b/total`; 202 with
 * nextExpectedRanges until the last byte, then 201 (new file) or 200 (new version) with the driveItem. GET on the
 * URL gives the status (to resume), DELETE cancels. Each fragment's Content-Range is kept in state.uploads.
 *
 * A session past `spillAboveBytes` keeps its bytes in a file of the fake's spill folder instead of memory (hashed as
 * the fragments arrive), so a 200 MB upload does not grow the test process by 200 MB: the client's memory can be
 * measured in the same process.
 */

/** Every fragment of an upload session but the last must be a multiple of 320 KiB (Graph's rule). */
export const UPLOAD_FRAGMENT_MULTIPLE = 327_680;
/** And no fragment may exceed 60 MiB. */
export const UPLOAD_FRAGMENT_MAX = 60 * 1024 * 1024;

interface UploadSession {
  id: string;
  tempauth: string;
  driveId: string;
  path: string;
  /** Set when the session was made for an existing item by id (then conflicts cannot arise). */
  itemId?: string;
  byPath: boolean;
  conflictBehavior: string;
  ifMatch?: string;
  fileSize?: number;
  total?: number;
  received: Buffer[];
  receivedBytes: number;
  /** Set once the session's bytes went to disk. */
  spill?: { path: string; sha256: Hash; quickXor: QuickXorHasher };
  expiresAt: number;
  record: UploadRecord;
  caller: Caller;
}

export interface UploadOptions {
  uploadSessionTtlMs: number;
  now: () => number;
  /** Sessions larger than this keep their bytes on disk, in `spillDir()`. */
  spillAboveBytes: number;
  spillDir: () => string;
}

export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();
  /** Origin of upload URLs (https://localhost:PORT), set by the server once it listens. */
  origin = '';

  constructor(
    private readonly drives: DriveService,
    private readonly opts: UploadOptions,
    private readonly state: FakeState,
  ) {}

  /** createUploadSession: a session for the addressed item (by path it may not exist yet). */
  create(ctx: OpContext): Reply {
    const t = this.drives.target(ctx, true);
    if ('error' in t) return t.error;
    const { item } = t;
    if (item?.kind === 'folder') return graphError(400, 'invalidRequest', 'Cannot upload content to a folder.');
    const body = (ctx.json ?? {}) as { item?: Record<string, unknown>; deferCommit?: unknown };
    if (body.deferCommit === true) {
      return graphError(501, 'notSupported', 'deferCommit is not modelled by the Graph fake.');
    }
    const props = body.item ?? {};
    const behavior = String(props['@microsoft.graph.conflictBehavior'] ?? 'replace');
    if (!['fail', 'replace', 'rename'].includes(behavior)) {
      return graphError(400, 'invalidRequest', `Invalid value '${behavior}' for @microsoft.graph.conflictBehavior.`);
    }
    const failed = preconditions(ctx.req, item);
    if (failed) return failed;
    if (item && ctx.addressed && behavior === 'fail') return nameAlreadyExists();
    if (!item) {
      const invalid = this.drives.invalidPath(t.drive, t.path);
      if (invalid) return invalid;
    }
    const id = randomBytes(24).toString('base64url');
    const record: UploadRecord = { sessionId: id, driveId: t.drive.id, path: t.path, chunks: [], status: 'open' };
    const session: UploadSession = {
      id,
      tempauth: randomBytes(32).toString('base64url'),
      driveId: t.drive.id,
      path: t.path,
      itemId: ctx.addressed ? undefined : item?.itemId,
      byPath: !!ctx.addressed,
      conflictBehavior: behavior,
      ifMatch: header(ctx.req, 'if-match'),
      fileSize: typeof props.fileSize === 'number' ? props.fileSize : undefined,
      received: [],
      receivedBytes: 0,
      expiresAt: this.opts.now() + this.opts.uploadSessionTtlMs,
      record,
      caller: ctx.caller,
    };
    this.sessions.set(id, session);
    this.state.uploads.push(record);
    return {
      status: 200,
      body: {
        uploadUrl: `${this.origin}/upload/${id}?tempauth=${session.tempauth}`,
        expirationDateTime: new Date(session.expiresAt).toISOString(),
        nextExpectedRanges: ['0-'],
      },
    };
  }

  /**
   * The upload URL (PUT a fragment, GET the status, DELETE to cancel). It carries its own credential (tempauth in
   * the query, as SharePoint's do); an Authorization header is refused with 401, as Graph's documentation warns.
   * Returns the schema the answer must satisfy, for the fake's self-check.
   */
  handle(req: FakeRequest): { reply: Reply; schema?: string } {
    const id = decodeURIComponent(req.url.pathname.split('/')[2] ?? '');
    const session = this.sessions.get(id);
    const chunk = (status: number) =>
      session?.record.chunks.push({
        contentRange: header(req, 'content-range'),
        contentLength: header(req, 'content-length') ? Number(header(req, 'content-length')) : undefined,
        status,
        at: new Date(this.opts.now()).toISOString(),
      });
    const fail = (reply: Reply) => {
      if (req.method === 'PUT') chunk(reply.status);
      return { reply };
    };
    if (header(req, 'authorization')) {
      return fail(
        graphError(
          401,
          'unauthenticated',
          'An Authorization header is not accepted by the upload URL: the URL carries its own credential. Send fragments without it.',
        ),
      );
    }
    if (!session || session.record.status !== 'open') {
      return fail(graphError(404, 'itemNotFound', 'The upload session was not found, or it has already completed.'));
    }
    if (req.url.searchParams.get('tempauth') !== session.tempauth) {
      return fail(graphError(401, 'unauthenticated', 'The upload URL credential (tempauth) is missing or invalid.'));
    }
    if (session.expiresAt <= this.opts.now()) {
      session.record.status = 'failed';
      return fail(graphError(404, 'itemNotFound', 'The upload session has expired.'));
    }
    if (req.method === 'GET') {
      return { reply: { status: 200, body: this.sessionStatus(session) }, schema: 'microsoft.graph.uploadSession' };
    }
    if (req.method === 'DELETE') {
      session.record.status = 'cancelled';
      this.sessions.delete(session.id);
      return { reply: { status: 204 } };
    }
    if (req.method !== 'PUT')
      return { reply: graphError(405, 'invalidRequest', 'The upload URL takes PUT, GET or DELETE.') };

    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header(req, 'content-range') ?? '');
    if (!range) {
      return fail(
        graphError(400, 'invalidRequest', "The Content-Range header is missing or malformed ('bytes a-b/total')."),
      );
    }
    const [from, to, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    const length = to - from + 1;
    const declared = header(req, 'content-length');
    if (declared === undefined || Number(declared) !== req.body.length || length !== req.body.length) {
      return fail(
        graphError(
          400,
          'invalidRequest',
          `Content-Length (${declared ?? 'none'}) must equal the Content-Range length (${length}) and the body.`,
        ),
      );
    }
    if (to < from || to >= total)
      return fail(graphError(400, 'invalidRange', 'The Content-Range is not a valid byte range.'));
    if ((session.total ?? session.fileSize ?? total) !== total) {
      return fail(graphError(400, 'invalidRange', 'The total size in Content-Range differs from the session’s.'));
    }
    if (length > UPLOAD_FRAGMENT_MAX) {
      return fail(graphError(400, 'invalidRange', 'A fragment may not exceed 60 MiB (62,914,560 bytes).'));
    }
    const last = to + 1 === total;
    if (!last && length % UPLOAD_FRAGMENT_MULTIPLE !== 0) {
      return fail(
        graphError(
          400,
          'invalidRange',
          'The fragment size must be a multiple of 320 KiB (327,680 bytes), except for the last fragment.',
        ),
      );
    }
    if (from !== session.receivedBytes) {
      // A fragment already received (its answer lost) or one that skips bytes: the client must ask for the status.
      return fail(
        graphError(
          416,
          'invalidRange',
          `The fragment does not start at the next expected byte (${session.receivedBytes}).`,
        ),
      );
    }
    session.total = total;
    session.record.total = total;
    this.keep(session, req.body);
    session.receivedBytes += length;
    // Each fragment extends the session, as Graph documents.
    session.expiresAt = this.opts.now() + this.opts.uploadSessionTtlMs;
    if (!last) {
      chunk(202);
      return { reply: { status: 202, body: this.sessionStatus(session) }, schema: 'microsoft.graph.uploadSession' };
    }
    const reply = this.commit(session);
    chunk(reply.status);
    return { reply, schema: reply.status < 300 ? 'microsoft.graph.driveItem' : undefined };
  }

  /** Keeps a fragment in memory, or on disk once the session is past spillAboveBytes. */
  private keep(session: UploadSession, fragment: Buffer): void {
    if (!session.spill && session.receivedBytes + fragment.length > this.opts.spillAboveBytes) {
      const spill = {
        path: join(this.opts.spillDir(), `${session.id}.bin`),
        sha256: createHash('sha256'),
        quickXor: new QuickXorHasher(),
      };
      writeFileSync(spill.path, '');
      for (const kept of session.received) this.append(spill, kept);
      session.received = [];
      session.spill = spill;
    }
    if (session.spill) this.append(session.spill, fragment);
    else session.received.push(Buffer.from(fragment));
  }

  private append(spill: NonNullable<UploadSession['spill']>, bytes: Buffer): void {
    appendFileSync(spill.path, bytes);
    spill.sha256.update(bytes);
    spill.quickXor.update(bytes);
  }

  private sessionStatus(session: UploadSession): Record<string, unknown> {
    return {
      expirationDateTime: new Date(session.expiresAt).toISOString(),
      nextExpectedRanges: [`${session.receivedBytes}-${session.total ? session.total - 1 : ''}`],
    };
  }

  /** The last byte arrived: the file appears (conflict behaviour and If-Match apply now). */
  private commit(session: UploadSession): Reply {
    this.sessions.delete(session.id);
    const drive = this.drives.drive(session.driveId)!;
    let item = session.itemId ? this.drives.itemById(session.itemId) : this.drives.lookup(drive, session.path);
    let path = item?.path ?? session.path;
    if (session.ifMatch && (!item || item.kind !== 'file' || !tagMatches(session.ifMatch, item))) {
      session.record.status = 'failed';
      return resourceModified();
    }
    if (item && session.byPath && session.conflictBehavior === 'fail') {
      session.record.status = 'failed';
      return nameAlreadyExists();
    }
    if (item && session.byPath && session.conflictBehavior === 'rename') {
      path = this.drives.freePath(drive, path);
      item = undefined;
    }
    const content = session.spill
      ? {
          path: session.spill.path,
          size: session.receivedBytes,
          sha256: session.spill.sha256.digest('hex'),
          quickXorHash: session.spill.quickXor.digest(),
        }
      : Buffer.concat(session.received);
    const by = identityOf(session.caller);
    session.record.status = 'completed';
    if (item && item.kind === 'file') {
      this.drives.addVersion(item, content, by, 'upload-session');
      return { status: 200, body: this.drives.driveItemJson(item) };
    }
    const created = this.drives.createFile(drive, path, content, by, 'upload-session');
    if ('error' in created) {
      session.record.status = 'failed';
      return created.error;
    }
    return { status: 201, body: this.drives.driveItemJson(created) };
  }
}
