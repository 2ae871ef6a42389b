import type { ZodError, ZodTypeAny, z } from 'zod';
import { requireAllowedLinks, type DecideContext } from './context';
import type { Decision } from './effects';
import { DomainError, invalid, isDomainError } from './errors';
import './zod-spanish';
import type { ItemKind } from './reference';
import {
  convenioCommandSchema,
  createConvenioSchema,
  type ConvenioCommand,
  type CreateConvenio,
} from './convenio/commands';
import { decideConvenio, decideCreateConvenio } from './convenio/decide';
import type { Convenio } from './convenio/state';
import {
  createSolicitudSchema,
  solicitudCommandSchema,
  type CreateSolicitud,
  type SolicitudCommand,
} from './solicitud/commands';
import { decideCreateSolicitud, decideSolicitud } from './solicitud/decide';
import type { Solicitud } from './solicitud/state';

export type Item = Solicitud | Convenio;
export type Command = SolicitudCommand | ConvenioCommand;
export type CreateInput = { kind: 'solicitud'; input: CreateSolicitud } | { kind: 'convenio'; input: CreateConvenio };

/** Turns zod issues into a Spanish message naming every field, and a path → message map for forms. */
export function fromZod(error: ZodError, prefix = 'Datos inválidos', opts: { topLevel?: boolean } = {}): DomainError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    // Unknown keys are named one by one; query-string filters are named by their parameter, not by list index.
    const keys =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => [...issue.path, k].join('.'))
        : [(opts.topLevel ? issue.path.slice(0, 1) : issue.path).join('.') || '(cuerpo)'];
    const message = issue.code === 'unrecognized_keys' ? 'campo no permitido' : issue.message;
    for (const key of keys) if (!fields[key]) fields[key] = message;
  }
  const list = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  return invalid(`${prefix}: ${list}.`, fields);
}

function parseWith<S extends ZodTypeAny>(schema: S, raw: unknown, prefix: string): z.infer<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw fromZod(r.error, prefix);
  return r.data;
}

export const parseCreate = (kind: ItemKind, raw: unknown): CreateInput =>
  kind === 'solicitud'
    ? { kind, input: parseWith(createSolicitudSchema, raw, 'Solicitud inválida') }
    : { kind, input: parseWith(createConvenioSchema, raw, 'Convenio inválido') };

export function parseCommand(kind: ItemKind, raw: unknown): Command {
  const schema = kind === 'solicitud' ? solicitudCommandSchema : convenioCommandSchema;
  if (typeof raw !== 'object' || raw === null || typeof (raw as { type?: unknown }).type !== 'string')
    throw invalid('Falta la acción (type).', { type: 'requerido' });
  const verb = (raw as { type: string }).type;
  if (!schema.optionsMap.has(verb)) throw invalid(`Acción desconocida: «${verb}».`, { type: 'acción desconocida' });
  return parseWith(schema, raw, 'Acción inválida');
}

/**
 * The protocol in one call: the next state and the effects to carry out, or the domain error. No I/O; `ctx.now` is
 * the only clock. Creation takes `null` as state and needs the id and reference the store reserved.
 */
export function decide(
  state: Item | null,
  command: Command | CreateInput,
  ctx: DecideContext,
  ids?: { id: string; reference: string },
): Decision<Item> | DomainError {
  try {
    requireAllowedLinks(command, ctx.settings);
    if (state === null) {
      const create = command as CreateInput;
      if (!ids) throw new Error('decide: falta id y referencia para crear');
      return create.kind === 'solicitud'
        ? decideCreateSolicitud(create.input, ids, ctx)
        : decideCreateConvenio(create.input, ids, ctx);
    }
    return state.kind === 'solicitud'
      ? decideSolicitud(state, command as SolicitudCommand, ctx)
      : decideConvenio(state, command as ConvenioCommand, ctx);
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
}
