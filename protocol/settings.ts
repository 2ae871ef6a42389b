import { z } from 'zod';
import { periodSchema, type Period } from './calendar';

/** Default periods, configurable per unit (Ley 19.880 arts. 24–26). */
export const unitPeriodsSchema = z.object({
  /** Acknowledge receipt: 2 días hábiles (art. 24: 48 h for procedural steps). */
  acknowledge: periodSchema,
  /** Answer (deliver, give a wait time or say it is not available): 10 días hábiles. */
  answer: periodSchema,
});
export type UnitPeriods = z.infer<typeof unitPeriodsSchema>;

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
      /** Notice before the end of vigencia, in días corridos. */
      expiryNoticeDays: z.number().int().min(1).max(365).default(60),
      /** Order of signatures: in the listed order, or in any order. */
      signatureOrder: z.enum(['secuencial', 'paralelo']).default('secuencial'),
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
  /** Links people type (deliveries, attachments, documents) may use http:// — local mode only; https:// otherwise. */
  allowHttpLinks: z.boolean().default(false),
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
