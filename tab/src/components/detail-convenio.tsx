// Every field of a convenio (§3–§6): the counterpart and its contacts, the data, the clauses (security, transfer,
// retention, duration), then each step's record: assessment, legal reviews, signatures, decree, transfers and
// periodic evaluations.
import { Badge } from '@fluentui/react-components';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_LABELS,
  convenioLegalFlags,
  eipdPending,
  EIPD_PENDING_LABEL,
  formatRut,
  legalBasisText,
  originText,
  strictest,
  type Contact,
  type Convenio,
  type Unit,
} from '../../../protocol';
import { RENEWAL_LABELS, shortHash } from '../../../protocol';
import { fechaHora, fechaLocal } from '../format';
import {
  COMPLIANCE_LABELS,
  DISPOSITION_LABELS,
  END_ACTION_LABELS,
  FACTS,
  METHOD_LABELS,
  SIDE_LABELS,
  SIGNER_SIDE_LABELS,
  unitLabel,
} from '../textos/detalle';
import { CONVENIO_SECTIONS as T } from '../textos/detalle-secciones';
import { ClassificationBadges, DatasetFacts, eipdNote } from './detail-dataset';
import { Facts, Section, Sub, hiddenIn } from './detail-facts';
import { stampWords as by } from './detail-solicitud';

const contactWords = (c: Contact | undefined) =>
  c
    ? [c.name, c.position, c.rut && T.entity.contactRut(formatRut(c.rut) ?? c.rut), c.email, c.phone]
        .filter(Boolean)
        .join(' · ')
    : undefined;

const list = { margin: 0, paddingLeft: 20 } as const;

