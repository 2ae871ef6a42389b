import { z } from 'zod';
import { ROLES, type Role } from './roles';
import type { LocalDate } from './calendar';
import { localDateField, safeString } from './fields';

/** A name as it comes from the directory file or Entra: one clean line (no control characters, no line breaks). */
const name = (max = 300) => safeString({ max, min: 2 });

/** The municipal directory: units, people, the roles they hold and their delegations (subrogancia). */
export const unitSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/, 'identificador de unidad en minúsculas'),
  name: name(),
  shortName: name(100),
  parentId: z.string().optional(),
  email: z.string().email().optional(),
});
export type Unit = z.infer<typeof unitSchema>;

export const roleAssignmentSchema = z.object({
  role: z.enum(ROLES),
  /** Required for responsable_unidad; ignored otherwise. */
  unitId: z.string().optional(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const personSchema = z.object({
  id: safeString({ max: 200, min: 1 }),
  name: name(),
  email: z.string().email(),
  /** Entra ID object id; in local mode the Agents Playground mock user's id. */
  aadObjectId: z.string().optional(),
  unitId: z.string(),
  position: safeString({ max: 300 }).optional(),
  roles: z.array(roleAssignmentSchema).default([]),
});
export type Person = z.infer<typeof personSchema>;

const localDate = localDateField('la fecha');

export const delegationSchema = z.object({
  /** The holder who is away. */
  principalId: z.string(),
  /** The acting official (subrogante). */
  delegateId: z.string(),
  from: localDate,
  to: localDate,
  /** Restricts the delegation to some roles; all of the principal's roles when absent. */
  roles: z.array(z.enum(ROLES)).optional(),
  /** Decreto or resolución that appoints the subrogante. */
  act: safeString({ max: 500 }).optional(),
});
export type Delegation = z.infer<typeof delegationSchema>;

/**
 * A delegation of the power to sign convenios for the municipality, granted by Decreto Alcaldicio (Ley 18.575
 * art. 41 "delegación de firma"; Ley 18.695 art. 63 letra j). Not a subrogancia: the delegate signs "por orden del
 * Alcalde" within the scope and dates of the decree.
 */
export const signingDelegationSchema = z
  .object({
    id: safeString({ max: 100, min: 1 }),
    /** The official who may sign. */
    delegateId: z.string(),
    decree: z.object({ number: safeString({ max: 50, min: 1 }), date: localDate }),
    /** Every convenio, or only the named ones (reference CONV-… or id). */
    scope: z.union([z.literal('todos'), z.object({ convenios: z.array(safeString({ max: 200, min: 1 })).min(1) })]),
    from: localDate,
    /** Open-ended when absent. */
    to: localDate.optional(),
  })
  .strict();
export type SigningDelegation = z.infer<typeof signingDelegationSchema>;

export const directorySchema = z
  .object({
    units: z.array(unitSchema).min(1),
    people: z.array(personSchema),
    delegations: z.array(delegationSchema).default([]),
    signingDelegations: z.array(signingDelegationSchema).default([]),
  })
  .superRefine((d, ctx) => {
    const units = new Set<string>();
    d.units.forEach((u, i) => {
      if (units.has(u.id))
        ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `unidad repetida: ${u.id}` });
      units.add(u.id);
    });
    d.units.forEach((u, i) => {
      if (u.parentId && !units.has(u.parentId))
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'parentId'],
          message: `unidad superior desconocida: ${u.parentId}`,
        });
    });
    const people = new Set<string>();
    const aad = new Set<string>();
    d.people.forEach((p, i) => {
      if (people.has(p.id))
        ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `persona repetida: ${p.id}` });
      people.add(p.id);
      // The bot finds people by their Entra object id: two people with one id would act as each other.
      if (p.aadObjectId) {
        const key = p.aadObjectId.toLowerCase();
        if (aad.has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['people', i, 'aadObjectId'],
            message: `aadObjectId repetido: ${p.aadObjectId}`,
          });
        aad.add(key);
      }
      if (!units.has(p.unitId))
        ctx.addIssue({ code: 'custom', path: ['people', i, 'unitId'], message: `unidad desconocida: ${p.unitId}` });
      p.roles.forEach((r, j) => {
        if (r.role === 'responsable_unidad' && (!r.unitId || !units.has(r.unitId)))
          ctx.addIssue({
            code: 'custom',
            path: ['people', i, 'roles', j, 'unitId'],
            message: 'responsable_unidad necesita una unidad existente',
          });
      });
    });
    d.delegations.forEach((g, i) => {
      if (!people.has(g.principalId) || !people.has(g.delegateId))
        ctx.addIssue({ code: 'custom', path: ['delegations', i], message: 'subrogancia con persona desconocida' });
      if (g.from > g.to) ctx.addIssue({ code: 'custom', path: ['delegations', i], message: 'período invertido' });
      if (g.principalId === g.delegateId)
        ctx.addIssue({
          code: 'custom',
          path: ['delegations', i, 'delegateId'],
          message: 'nadie se subroga a sí mismo',
        });
    });
    const signingIds = new Set<string>();
    d.signingDelegations.forEach((g, i) => {
      if (signingIds.has(g.id))
        ctx.addIssue({
          code: 'custom',
          path: ['signingDelegations', i, 'id'],
          message: `delegación repetida: ${g.id}`,
        });
      signingIds.add(g.id);
      if (!people.has(g.delegateId))
        ctx.addIssue({
          code: 'custom',
          path: ['signingDelegations', i, 'delegateId'],
          message: 'delegación de firma a persona desconocida',
        });
      if (g.to && g.from > g.to)
        ctx.addIssue({ code: 'custom', path: ['signingDelegations', i], message: 'período invertido' });
    });
  });
