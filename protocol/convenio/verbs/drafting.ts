// Drafting (§5): the drafts, the signers they name, and the hand-over to legal review.
import { contact, person, role } from '../../effects';
import { invalid } from '../../errors';
import { changeSignersBlocker, toLegalReviewBlocker } from '../preconditions';
import { signersProblems } from '../signers';
import type { Convenio } from '../state';
import { type VerbHandlers } from './support';

export const DRAFTING_VERBS = {
  registrar_borrador: (cmd, v) => {
    const { c, ctx, st, effects } = v;
    const version = c.documents.filter((d) => d.kind === 'borrador').length + 1;
    const doc = {
      ...st,
      version,
      kind: 'borrador' as const,
      fileName: cmd.fileName,
      sha256: cmd.sha256,
      ...(cmd.url ? { url: cmd.url } : {}),
      ...(cmd.storageVersionId ? { storageVersionId: cmd.storageVersionId } : {}),
    };
    const next: Convenio = { ...v.next, documents: [...c.documents, doc] };
    // A draft SECPLAN hands in (edited outside the app) is stored beside the generated ones.
    if (!ctx.actor.system) effects.push({ type: 'store_document', document: 'borrador', version, sha256: cmd.sha256 });
    return next;
  },
  enviar_a_visacion: (cmd, v) => {
    const { c, say, draft } = v;
    const blocked = toLegalReviewBlocker(c);
    if (blocked || !draft) throw blocked;
    const next: Convenio = { ...v.next, state: 'visacion' };
    say(
      // The counterpart's legal department reviews too: it gets the mail copy with the draft.
      [role('daj'), ...contact(c.entity.legalContact)],
      'convenio.visacion',
      'visación jurídica',
      `Borrador versión ${draft.version} listo para visación de la DAJ (§5e) y del área jurídica de ${c.entity.name}.`,
    );
    return next;
  },
  cambiar_firmantes: (cmd, v) => {
    const { c, ctx, today, effects, say, draft } = v;
    let next = v.next;
    const blocked = changeSignersBlocker(c);
    if (blocked) throw blocked;
    if (!cmd.signers.some((s) => s.side === 'municipalidad') || !cmd.signers.some((s) => s.side === 'contraparte'))
      throw invalid('Debe firmar al menos un representante de cada parte.', {
        signers: 'debe firmar al menos un representante de cada parte',
      });
    const problems = signersProblems(cmd.signers, c, today, ctx.directory);
    if (Object.keys(problems).length) throw invalid(Object.values(problems).join(' '), problems);
    const signers = cmd.signers.map((s, i) => ({ ...s, id: `f${i + 1}` }));
    // The draft names the signers: a new version is generated and both legal reviews start again.
    next = { ...next, signers, state: 'redaccion', legalReviews: {} };
    if (draft) {
      next = { ...next, round: c.round + 1 };
      effects.push({ type: 'store_document', document: 'borrador', version: draft.version + 1 });
    }
    say(
      [role('secplan'), person(c.proposer.personId)],
      'convenio.firmantes',
      'cambio de firmantes',
      `Firmantes: ${signers.map((s) => `${s.name} (${s.position})`).join('; ')}. Motivo: ${cmd.reason}`,
    );
    return next;
  },
} satisfies Partial<VerbHandlers>;
