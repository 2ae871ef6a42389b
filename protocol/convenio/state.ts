import type { Classification, Dataset } from '../classification';
import type { LocalDate } from '../calendar';
import type { PersonRef } from '../directory';
import type { SignatureDelegationRef } from './signers';
import type { Deadline, Stamp } from '../solicitud/state';
import type { StepDeadline } from './step-deadlines';
import type { StoredLegalBasis } from '../legal-basis';

/** Convenio life cycle (§3–§6); see docs/estados.generado.md for the diagram. */
export const CONVENIO_STATES = [
  'evaluacion',
  'redaccion',
  'visacion',
  'firma',
  'aprobacion',
  'vigente',
  'por_vencer',
  'terminado',
  'desistido',
  'rechazado',
  'vencido',
] as const;
export type ConvenioState = (typeof CONVENIO_STATES)[number];

export const CONVENIO_STATE_LABELS: Record<ConvenioState, string> = {
  evaluacion: 'Evaluación de necesidad',
  redaccion: 'Redacción',
  visacion: 'Visación jurídica',
  firma: 'Firma',
  aprobacion: 'Aprobación por decreto',
  vigente: 'Vigente',
  por_vencer: 'Por vencer',
  terminado: 'Terminado',
  desistido: 'Desistido',
  rechazado: 'Rechazado',
  vencido: 'Vencido',
};

export const CONVENIO_CLOSED_STATES: readonly ConvenioState[] = ['terminado', 'desistido', 'rechazado'];
export const CONVENIO_OPEN_STATES: readonly ConvenioState[] = CONVENIO_STATES.filter(
  (s) => !CONVENIO_CLOSED_STATES.includes(s),
);
export const CONVENIO_BEFORE_VIGENCIA: readonly ConvenioState[] = [
  'evaluacion',
  'redaccion',
  'visacion',
  'firma',
  'aprobacion',
];
export const CONVENIO_IN_FORCE: readonly ConvenioState[] = ['vigente', 'por_vencer'];
/**
 * Past the end of its vigencia without renewal: no transfers any more (not in CONVENIO_IN_FORCE), but not closed
 * either: SECPLAN still owes the termination (data deleted or returned, with evidence) within its deadline.
 */
export const CONVENIO_ENDED: readonly ConvenioState[] = ['vencido'];

