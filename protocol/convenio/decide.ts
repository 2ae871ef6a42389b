import { strictest, requiresImpactAssessment } from '../classification';
import { addDays, formatDate, startOfLocalDay, toLocalDate } from '../calendar';
import type { DecideContext } from '../context';
import type { Grant } from '../directory';
import { contact, notice, person, role, type AuditEntry, type Decision, type Effect, type Recipient } from '../effects';
import { badTransition, DomainError, forbidden, invalid } from '../errors';
import { addMonths, endOfMonthsPeriod } from '../months';
import { makeDeadline, deadlineTimers } from '../deadlines';
import type { Stamp } from '../solicitud/state';
import type { ConvenioCommand, CreateConvenio } from './commands';
import { authorizeConvenio } from './policy';
import {
  approvalBlocker,
  changeSignersBlocker,
  legalReviewBlocker,
  renewalBlocker,
  signatureBlocker,
  toLegalReviewBlocker,
} from './preconditions';
import { CONVENIO_STATE_LABELS, currentDraft, type Convenio, type ConvenioState, type DocumentVersion } from './state';
import { CONVENIO_TRANSITIONS } from './transitions';
import { delegationRef, municipalSigningCapacity, signersProblems } from './signers';
import {
  afterEndProblem,
  automaticRenewalEnd,
  expressRenewalProblem,
  nextExpiryNotice,
  transferProblem,
  vigenciaTimers,
} from './vigencia';
import { rejectionBlocker } from './rejection';
import { fireStepTimer, syncStepDeadlines } from './step-deadlines';
import { eipdBlocker } from './legal';
import { legalBasisText, sensitiveBasisProblems } from '../legal-basis';

function stamp(ctx: DecideContext, grant: Grant | undefined): Stamp {
  const by = { personId: ctx.actor.personId, name: ctx.actor.name };
  return grant?.delegated
    ? { at: ctx.now.toISOString(), by, onBehalfOf: grant.holder }
    : { at: ctx.now.toISOString(), by };
}

function audit(from: ConvenioState | null, to: ConvenioState, command: string, st: Stamp, payload: object): AuditEntry {
  return {
    command,
    from,
    to,
    actor: st.by,
    ...(st.onBehalfOf ? { onBehalfOf: st.onBehalfOf } : {}),
    payload: { ...payload },
  };
}

/** Evaluations and the end-of-vigencia notice fall due at 09:00 local time on their day. */
const morning = (d: string, tz: string) => new Date(startOfLocalDay(d, tz).getTime() + 9 * 3600_000).toISOString();

export function decideCreateConvenio(
  input: CreateConvenio,
  ids: { id: string; reference: string },
  ctx: DecideContext,
): Decision<Convenio> {
  const { actor, settings } = ctx;
  if (actor.system || !actor.unitId) throw forbidden('Solo un funcionario con unidad puede proponer un convenio.');
  const now = ctx.now.toISOString();
  // Rule 1: only the Alcalde or a delegate by decree signs for the municipality; the representative for the entity.
  const signerProblems = signersProblems(
    input.signers,
    { ...ids, entity: input.entity },
    toLocalDate(ctx.now, settings.timeZone),
    ctx.directory,
  );
  if (Object.keys(signerProblems).length) throw invalid(Object.values(signerProblems).join(' '), signerProblems);
  const classification = strictest(input.datasets.map((d) => d.classification))!;
  const next: Convenio = {
    kind: 'convenio',
    ...ids,
    version: 1,
    state: 'evaluacion',
    createdAt: now,
    updatedAt: now,
    proposer: { personId: actor.personId, name: actor.name, unitId: actor.unitId },
    title: input.title,
    purpose: input.purpose,
    legalBasis: input.legalBasis,
    benefits: input.benefits,
    entity: input.entity,
    municipalTechnicalContact: input.municipalTechnicalContact,
    datasets: input.datasets,
    classification,
    impactAssessmentRequired: input.datasets.some((d) => requiresImpactAssessment(d.classification)),
    securityMeasures: input.securityMeasures,
    transferMethod: input.transferMethod,
    retention: input.retention,
    durationMonths: input.durationMonths,
    renewal: input.renewal,
    evaluationEveryMonths: input.evaluationEveryMonths ?? settings.convenio.evaluationEveryMonths,
    signatureOrder: input.signatureOrder ?? settings.convenio.signatureOrder,
    signers: input.signers.map((s, i) => ({ ...s, id: `f${i + 1}` })),
    documents: [],
    round: 1,
    legalReviews: {},
    observations: [],
    signatures: [],
    renewals: [],
    transfers: [],
    evaluations: [],
    evaluationPending: false,
    comments: [],
  };
  const st: Stamp = { at: now, by: { personId: actor.personId, name: actor.name } };
  // Rule 3: the evaluation's deadline starts now.
  const steps = syncStepDeadlines(null, next, ctx);
  return {
    next: steps.next,
    effects: [
      ...steps.effects,
      ...notice(
        [role('secplan'), role('administrador_municipal')],
        [person(actor.personId)],
        'convenio.nuevo',
        `${ids.reference}: evaluación de necesidad de convenio con ${input.entity.name}`,
        `${actor.name} propone un convenio con ${input.entity.name}: «${input.title}». SECPLAN y la Administración Municipal deben evaluar la necesidad (§3a, §5).`,
      ),
    ],
    audit: audit(null, 'evaluacion', 'crear', st, { entity: input.entity.name, title: input.title }),
  };
}

