// Verbs of either party: comments and the legal basis.
import { invalid } from '../../errors';
import { legalBasisText, sensitiveBasisProblems } from '../../legal-basis';
import type { Solicitud } from '../state';
import { type VerbHandlers } from './support';

export const ANY_PARTY_VERBS = {
  actualizar_base_legal: (cmd, v) => {
    const { s, ctx, p, say } = v;
    const problems = sensitiveBasisProblems(cmd.legalBasis, [s.classification]);
    if (Object.keys(problems).length)
      throw invalid(`Base legal incompleta: ${Object.values(problems).join('; ')}.`, problems);
    const next: Solicitud = { ...v.next, legalBasis: cmd.legalBasis };
    say(
      [p.requester, p.owner].filter((r) => r.kind !== 'person' || r.personId !== ctx.actor.personId),
      'solicitud.base_legal',
      'base legal actualizada',
      `${ctx.actor.name} registró la base legal: ${legalBasisText(cmd.legalBasis)}.`,
    );
    return next;
  },
  comentar: (cmd, v) => {
    const { s, ctx, st, p, say } = v;
    const next: Solicitud = { ...v.next, comments: [...s.comments, { ...st, text: cmd.text }] };
    say(
      [p.requester, p.owner].filter((r) => r.kind !== 'person' || r.personId !== ctx.actor.personId),
      'solicitud.comentario',
      'comentario',
      `${ctx.actor.name}: ${cmd.text}`,
    );
    return next;
  },
} satisfies Partial<VerbHandlers>;