/** §5 a–d: the needs-assessment checklist. */
export const CHECKLIST_ITEMS = ['necesidad', 'beneficioMutuo', 'cumplimientoNormativo', 'privacidadSeguridad'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export const CHECKLIST_LABELS: Record<ChecklistItem, string> = {
  necesidad: '§5a Existe una necesidad y fundamento claro para los objetivos de la institución',
  beneficioMutuo: '§5b El intercambio es beneficioso para ambas partes',
  cumplimientoNormativo: '§5c Cumple la normativa local, nacional e internacional de protección de datos',
  privacidadSeguridad: '§5d Resguarda la privacidad y seguridad con cláusulas específicas',
};

export interface Contact {
  name: string;
  email?: string;
  phone?: string;
  position?: string;
  rut?: string;
}

export interface ExternalEntity {
  name: string;
  rut: string;
  representative: Contact;
  legalContact: Contact;
  technicalContact: Contact;
}

export interface DocumentVersion extends Stamp {
  version: number;
  kind: 'borrador' | 'firmado_fea' | 'certificado';
  fileName: string;
  sha256: string;
  /** Where the file lives (SharePoint or the local documents folder). */
  url?: string;
  /** The storage's own version id (SharePoint driveItem version). */
  storageVersionId?: string;
  /** Completion certificate: the head of the audit chain it certifies. */
  auditHead?: { seq: number; hash: string };
}

export interface Signer {
  id: string;
  side: 'municipalidad' | 'contraparte';
  name: string;
  position: string;
  /** Set when the signer is in the directory (municipal staff or a guest); else SECPLAN records it with evidence. */
  personId?: string;
}

export interface Signature extends Stamp {
  signerId: string;
  version: number;
  sha256: string;
  /** The storage's version id of the document signed (SharePoint driveItem version), when it is stored there. */
  storageVersionId?: string;
  method: 'fes' | 'fea';
  evidence?: string;
  /** Municipal signature by delegation of signature (Decreto Alcaldicio): which decree the signer used. */
  delegation?: SignatureDelegationRef;
}

export interface Convenio {
  kind: 'convenio';
  id: string;
  reference: string;
  version: number;
  state: ConvenioState;
  createdAt: string;
  updatedAt: string;
  proposer: PersonRef & { unitId: string };
  title: string;
  purpose: string;
  /** Structured (rule 6), or `{ legacyText }` for a convenio written before it («Base legal por revisar»). */
  legalBasis: StoredLegalBasis;
  benefits: { municipality: string; counterpart: string };
  entity: ExternalEntity;
  municipalTechnicalContact: Contact & { personId?: string };
  datasets: Dataset[];
  classification: Classification;
  impactAssessmentRequired: boolean;
  securityMeasures: string;
  transferMethod: string;
  retention: { endAction: 'eliminacion' | 'devolucion'; detail: string };
  durationMonths: number;
  renewal: 'automatica' | 'expresa' | 'sin_renovacion';
  evaluationEveryMonths: number;
  signatureOrder: 'secuencial' | 'paralelo';
  signers: Signer[];
  assessment?: Stamp & { checklist: Record<ChecklistItem, { ok: boolean; note: string }>; committeeSession?: string };
  assessmentApproval?: Stamp & { note: string };
  documents: DocumentVersion[];
  /** Drafting round, 1 for the first draft; an observation opens the next. */
  round: number;
  legalReviews: {
    municipal?: Stamp & { version: number; sha256: string; storageVersionId?: string; note?: string };
    external?: Stamp & {
      version: number;
      sha256: string;
      storageVersionId?: string;
      reviewer: string;
      evidence: string;
    };
  };
  observations: (Stamp & { side: 'municipal' | 'externa'; comments: string; version: number; round: number })[];
  signatures: Signature[];
  decree?: Stamp & { number: string; date: LocalDate; externalAct?: string };
  validity?: { start: LocalDate; end: LocalDate };
  renewals: (Stamp & {
    previousEnd: LocalDate;
    newEnd: LocalDate;
    decree?: string;
    /** Date of the act that approved an express renewal (before the end of the vigencia). */
    decreeDate?: LocalDate;
    /** Renewed by the automatic-renewal clause on the end date (a system event). */
    automatic?: boolean;
  })[];
  transfers: (Stamp & {
    date: LocalDate;
    datasets: string[];
    method: string;
    municipalResponsible: string;
    externalResponsible: string;
  })[];
  evaluations: (Stamp & {
    compliance: 'cumple' | 'cumple_parcial' | 'no_cumple';
    effectiveness: string;
    findings: string;
  })[];
  nextEvaluationDue?: LocalDate;
  evaluationPending: boolean;
  termination?: Stamp & { reason: string; dataDisposition: 'eliminados' | 'devueltos'; evidence: string };
  outcome?: Stamp & { reason: string };
  comments: (Stamp & { text: string })[];
  /** Once `vencido`: the deadline to delete or return the data and record it (settings.convenio.terminationDays). */
  terminationDeadline?: Deadline;
  /** Rule 3: the deadline of each step running now, by step key (convenio/step-deadlines.ts); absent on older rows. */
  stepDeadlines?: Record<string, StepDeadline>;
  /** Rule 9b: SECPLAN's proposal to reject at evaluación, awaiting the Administración Municipal's decision. */
  rejectionProposal?: Stamp & { reason: string };
  /** Rule 6: the recorded impact assessment (EIPD); absent on rows written before it. */
  eipd?: Stamp & { date: LocalDate; author: string; documentName: string; url?: string };
  /** Rule 7: authorizations of the bodies datasets were obtained from; absent on rows written before it. */
  originAuthorizations?: (Stamp & { dataset: string; body: string; evidence: string; date: LocalDate; url?: string })[];
}

/** The draft version legal review and signatures are bound to: the newest borrador. */
export function currentDraft(c: Pick<Convenio, 'documents'>): DocumentVersion | undefined {
  return [...c.documents].reverse().find((d) => d.kind === 'borrador');
}
