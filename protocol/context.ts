import type { Actor, Directory, Grant } from './directory';
import type { HolidayCalendar } from './calendar';
import type { ProtocolSettings } from './settings';
import type { Role } from './roles';
import { forbidden, invalid } from './errors';
import { linkProblem } from './fields';

/** Everything decide() needs besides the state and the command. Time comes in as a value. */
export interface DecideContext {
  actor: Actor;
  now: Date;
  calendar: HolidayCalendar;
  settings: ProtocolSettings;
  directory: Directory;
}

/** The first grant that satisfies `test`, or a Spanish refusal naming what was missing. */
export function requireGrant(actor: Actor, test: (g: Grant) => boolean, needed: string): Grant {
  const grant = actor.grants.find((g) => !g.delegated && test(g)) ?? actor.grants.find(test);
  if (!grant) throw forbidden(`Solo ${needed} puede realizar esta acción.`);
  return grant;
}

export const hasRole = (r: Role) => (g: Grant) => g.role === r;
export const isPerson = (personId: string) => (g: Grant) => g.role === 'funcionario' && g.holder.personId === personId;
export const isResponsable = (unitId: string) => (g: Grant) => g.role === 'responsable_unidad' && g.unitId === unitId;

/**
 * The links a person typed, by field path: a delivery's link, a request's attachments, a convenio document's address.
 * (registrar_documento carries the store's own address and is not a person's input.)
 */
function typedLinks(command: unknown): [string, string][] {
  if (typeof command !== 'object' || command === null) return [];
  const c = command as { type?: unknown; link?: unknown; url?: unknown; input?: { attachments?: unknown } };
  const out: [string, string][] = [];
  if (c.type === 'entregar' && typeof c.link === 'string') out.push(['link', c.link]);
  if ((c.type === 'registrar_borrador' || c.type === 'subir_firmado_fea') && typeof c.url === 'string')
    out.push(['url', c.url]);
  const attachments = c.input?.attachments;
  if (Array.isArray(attachments))
    attachments.forEach((a: { url?: unknown }, i) => {
      if (typeof a?.url === 'string') out.push([`attachments.${i}.url`, a.url]);
    });
  return out;
}

/** The schemas accept https: and http:; http: only where the service allows it (local mode: settings.allowHttpLinks). */
export function requireAllowedLinks(command: unknown, settings: ProtocolSettings): void {
  for (const [path, link] of typedLinks(command)) {
    const problem = linkProblem(link, settings.allowHttpLinks);
    if (problem) throw invalid(problem.charAt(0).toUpperCase() + problem.slice(1), { [path]: problem });
  }
}
