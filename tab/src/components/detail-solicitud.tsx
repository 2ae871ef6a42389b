// Every field of an internal request (§2), in the order the protocol reads: who asks whom, for what data, why,
// by when, and what came of it.
import { Link } from '@fluentui/react-components';
import { ACCESS_LABELS, PRIVACY_LABELS, type Solicitud, type Stamp, type Unit } from '../../../protocol';
import { isLegacyLegalBasis, LEGAL_BASIS_REVIEW_LABEL, legalBasisText } from '../../../protocol';
import { fecha, fechaHora, fechaLocal } from '../format';
import { DEADLINE_LABELS, periodWords, unitLabel } from '../textos/detalle';
import { EXTENSION_STATUS, SOLICITUD_SECTIONS as T, stamp } from '../textos/detalle-secciones';
import { DatasetFacts, eipdNote } from './detail-dataset';
import { DeliveredFiles, type DeliveredFile, type FileAccess } from './detail-files';
import { Facts, Section, Sub, hiddenIn, type Fact } from './detail-facts';

const by = (st: { by: { name: string }; onBehalfOf?: { name: string }; at: string }) =>
  stamp(st.by.name, st.onBehalfOf?.name, fechaHora(st.at));

const period = (p: { amount: number; unit: 'habiles' | 'corridos' }) => periodWords(p.amount, p.unit);

function ExternalLink({ href, children }: { href: string; children: string }) {
  return /^https?:\/\//i.test(href) ? (
    <Link href={href} target="_blank" rel="noopener noreferrer" inline>
      {children}
    </Link>
  ) : (
    <>{children}</>
  );
}

