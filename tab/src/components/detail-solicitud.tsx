// Every field of an internal request (§2), in the order the protocol reads: who asks whom, for what data, why,
// by when, and what came of it.
import { Link } from '@fluentui/react-components';
import { ACCESS_LABELS, PRIVACY_LABELS, type Solicitud, type Stamp, type Unit } from '../../../protocol';
import { isLegacyLegalBasis, LEGAL_BASIS_REVIEW_LABEL, legalBasisText } from '../../../protocol';
import { diasHabiles, fecha, fechaHora, fechaLocal } from '../format';
import { DatasetFacts, eipdNote } from './detail-dataset';
import { Facts, Section, Sub, hiddenIn, type Fact } from './detail-facts';
import { DEADLINE_LABELS, unitLabel } from './detail-words';

const by = (st: { by: { name: string }; onBehalfOf?: { name: string }; at: string }) =>
  `${st.by.name}${st.onBehalfOf ? ` (subrogando a ${st.onBehalfOf.name})` : ''}, ${fechaHora(st.at)}`;

const period = (p: { amount: number; unit: 'habiles' | 'corridos' }) =>
  p.unit === 'habiles' ? diasHabiles(p.amount) : `${p.amount} día(s) corrido(s)`;

function ExternalLink({ href, children }: { href: string; children: string }) {
  return /^https?:\/\//i.test(href) ? (
    <Link href={href} target="_blank" rel="noopener noreferrer" inline>
      {children}
    </Link>
  ) : (
    <>{children}</>
  );
}

const EXTENSION_STATUS = {
  pendiente: 'Pendiente de la decisión de la UGDT',
  concedida: 'Concedida',
  denegada: 'Denegada',
  caducada: 'Caducó al vencer el plazo sin decisión',
} as const;

export function SolicitudSections({ s, hidden, units }: { s: Solicitud; hidden: string[]; units?: Unit[] }) {
  const isHidden = hiddenIn(hidden);
  const d = s.deadlines;
  const outcome: Fact[] = s.outcome
    ? [
        [
          s.state === 'cerrada' && s.closedBySilence
            ? 'Cerrada por silencio del solicitante'
            : s.state === 'cerrada' && s.outcome.byUgdt
              ? 'Cerrada por la UGDT'
              : 'Resultado',
          by(s.outcome),
        ],
        ['Motivo', s.outcome.reason],
        ['Norma', s.outcome.legalGround],
      ]
    : [];
  return (
    <>
      <Section title="Solicitud" id="solicitud">
        <Facts
          facts={[
            ['Unidad solicitante', unitLabel(units, s.requester.unitId)],
            ['Funcionario(a) solicitante', s.requester.name],
            ['Unidad dueña del dato', unitLabel(units, s.ownerUnitId)],
            ['Asignada a', s.assignee?.name],
            ['Enviada el', fechaHora(s.createdAt)],
            ['Se necesita para', s.neededBy && fechaLocal(s.neededBy)],
            ['Última actualización', fechaHora(s.updatedAt)],
          ]}
        />
      </Section>
      <Section title="Datos solicitados" id="datos">
        <DatasetFacts
          d={s.dataset}
          fieldsHidden={isHidden('dataset.fields')}
          descriptionHidden={isHidden('dataset.description')}
        />
        {eipdNote(s.impactAssessmentRequired)}
        {s.classificationChanges?.length ? (
          <Sub title="Correcciones de clasificación (unidad dueña)">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.classificationChanges.map((c) => (
                <li key={c.at}>
                  De {ACCESS_LABELS[c.from.access]} / {PRIVACY_LABELS[c.from.privacy]} a {ACCESS_LABELS[c.to.access]} /{' '}
                  {PRIVACY_LABELS[c.to.privacy]}: {c.reason} — {by(c)}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
      </Section>
      <Section title="Propósito y fundamento" id="proposito">
        <Facts
          facts={[
            ['Propósito', s.purpose],
            ['Justificación', s.justification, isHidden('justification')],
            ['Beneficios esperados', s.expectedBenefits],
            ['Base legal', legalBasisText(s.legalBasis)],
            ['Aviso', isLegacyLegalBasis(s.legalBasis) ? LEGAL_BASIS_REVIEW_LABEL : undefined],
            [
              'Adjuntos',
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
      <Section title="Plazos" id="plazos">
        <Facts
          facts={[
            [
              'Acuse de recibo',
              `${period(d.acknowledge.period)}, hasta el ${fechaLocal(d.acknowledge.dueDate)}` +
                (s.acknowledged ? ` · registrado por ${by(s.acknowledged)}` : ''),
            ],
            [
              'Respuesta',
              `${period(d.answer.period)}, hasta el ${fechaLocal(d.answer.dueDate)}` +
                (d.answer.extended ? ` (incluye ${d.answer.extended} día(s) de prórroga)` : ''),
            ],
            ['Espera indicada', s.wait && `hasta el ${fechaLocal(s.wait.until)}: ${s.wait.note} — ${by(s.wait)}`],
            [
              'Plazo vencido',
              s.overdue &&
                `${DEADLINE_LABELS[s.overdue.deadline]}: venció el ${fecha(s.overdue.since)}; la UGDT puede intervenir`,
            ],
          ]}
        />
        {s.extensions.length ? (
          <Sub title="Prórrogas (art. 26)">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.extensions.map((e) => (
                <li key={e.at}>
                  {e.amount} día(s), nuevo plazo {fechaLocal(e.newDueDate)}: {e.reason} — {by(e)}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
        {s.extensionRequests?.length ? (
          <Sub title="Solicitudes de prórroga de la unidad (art. 26)">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.extensionRequests.map((r) => (
                <li key={r.at}>
                  {r.amount} día(s): {r.reason} — {by(r)}. {EXTENSION_STATUS[r.status]}
                  {r.decided && r.status !== 'caducada' ? ` por ${by(r.decided)}` : ''}
                  {r.decided?.reason ? `: ${r.decided.reason}` : ''}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
        {s.reiterations?.length ? (
          <Sub title="Oficios reiterativos de la UGDT (la solicitud sigue fuera de plazo)">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.reiterations.map((r) => (
                <li key={r.at}>
                  Responder a más tardar el {fechaLocal(r.until)}: {r.reason} — {by(r)}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
        {s.reassignments.length ? (
          <Sub title="Reasignaciones">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.reassignments.map((r) => (
                <li key={r.at}>
                  De {unitLabel(units, r.fromUnitId)} a {unitLabel(units, r.toUnitId)}: {r.reason} — {by(r)}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
        {s.reminders.length ? (
          <Sub title="Recordatorios">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.reminders.map((r) => (
                <li key={r.at}>
                  {r.automatic ? 'Automático' : 'De la UGDT'} — {by(r)}
                </li>
              ))}
            </ul>
          </Sub>
        ) : null}
      </Section>
      {s.delivery || s.observations.length || outcome.length ? (
        <Section title="Entrega y cierre" id="entrega">
          {s.delivery ? (
            <Facts
              facts={[
                ['Entregada', by(s.delivery)],
                [
                  'Enlace a los datos',
                  s.delivery.link ? <ExternalLink href={s.delivery.link}>{s.delivery.link}</ExternalLink> : undefined,
                  isHidden('delivery.link'),
                ],
                ['Archivo', s.delivery.fileName, isHidden('delivery.fileName')],
                ['Nota de entrega', s.delivery.note],
              ]}
            />
          ) : null}
          {s.observations.length ? (
            <Sub title="Observaciones del solicitante">
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
    <Section title="Comentarios" id="comentarios">
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
