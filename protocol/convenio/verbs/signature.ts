// Signature and approval (§6): each signer on the exact document version, the FEA PDF, the decree.
import { formatDate, toLocalDate } from '../../calendar';
import { person, role } from '../../effects';
import { invalid } from '../../errors';
import { addMonths, endOfMonthsPeriod } from '../../months';
import { signatureBlocker } from '../preconditions';
import { delegationRef, municipalSigningCapacity } from '../signers';
import { vigenciaTimers } from '../vigencia';
import { eipdBlocker } from '../legal';
import type { Convenio } from '../state';
import { signerRecipients, boundTo, morning, type VerbHandlers } from './support';

export const SIGNATURE_VERBS = {
  firmar: (cmd, v) => {
    const { c, ctx, st, today, say, requireDraft } = v;
    const d = requireDraft(cmd.version, cmd.sha256);
    const blocked = signatureBlocker(c, cmd.signerId);
    if (blocked) throw blocked;
    const signer = c.signers.find((s) => s.id === cmd.signerId)!;
    if (!signer.personId && signer.side === 'contraparte' && !cmd.evidence)
      throw invalid('Registre la evidencia de la firma de la contraparte.', { evidence: 'requerida' });
    // authorizeConvenio refused an ineligible municipal signer; record the delegation of signature used, if any.
    const capacity =
      signer.side === 'municipalidad'
        ? municipalSigningCapacity(ctx.actor, c, today, ctx.directory, 'firmar')
        : undefined;
    const delegation =
      capacity && typeof capacity !== 'string' && capacity.kind === 'delegacion'
        ? delegationRef(capacity.delegation)
        : undefined;
    const signatures = [
      ...c.signatures,
      {
        ...st,
        signerId: signer.id,
        ...boundTo(d),
        method: cmd.method,
        ...(cmd.evidence ? { evidence: cmd.evidence } : {}),
        ...(delegation ? { delegation } : {}),
      },
    ];
    const done = signatures.length === c.signers.length;
    const next: Convenio = { ...v.next, signatures, state: done ? 'aprobacion' : 'firma' };
    if (done)
      say(
        [role('secretaria_municipal'), role('alcalde')],
        'convenio.aprobacion',
        'firmado por todas las partes',
        'Corresponde dictar el Decreto Alcaldicio que aprueba el convenio (§6).',
      );
    else {
      const nextSigner = c.signers.find((s) => !signatures.some((x) => x.signerId === s.id))!;
      say(
        signerRecipients(c, nextSigner),
        'convenio.firma',
        'firma registrada',
        `${signer.name} firmó la versión ${d.version}.`,
      );
    }
    return next;
  },
  subir_firmado_fea: (cmd, v) => {
    const { c, st, effects } = v;
    const version = c.documents.filter((d) => d.kind === 'firmado_fea').length + 1;
    const next: Convenio = {
      ...v.next,
      documents: [
        ...c.documents,
        {
          ...st,
          version,
          kind: 'firmado_fea',
          fileName: cmd.fileName,
          sha256: cmd.sha256,
          ...(cmd.url ? { url: cmd.url } : {}),
        },
      ],
    };
    effects.push({ type: 'store_document', document: 'firmado_fea', version, sha256: cmd.sha256 });
    return next;
  },
  registrar_decreto: (cmd, v) => {
    const { c, ctx, st, tz, effects, say } = v;
    const noEipd = eipdBlocker(c);
    if (noEipd) throw noEipd;
    if (cmd.date > toLocalDate(ctx.now, tz))
      throw invalid('La fecha del decreto no puede ser futura.', { date: 'fecha futura' });
    const validity = { start: cmd.date, end: endOfMonthsPeriod(cmd.date, c.durationMonths) };
    const nextEvaluationDue = addMonths(cmd.date, c.evaluationEveryMonths);
    const next: Convenio = {
      ...v.next,
      state: 'vigente',
      decree: {
        ...st,
        number: cmd.number,
        date: cmd.date,
        ...(cmd.externalAct ? { externalAct: cmd.externalAct } : {}),
      },
      validity,
      nextEvaluationDue,
    };
    effects.push(
      { type: 'store_document', document: 'certificado' },
      {
        type: 'schedule',
        timer: 'evaluacion_periodica',
        dueAt: morning(nextEvaluationDue, tz),
        about: nextEvaluationDue,
      },
      ...vigenciaTimers(validity.end, ctx.settings, toLocalDate(ctx.now, tz)),
    );
    say(
      [role('secplan'), person(c.proposer.personId)],
      'convenio.vigente',
      'convenio vigente',
      `Aprobado por Decreto Alcaldicio N° ${cmd.number} del ${formatDate(cmd.date)}; vigente hasta el ${formatDate(validity.end)}.`,
    );
    return next;
  },
} satisfies Partial<VerbHandlers>;
