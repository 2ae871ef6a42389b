import { badTransition, invalid, type DomainError } from '../errors';
import { isLegacyLegalBasis, LEGAL_BASIS_REVIEW_LABEL, originOf } from '../legal-basis';
import { CONVENIO_BEFORE_VIGENCIA, type Convenio } from './state';

/** Rule 6: the convenio needs an impact assessment and none is recorded yet. */
export const eipdPending = (c: Pick<Convenio, 'impactAssessmentRequired' | 'eipd'>): boolean =>
  c.impactAssessmentRequired && !c.eipd;

export const EIPD_PENDING_LABEL = 'EIPD pendiente';

/**
 * Rule 6 (EIPD). Ley 21.719, que modifica la Ley 19.628, asks the controller for a data-protection impact assessment
 * before a processing likely to carry a high risk (sensitive or children's data, large scale: see
 * requiresImpactAssessment). The processing of a convenio starts once the approving decree puts it in force, so the
 * decree is the last step that may wait for it: `registrar_decreto` is refused until SECPLAN records the EIPD.
 */
export function eipdBlocker(c: Pick<Convenio, 'impactAssessmentRequired' | 'eipd'>): DomainError | undefined {
  if (!eipdPending(c)) return undefined;
  return badTransition(
    'EIPD pendiente: este convenio trata datos sensibles, de niños, niñas y adolescentes o a gran escala, y requiere ' +
      'una evaluación de impacto en protección de datos (Ley 21.719, que modifica la Ley 19.628). SECPLAN debe ' +
      'registrarla (fecha, autor y documento) antes del decreto que aprueba el convenio.',
  );
}

/** The datasets obtained from another body (rule 7) whose onward sharing that body has not authorized yet. */
export function unauthorizedOrigins(c: Pick<Convenio, 'datasets' | 'originAuthorizations'>): string[] {
  const auths = c.originAuthorizations ?? [];
  const key = (s: string) => s.trim().toLowerCase();
  return c.datasets
    .filter((d) => {
      const o = originOf(d);
      return o.kind === 'convenio' && !auths.some((a) => key(a.dataset) === key(d.name) && key(a.body) === key(o.body));
    })
    .map((d) => d.name);
}

/**
 * Rule 7. Data the municipality holds under another body's agreement may be shared onward only with that body's
 * authorization (finalidad and comunicación de datos: Ley 21.719, que modifica la Ley 19.628): the evaluation is not
 * approved until each such dataset has one recorded.
 */
export function originBlocker(c: Pick<Convenio, 'datasets' | 'originAuthorizations'>): DomainError | undefined {
  const missing = unauthorizedOrigins(c);
  if (!missing.length) return undefined;
  return invalid(
    `Falta la autorización del organismo de origen para compartir: ${missing.map((n) => `«${n}»`).join(', ')}. ` +
      'SECPLAN debe registrarla antes de aprobar la evaluación.',
    Object.fromEntries(missing.map((n) => [`origen.${n}`, 'sin autorización del organismo de origen'])),
  );
}

/** Flags a convenio shows on cards and the tab while something of rules 6–7 is pending. */
export function convenioLegalFlags(c: Convenio): string[] {
  const out: string[] = [];
  if (isLegacyLegalBasis(c.legalBasis)) out.push(LEGAL_BASIS_REVIEW_LABEL);
  if (!CONVENIO_BEFORE_VIGENCIA.includes(c.state)) return out;
  if (eipdPending(c)) out.push(EIPD_PENDING_LABEL);
  if (unauthorizedOrigins(c).length) out.push('Autorización de origen pendiente');
  return out;
}
