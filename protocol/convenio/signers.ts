// Who may sign a convenio (issue 12, rule 1). Pure: the directory and the date come in as values.
//
// - For the municipality, the Alcalde: Ley 18.695 art. 63 letra a) ("representar judicial y extrajudicialmente a la
//   municipalidad"); a subrogante of the Alcalde (existing subrogancia in the directory) acts as Alcalde.
// - Or an official to whom the Alcalde delegated the power to sign by decree: Ley 18.695 art. 63 letra j)
//   ("delegar la facultad para firmar, bajo la fórmula «por orden del alcalde», sobre materias específicas") and
//   Ley 18.575 art. 41 (delegación de firma). The delegation names the decree, its scope and its dates, and is
//   checked again at the moment of signing.
// - For the counterpart, its representative recorded for the entity.
import { formatDate, type LocalDate } from '../calendar';
import type { Actor, Directory, SigningDelegation } from '../directory';
import { resolveActor } from '../directory';
import type { Convenio, ExternalEntity, Signer } from './state';

export const MUNICIPAL_SIGNER_REFUSAL =
  'Solo el Alcalde o un funcionario con delegación de firma por decreto puede firmar por la Municipalidad';

/** What identifies a convenio for a delegation's scope (its reference CONV-… or its id). */
export type ConvenioKey = Pick<Convenio, 'id' | 'reference'>;

/** The capacity a municipal signer signs in: as Alcalde (or subrogante), or by a delegation of signature. */
export type SigningCapacity = { kind: 'alcalde' } | { kind: 'delegacion'; delegation: SigningDelegation };

/** What a signature records about a delegation of signature it used. */
export interface SignatureDelegationRef {
  id: string;
  decree: { number: string; date: LocalDate };
}

const decreeText = (d: SigningDelegation) => `Decreto N° ${d.decree.number}`;

/** Whether a delegation's scope includes the convenio: all of them, or the named ones (reference or id). */
export function delegationCovers(d: SigningDelegation, c: ConvenioKey): boolean {
  if (d.scope === 'todos') return true;
  const wanted = new Set([c.id, c.reference].map((x) => x.trim().toUpperCase()));
  return d.scope.convenios.some((x) => wanted.has(x.trim().toUpperCase()));
}

/** Whether the delegation is in force on `at` (bounds inclusive; open-ended without `to`). */
export const delegationInForce = (d: SigningDelegation, at: LocalDate): boolean =>
  d.from <= at && (!d.to || at <= d.to);

/** Signing delegations of a person, newest decree first. */
export function signingDelegationsOf(directory: Directory, personId: string): SigningDelegation[] {
  return (directory.signingDelegations ?? [])
    .filter((d) => d.delegateId === personId)
    .sort((a, b) => (a.decree.date < b.decree.date ? 1 : a.decree.date > b.decree.date ? -1 : 0));
}

/** Holds the role alcalde on `at`, in their own right or as subrogante. */
export function actsAsAlcalde(directory: Directory, who: string | Actor, at: LocalDate): boolean {
  const actor = typeof who === 'string' ? resolveActor(directory, who, at) : who;
  return !!actor?.grants.some((g) => g.role === 'alcalde');
}

/**
 * The capacity in which `who` may sign for the municipality on convenio `c`, or the Spanish reason why not.
 * `mode: 'designar'` (creation, change of signers) accepts a delegation that starts later; `'firmar'` needs it in
 * force on `at`. An expired delegation is named with its decree and end date.
 */
export function municipalSigningCapacity(
  who: string | Actor | undefined,
  c: ConvenioKey,
  at: LocalDate,
  directory: Directory,
  mode: 'designar' | 'firmar' = 'firmar',
): SigningCapacity | string {
  const personId = typeof who === 'string' ? who : who?.personId;
  if (!personId || (typeof who !== 'object' && !directory.people.some((p) => p.id === personId)))
    return `${MUNICIPAL_SIGNER_REFUSAL}.`;
  if (typeof who === 'object' && who.system) return `${MUNICIPAL_SIGNER_REFUSAL}.`;
  if (actsAsAlcalde(directory, who!, at)) return { kind: 'alcalde' };
  const own = signingDelegationsOf(directory, personId);
  const inScope = own.filter((d) => delegationCovers(d, c));
  const usable = inScope.find((d) => (mode === 'firmar' ? delegationInForce(d, at) : !d.to || at <= d.to));
  if (usable) return { kind: 'delegacion', delegation: usable };
  const expired = inScope.find((d) => d.to && d.to < at);
  if (expired) return `La delegación de firma (${decreeText(expired)}) venció el ${formatDate(expired.to!)}.`;
  const early = inScope.find((d) => at < d.from);
  if (early) return `La delegación de firma (${decreeText(early)}) rige desde el ${formatDate(early.from)}.`;
  const other = own[0];
  if (other) return `La delegación de firma (${decreeText(other)}) no comprende el convenio ${c.reference}.`;
  return `${MUNICIPAL_SIGNER_REFUSAL}.`;
}