export function ConvenioSections({ c, hidden, units }: { c: Convenio; hidden: string[]; units?: Unit[] }) {
  const isHidden = hiddenIn(hidden);
  const overall = strictest(c.datasets.map((d) => d.classification));
  const signed = (id: string) => c.signatures.find((x) => x.signerId === id);
  const legal = c.legalReviews;
  return (
    <>
      <Section title={T.convenio.title} id="convenio">
        <Facts
          facts={[
            [T.convenio.object, c.title],
            [T.convenio.proposer, T.convenio.proposerValue(c.proposer.name, unitLabel(units, c.proposer.unitId))],
            [T.convenio.registeredOn, fechaHora(c.createdAt)],
            [T.convenio.purpose, c.purpose],
            [T.convenio.legalBasis, legalBasisText(c.legalBasis)],
            [T.convenio.notice, convenioLegalFlags(c).join(' · ') || undefined],
            [T.convenio.benefitMunicipality, c.benefits.municipality],
            [T.convenio.benefitCounterpart, c.benefits.counterpart],
          ]}
        />
      </Section>
      <Section title={T.entity.title} id="entidad">
        <Facts
          facts={[
            [T.entity.name, c.entity.name],
            [T.entity.rut, formatRut(c.entity.rut) ?? c.entity.rut],
            [T.entity.representative, contactWords(c.entity.representative)],
            [T.entity.legalContact, contactWords(c.entity.legalContact)],
            [T.entity.technicalContact, contactWords(c.entity.technicalContact)],
            [T.entity.municipalTechnicalContact, contactWords(c.municipalTechnicalContact)],
          ]}
        />
      </Section>
      <Section title={T.data.title} id="datos">
        {overall ? <ClassificationBadges c={overall} eipd={c.impactAssessmentRequired} /> : null}
        {c.datasets.map((d, i) => (
          <Sub key={`${d.name}-${i}`} title={T.data.dataset(i + 1, d.name)}>
            <DatasetFacts
              d={d}
              fieldsHidden={isHidden('datasets.fields')}
              descriptionHidden={isHidden('datasets.description')}
            />
          </Sub>
        ))}
        {eipdNote(c.impactAssessmentRequired)}
        <Facts
          facts={[
            [T.data.origin, c.datasets.map((d) => `${d.name}: ${originText(d)}`).join('; ')],
            [
              T.data.eipd,
              c.eipd
                ? T.data.eipdValue(fechaLocal(c.eipd.date), c.eipd.author, c.eipd.documentName)
                : eipdPending(c)
                  ? EIPD_PENDING_LABEL
                  : undefined,
            ],
            [
              T.data.originAuthorizations,
              (c.originAuthorizations ?? [])
                .map((a) => T.data.originAuthorization(a.dataset, a.body, fechaLocal(a.date), a.evidence))
                .join('; ') || undefined,
            ],
          ]}
        />
      </Section>
      <Section title={T.security.title} id="seguridad">
        <Facts
          facts={[
            [T.security.measures, c.securityMeasures],
            [T.security.transferMethod, c.transferMethod],
            [T.security.atEnd, `${END_ACTION_LABELS[c.retention.endAction]}: ${c.retention.detail}`],
          ]}
        />
      </Section>
      <Section title={T.duration.title} id="duracion">
        <Facts
          facts={[
            [T.duration.duration, T.duration.months(c.durationMonths)],
            [T.duration.renewal, RENEWAL_LABELS[c.renewal]],
            [T.duration.evaluation, T.duration.evaluationEvery(c.evaluationEveryMonths)],
            [T.duration.nextEvaluation, c.nextEvaluationDue && fechaLocal(c.nextEvaluationDue)],
            [T.duration.evaluationPending, c.evaluationPending ? T.duration.yes : undefined],
            [
              T.duration.validity,
              c.validity && T.duration.validityValue(fechaLocal(c.validity.start), fechaLocal(c.validity.end)),
            ],
          ]}
        />
        {c.renewals.length ? (
          <Sub title={T.duration.renewals}>
            <ul style={list}>
              {c.renewals.map((r) => (
                <li key={r.at}>
                  {T.duration.renewalValue(fechaLocal(r.previousEnd), fechaLocal(r.newEnd), r.decree, by(r))}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
      </Section>
      <Section title={T.assessment.title} id="evaluacion">
        {c.assessment ? (
          <>
            <ul style={{ ...list, listStyle: 'none', paddingLeft: 0 }}>
              {CHECKLIST_ITEMS.map((k) => {
                const v = c.assessment!.checklist[k];
                return (
                  <li key={k} style={{ marginBottom: 6 }}>
                    <Badge appearance="tint" shape="rounded" color={v.ok ? 'success' : 'danger'}>
                      {v.ok ? T.assessment.ok : T.assessment.notOk}
                    </Badge>{' '}
                    {CHECKLIST_LABELS[k]}
                    {v.note ? ` — ${v.note}` : ''}
                  </li>
                );
              })}
            </ul>
            <Facts
              facts={[
                [T.assessment.registered, by(c.assessment)],
                [T.assessment.committeeSession, c.assessment.committeeSession],
                [
                  T.assessment.approved,
                  c.assessmentApproval &&
                    T.assessment.approvedValue(by(c.assessmentApproval), c.assessmentApproval.note),
                ],
              ]}
            />
          </>
        ) : (
          <p style={{ margin: 0 }}>{T.assessment.none}</p>
        )}
      </Section>
      <Section title={T.legal.title} id="visacion">
        <Facts
          facts={[
            [T.legal.round, String(c.round)],
            [
              T.legal.municipal,
              legal.municipal
                ? T.legal.municipalDone(
                    legal.municipal.version,
                    shortHash(legal.municipal.sha256),
                    by(legal.municipal),
                    legal.municipal.note,
                  )
                : T.legal.pending,
            ],
            [
              T.legal.external(c.entity.name),
              legal.external
                ? T.legal.externalDone(
                    legal.external.reviewer,
                    legal.external.version,
                    shortHash(legal.external.sha256),
                    legal.external.evidence,
                    by(legal.external),
                  )
                : T.legal.pending,
            ],
          ]}
        />
        {c.observations.length ? (
          <Sub title={T.legal.observations}>
            <ul style={list}>
              {c.observations.map((o) => (
                <li key={o.at}>{T.legal.observation(SIDE_LABELS[o.side], o.version, o.round, o.comments, by(o))}</li>
              ))}
            </ul>
          </Sub>
        ) : null}
      </Section>
      <Section title={T.signatures.title} id="firmas">
        <p style={{ margin: '0 0 8px' }}>{T.signatures.order(c.signatureOrder === 'secuencial')}</p>
        <ol style={list}>
          {c.signers.map((s) => {
            const sig = signed(s.id);
            return (
              <li key={s.id} style={{ marginBottom: 4 }}>
                <strong>{s.name}</strong>, {s.position} ({SIGNER_SIDE_LABELS[s.side]}):{' '}
                {sig
                  ? T.signatures.signed(
                      sig.version,
                      shortHash(sig.sha256),
                      METHOD_LABELS[sig.method],
                      by(sig),
                      sig.evidence,
                    )
                  : T.signatures.pending}
              </li>
            );
          })}
        </ol>
      </Section>
      {c.decree || c.validity ? (
        <Section title={T.decree.title} id="decreto">
          <Facts
            facts={[
              [T.decree.decree, c.decree && T.decree.decreeValue(c.decree.number, fechaLocal(c.decree.date))],
              [T.decree.externalAct, c.decree?.externalAct],
              [T.decree.registered, c.decree && by(c.decree)],
              [
                T.decree.validity,
                c.validity && T.decree.validityValue(fechaLocal(c.validity.start), fechaLocal(c.validity.end)),
              ],
            ]}
          />
        </Section>
      ) : null}
      {c.transfers.length ? (
        <Section title={T.transfers.title} id="transferencias">
          <ul style={list}>
            {c.transfers.map((t) => (
              <li key={t.at} style={{ marginBottom: 4 }}>
                {T.transfers.transfer(
                  fechaLocal(t.date),
                  isHidden('transfers.datasets') ? FACTS.reserved : t.datasets.join(', '),
                  t.method,
                  t.municipalResponsible,
                  t.externalResponsible,
                  by(t),
                )}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {c.evaluations.length ? (
        <Section title={T.evaluations.title} id="evaluaciones">
          {c.evaluations.map((e) => (
            <Sub key={e.at} title={T.evaluations.heading(COMPLIANCE_LABELS[e.compliance], by(e))}>
              <Facts
                facts={[
                  [T.evaluations.effectiveness, e.effectiveness],
                  [T.evaluations.findings, e.findings],
                ]}
              />
            </Sub>
          ))}
        </Section>
      ) : null}
      {c.termination || c.outcome ? (
        <Section title={T.termination.title} id="termino">
          <Facts
            facts={[
              [
                T.termination.terminated,
                c.termination && T.termination.terminatedValue(by(c.termination), c.termination.reason),
              ],
              [
                T.termination.dataAtEnd,
                c.termination &&
                  T.termination.dataAtEndValue(
                    DISPOSITION_LABELS[c.termination.dataDisposition],
                    c.termination.evidence,
                  ),
              ],
              [T.termination.reason, c.outcome && T.termination.reasonValue(c.outcome.reason, by(c.outcome))],
            ]}
          />
        </Section>
      ) : null}
    </>
  );
}