export type Directory = z.infer<typeof directorySchema>;

/** Someone in whose capacity an actor acts: themselves, or the holder they replace (subrogancia). */
export interface PersonRef {
  personId: string;
  name: string;
}

/**
 * One capacity an actor may act in. `holder` is the person whose role it is; when it is not the actor,
 * the actor is a subrogante and the audit records both names.
 */
export interface Grant {
  role: Role;
  unitId?: string;
  holder: PersonRef;
  delegated: boolean;
}

export interface Actor {
  personId: string;
  name: string;
  email?: string;
  unitId?: string;
  grants: Grant[];
  /** The scheduler acts as the system; it holds no role and passes only system commands. */
  system?: boolean;
  /** Delegations of the power to sign convenios (Decreto Alcaldicio) in force on the day the actor was resolved. */
  signingDelegations?: SigningDelegation[];
}

export const SYSTEM_ACTOR: Actor = { personId: 'sistema', name: 'Sistema', grants: [], system: true };

function grantsOf(person: Person, holder: PersonRef, delegated: boolean, only?: readonly Role[]): Grant[] {
  const base: Grant[] = [{ role: 'funcionario', unitId: person.unitId, holder, delegated }];
  const own = person.roles.map((r) => ({
    role: r.role,
    ...(r.role === 'responsable_unidad' ? { unitId: r.unitId } : {}),
    holder,
    delegated,
  }));
  return [...base, ...own].filter((g) => !only || only.includes(g.role));
}

/** Resolves a person to the capacities they may act in at `today` (America/Santiago local date). */
export function resolveActor(directory: Directory, personId: string, today: LocalDate): Actor | undefined {
  const person = directory.people.find((p) => p.id === personId);
  if (!person) return undefined;
  const self: PersonRef = { personId: person.id, name: person.name };
  const grants = grantsOf(person, self, false);
  for (const d of directory.delegations) {
    if (d.delegateId !== person.id || today < d.from || today > d.to) continue;
    const principal = directory.people.find((p) => p.id === d.principalId);
    if (!principal) continue;
    grants.push(...grantsOf(principal, { personId: principal.id, name: principal.name }, true, d.roles));
  }
  const signing = (directory.signingDelegations ?? []).filter(
    (d) => d.delegateId === person.id && d.from <= today && (!d.to || today <= d.to),
  );
  return {
    personId: person.id,
    name: person.name,
    email: person.email,
    unitId: person.unitId,
    grants,
    ...(signing.length ? { signingDelegations: signing } : {}),
  };
}

export function findUnit(directory: Directory, unitId: string): Unit | undefined {
  return directory.units.find((u) => u.id === unitId);
}

/** A unit's full name for people (the id when the directory no longer has it, rather than nothing). */
export const unitName = (directory: Directory, unitId: string): string => findUnit(directory, unitId)?.name ?? unitId;

/** A unit's short name (DIDECO, DOM…), for subjects and compact lines. */
export const unitShortName = (directory: Directory, unitId: string): string =>
  findUnit(directory, unitId)?.shortName ?? unitId;

export function findPerson(directory: Directory, personId: string): Person | undefined {
  return directory.people.find((p) => p.id === personId);
}

/** The person behind a Teams or Entra identity (the bot receives `aadObjectId`). */
export function findPersonByAadObjectId(directory: Directory, aadObjectId: string): Person | undefined {
  const key = aadObjectId.toLowerCase();
  return directory.people.find((p) => p.aadObjectId?.toLowerCase() === key);
}

/** People who hold `role` (optionally for `unitId`) in their own right. */
export function holdersOf(directory: Directory, role: Role, unitId?: string): Person[] {
  return directory.people.filter((p) =>
    p.roles.some((r) => r.role === role && (role !== 'responsable_unidad' || r.unitId === unitId)),
  );
}
