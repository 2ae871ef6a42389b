// Verbs of any open phase: comments, stored documents, legal basis, EIPD, origin authorizations, step timers.
import { formatDate, toLocalDate } from '../../calendar';
import { person, role } from '../../effects';
import { badTransition, DomainError, invalid } from '../../errors';
import { type Convenio } from '../state';
import { fireStepTimer } from '../step-deadlines';
import { legalBasisText, sensitiveBasisProblems } from '../../legal-basis';
import { type VerbHandlers, type VerbCommand, type VerbContext } from './support';

function stepTimer(cmd: VerbCommand<'recordatorio_etapa' | 'etapa_vencida'>, v: VerbContext): Convenio {
  const { c, ctx, effects } = v;
  const fired = fireStepTimer(c, cmd.type, cmd.about, ctx);
  const next: Convenio = { ...v.next, stepDeadlines: fired.stepDeadlines };
  effects.push(...fired.effects);
  return next;
}

export const ANY_PHASE_VERBS = {
  comentar: (cmd, v) => {
    const { c, st } = v;
    const next: Convenio = { ...v.next, comments: [...c.comments, { ...st, text: cmd.text }] };
    return next;
  },
  registrar_documento: (cmd, v) => {
    const { c, st, ref, say } = v;
    let next = v.next;
    const existing = c.documents.find((d) => d.kind === cmd.document && d.version === cmd.version);
    const location = { url: cmd.url, storageVersionId: cmd.storageVersionId };
    if (existing) {
      // A document handed in by a person: now we know where it is stored.
      if (existing.sha256 !== cmd.sha256)
        throw new DomainError(
          'DOCUMENTO_DISTINTO',
          `La versión ${cmd.version} de ${ref} ya está registrada con otra huella: no se reemplaza.`,
        );
      next = { ...next, documents: c.documents.map((d) => (d === existing ? { ...d, ...location } : d)) };
      return next;
    }
    if (cmd.document === 'firmado_fea') throw badTransition('El PDF con FEA se registra al subirlo.');
    const expected = c.documents.filter((d) => d.kind === cmd.document).length + 1;
    if (cmd.version !== expected)
      throw new DomainError('CONFLICTO_VERSION', `Se esperaba la versión ${expected} del documento de ${ref}.`);
    if (cmd.document === 'borrador' && c.state !== 'redaccion')
      throw badTransition(`Un borrador nuevo solo se registra en redacción (${ref}).`);
    next = {
      ...next,
      documents: [
        ...c.documents,
        {
          ...st,
          version: cmd.version,
          kind: cmd.document,
          fileName: cmd.fileName,
          sha256: cmd.sha256,
          ...location,
          ...(cmd.auditHead ? { auditHead: cmd.auditHead } : {}),
        },
      ],
    };
    if (cmd.document === 'borrador')
      say(
        [role('secplan')],
        'convenio.borrador',
        `borrador versión ${cmd.version}`,
        cmd.version === 1
          ? 'Se generó el borrador del convenio con todas sus cláusulas. Revíselo y envíelo a visación.'
          : `Se generó la versión ${cmd.version} del borrador para la ronda ${c.round}: incorpore las observaciones y envíela a visación.`,
      );
    return next;
  },
  actualizar_base_legal: (cmd, v) => {
    const { c, say } = v;
    const problems = sensitiveBasisProblems(
      cmd.legalBasis,
      c.datasets.map((d) => d.classification),
    );
    if (Object.keys(problems).length)
      throw invalid(`Base legal incompleta: ${Object.values(problems).join('; ')}.`, problems);
    const next: Convenio = { ...v.next, legalBasis: cmd.legalBasis };
    say(
      [person(c.proposer.personId)],
      'convenio.base_legal',
      'base legal actualizada',
      `SECPLAN registró la base legal: ${legalBasisText(cmd.legalBasis)}.`,
    );
    return next;
  },
  registrar_eipd: (cmd, v) => {
    const { c, ctx, st, tz, say } = v;
    if (!c.impactAssessmentRequired)
      throw badTransition('Este convenio no requiere evaluación de impacto en protección de datos.');
    if (cmd.date > toLocalDate(ctx.now, tz))
      throw invalid('La fecha de la evaluación de impacto no puede ser futura.', { date: 'fecha futura' });
    const next: Convenio = {
      ...v.next,
      eipd: {
        ...st,
        date: cmd.date,
        author: cmd.author,
        documentName: cmd.documentName,
        ...(cmd.url ? { url: cmd.url } : {}),
      },
    };
    say(
      [person(c.proposer.personId)],
      'convenio.eipd',
      'evaluación de impacto registrada',
      `EIPD del ${formatDate(cmd.date)} por ${cmd.author}: ${cmd.documentName}.`,
    );
    return next;
  },
  registrar_autorizacion_origen: (cmd, v) => {
    const { c, ctx, st, tz, say } = v;
    const key = (s: string) => s.trim().toLowerCase();
    const d = c.datasets.find((x) => key(x.name) === key(cmd.dataset));
    if (!d) throw invalid('El convenio no incluye ese conjunto de datos.', { dataset: 'no figura en el convenio' });
    const o = d.origin;
    if (!o || o.kind !== 'convenio')
      throw invalid(`«${d.name}» es un dato propio de la municipalidad: no requiere autorización de origen.`, {
        dataset: 'dato propio',
      });
    if (key(o.body) !== key(cmd.body))
      throw invalid(`«${d.name}» proviene de ${o.body}: la autorización debe ser de ese organismo.`, {
        body: 'otro organismo',
      });
    if (cmd.date > toLocalDate(ctx.now, tz))
      throw invalid('La fecha de la autorización no puede ser futura.', { date: 'fecha futura' });
    const next: Convenio = {
      ...v.next,
      originAuthorizations: [
        ...(c.originAuthorizations ?? []),
        {
          ...st,
          dataset: d.name,
          body: o.body,
          evidence: cmd.evidence,
          date: cmd.date,
          ...(cmd.url ? { url: cmd.url } : {}),
        },
      ],
    };
    say(
      [role('administrador_municipal')],
      'convenio.autorizacion_origen',
      'autorización de origen registrada',
      `${o.body} autorizó compartir «${d.name}» (${formatDate(cmd.date)}).`,
    );
    return next;
  },
  recordatorio_etapa: stepTimer,
  etapa_vencida: stepTimer,
} satisfies Partial<VerbHandlers>;
