import {
  findPerson,
  findUnit,
  holdersOf,
  ROLE_LABELS,
  type Directory,
  type LocalDate,
  type Person,
  type Recipient,
  type Role,
} from '../../../protocol';

/** Delegates acting for `principal` on `today` in `role`; with no role (a person recipient), any delegation counts. */
function subrogantesOf(directory: Directory, principal: Person, today: LocalDate, role?: Role): Person[] {
  return directory.delegations
    .filter(
      (d) =>
        d.principalId === principal.id &&
        d.from <= today &&
        today <= d.to &&
        (!role || !d.roles || d.roles.includes(role)),
    )
    .map((d) => findPerson(directory, d.delegateId))
    .filter((p): p is Person => !!p);
}

/** The people a recipient names in their own right, and the capacity the notice reaches them in. */
function holders(directory: Directory, r: Recipient): { people: Person[]; role?: Role } {
  switch (r.kind) {
    case 'person': {
      const p = findPerson(directory, r.personId);
      return { people: p ? [p] : [] };
    }
    case 'unit':
      return { people: holdersOf(directory, 'responsable_unidad', r.unitId), role: 'responsable_unidad' };
    case 'role':
      return { people: holdersOf(directory, r.role), role: r.role };
    case 'contact':
      // Not in the directory: the mail handler writes to them directly (outsideContacts).
      return { people: [] };
  }
}

/**
 * Turns notice recipients into people: each holder followed by whoever subrogates them today, so a notice reaches
 * the official who is actually acting during a subrogancia. Unknown ids resolve to nobody (the directory may have
 * changed since the notice was decided). Unique, in the order the recipients were given.
 */
export function resolveRecipients(directory: Directory, recipients: Recipient[], today: LocalDate): Person[] {
  const seen = new Map<string, Person>();
  for (const r of recipients) {
    const { people, role } = holders(directory, r);
    for (const p of people)
      for (const q of [p, ...subrogantesOf(directory, p, today, role)]) if (!seen.has(q.id)) seen.set(q.id, q);
  }
  return [...seen.values()];
}

/** Recipients as a Spanish phrase for logs, e.g. "responsables de DIDECO, UGDT, Alex Wilber". */
export function recipientsLabel(directory: Directory, recipients: Recipient[]): string {
  if (recipients.length === 0) return 'nadie';
  return recipients
    .map((r) => {
      if (r.kind === 'person') return findPerson(directory, r.personId)?.name ?? `persona desconocida (${r.personId})`;
      if (r.kind === 'unit') return `responsables de ${findUnit(directory, r.unitId)?.shortName ?? r.unitId}`;
      if (r.kind === 'contact') return `${r.name} <${r.email}>`;
      return ROLE_LABELS[r.role];
    })
    .join(', ');
}

/** The outside contacts among the recipients, as mail addresses. */
export function outsideContacts(recipients: Recipient[]): { name: string; email: string }[] {
  return recipients.flatMap((r) => (r.kind === 'contact' ? [{ name: r.name, email: r.email }] : []));
}
