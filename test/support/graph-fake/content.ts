// What SharePoint derives from a file's name and bytes: its MIME type, the letter of its sharing URLs, QuickXorHash.

/** The letter SharePoint puts in sharing URLs by file kind (/:b:/ for PDF, /:w:/ Word, /:x:/ Excel…). */
export function linkLetter(name: string): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  if (ext === 'pdf') return 'b';
  if (['doc', 'docx'].includes(ext)) return 'w';
  if (['xls', 'xlsx', 'csv'].includes(ext)) return 'x';
  if (['ppt', 'pptx'].includes(ext)) return 'p';
  if (['txt', 'md', 'json', 'xml'].includes(ext)) return 't';
  if (['png', 'jpg', 'jpeg', 'gif'].includes(ext)) return 'i';
  return 'u';
}

const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  zip: 'application/zip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  eml: 'message/rfc822',
};

/** SharePoint derives mimeType from the extension; the request's Content-Type does not matter. */
export function mimeType(name: string): string {
  return MIME_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/**
 * QuickXorHash, the only content hash SharePoint reports (file.hashes.quickXorHash): bytes are XORed into a 160-bit
 * ring at 11-bit steps, then the length (64-bit little-endian) is XORed into the last 8 bytes; base64.
 */
export function quickXorHash(data: Uint8Array): string {
  return new QuickXorHasher().update(data).digest();
}

/** The same, fed piece by piece (upload fragments of a file kept on disk). */
export class QuickXorHasher {
  private readonly ring = new Uint8Array(20);
  private length = 0;

  update(data: Uint8Array): this {
    const ring = this.ring;
    for (let i = 0; i < data.length; i++) {
      const bit = ((this.length + i) * 11) % 160;
      const at = bit >> 3;
      const shifted = data[i]! << (bit & 7);
      ring[at]! ^= shifted & 0xff;
      ring[(at + 1) % 20]! ^= shifted >> 8;
    }
    this.length += data.length;
    return this;
  }

  digest(): string {
    const ring = Uint8Array.from(this.ring);
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(this.length));
    for (let i = 0; i < 8; i++) ring[12 + i]! ^= length[i]!;
    return Buffer.from(ring).toString('base64');
  }
}
