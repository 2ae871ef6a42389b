import type { Actor, Directory, Grant } from './directory';
import type { HolidayCalendar } from './calendar';
import type { ProtocolSettings } from './settings';
import type { Role } from './roles';
import { forbidden } from './errors';

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
