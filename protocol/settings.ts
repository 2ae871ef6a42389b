import { z } from 'zod';
import { formatDate, localDateSchema, periodSchema, type Period } from './calendar';

/** Default periods, configurable per unit (Ley 19.880 arts. 24–26). */
export const unitPeriodsSchema = z.object({
  /** Acknowledge receipt: 2 días hábiles (art. 24: 48 h for procedural steps). */
  acknowledge: periodSchema,
  /** Answer (deliver, give a wait time or say it is not available): 10 días hábiles. */
  answer: periodSchema,
});
export type UnitPeriods = z.infer<typeof unitPeriodsSchema>;

/** Formats data are delivered in (protocol/labels.ts FORMAT_LABELS): tables, geodata, documents. */
const DATA_MEDIA_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/json',
  'application/geo+json',
  'application/pdf',
  'text/plain',
  'application/xml',
  'application/vnd.oasis.opendocument.spreadsheet',
] as const;
/** A shapefile travels as a .zip of its parts. */
const ARCHIVE_MEDIA_TYPES = ['application/zip'] as const;

export const protocolSettingsSchema = z.object({
  timeZone: z.string().default('America/Santiago'),
  defaults: unitPeriodsSchema.default({
    acknowledge: { amount: 2, unit: 'habiles' },
    answer: { amount: 10, unit: 'habiles' },
  }),
  perUnit: z.record(z.string(), unitPeriodsSchema.partial()).default({}),
  /** Working days before a deadline when the reminder goes out. */
  reminderDaysBefore: z.number().int().min(0).max(10).default(1),
  convenio: z
    .object({
      /** §4b periodic evaluation, in months. */
      evaluationEveryMonths: z.number().int().min(1).max(36).default(6),
      /**
       * Notices before the end of vigencia, in días corridos: one per lead time. A single number (the former
       * setting) is still accepted and read as a list of one.
       */
      expiryNoticeDays: z
        .preprocess((v) => (typeof v === 'number' ? [v] : v), z.array(z.number().int().min(1).max(365)).min(1).max(6))
        .default([60, 15]),
      /** Order of signatures: in the listed order, or in any order. */
      signatureOrder: z.enum(['secuencial', 'paralelo']).default('secuencial'),
      /** Días hábiles after the end of the vigencia to delete or return the data and record it (vencido → terminado). */
      terminationDays: z.number().int().min(1).max(120).default(30),
      /**
       * Period of each step before vigencia (rule 3). The law leaves them to the municipality; the defaults follow
       * Ley 19.880 art. 24 where it fits (informes y dictámenes: 10 días → visación) — see docs/configuracion.md.
       */
      stepPeriods: z
        .object({
          evaluacion: periodSchema.default({ amount: 15, unit: 'habiles' }),
          visacion: periodSchema.default({ amount: 10, unit: 'habiles' }),
          firma: periodSchema.default({ amount: 5, unit: 'habiles' }),
          decreto: periodSchema.default({ amount: 10, unit: 'habiles' }),
        })
        .default({}),
    })
    .default({}),
  /**
   * Delivered and attached files (issue 15). The limit is checked on what is declared, before a byte is read; the
   * media types are per privacy level, else `default`. Municipal choices, not a law's: sensitive data (as Ley 19.628
   * art. 2 defines them) and children's data get the narrowest list by default.
   */
  files: z
    .object({
      maxBytes: z
        .number()
        .int()
        .min(1)
        .max(20 * 1024 ** 3)
        .default(250 * 1024 * 1024),
      mediaTypes: z
        .object({ default: z.array(z.string().min(3).max(200)).min(1) })
        .catchall(z.array(z.string().min(3).max(200)).min(1))
        .default({
          default: [...DATA_MEDIA_TYPES, ...ARCHIVE_MEDIA_TYPES],
          // No archives for sensitive data or children's data: what travels is what the record names and hashes.
          sensible: [...DATA_MEDIA_TYPES],
          nna: [...DATA_MEDIA_TYPES],
        }),
      /**
       * Días corridos the requester keeps access to a delivered file (the SharePoint sharing link's expiry; in local
       * mode the app's own download route applies the same date), per privacy level, else `default`.
       */
      shareDays: z
        .object({ default: z.number().int().min(1).max(3650) })
        .catchall(z.number().int().min(1).max(3650))
        .default({ default: 90, personal: 60, sensible: 30, nna: 30 }),
      /**
       * Hosts of the municipal systems a delivery may point to when the data cannot leave them (issue 15): an exact
       * host, or `*.` and a domain for its subdomains. Any other link is refused.
       */
      linkHosts: z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'un servidor como sig.quillota.cl o *.quillota.cl'),
        )
        .default(['quillota.sharepoint.com', 'quillota.cl', '*.quillota.cl']),
      /** Privacy levels whose files are shared view-only (no download) with the requester in SharePoint. */
      viewOnly: z.array(z.enum(['no_personal', 'personal', 'sensible', 'nna'])).default(['sensible', 'nna']),
    })
    .default({}),
  /** Links people type (deliveries, attachments, documents) may use http:// — local mode only; https:// otherwise. */
  allowHttpLinks: z.boolean().default(false),
  solicitud: z
    .object({
      /**
       * Días hábiles a delivered request waits for the requester's conformity or observation before the system
       * closes it by silence. No law fixes it (municipal choice); the default mirrors the answer period.
       */
      silenceCloseDays: z.number().int().min(1).max(60).default(10),
    })
    .default({}),
  /**
   * Protocol §6: "Este documento es aprobado por el Alcalde … mediante dictamen de Decreto Alcaldicio, teniendo
   * vigencia desde fecha de emisión de Decreto". The decree that approves the protocol itself (not a convenio's).
   */
  protocolDecree: z
    .object({ number: z.string().trim().min(1).max(50), date: localDateSchema })
    .strict()
    .optional(),
});
export type ProtocolSettings = z.infer<typeof protocolSettingsSchema>;

export const DEFAULT_SETTINGS: ProtocolSettings = protocolSettingsSchema.parse({});

export function periodsFor(settings: ProtocolSettings, unitId: string): { acknowledge: Period; answer: Period } {
  const own = settings.perUnit[unitId] ?? {};
  return {
    acknowledge: own.acknowledge ?? settings.defaults.acknowledge,
    answer: own.answer ?? settings.defaults.answer,
  };
}

/** How generated documents cite the protocol (§6): with its approving decree, or saying it is still to be recorded. */
export function protocolCitation(settings: Pick<ProtocolSettings, 'protocolDecree'>): string {
  const d = settings.protocolDecree;
  return d
    ? `Protocolo para Intercambio de Datos, aprobado por Decreto Alcaldicio N° ${d.number} de ${formatDate(d.date)}`
    : 'Protocolo para Intercambio de Datos, aprobado por Decreto Alcaldicio (número por registrar)';
}
