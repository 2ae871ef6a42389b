// Legal review (§5e): the municipal and the counterpart's visación, or their observations.
import { role } from '../../effects';
import { badTransition } from '../../errors';
import { legalReviewBlocker } from '../preconditions';
import { type Convenio } from '../state';
import { signerRecipients, boundTo, type VerbHandlers, type VerbCommand, type VerbContext } from './support';

function legalReview(cmd: VerbCommand<'visar' | 'registrar_visacion_externa'>, v: VerbContext): Convenio {
  const { c, st, say, requireDraft } = v;
  const reviewed = legalReviewBlocker(c, cmd.type === 'visar' ? 'municipal' : 'external');
  if (reviewed) throw reviewed;
  const d = requireDraft(cmd.version, cmd.sha256);
  const reviews =
    cmd.type === 'visar'
      ? {
          ...c.legalReviews,
          municipal: { ...st, ...boundTo(d), ...(cmd.note ? { note: cmd.note } : {}) },
        }
      : {
          ...c.legalReviews,
          external: { ...st, ...boundTo(d), reviewer: cmd.reviewer, evidence: cmd.evidence },
        };
  const done = !!reviews.municipal && !!reviews.external;
  const next: Convenio = { ...v.next, legalReviews: reviews, state: done ? 'firma' : 'visacion' };
  if (done) {
    const first = c.signatureOrder === 'secuencial' ? c.signers.slice(0, 1) : c.signers;
    say(
      first.flatMap((s) => signerRecipients(c, s)),
      'convenio.firma',
      'listo para firma',
      `Visado por ambas partes (versión ${d.version}). Corresponde firmar.`,
    );
  } else {
    say(
      [role('secplan')],
      'convenio.visado',
      'visación registrada',
      cmd.type === 'visar' ? 'La DAJ visó el borrador.' : `Visación de ${c.entity.name} registrada.`,
    );
  }
  return next;
}

export const LEGAL_REVIEW_VERBS = {
  visar: legalReview,
  registrar_visacion_externa: legalReview,
  observar: (cmd, v) => {
    const { c, st, effects, say, draft } = v;
    if (!draft) throw badTransition('El convenio no tiene borrador.');
    const next: Convenio = {
      ...v.next,
      state: 'redaccion',
      round: c.round + 1,
      legalReviews: {},
      observations: [
        ...c.observations,
        { ...st, side: cmd.side, comments: cmd.comments, version: draft.version, round: c.round },
      ],
    };
    effects.push({ type: 'store_document', document: 'borrador', version: draft.version + 1 });
    say([role('secplan')], 'convenio.observado', 'observaciones de visación', cmd.comments);
    return next;
  },
} satisfies Partial<VerbHandlers>;
