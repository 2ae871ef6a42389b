// Delivered data as files (issue 15): what the record keeps of each file, the checks an upload meets before a byte of
// it is read, and who may open a delivered file. Pure: the service streams, hashes and stores; these are the rules.
import { z } from 'zod';
import { addDays, endOfLocalDay, toLocalDate } from './calendar';
import { isSensitive, type Classification } from './classification';
import type { Actor } from './directory';
import type { Item } from './decide';
import { entitledToSensitive } from './read-policy';
import type { ProtocolSettings } from './settings';
import { canRead } from './visibility';

/** A SHA-256 in lower-case hex, as the record and the audit chain keep it. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Characters a file name never carries: path separators, control characters (C0, DEL, C1) and bidi overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NAME_BREAKERS = /[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Why `name` cannot be a stored file's name, in Spanish, or undefined. */
export function fileNameProblem(name: string): string | undefined {
  if (name.trim().length === 0) return 'Indique el nombre del archivo.';
  if (name.length > 200) return 'El nombre del archivo es demasiado largo (máximo 200 caracteres).';
  if (NAME_BREAKERS.test(name))
    return 'El nombre del archivo no puede tener barras (/ \\) ni caracteres de control; cámbielo y vuelva a subirlo.';
  if (name === '.' || name === '..' || name.endsWith('.') || name.startsWith(' ') || name.endsWith(' '))
    return 'El nombre del archivo no puede empezar ni terminar con espacios ni terminar en punto.';
  return undefined;
}

