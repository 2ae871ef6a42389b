import { z } from 'zod';
import { personSchema, unitSchema, type Person, type RoleAssignment } from '../../../protocol/directory';
import { ROLES } from '../../../protocol/roles';
import { formatIssues, spanishErrorMap } from '../../../protocol/zod-spanish';

/**
 * Production directory: people come from Entra ID and their roles from security-group membership. This file is the
 * mapping only (no Graph calls): which group grants which role, and which units exist.
 */
export const entraGroupRoleSchema = z.object({
  role: z.enum(ROLES),
  /** With `funcionario`: the group is a unit's staff and sets the person's unit. Required for `responsable_unidad`. */
  unitId: z.string().optional(),
});
export type EntraGroupRole = z.infer<typeof entraGroupRoleSchema>;

export const entraMappingSchema = z
  .object({
    /** Keyed by Entra group object id. Declaration order breaks ties when someone is in several unit groups. */
    groups: z.record(z.string().uuid('identificador de grupo de Entra (GUID)'), entraGroupRoleSchema),
    units: z.array(unitSchema).min(1),
  })
  .superRefine((m, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const units = new Set<string>();
    m.units.forEach((u, i) => {
      if (units.has(u.id)) issue(['units', i, 'id'], `unidad repetida: ${u.id}`);
      units.add(u.id);
    });
    m.units.forEach((u, i) => {
      if (u.parentId !== undefined && !units.has(u.parentId))
        issue(['units', i, 'parentId'], `unidad superior desconocida: ${u.parentId}`);
    });
    for (const [groupId, g] of Object.entries(m.groups)) {
      if (g.unitId !== undefined && !units.has(g.unitId))
        issue(['groups', groupId, 'unitId'], `unidad desconocida: ${g.unitId}`);
      else if (g.role === 'responsable_unidad' && g.unitId === undefined)
        issue(['groups', groupId, 'unitId'], 'responsable_unidad necesita una unidad existente');
    }
  });
export type EntraMapping = z.infer<typeof entraMappingSchema>;

export function parseEntraMapping(data: unknown, source: string): EntraMapping {
  const result = entraMappingSchema.safeParse(data, { errorMap: spanishErrorMap });
  if (!result.success)
    throw new Error(`Mapeo de grupos de Entra inválido (${source}): ${formatIssues(result.error.issues)}`);
  return result.data;
}

/** The fields of a Microsoft Graph `user` this mapping reads. */
export interface EntraUser {
  id: string;
  displayName: string | null;
  mail: string | null;
  userPrincipalName: string;
  jobTitle?: string | null;
}

const roleOrder = (r: RoleAssignment) => ROLES.indexOf(r.role);

/**
 * Turns an Entra user and the ids of the groups they belong to into a directory person. `funcionario` is never
 * stored as a role (every person holds it through their unit); the unit comes from a `funcionario` group with a
 * unit, else from a `responsable_unidad` group, else `defaultUnitId`.
 */
export function personFromEntra(
  user: EntraUser,
  groupIds: readonly string[],
  mapping: EntraMapping,
  defaultUnitId?: string,
): Person {
  const units = new Set(mapping.units.map((u) => u.id));
  if (defaultUnitId !== undefined && !units.has(defaultUnitId))
    throw new Error(`Unidad por defecto desconocida: ${defaultUnitId}`);

  // Graph returns lower-case GUIDs; an administrator may paste them in upper case.
  const memberOf = new Set(groupIds.map((id) => id.toLowerCase()));
  const matched = Object.entries(mapping.groups)
    .filter(([groupId]) => memberOf.has(groupId.toLowerCase()))
    .map(([, g]) => g);

  const roles = new Map<string, RoleAssignment>();
  for (const g of matched) {
    if (g.role === 'funcionario') continue;
    const assignment: RoleAssignment =
      g.role === 'responsable_unidad' ? { role: g.role, unitId: g.unitId } : { role: g.role };
    roles.set(`${assignment.role}:${assignment.unitId ?? ''}`, assignment);
  }

  const unitId =
    matched.find((g) => g.role === 'funcionario' && g.unitId !== undefined)?.unitId ??
    matched.find((g) => g.role === 'responsable_unidad')?.unitId ??
    defaultUnitId;
  if (unitId === undefined)
    throw new Error(
      `No se pudo determinar la unidad de ${user.userPrincipalName}: no pertenece a ningún grupo de unidad y no hay unidad por defecto`,
    );

  const candidate = {
    id: user.id,
    name: user.displayName?.trim() || user.userPrincipalName,
    email: user.mail ?? user.userPrincipalName,
    aadObjectId: user.id,
    unitId,
    ...(user.jobTitle ? { position: user.jobTitle } : {}),
    roles: [...roles.values()].sort(
      (a, b) => roleOrder(a) - roleOrder(b) || (a.unitId ?? '').localeCompare(b.unitId ?? ''),
    ),
  };
  const result = personSchema.safeParse(candidate, { errorMap: spanishErrorMap });
  if (!result.success)
    throw new Error(`Usuario de Entra inválido (${user.userPrincipalName}): ${formatIssues(result.error.issues)}`);
  return result.data;
}
