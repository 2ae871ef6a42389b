// The public register of convenios that transfer personal data (/transparencia): what of a convenio anyone may read
// without signing in. Ley 21.719 art. 22 as issue 12 cites it (the monthly publication of the agreements under which a
// public body communicates personal data; Ley 19.628 Título IV as amended): the article's text was not found in the
// stored sources, so what is published is the narrowest reading (docs/protocolo.md, "Registro público (Ley 21.719)"). The projection below is the ONLY thing the public routes read: a field that is not
// copied here cannot leak through them.
import { PRIVACY_LABELS, SENSITIVE_ACCESS, type PrivacyLevel } from './classification';
import type { LocalDate } from './calendar';
import { CONVENIO_STATE_LABELS, type Convenio } from './convenio/state';
import { formatRut } from './rut';
import {
  isLegacyLegalBasis,
  LEGAL_BASIS_LABELS,
  legalBasisText,
  normLine,
  SENSITIVE_BASIS_LABELS,
  storedLegalBasis,
  type LegalBasis,
  type StoredLegalBasis,
} from './legal-basis';

/** One published convenio: the JSON schema of it is docs/transparencia.schema.json. */
export interface PublishedConvenio {
  reference: string;
  /** The counterpart institution: its name and RUT are public (never its contacts or representative). */
  counterpart: { name: string; rut: string };
  title: string;
  purpose: string;
  /** Spanish category labels (personal, sensitive, children's data): never a field or dataset name. */
  dataCategories: string[];
  legalBasis: string;
  decree: { number: string; date: LocalDate };
  validity: { start: LocalDate; end: LocalDate } | null;
  /** The state key (vigente, por_vencer, terminado, vencido) and its Spanish label. */
  state: string;
  stateLabel: string;
  /** The month of the approving decree (AAAA-MM): the monthly list it belongs to. */
  month: string;
}

/**
 * The states of a convenio whose approving decree is recorded: published. `vencido` (a convenio past its end date)
 * is listed as a string so this compiles before that state exists; its label comes from CONVENIO_STATE_LABELS once
 * it is added there.
 */
const PUBLISHED_STATES: ReadonlySet<string> = new Set(['vigente', 'por_vencer', 'terminado', 'vencido']);

/** Whether a convenio in this state has been approved by decree (and so belongs to the public register). */
export const isPublishedState = (state: string): boolean => PUBLISHED_STATES.has(state);

const FALLBACK_STATE_LABELS: Record<string, string> = { vencido: 'Vencido' };

/** The Spanish label of a published state. */
export function publishedStateLabel(state: string): string {
  return (CONVENIO_STATE_LABELS as Record<string, string>)[state] ?? FALLBACK_STATE_LABELS[state] ?? state;
}

/** Datasets whose very description is withheld (Ley 20.285 art. 21): they contribute nothing to the register. */
const WITHHELD_ACCESS = SENSITIVE_ACCESS;

/** Published categories, in this order; no_personal is no category of personal data. */
const CATEGORY_ORDER: readonly PrivacyLevel[] = ['personal', 'sensible', 'nna'];

/** Whether the convenio transfers personal data at all (any dataset not marked no_personal). */
export const transfersPersonalData = (c: Pick<Convenio, 'datasets'>): boolean =>
  c.datasets.some((d) => d.classification.privacy !== 'no_personal');

/**
 * The categories of personal data, as Spanish labels. Reserved or secret datasets are left out entirely; when only
 * such datasets carry personal data, the generic «Datos personales» stands for them (their being personal data is
 * what puts the convenio in the register at all, so it says nothing more).
 */
export function publishedCategories(c: Pick<Convenio, 'datasets'>): string[] {
  const open = new Set(
    c.datasets.filter((d) => !WITHHELD_ACCESS.includes(d.classification.access)).map((d) => d.classification.privacy),
  );
  const labels = CATEGORY_ORDER.filter((p) => open.has(p)).map((p) => PRIVACY_LABELS[p]);
  return labels.length > 0 ? labels : [PRIVACY_LABELS.personal];
}

/**
 * The legal basis as one line. Kept tiny on purpose: when the legal basis becomes a structured choice, only this
 * function changes (its label and the norm that grants the competence).
 */
export function publishedLegalBasis(c: Pick<Convenio, 'legalBasis'>): string {
  const b: StoredLegalBasis = storedLegalBasis(c.legalBasis);
  // An old free-text basis is published as written, marked as under review (issue 12: kept and flagged).
  if (isLegacyLegalBasis(b)) return oneLine(legalBasisText(b));
  const structured = b as LegalBasis;
  // The basis and the norm granting the competence; the sensitive basis by its name only: the categories it lists
  // are the convenio's, not per dataset, so they could name what a reserved dataset holds (Ley 20.285 art. 21).
  const parts = [`${LEGAL_BASIS_LABELS[structured.basis] ?? structured.basis} — ${normLine(structured)}`];
  if (structured.sensitive)
    parts.push(`datos sensibles: ${SENSITIVE_BASIS_LABELS[structured.sensitive.basis] ?? structured.sensitive.basis}`);
  return oneLine(parts.join('; '));
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The public projection of a convenio, or undefined when it is not published: it transfers no personal data, or it
 * has not been approved by decree (any state before vigencia, desistido, rechazado).
 */
export function publishedConvenio(c: Convenio): PublishedConvenio | undefined {
  if (!isPublishedState(c.state) || !c.decree || !transfersPersonalData(c)) return undefined;
  return {
    reference: c.reference,
    counterpart: { name: c.entity.name, rut: formatRut(c.entity.rut) ?? c.entity.rut },
    title: c.title,
    purpose: c.purpose,
    dataCategories: publishedCategories(c),
    legalBasis: publishedLegalBasis(c),
    decree: { number: c.decree.number, date: c.decree.date },
    validity: c.validity ? { start: c.validity.start, end: c.validity.end } : null,
    state: c.state,
    stateLabel: publishedStateLabel(c.state),
    month: c.decree.date.slice(0, 7),
  };
}
