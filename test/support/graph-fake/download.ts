import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { DriveService } from './drive';
import { graphError, header, type FakeRequest, type OpContext, type Reply } from './http';
import type { FakeFile, FakeState, FileVersion } from './state';

/**
 * Downloads, as Graph documents them on "Download driveItem content": GET …/content answers 302 Found with a
 * pre-authenticated download URL in Location (the same URL as the item's @microsoft.graph.downloadUrl), valid for a
 * few minutes, that "doesn't require an Authorization header". Here the URL points to https://localhost:PORT/download
 * (another host than Graph's, as SharePoint's are) and serves the newest version's bytes, streamed from disk when the
 * version is kept there.
 *
 * Stricter than the service: the download URL refuses an Authorization header (401), so a client that would carry
 * the app's Graph token to the SharePoint host fails here rather than leak it there.
 */
export const DOWNLOAD_URL_TTL_MS = 5 * 60_000;

interface Ticket {
  file: FakeFile;
  version: FileVersion;
  expiresAt: number;
}

export class Downloads {
  private readonly tickets = new Map<string, Ticket>();
  /** Origin of download URLs (https://localhost:PORT), set by the server once it listens. */
  origin = '';

  constructor(
    private readonly drives: DriveService,
    private readonly state: FakeState,
    private readonly now: () => number,
  ) {}

  /** GET …/content: 302 to a fresh download URL for the newest version (a folder has no content: 404). */
  redirect(ctx: OpContext): Reply {
    const t = this.drives.target(ctx, false);
    if ('error' in t) return t.error;
    if (t.item!.kind !== 'file') return graphError(404, 'itemNotFound', 'The item has no content stream (a folder).');
    const file = t.item!;
    const token = randomBytes(24).toString('base64url');
    this.tickets.set(token, {
      file,
      version: file.versions[file.versions.length - 1]!,
      expiresAt: this.now() + DOWNLOAD_URL_TTL_MS,
    });
    return { status: 302, headers: { location: `${this.origin}/download/${token}` } };
  }

  /** The download URL itself (GET only). */
  handle(req: FakeRequest): Reply {
    if (req.method !== 'GET') return graphError(405, 'invalidRequest', 'A download URL takes GET.');
    if (header(req, 'authorization')) {
      return graphError(401, 'unauthenticated', 'The download URL is pre-authenticated: send it no Authorization.');
    }
    const token = decodeURIComponent(req.url.pathname.split('/')[2] ?? '');
    const ticket = this.tickets.get(token);
    if (!ticket || ticket.expiresAt <= this.now()) {
      return graphError(404, 'itemNotFound', 'The download URL has expired or does not exist.');
    }
    const { version, file } = ticket;
    this.state.downloads.push({ itemId: file.itemId, bytes: version.size, at: new Date(this.now()).toISOString() });
    const path = version.path;
    return {
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
      stream: {
        length: version.size,
        open: () => (path ? createReadStream(path, { highWaterMark: 1024 * 1024 }) : Readable.from([version.content])),
      },
    };
  }
}
