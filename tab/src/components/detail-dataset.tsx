// One dataset as the detail shows it: its metadata and its classification on both axes (§1a), with the impact
// assessment (EIPD) flag when the data is sensitive or large-scale.
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import {
  ACCESS_LABELS,
  LEGAL_GROUND_LABELS,
  PRIVACY_LABELS,
  requiresImpactAssessment,
  type Classification,
  type Dataset,
} from '../../../protocol';
import { FORMAT_LABELS } from '../../../protocol';
import { Facts } from './detail-facts';

const useStyles = makeStyles({
  badges: { display: 'flex', flexWrap: 'wrap', gap: '6px', marginBottom: '8px' },
  fields: { margin: 0, paddingLeft: '20px' },
});

export function ClassificationBadges({ c, eipd }: { c: Classification; eipd?: boolean }) {
  const s = useStyles();
  const reserved = c.access === 'reservada' || c.access === 'secreta';
  const sensitive = c.privacy === 'sensible' || c.privacy === 'nna';
  return (
    <div className={s.badges}>
      <Badge appearance="tint" shape="rounded" color={reserved ? 'warning' : 'informative'}>
        Acceso: {ACCESS_LABELS[c.access]}
      </Badge>
      <Badge appearance="tint" shape="rounded" color={sensitive ? 'warning' : 'informative'}>
        {PRIVACY_LABELS[c.privacy]}
      </Badge>
      {c.largeScale ? (
        <Badge appearance="tint" shape="rounded" color="warning">
          Gran escala
        </Badge>
      ) : null}
      {(eipd ?? requiresImpactAssessment(c)) ? (
        <Badge appearance="filled" shape="rounded" color="danger">
          Requiere evaluación de impacto (EIPD)
        </Badge>
      ) : null}
    </div>
  );
}

export function DatasetFacts({
  d,
  fieldsHidden,
  descriptionHidden,
}: {
  d: Dataset;
  fieldsHidden: boolean;
  descriptionHidden: boolean;
}) {
  const s = useStyles();
  const c = d.classification;
  const ground = c.legalGround
    ? `${LEGAL_GROUND_LABELS[c.legalGround]}${c.legalGroundDetail ? `: ${c.legalGroundDetail}` : ''}`
    : undefined;
  return (
    <>
      <ClassificationBadges c={c} />
      <Facts
        facts={[
          ['Nombre', d.name],
          ['Descripción', d.description, descriptionHidden],
          [
            'Campos',
            <ul className={s.fields} key="f">
              {d.fields.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>,
            fieldsHidden,
          ],
          ['Formato', FORMAT_LABELS[d.format]],
          ['Período', d.period],
          ['Fuente', d.source],
          ['Frecuencia de actualización', d.updateFrequency],
          ['Acceso', ACCESS_LABELS[c.access]],
          ['Fundamento de la reserva', ground],
          ['Privacidad', PRIVACY_LABELS[c.privacy]],
          ['Tratamiento a gran escala', c.largeScale ? 'Sí' : 'No'],
        ]}
      />
    </>
  );
}

export const eipdNote = (required: boolean) =>
  required ? (
    <p style={{ margin: '8px 0 0', color: tokens.colorPaletteRedForeground1 }}>
      Datos sensibles, de menores o a gran escala: la Ley 21.719 exige una evaluación de impacto (EIPD).
    </p>
  ) : null;
