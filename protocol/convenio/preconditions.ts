import { badTransition, invalid, type DomainError } from '../errors';
import { CHECKLIST_ITEMS, currentDraft, type Convenio } from './state';
import { originBlocker } from './legal';

/**
 * Conditions a step needs beyond state and role, stated once: decide() refuses with these errors, and
 * allowedActions() leaves the button out while one stands, so a card never offers what would be refused.
 */
export function approvalBlocker(c: Convenio): DomainError | undefined {
  if (!c.assessment) return badTransition('SECPLAN aún no registra la evaluación de necesidad (§5).');
  const failing = CHECKLIST_ITEMS.filter((k) => !c.assessment!.checklist[k].ok);
  if (failing.length)
    return invalid(
      'La evaluación no cumple todos los criterios del §5; corríjala o rechace el convenio.',
      Object.fromEntries(failing.map((k) => [`checklist.${k}`, 'no cumple'])),
    );
  // Rule 7: data obtained from another body need its authorization before the evaluation is approved.
  return originBlocker(c);
}

export function toLegalReviewBlocker(c: Convenio): DomainError | undefined {
  const draft = currentDraft(c);
  if (!draft) return badTransition('Falta el borrador del convenio.');
  const lastObs = c.observations.at(-1);
  if (lastObs && draft.version <= lastObs.version)
    return badTransition(
      `Tras las observaciones se requiere una nueva versión del documento (la vigente es la ${draft.version}).`,
    );
  return undefined;
}

export function signatureBlocker(c: Convenio, signerId: string): DomainError | undefined {
  if (c.signatures.some((s) => s.signerId === signerId)) return badTransition('Este firmante ya firmó.');
  if (c.signatureOrder !== 'secuencial') return undefined;
  const idx = c.signers.findIndex((s) => s.id === signerId);
  const pending = c.signers.slice(0, Math.max(idx, 0)).find((s) => !c.signatures.some((x) => x.signerId === s.id));
  return pending ? badTransition(`Primero debe firmar ${pending.name} (${pending.position}).`) : undefined;
}

/** Each side visa a version once; an observation clears both and the next version is reviewed anew. */
export function legalReviewBlocker(c: Convenio, side: 'municipal' | 'external'): DomainError | undefined {
  const done = c.legalReviews[side];
  if (!done) return undefined;
  return badTransition(
    side === 'municipal'
      ? `La DAJ ya visó la versión ${done.version}.`
      : `La visación de la contraparte ya está registrada para la versión ${done.version}.`,
  );
}

export function renewalBlocker(c: Convenio): DomainError | undefined {
  return c.renewal === 'sin_renovacion' ? badTransition('Este convenio no contempla renovación.') : undefined;
}

/** Signers change only before anyone signed (rule 1). */
export function changeSignersBlocker(c: Convenio): DomainError | undefined {
  return c.signatures.length
    ? badTransition('La firma ya comenzó: los firmantes no se pueden cambiar una vez registrada una firma.')
    : undefined;
}