const SECPLAN_CC: Recipient[] = [role('secplan')];

/**
 * Who a signature notice goes to: the signer in the directory; else the mayor (municipal side) or SECPLAN, who
 * records an outside signature, and then the counterpart's representative too, by mail with the document's link.
 */
function signerRecipients(c: Convenio, s: Convenio['signers'][number]): Recipient[] {
  if (s.personId) return [person(s.personId)];
  if (s.side === 'municipalidad') return [role('alcalde')];
  return [role('secplan'), ...contact(c.entity.representative)];
}

/** The technical contacts of both sides: the municipal one in Teams (or by mail), the counterpart's by mail. */
function technicalContacts(c: Convenio): Recipient[] {
  const m = c.municipalTechnicalContact;
  return [...(m.personId ? [person(m.personId)] : contact(m)), ...contact(c.entity.technicalContact)];
}

/** What a visación or signature is bound to: the exact document version, its hash and, once stored, its storage id. */
const boundTo = (d: DocumentVersion) => ({
  version: d.version,
  sha256: d.sha256,
  ...(d.storageVersionId ? { storageVersionId: d.storageVersionId } : {}),
});

export function decideConvenio(c: Convenio, cmd: ConvenioCommand, ctx: DecideContext): Decision<Convenio> {
  const t = CONVENIO_TRANSITIONS[cmd.type];
  const today = toLocalDate(ctx.now, ctx.settings.timeZone);
  const grant = authorizeConvenio(ctx.actor, c, cmd, { directory: ctx.directory, today });
  // Past the vigencia, a transfer or a renewal is refused saying so (rule 4), not with the generic state message.
  const ended = afterEndProblem(c, cmd.type);
  if (ended) throw ended;
  if (!t.from.includes(c.state))
    throw badTransition(
      `No se puede «${t.label}» un convenio en estado «${CONVENIO_STATE_LABELS[c.state]}» (${c.reference}).`,
    );
  const st = stamp(ctx, grant);
  const tz = ctx.settings.timeZone;
  const ref = c.reference;
  let next: Convenio = { ...c, updatedAt: st.at };
  const effects: Effect[] = [];
  const say = (to: Recipient[], kind: string, subject: string, summary: string) =>
    effects.push(...notice(to, SECPLAN_CC, kind, `${ref}: ${subject}`, summary));
  const draft = currentDraft(c);
  const requireDraft = (version: number, sha256: string) => {
    if (!draft) throw badTransition('El convenio no tiene borrador.');
    if (draft.version !== version || draft.sha256 !== sha256)
      throw new DomainError(
        'DOCUMENTO_DISTINTO',
        `El documento cambió: la versión vigente es la ${draft.version}. Abra la versión actual antes de continuar.`,
      );
    return draft;
  };
  const payload: Record<string, unknown> = { ...cmd };
  delete payload.type;

  switch (cmd.type) {
    case 'registrar_evaluacion':
      next = {
        ...next,
        assessment: {
          ...st,
          checklist: cmd.checklist,
          ...(cmd.committeeSession ? { committeeSession: cmd.committeeSession } : {}),
        },
      };
      say(
        [role('administrador_municipal')],
        'convenio.evaluado',
        'evaluación registrada',
        'SECPLAN registró la evaluación de necesidad (§5). Falta la decisión de la Administración Municipal.',
      );
      break;
    case 'aprobar_evaluacion': {
      const blocked = approvalBlocker(c);
      if (blocked) throw blocked;
      next = { ...next, state: 'redaccion', assessmentApproval: { ...st, note: cmd.note } };
      effects.push({ type: 'store_document', document: 'borrador', version: 1 });
      say(
        [role('secplan')],
        'convenio.redaccion',
        'evaluación aprobada',
        `La Administración Municipal aprobó la necesidad: ${cmd.note}`,
      );
      break;
    }
    case 'rechazar':
    case 'desistir': {
      const blocked = rejectionBlocker(c, cmd.type);
      if (blocked) throw blocked;
      const state = cmd.type === 'rechazar' ? 'rechazado' : 'desistido';
      next = { ...next, state, outcome: { ...st, reason: cmd.reason } };
      effects.push({ type: 'cancel_timers', timers: 'all' });
      say(
        [person(c.proposer.personId), role('administrador_municipal')],
        `convenio.${state}`,
        `convenio ${state}`,
        cmd.reason,
      );
      break;
    }
    case 'registrar_borrador': {
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
      next = { ...next, documents: [...c.documents, doc] };
      // A draft SECPLAN hands in (edited outside the app) is stored beside the generated ones.
      if (!ctx.actor.system)
        effects.push({ type: 'store_document', document: 'borrador', version, sha256: cmd.sha256 });
      break;
    }
    case 'enviar_a_visacion': {
      const blocked = toLegalReviewBlocker(c);
      if (blocked || !draft) throw blocked;
      next = { ...next, state: 'visacion' };
      say(
        // The counterpart's legal department reviews too: it gets the mail copy with the draft.
        [role('daj'), ...contact(c.entity.legalContact)],
        'convenio.visacion',
        'visación jurídica',
        `Borrador versión ${draft.version} listo para visación de la DAJ (§5e) y del área jurídica de ${c.entity.name}.`,
      );
      break;
    }
    case 'visar':
    case 'registrar_visacion_externa': {
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
      next = { ...next, legalReviews: reviews, state: done ? 'firma' : 'visacion' };
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
      break;
    }
    case 'observar': {
      if (!draft) throw badTransition('El convenio no tiene borrador.');
      next = {
        ...next,
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
      break;
    }
    case 'firmar': {
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
      next = { ...next, signatures, state: done ? 'aprobacion' : 'firma' };
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
      break;
    }
    case 'subir_firmado_fea': {
      const version = c.documents.filter((d) => d.kind === 'firmado_fea').length + 1;
      next = {
        ...next,
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
      break;
    }
    case 'registrar_decreto': {
      const noEipd = eipdBlocker(c);
      if (noEipd) throw noEipd;
      if (cmd.date > toLocalDate(ctx.now, tz))
        throw invalid('La fecha del decreto no puede ser futura.', { date: 'fecha futura' });
      const validity = { start: cmd.date, end: endOfMonthsPeriod(cmd.date, c.durationMonths) };
      const nextEvaluationDue = addMonths(cmd.date, c.evaluationEveryMonths);
      next = {
        ...next,
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
      break;
    }
    case 'registrar_transferencia': {
      const problem = transferProblem(c, cmd, toLocalDate(ctx.now, tz));
      if (problem) throw problem;
      next = {
        ...next,
        transfers: [
          ...c.transfers,
          {
            ...st,
            date: cmd.date,
            datasets: cmd.datasets,
            method: cmd.method,
            municipalResponsible: cmd.municipalResponsible,
            externalResponsible: cmd.externalResponsible,
          },
        ],
      };
      // Both technical contacts learn of every transfer (rule 5); the datasets stay in the item (read policy).
      say(
        technicalContacts(c),
        'convenio.transferencia',
        'transferencia registrada',
        `${ctx.actor.name} registró una transferencia del ${formatDate(cmd.date)} (${cmd.datasets.length} ${
          cmd.datasets.length === 1 ? 'conjunto de datos' : 'conjuntos de datos'
        }) con ${c.entity.name}.`,
      );
      break;
    }
    case 'registrar_evaluacion_periodica': {
      const nextEvaluationDue = addMonths(toLocalDate(ctx.now, tz), c.evaluationEveryMonths);
      next = {
        ...next,
        evaluations: [
          ...c.evaluations,
          { ...st, compliance: cmd.compliance, effectiveness: cmd.effectiveness, findings: cmd.findings },
        ],
        evaluationPending: false,
        nextEvaluationDue,
      };
      effects.push({
        type: 'schedule',
        timer: 'evaluacion_periodica',
        dueAt: morning(nextEvaluationDue, tz),
        about: nextEvaluationDue,
      });
      if (cmd.compliance !== 'cumple')
        say([role('administrador_municipal')], 'convenio.evaluacion', 'evaluación con incumplimientos', cmd.findings);
      break;
    }
    case 'renovar': {
      const blocked = renewalBlocker(c) ?? expressRenewalProblem(c, cmd, toLocalDate(ctx.now, tz));
      if (blocked) throw blocked;
      const end = c.validity!.end;
      const newEnd = endOfMonthsPeriod(addDays(end, 1), cmd.months);
      next = {
        ...next,
        state: 'vigente',
        validity: { ...c.validity!, end: newEnd },
        renewals: [
          ...c.renewals,
          {
            ...st,
            previousEnd: end,
            newEnd,
            ...(cmd.decree ? { decree: cmd.decree } : {}),
            ...(cmd.decreeDate ? { decreeDate: cmd.decreeDate } : {}),
          },
        ],
      };
      // The end moved: the notices and the end-of-vigencia timer follow it.
      effects.push(...vigenciaTimers(newEnd, ctx.settings, toLocalDate(ctx.now, tz)));
      say(
        [person(c.proposer.personId)],
        'convenio.renovado',
        'convenio renovado',
        `Vigente hasta el ${formatDate(newEnd)}.`,
      );
      break;
    }
    case 'terminar':
      next = {
        ...next,
        state: 'terminado',
        termination: { ...st, reason: cmd.reason, dataDisposition: cmd.dataDisposition, evidence: cmd.evidence },
      };
      effects.push({ type: 'cancel_timers', timers: 'all' });
      say(
        [person(c.proposer.personId), role('administrador_municipal')],
        'convenio.terminado',
        'convenio terminado',
        `${cmd.reason}. Datos ${cmd.dataDisposition}: ${cmd.evidence}`,
      );
      break;
    case 'comentar':
      next = { ...next, comments: [...c.comments, { ...st, text: cmd.text }] };
      break;
    case 'evaluacion_pendiente':
      if (!c.nextEvaluationDue || c.nextEvaluationDue !== cmd.about)
        throw new DomainError('TEMPORIZADOR_OBSOLETO', 'La evaluación ya fue registrada o reprogramada.');
      next = { ...next, evaluationPending: true };
      say(
        [role('secplan')],
        'convenio.evaluacion_pendiente',
        'evaluación periódica pendiente',
        `Corresponde evaluar el cumplimiento y la efectividad del convenio (§4b).`,
      );
      break;
    case 'registrar_documento': {
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
        break;
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
      break;
    }
    case 'actualizar_base_legal': {
      const problems = sensitiveBasisProblems(
        cmd.legalBasis,
        c.datasets.map((d) => d.classification),
      );
      if (Object.keys(problems).length)
        throw invalid(`Base legal incompleta: ${Object.values(problems).join('; ')}.`, problems);
      next = { ...next, legalBasis: cmd.legalBasis };
      say(
        [person(c.proposer.personId)],
        'convenio.base_legal',
        'base legal actualizada',
        `SECPLAN registró la base legal: ${legalBasisText(cmd.legalBasis)}.`,
      );
      break;
    }
    case 'registrar_eipd': {
      if (!c.impactAssessmentRequired)
        throw badTransition('Este convenio no requiere evaluación de impacto en protección de datos.');
      if (cmd.date > toLocalDate(ctx.now, tz))
        throw invalid('La fecha de la evaluación de impacto no puede ser futura.', { date: 'fecha futura' });
      next = {
        ...next,
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
      break;
    }
    case 'registrar_autorizacion_origen': {
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
      next = {
        ...next,
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
      break;
    }
    case 'marcar_por_vencer': {
      if (!c.validity || c.validity.end !== cmd.about)
        throw new DomainError('TEMPORIZADOR_OBSOLETO', 'La vigencia cambió desde que se programó este aviso.');
      next = { ...next, state: 'por_vencer' };
      const today = toLocalDate(ctx.now, tz);
      const end = c.validity.end;
      const left = Math.round((Date.parse(end) - Date.parse(today)) / 86_400_000);
      const how =
        c.renewal === 'automatica'
          ? 'se renovará automáticamente (cláusula de renovación) salvo que se termine antes'
          : c.renewal === 'expresa'
            ? 'la renovación expresa debe aprobarse por decreto antes de esa fecha; si no, termínelo con eliminación o devolución de datos'
            : 'no contempla renovación: al vencer corresponde la eliminación o devolución de los datos';
      say(
        [role('secplan'), person(c.proposer.personId), ...technicalContacts(c)],
        'convenio.por_vencer',
        'convenio por vencer',
        `Vence el ${formatDate(end)} (en ${left} ${left === 1 ? 'día' : 'días'}): ${how}.`,
      );
      // One notice per lead time (settings.convenio.expiryNoticeDays): arm the next one.
      const following = nextExpiryNotice(end, ctx.settings, today, today);
      if (following)
        effects.push({ type: 'schedule', timer: 'aviso_termino', dueAt: morning(following, tz), about: end });
      break;
    }
    case 'vencer': {
      if (!c.validity || c.validity.end !== cmd.about)
        throw new DomainError('TEMPORIZADOR_OBSOLETO', 'La vigencia cambió desde que se programó este término.');
      const end = c.validity.end;
      if (c.renewal === 'automatica') {
        // The automatic-renewal clause renews it on its end date, for another period of the same duration.
        const newEnd = automaticRenewalEnd(c, end);
        next = {
          ...next,
          state: 'vigente',
          validity: { ...c.validity, end: newEnd },
          renewals: [...c.renewals, { ...st, previousEnd: end, newEnd, automatic: true }],
        };
        payload.previousEnd = end;
        payload.newEnd = newEnd;
        effects.push(...vigenciaTimers(newEnd, ctx.settings, toLocalDate(ctx.now, tz)));
        effects.push(
          ...notice(
            [
              role('secplan'),
              person(c.proposer.personId),
              ...contact(c.entity.representative),
              ...technicalContacts(c),
            ],
            SECPLAN_CC,
            'convenio.renovado_automaticamente',
            `${ref}: convenio renovado automáticamente`,
            `La vigencia terminaba el ${formatDate(end)}; por su cláusula de renovación automática el convenio con ${c.entity.name} sigue vigente hasta el ${formatDate(newEnd)}.`,
          ),
        );
        break;
      }
      // No renewal took effect: vencido. The data must be deleted or returned, and recorded, within the deadline.
      const terminationDeadline = makeDeadline(
        ctx.calendar,
        startOfLocalDay(addDays(end, 1), tz),
        { amount: ctx.settings.convenio.terminationDays, unit: 'habiles' },
        tz,
      );
      next = { ...next, state: 'vencido', terminationDeadline };
      payload.terminationDue = terminationDeadline.dueDate;
      effects.push(
        { type: 'cancel_timers', timers: ['evaluacion_periodica', 'aviso_termino', 'fin_vigencia'] },
        ...deadlineTimers(
          ctx.calendar,
          terminationDeadline,
          { reminder: 'recordatorio_termino', due: 'vencimiento_termino' },
          ctx.settings.reminderDaysBefore,
          ctx.now,
          tz,
        ),
      );
      effects.push(
        ...notice(
          [role('secplan'), person(c.proposer.personId), ...technicalContacts(c)],
          SECPLAN_CC,
          'convenio.vencido',
          `${ref}: convenio vencido`,
          `La vigencia del convenio con ${c.entity.name} terminó el ${formatDate(end)}. No se pueden registrar más transferencias; los datos deben ${
            c.retention.endAction === 'devolucion' ? 'devolverse' : 'eliminarse'
          } y SECPLAN debe registrar el término con su evidencia a más tardar el ${formatDate(terminationDeadline.dueDate)}.`,
        ),
      );
      break;
    }
    case 'cambiar_firmantes': {
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
      break;
    }
    case 'plazo_termino': {
      const due = c.terminationDeadline;
      if (!due || due.dueAt !== cmd.about)
        throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo de término cambió o ya se registró el término.');
      if (cmd.stage === 'recordatorio')
        say(
          [role('secplan')],
          'convenio.termino_recordatorio',
          'plazo de término por vencer',
          `El plazo para registrar la eliminación o devolución de los datos vence el ${formatDate(due.dueDate)}.`,
        );
      else
        say(
          [role('secplan'), role('administrador_municipal')],
          'convenio.termino_vencido',
          'plazo de término vencido',
          `Venció el ${formatDate(due.dueDate)} el plazo para registrar la eliminación o devolución de los datos del convenio vencido con ${c.entity.name}.`,
        );
      break;
    }
    case 'proponer_rechazo':
    case 'desestimar_rechazo': {
      const blocked = rejectionBlocker(c, cmd.type);
      if (blocked) throw blocked;
      if (cmd.type === 'proponer_rechazo') {
        next = { ...next, rejectionProposal: { ...st, reason: cmd.reason } };
        say(
          [role('administrador_municipal')],
          'convenio.propuesta_rechazo',
          'propuesta de rechazo',
          `SECPLAN propone rechazar el convenio: ${cmd.reason}. Decide la Administración Municipal (rechazar o desestimar).`,
        );
      } else {
        const { rejectionProposal: _dismissed, ...rest } = next;
        next = rest;
        say([role('secplan')], 'convenio.rechazo_desestimado', 'propuesta de rechazo desestimada', cmd.note);
      }
      break;
    }
    case 'recordatorio_etapa':
    case 'etapa_vencida': {
      const fired = fireStepTimer(c, cmd.type, cmd.about, ctx);
      next = { ...next, stepDeadlines: fired.stepDeadlines };
      effects.push(...fired.effects);
      break;
    }
  }
  const to = t.to === 'igual' ? c.state : t.to === 'segun' ? next.state : t.to;
  if (next.state !== to || (t.targets && !t.targets.includes(to)))
    throw new Error(`tabla y decisión difieren para ${cmd.type}`);
  // Rule 3: start the deadlines of the steps that began, drop those that ended, keep the step timers on the earliest.
  const steps = syncStepDeadlines(c, next, ctx);
  next = steps.next;
  effects.push(...steps.effects);
  // The library's columns show state and vigencia: keep them in step whenever either changes.
  if (next.documents.length && (next.state !== c.state || next.validity?.end !== c.validity?.end))
    effects.push({ type: 'sync_documents' });
  effects.push({ type: 'update_cards' });
  // The clause's renewal is its own event in the log (the verb is the end of the vigencia that triggered it).
  const command = cmd.type === 'vencer' && to === 'vigente' ? 'renovacion_automatica' : cmd.type;
  return { next, effects, audit: audit(c.state, to, command, st, payload) };
}