export function SolicitudSections({
  s,
  hidden,
  units,
  files = [],
  access,
  onDownloaded,
}: {
  s: Solicitud;
  hidden: string[];
  units?: Unit[];
  /** The delivery's files as the read model lists them (with `descargar` where the reader may open them). */
  files?: DeliveredFile[];
  /** The requester's own access to them (until when). */
  access?: FileAccess;
  /** A file was downloaded: the timeline has a new entry. */
  onDownloaded?: () => void;
}) {
  const isHidden = hiddenIn(hidden);
  const d = s.deadlines;
  // Extensions count the days the answer's period counts.
  const days = (amount: number) => periodWords(amount, d.answer.period.unit);
  const outcome: Fact[] = s.outcome
    ? [
        [
          s.state === 'cerrada' && s.closedBySilence
            ? T.outcome.closedBySilence
            : s.state === 'cerrada' && s.outcome.byUgdt
              ? T.outcome.closedByUgdt
              : T.outcome.result,
          by(s.outcome),
        ],
        [T.outcome.reason, s.outcome.reason],
        [T.outcome.legalGround, s.outcome.legalGround],
      ]
    : [];
  return (
    <>
      <Section title={T.request.title} id="solicitud">
        <Facts
          facts={[
            [T.request.requestingUnit, unitLabel(units, s.requester.unitId)],
            [T.request.requester, s.requester.name],
            [T.request.ownerUnit, unitLabel(units, s.ownerUnitId)],
            [T.request.assignee, s.assignee?.name],
            [T.request.sentOn, fechaHora(s.createdAt)],
            [T.request.neededBy, s.neededBy && fechaLocal(s.neededBy)],
            [T.request.updatedAt, fechaHora(s.updatedAt)],
          ]}
        />
      </Section>
      <Section title={T.data.title} id="datos">
        <DatasetFacts
          d={s.dataset}
          fieldsHidden={isHidden('dataset.fields')}
          descriptionHidden={isHidden('dataset.description')}
        />
        {eipdNote(s.impactAssessmentRequired)}
        {s.classificationChanges?.length ? (
          <Sub title={T.data.corrections}>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.classificationChanges.map((c) => (
                <li key={c.at}>
                  {T.data.correction(
                    T.data.classification(ACCESS_LABELS[c.from.access], PRIVACY_LABELS[c.from.privacy]),
                    T.data.classification(ACCESS_LABELS[c.to.access], PRIVACY_LABELS[c.to.privacy]),
                    c.reason,
                    by(c),
                  )}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
      </Section>
      <Section title={T.purpose.title} id="proposito">
        <Facts
          facts={[
            [T.purpose.purpose, s.purpose],
            [T.purpose.justification, s.justification, isHidden('justification')],
            [T.purpose.benefits, s.expectedBenefits],
            [T.purpose.legalBasis, legalBasisText(s.legalBasis)],
            [T.purpose.notice, isLegacyLegalBasis(s.legalBasis) ? LEGAL_BASIS_REVIEW_LABEL : undefined],
            [
              T.purpose.attachments,
              s.attachments.length ? (
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {s.attachments.map((a) => (
                    <li key={a.url}>
                      <ExternalLink href={a.url}>{a.name}</ExternalLink>
                    </li>
                  ))}
                </ul>
              ) : undefined,
              isHidden('attachments'),
            ],
          ]}
        />
      </Section>
      <Section title={T.deadlines.title} id="plazos">
        <Facts
          facts={[
            [
              T.deadlines.acknowledge,
              T.deadlines.period(period(d.acknowledge.period), fechaLocal(d.acknowledge.dueDate)) +
                (s.acknowledged ? T.deadlines.acknowledgedBy(by(s.acknowledged)) : ''),
            ],
            [
              T.deadlines.answer,
              T.deadlines.period(period(d.answer.period), fechaLocal(d.answer.dueDate)) +
                (d.answer.extended ? T.deadlines.extended(days(d.answer.extended)) : ''),
            ],
            [T.deadlines.wait, s.wait && T.deadlines.waitValue(fechaLocal(s.wait.until), s.wait.note, by(s.wait))],
            [
              T.deadlines.overdue,
              s.overdue && T.deadlines.overdueValue(DEADLINE_LABELS[s.overdue.deadline], fecha(s.overdue.since)),
            ],
          ]}
        />
        {s.extensions.length ? (
          <Sub title={T.deadlines.extensions}>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.extensions.map((e) => (
                <li key={e.at}>{T.deadlines.extension(days(e.amount), fechaLocal(e.newDueDate), e.reason, by(e))}</li>
              ))}
            </ul>
          </Sub>
        ) : null}
        {s.extensionRequests?.length ? (
          <Sub title={T.deadlines.extensionRequests}>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.extensionRequests.map((r) => (
                <li key={r.at}>
                  {T.deadlines.extensionRequest(
                    days(r.amount),
                    r.reason,
                    by(r),
                    EXTENSION_STATUS[r.status],
                    r.decided && r.status !== 'caducada' ? by(r.decided) : undefined,
                    r.decided?.reason,
                  )}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
        {s.reiterations?.length ? (
          <Sub title={T.deadlines.reiterations}>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.reiterations.map((r) => (
                <li key={r.at}>{T.deadlines.reiteration(fechaLocal(r.until), r.reason, by(r))}</li>
              ))}
            </ul>
          </Sub>
        ) : null}
        {s.reassignments.length ? (
          <Sub title={T.deadlines.reassignments}>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.reassignments.map((r) => (
                <li key={r.at}>
                  {T.deadlines.reassignment(
                    unitLabel(units, r.fromUnitId),
                    unitLabel(units, r.toUnitId),
                    r.reason,
                    by(r),
                  )}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
        {s.reminders.length ? (
          <Sub title={T.deadlines.reminders}>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.reminders.map((r) => (
                <li key={r.at}>
                  {r.automatic ? T.deadlines.reminderAutomatic : T.deadlines.reminderUgdt} — {by(r)}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
      </Section>
      {s.delivery || s.observations.length || outcome.length ? (
        <Section title={T.delivery.title} id="entrega">
          {s.delivery ? (
            <Facts
              facts={[
                [
                  s.delivery.version && s.delivery.version > 1
                    ? T.delivery.deliveredVersion(s.delivery.version)
                    : T.delivery.delivered,
                  by(s.delivery),
                ],
                [
                  T.delivery.link,
                  s.delivery.link ? <ExternalLink href={s.delivery.link}>{s.delivery.link}</ExternalLink> : undefined,
                  isHidden('delivery.link'),
                ],
                [
                  T.delivery.files,
                  files.length ? (
                    <DeliveredFiles files={files} access={access} onDownloaded={onDownloaded} />
                  ) : undefined,
                  isHidden('delivery.files'),
                ],
                [T.delivery.file, s.delivery.fileName, isHidden('delivery.fileName')],
                [T.delivery.note, s.delivery.note],
              ]}
            />
          ) : null}
          {s.observations.length ? (
            <Sub title={T.delivery.observations}>
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {s.observations.map((o) => (
                  <li key={o.at}>
                    {o.reason} — {by(o)}
                  </li>
                ))}
              </ul>
            </Sub>
          ) : null}
          {outcome.length ? <Facts facts={outcome} /> : null}
        </Section>
      ) : null}
    </>
  );
}

/** Comments both sides and the UGDT see, oldest first. */
export function Comments({ comments }: { comments: (Stamp & { text: string })[] }) {
  if (!comments.length) return null;
  return (
    <Section title={T.comments} id="comentarios">
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {comments.map((c) => (
          <li key={c.at} style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
            {c.text} — {by(c)}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export { by as stampWords };
