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
import { ClassificationBadges, DatasetFacts, eipdNote } from './detail-dataset';
import { Facts, RESERVADO, Section, Sub, hiddenIn } from './detail-facts';
import { stampWords as by } from './detail-solicitud';
import {
  COMPLIANCE_LABELS,
  DISPOSITION_LABELS,
  END_ACTION_LABELS,
  METHOD_LABELS,
  SIDE_LABELS,
  SIGNER_SIDE_LABELS,
  unitLabel,
} from './detail-words';

const contactWords = (c: Contact | undefined) =>
  c
    ? [c.name, c.position, c.rut && `RUT ${formatRut(c.rut) ?? c.rut}`, c.email, c.phone].filter(Boolean).join(' · ')
    : undefined;

const list = { margin: 0, paddingLeft: 20 } as const;

export function ConvenioSections({ c, hidden, units }: { c: Convenio; hidden: string[]; units?: Unit[] }) {
  const isHidden = hiddenIn(hidden);
  const overall = strictest(c.datasets.map((d) => d.classification));
  const signed = (id: string) => c.signatures.find((x) => x.signerId === id);
  const legal = c.legalReviews;
  return (
    <>
      <Section title="Convenio" id="convenio">
        <Facts
          facts={[
            ['Objeto', c.title],
            ['Propone', `${c.proposer.name} (${unitLabel(units, c.proposer.unitId)})`],
            ['Registrado el', fechaHora(c.createdAt)],
            ['Propósito', c.purpose],
            ['Base legal', legalBasisText(c.legalBasis)],
            ['Aviso', convenioLegalFlags(c).join(' · ') || undefined],
            ['Beneficio para el municipio', c.benefits.municipality],
            ['Beneficio para la contraparte', c.benefits.counterpart],
          ]}
        />
      </Section>
      <Section title="Entidad externa" id="entidad">
        <Facts
          facts={[
            ['Entidad', c.entity.name],
            ['RUT', formatRut(c.entity.rut) ?? c.entity.rut],
            ['Representante legal', contactWords(c.entity.representative)],
            ['Contacto jurídico', contactWords(c.entity.legalContact)],
            ['Contraparte técnica', contactWords(c.entity.technicalContact)],
            ['Contraparte técnica municipal', contactWords(c.municipalTechnicalContact)],
          ]}
        />
      </Section>
      <Section title="Conjuntos de datos" id="datos">
        {overall ? <ClassificationBadges c={overall} eipd={c.impactAssessmentRequired} /> : null}
        {c.datasets.map((d, i) => (
          <Sub key={`${d.name}-${i}`} title={`${i + 1}. ${d.name}`}>
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
            ['Origen de los datos', c.datasets.map((d) => `${d.name}: ${originText(d)}`).join('; ')],
            [
              'EIPD',
              c.eipd
                ? `${fechaLocal(c.eipd.date)}, ${c.eipd.author}: ${c.eipd.documentName}`
                : eipdPending(c)
                  ? EIPD_PENDING_LABEL
                  : undefined,
            ],
            [
              'Autorizaciones de origen',
              (c.originAuthorizations ?? [])
                .map((a) => `${a.dataset} (${a.body}, ${fechaLocal(a.date)}): ${a.evidence}`)
                .join('; ') || undefined,
            ],
          ]}
        />
      </Section>
      <Section title="Seguridad, transferencia y retención" id="seguridad">
        <Facts
          facts={[
            ['Medidas de protección y seguridad', c.securityMeasures],
            ['Método de transferencia', c.transferMethod],
            ['Al término', `${END_ACTION_LABELS[c.retention.endAction]}: ${c.retention.detail}`],
          ]}
        />
      </Section>
      <Section title="Duración, renovación y evaluación" id="duracion">
        <Facts
          facts={[
            ['Duración', `${c.durationMonths} meses`],
            ['Renovación', RENEWAL_LABELS[c.renewal]],
            ['Evaluación periódica', `cada ${c.evaluationEveryMonths} meses (§4b)`],
            ['Próxima evaluación', c.nextEvaluationDue && fechaLocal(c.nextEvaluationDue)],
            ['Evaluación pendiente', c.evaluationPending ? 'Sí' : undefined],
            ['Vigencia', c.validity && `del ${fechaLocal(c.validity.start)} al ${fechaLocal(c.validity.end)}`],
          ]}
        />
        {c.renewals.length ? (
          <Sub title="Renovaciones">
            <ul style={list}>
              {c.renewals.map((r) => (
                <li key={r.at}>
                  Del {fechaLocal(r.previousEnd)} al {fechaLocal(r.newEnd)}
                  {r.decree ? `, decreto ${r.decree}` : ''} — {by(r)}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
      </Section>
      <Section title="Evaluación de necesidad (§5)" id="evaluacion">
        {c.assessment ? (
          <>
            <ul style={{ ...list, listStyle: 'none', paddingLeft: 0 }}>
              {CHECKLIST_ITEMS.map((k) => {
                const v = c.assessment!.checklist[k];
                return (
                  <li key={k} style={{ marginBottom: 6 }}>
                    <Badge appearance="tint" shape="rounded" color={v.ok ? 'success' : 'danger'}>
                      {v.ok ? 'Cumple' : 'No cumple'}
                    </Badge>{' '}
                    {CHECKLIST_LABELS[k]}
                    {v.note ? ` — ${v.note}` : ''}
                  </li>
                );
              })}
            </ul>
            <Facts
              facts={[
                ['Registrada', by(c.assessment)],
                ['Sesión del comité', c.assessment.committeeSession],
                ['Aprobada', c.assessmentApproval && `${by(c.assessmentApproval)}: ${c.assessmentApproval.note}`],
              ]}
            />
          </>
        ) : (
          <p style={{ margin: 0 }}>Aún no se registra la evaluación.</p>
        )}
      </Section>
      <Section title="Visación jurídica" id="visacion">
        <Facts
          facts={[
            ['Ronda de redacción', String(c.round)],
            [
              'DAJ (municipal)',
              legal.municipal
                ? `Visó la versión ${legal.municipal.version} (SHA-256 ${shortHash(legal.municipal.sha256)}) — ${by(legal.municipal)}${legal.municipal.note ? `; nota: ${legal.municipal.note}` : ''}`
                : 'Pendiente',
            ],
            [
              `Área jurídica de ${c.entity.name}`,
              legal.external
                ? `${legal.external.reviewer} visó la versión ${legal.external.version} (SHA-256 ${shortHash(legal.external.sha256)}); evidencia: ${legal.external.evidence} — registró ${by(legal.external)}`
                : 'Pendiente',
            ],
          ]}
        />
        {c.observations.length ? (
          <Sub title="Observaciones">
            <ul style={list}>
              {c.observations.map((o) => (
                <li key={o.at}>
                  {SIDE_LABELS[o.side]}, versión {o.version} (ronda {o.round}): {o.comments} — {by(o)}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
      </Section>
      <Section title="Firmantes y firmas" id="firmas">
        <p style={{ margin: '0 0 8px' }}>
          Orden de firma: {c.signatureOrder === 'secuencial' ? 'secuencial (en el orden indicado)' : 'en paralelo'}
        </p>
        <ol style={list}>
          {c.signers.map((s) => {
            const sig = signed(s.id);
            return (
              <li key={s.id} style={{ marginBottom: 4 }}>
                <strong>{s.name}</strong>, {s.position} ({SIGNER_SIDE_LABELS[s.side]}):{' '}
                {sig
                  ? `firmó la versión ${sig.version} (SHA-256 ${shortHash(sig.sha256)}) con ${METHOD_LABELS[sig.method]} — ${by(sig)}${sig.evidence ? `; evidencia: ${sig.evidence}` : ''}`
                  : 'pendiente'}
              </li>
            );
          })}
        </ol>
      </Section>
      {c.decree || c.validity ? (
        <Section title="Decreto y vigencia" id="decreto">
          <Facts
            facts={[
              ['Decreto Alcaldicio', c.decree && `N° ${c.decree.number} del ${fechaLocal(c.decree.date)}`],
              ['Acto aprobatorio de la contraparte', c.decree?.externalAct],
              ['Registrado', c.decree && by(c.decree)],
              ['Vigencia', c.validity && `del ${fechaLocal(c.validity.start)} al ${fechaLocal(c.validity.end)}`],
            ]}
          />
        </Section>
      ) : null}
      {c.transfers.length ? (
        <Section title="Transferencias de datos" id="transferencias">
          <ul style={list}>
            {c.transfers.map((t) => (
              <li key={t.at} style={{ marginBottom: 4 }}>
                {fechaLocal(t.date)}: {isHidden('transfers.datasets') ? RESERVADO : t.datasets.join(', ')} por{' '}
                {t.method}. Responsables: {t.municipalResponsible} (municipio) y {t.externalResponsible} (contraparte) —
                registró {by(t)}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {c.evaluations.length ? (
        <Section title="Evaluaciones periódicas (§4b)" id="evaluaciones">
          {c.evaluations.map((e) => (
            <Sub key={e.at} title={`${COMPLIANCE_LABELS[e.compliance]} — ${by(e)}`}>
              <Facts
                facts={[
                  ['Efectividad', e.effectiveness],
                  ['Hallazgos', e.findings],
                ]}
              />
            </Sub>
          ))}
        </Section>
      ) : null}
      {c.termination || c.outcome ? (
        <Section title="Término" id="termino">
          <Facts
            facts={[
              ['Terminado', c.termination && `${by(c.termination)}: ${c.termination.reason}`],
              [
                'Datos al término',
                c.termination &&
                  `${DISPOSITION_LABELS[c.termination.dataDisposition]}; evidencia: ${c.termination.evidence}`,
              ],
              ['Motivo', c.outcome && `${c.outcome.reason} — ${by(c.outcome)}`],
            ]}
          />
        </Section>
      ) : null}
    </>
  );
}