export const fileNameSchema = z
  .string({ invalid_type_error: 'el nombre del archivo debe ser texto' })
  .superRefine((s, ctx) => {
    const problem = fileNameProblem(s);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

/** One stored file as the request's record keeps it (and the audit chain binds): name, size, media type, hash. */
export const storedFileSchema = z
  .object({
    id: z.string().uuid('el archivo no es válido'),
    name: fileNameSchema,
    size: z.number().int().positive(),
    mediaType: z.string().min(3).max(200),
    sha256: z.string().regex(SHA256_HEX, 'la huella del archivo no es válida'),
  })
  .strict();
export type StoredFileRecord = z.infer<typeof storedFileSchema>;

export const MEBIBYTE = 1024 * 1024;

/** «250 MB», «1,5 MB», «820 KB»: a size as people read it (Chilean decimal comma). */
export function sizeInWords(bytes: number): string {
  if (bytes >= MEBIBYTE) {
    const mb = bytes / MEBIBYTE;
    return `${(mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10).toString().replace('.', ',')} MB`;
  }
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

/** 262144001 → «262.144.001» (Chilean thousands separator). */
const groupThousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** What someone declares before uploading: checked whole before the service reads the body. */
export interface UploadDeclaration {
  name: string;
  size: number;
  mediaType: string;
}

/**
 * The first reason, by field, why a declared upload is refused before any byte is read: an empty or too large file,
 * a bad name, or a media type the classification does not allow (settings.files). Undefined when it may start.
 */
export function uploadProblem(
  d: UploadDeclaration,
  classification: Classification,
  settings: ProtocolSettings,
): { field: 'nombre' | 'tamano' | 'tipo'; message: string } | undefined {
  const name = fileNameProblem(d.name);
  if (name) return { field: 'nombre', message: name };
  if (!Number.isSafeInteger(d.size) || d.size < 0)
    return { field: 'tamano', message: 'Indique el tamaño del archivo en bytes.' };
  if (d.size === 0) return { field: 'tamano', message: `«${d.name}» está vacío: no hay datos que entregar.` };
  const max = settings.files.maxBytes;
  if (d.size > max) {
    // Rounded, a file just over the limit would read «pesa 250 MB; el máximo es 250 MB»: then say the bytes.
    const [size, limit] =
      sizeInWords(d.size) === sizeInWords(max)
        ? [`${groupThousands(d.size)} bytes`, `${groupThousands(max)} bytes`]
        : [sizeInWords(d.size), sizeInWords(max)];
    return {
      field: 'tamano',
      message: `«${d.name}» pesa ${size}; el máximo es ${limit}. Divídalo o entréguelo por un enlace al sistema municipal.`,
    };
  }
  const allowed = allowedMediaTypes(classification, settings);
  const type = d.mediaType.split(';')[0]!.trim().toLowerCase();
  if (!allowed.includes(type))
    return {
      field: 'tipo',
      message: `Los datos ${classificationWords(classification)} no se entregan como «${type || 'sin tipo'}». Tipos permitidos: ${allowed.join(', ')}.`,
    };
  return undefined;
}

/** The media types a file of this classification may have: the privacy level's own list, else the default one. */
export function allowedMediaTypes(classification: Classification, settings: ProtocolSettings): string[] {
  return settings.files.mediaTypes[classification.privacy] ?? settings.files.mediaTypes.default;
}

const classificationWords = (c: Classification): string =>
  c.privacy === 'sensible' ? 'sensibles' : c.privacy === 'nna' ? 'de niños, niñas y adolescentes' : 'de esta solicitud';

/**
 * On what ground a reader opens a request's delivered files (issue 15): «supervision» for the UGDT, and Control where
 * the read policy lets it read the item's sensitive fields (no expiry: they oversee the exchange); «solicitante» for
 * the requester (until the share expiry, shareExpiresAt); undefined for everyone else. The owner unit holds the data
 * at its source; it sees each file's name, size and hash, and who downloaded it, but does not download its own
 * delivery through the app. A requester who is also the UGDT or Control opens as such.
 */
export function deliveredFilesRight(actor: Actor, item: Item): 'supervision' | 'solicitante' | undefined {
  if (item.kind !== 'solicitud' || !canRead(actor, item)) return undefined;
  if (actor.grants.some((g) => g.role === 'ugdt')) return 'supervision';
  if (
    actor.grants.some((g) => g.role === 'control') &&
    (!isSensitive(item.classification) || entitledToSensitive(actor, item))
  )
    return 'supervision';
  return actor.personId === item.requester.personId ? 'solicitante' : undefined;
}

/** Whether the reader may open a request's delivered files at all (the requester: see shareExpiresAt too). */
export const mayOpenDeliveredFiles = (actor: Actor, item: Item): boolean => !!deliveredFilesRight(actor, item);

/**
 * The end of the requester's access to a file delivered at `deliveredAt`: the end of the day (protocol time zone)
 * shareDaysFor días corridos after the delivery. The SharePoint permission expires then, and the app's download
 * route refuses the requester from then on.
 */
export function shareExpiresAt(deliveredAt: Date, classification: Classification, settings: ProtocolSettings): Date {
  const tz = settings.timeZone;
  return endOfLocalDay(addDays(toLocalDate(deliveredAt, tz), shareDaysFor(classification, settings)), tz);
}

/** The owner unit of a request: its people (their grants name the unit, subrogancias included) and the assignee. */
export function ofOwnerUnit(actor: Actor, item: Item): boolean {
  if (item.kind !== 'solicitud') return false;
  if (item.assignee?.personId === actor.personId) return true;
  return actor.grants.some((g) => g.unitId === item.ownerUnitId);
}

/**
 * Whether the reader sees one access to a delivered file on the timeline: the UGDT and the owner unit see them all
 * (who downloaded what, when, with which hash); anyone else only their own (the downloader, the requester whose
 * access ended).
 */
export function seesFileAccess(actor: Actor, item: Item, access: { personId?: string; actorId: string }): boolean {
  if (actor.grants.some((g) => g.role === 'ugdt')) return true;
  if (ofOwnerUnit(actor, item)) return true;
  return access.personId === actor.personId || access.actorId === actor.personId;
}

/** How long the requester keeps access to a delivered file, in días corridos (settings.files.shareDays). */
export function shareDaysFor(classification: Classification, settings: ProtocolSettings): number {
  return settings.files.shareDays[classification.privacy] ?? settings.files.shareDays.default;
}

/** Whether the requester's SharePoint access to the file is view-only (settings.files.viewOnly) or allows download. */
export const shareRoleFor = (classification: Classification, settings: ProtocolSettings): 'view' | 'download' =>
  settings.files.viewOnly.includes(classification.privacy) ? 'view' : 'download';

/** Whether `href` (an already parsed link) points to a municipal system on the allowed host list (settings). */
export function isAllowedDeliveryLink(href: string, settings: ProtocolSettings): boolean {
  const host = new URL(href).hostname.toLowerCase();
  return settings.files.linkHosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h));
}
