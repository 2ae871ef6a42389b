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
import { EIPD } from '../textos/comun';
import { DATASET } from '../textos/detalle';
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
        {DATASET.access(ACCESS_LABELS[c.access])}
      </Badge>
      <Badge appearance="tint" shape="rounded" color={sensitive ? 'warning' : 'informative'}>
        {PRIVACY_LABELS[c.privacy]}
      </Badge>
      {c.largeScale ? (
        <Badge appearance="tint" shape="rounded" color="warning">
          {DATASET.largeScale}
        </Badge>
      ) : null}
      {(eipd ?? requiresImpactAssessment(c)) ? (
        <Badge appearance="filled" shape="rounded" color="danger">
          {EIPD.required}
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
          [DATASET.facts.name, d.name],
          [DATASET.facts.description, d.description, descriptionHidden],
          [
            DATASET.facts.fields,
            <ul className={s.fields} key="f">
              {d.fields.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>,
            fieldsHidden,
          ],
          [DATASET.facts.format, FORMAT_LABELS[d.format]],
          [DATASET.facts.period, d.period],
          [DATASET.facts.source, d.source],
          [DATASET.facts.updateFrequency, d.updateFrequency],
          [DATASET.facts.access, ACCESS_LABELS[c.access]],
          [DATASET.facts.legalGround, ground],
          [DATASET.facts.privacy, PRIVACY_LABELS[c.privacy]],
          [DATASET.facts.largeScale, c.largeScale ? DATASET.yes : DATASET.no],
        ]}
      />
    </>
  );
}

export const eipdNote = (required: boolean) =>
  required ? <p style={{ margin: '8px 0 0', color: tokens.colorPaletteRedForeground1 }}>{DATASET.eipdNote}</p> : null;
