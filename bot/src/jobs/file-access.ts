// Issue 15, in the jobs loop: the requester's access to delivered files is given in the store (what the delivery's
// own attempt left pending) and removed at its expiry, with the end recorded on the request's timeline; uploads
// abandoned halfway lose their temporary file. Everything due is read from the database (file_grants,
// file_uploads), so a restart, or another instance, picks up where the last run stopped.
import { rm } from 'node:fs/promises';
import { IDLE_UPLOAD_MS, type FileService } from '../files/file-service';
import { runGrantStep } from '../files/grants';

export interface FileAccessRun {
  /** Accesses given in the store. */
  granted: number;
  /** Accesses ended at their expiry (permission removed when there was one, end recorded). */
  expired: number;
  /** Uploads abandoned halfway and discarded. */
  abandoned: number;
}

export async function runFileAccess(files: FileService): Promise<FileAccessRun> {
  const granted = await runGrantStep(files, 'give');
  const expired = await runGrantStep(files, 'expire');
  let abandoned = 0;
  const since = new Date(files.now().getTime() - IDLE_UPLOAD_MS);
  for (const u of await files.files.idleUploads(since)) {
    if (!(await files.files.discard(u.id, files.now(), since))) continue;
    await rm(files.tempPath(u.id), { force: true });
    abandoned++;
  }
  return { granted, expired, abandoned };
}