/** The Spanish refusal for `who` as municipal signer of `c` on `at`, or undefined when they may sign. */
export function municipalSignerProblem(
  who: string | Actor | undefined,
  c: ConvenioKey,
  at: LocalDate,
  directory: Directory,
  mode: 'designar' | 'firmar' = 'firmar',
): string | undefined {
  const r = municipalSigningCapacity(who, c, at, directory, mode);
  return typeof r === 'string' ? r : undefined;
}

/**
 * The same check with what an Actor carries (no directory): the grants and the signing delegations in force on the
 * day the actor was resolved. Used by allowedActions so a card never offers a signature that would be refused.
 */
export function actorMaySignFor(actor: Actor, c: ConvenioKey): boolean {
  if (actor.system) return false;
  if (actor.grants.some((g) => g.role === 'alcalde')) return true;
  return (actor.signingDelegations ?? []).some((d) => delegationCovers(d, c));
}

/** A name compared loosely: case, accents, punctuation and repeated spaces do not count. */
export const normalizeName = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9ñ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The counterpart signs through its representative recorded for the entity. */
export function counterpartSignerProblem(
  signer: Pick<Signer, 'name'>,
  entity: Pick<ExternalEntity, 'representative' | 'name'>,
): string | undefined {
  if (normalizeName(signer.name) === normalizeName(entity.representative.name)) return undefined;
  return `Por la contraparte firma su representante registrado (${entity.representative.name}); «${signer.name}» no lo es. Corrija el firmante o el representante de ${entity.name}.`;
}

/**
 * Every signer of a convenio checked when signers are named (creation, change of signers): path → Spanish message.
 * Empty when all may sign.
 */
export function signersProblems(
  signers: readonly Pick<Signer, 'side' | 'name' | 'personId'>[],
  c: ConvenioKey & Pick<Convenio, 'entity'>,
  at: LocalDate,
  directory: Directory,
): Record<string, string> {
  const out: Record<string, string> = {};
  signers.forEach((s, i) => {
    const problem =
      s.side === 'municipalidad'
        ? municipalSignerProblem(s.personId, c, at, directory, 'designar')
        : counterpartSignerProblem(s, c.entity);
    if (problem) out[`signers.${i}`] = problem;
  });
  return out;
}

export const delegationRef = (d: SigningDelegation): SignatureDelegationRef => ({
  id: d.id,
  decree: { number: d.decree.number, date: d.decree.date },
});

/** "Firma por delegación, Decreto Alcaldicio N° X de dd-MM-yyyy": for the signature card and the certificate. */
export const delegationText = (d: SignatureDelegationRef): string =>
  `Firma por delegación, Decreto Alcaldicio N° ${d.decree.number} de ${formatDate(d.decree.date)}`;

/** People who may be named municipal signer of a new convenio on `at`: the Alcalde (and subrogantes) and delegates. */
export function eligibleMunicipalSigners(
  directory: Directory,
  at: LocalDate,
  c?: ConvenioKey,
): { personId: string; name: string; position?: string; delegation?: SignatureDelegationRef }[] {
  const out: { personId: string; name: string; position?: string; delegation?: SignatureDelegationRef }[] = [];
  for (const p of directory.people) {
    if (p.roles.some((r) => r.role === 'alcalde')) {
      out.push({ personId: p.id, name: p.name, ...(p.position ? { position: p.position } : {}) });
      continue;
    }
    const d = signingDelegationsOf(directory, p.id).find(
      (x) => (!x.to || at <= x.to) && (!c ? true : delegationCovers(x, c)) && (c || x.scope === 'todos'),
    );
    if (d)
      out.push({
        personId: p.id,
        name: p.name,
        ...(p.position ? { position: p.position } : {}),
        delegation: delegationRef(d),
      });
  }
  return out;
}
