import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

/** The SHA-256 of a file on disk, read as a stream (a 250 MB upload never sits in memory). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A stored file whose bytes are not the ones recorded: never handed out as if they were. */
export class StoredFileMismatch extends Error {
  constructor(
    readonly expected: { sha256: string; size: number },
    readonly found: { sha256: string; size: number },
  ) {
    super(
      `el archivo guardado no coincide con el registrado: ${found.size} bytes y huella ${found.sha256}, ` +
        `se registraron ${expected.size} bytes y ${expected.sha256}`,
    );
  }
}

/**
 * Passes the stored bytes through while hashing them, and holds back the last piece read until the end: only when
 * size and SHA-256 match the record does it go out. A file changed on disk (or in the library) thus never reaches
 * the reader whole: the answer breaks off short of its Content-Length and the error says why.
 */
export class VerifyingStream extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private held?: Buffer;

  constructor(private readonly expected: { sha256: string; size: number }) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    const out = this.held;
    this.held = chunk;
    if (this.bytes > this.expected.size) done(this.mismatch('(más largo de lo registrado)'));
    else done(null, out);
  }

  override _flush(done: TransformCallback): void {
    const sha256 = this.hash.digest('hex');
    if (sha256 !== this.expected.sha256 || this.bytes !== this.expected.size) done(this.mismatch(sha256));
    else done(null, this.held);
  }

  private mismatch(sha256: string): StoredFileMismatch {
    return new StoredFileMismatch(this.expected, { sha256, size: this.bytes });
  }
}

/** Counts the bytes of a request body on their way to disk (and hashes them, when given a hash); stops past `limit`. */
export class ByteCounter extends Transform {
  bytes = 0;

  constructor(
    private readonly limit: number,
    private readonly hash?: Hash,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(new Error(`el cuerpo supera los ${this.limit} bytes declarados`));
    this.hash?.update(chunk);
    done(null, chunk);
  }
}
