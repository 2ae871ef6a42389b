// Issue 14 §8: the UGDT works in bulk. A batch is only a list of requests and one command: each request is still
// decided on its own (role, state, the rule itself) and gets its own audited transition, so nothing here decides
// who may do what — it says what a batch looks like and how its answer reads.
import { z } from 'zod';
import type { Actor } from '../directory';
import { notFound, type ErrorCode } from '../errors';
import { parseReference } from '../reference';
import { bulkSolicitudCommandSchema, type BulkSolicitudCommand } from './commands';
import { mayIssueOnAnyRequest } from './policy';

/** The verbs of a batch, in the order the tab offers them. */
export const BULK_VERBS = bulkSolicitudCommandSchema.options.map((o) => o.shape.type.value);
export type BulkVerb = BulkSolicitudCommand['type'];

/** At most this many requests per batch: one screen of overdue work, and a bounded request. */
export const MAX_BULK_ITEMS = 100;

const referenceField = z
  .string({ invalid_type_error: 'cada referencia debe ser texto' })
  .trim()
  .toUpperCase()
  .refine((r) => parseReference(r)?.kind === 'solicitud', 'referencia inválida (se espera SOL-AAAA-NNNN)');

/** POST /api/v1/solicitudes/lote: the requests by reference (unique) and the one command for all of them. */
export const bulkRequestSchema = z
  .object({
    referencias: z
      .array(referenceField, { required_error: 'faltan las referencias', invalid_type_error: 'se esperaba una lista' })
      .min(1, 'elija al menos una solicitud')
      .max(MAX_BULK_ITEMS, `máximo ${MAX_BULK_ITEMS} solicitudes por vez`)
      .superRefine((refs, ctx) => {
        const seen = new Set<string>();
        refs.forEach((r, i) => {
          if (seen.has(r)) ctx.addIssue({ code: 'custom', path: [i], message: `${r} está repetida` });
          seen.add(r);
        });
      }),
    comando: bulkSolicitudCommandSchema,
  })
  .strict();
export type BulkRequest = z.infer<typeof bulkRequestSchema>;

/** One request's outcome: its new version, or the same code and Spanish message a single action would give. */
export type BulkOutcome =
  | { referencia: string; ok: true; version: number }
  | { referencia: string; ok: false; codigo: ErrorCode | 'ERROR_INTERNO'; mensaje: string };

export interface BulkAnswer {
  resultados: BulkOutcome[];
  hechas: number;
  fallidas: number;
}

/**
 * The answer for a request that does not exist and for one the caller may not read: the same words, so a batch
 * never tells whether a reference exists (read-policy.ts: who may not read an item learns nothing of it).
 */
export const unseenRequest = (reference: string) => notFound(`${reference} no existe o no puede verla.`);

/**
 * The verbs of a batch `actor` may issue whatever the request (policy.ts mayIssueOnAnyRequest): what the tab offers
 * with its checkboxes and bulk bar. Each request of a batch is still authorised by decide().
 */
export const bulkVerbsOf = (actor: Actor): BulkVerb[] => BULK_VERBS.filter((v) => mayIssueOnAnyRequest(actor, v));
