// One dataset with its metadata and classification (§1a), for both forms: the request's single dataset and each of
// a convenio's datasets. The EIPD hint appears as soon as the data is sensitive, of children or large-scale.
import { Checkbox, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import {
  ACCESS_LABELS,
  ACCESS_LEVELS,
  LEGAL_GROUND_LABELS,
  LEGAL_GROUNDS,
  PRIVACY_LABELS,
  PRIVACY_LEVELS,
  requiresImpactAssessment,
  type PrivacyLevel,
} from '../../../protocol';
import { FORMAT_LABELS } from '../../../protocol';
import { EIPD } from '../textos/comun';
import { DATASET_FORM } from '../textos/formularios';
import { FieldGrid, ListF, SelectF, TextF, fieldSetter, opt, type FormCheck } from './form-kit';

export interface DatasetDraft {
  name: string;
  description: string;
  fields: string[];
  format: string;
  period: string;
  source: string;
  updateFrequency: string;
  access: string;
  legalGround: string;
  legalGroundDetail: string;
  privacy: string;
  largeScale: boolean;
}

export const emptyDataset = (): DatasetDraft => ({
  name: '',
  description: '',
  fields: [],
  format: '',
  period: '',
  source: '',
  updateFrequency: '',
  access: '',
  legalGround: '',
  legalGroundDetail: '',
  privacy: '',
  largeScale: false,
});

const reserved = (access: string) => access === 'reservada' || access === 'secreta';

/** The dataset as the API takes it (datasetSchema). */
export function datasetBody(d: DatasetDraft) {
  return {
    name: d.name,
    description: opt(d.description),
    fields: d.fields,
    format: d.format || undefined,
    period: opt(d.period),
    source: opt(d.source),
    updateFrequency: opt(d.updateFrequency),
    classification: {
      access: d.access || undefined,
      legalGround: reserved(d.access) ? d.legalGround || undefined : undefined,
      legalGroundDetail:
        reserved(d.access) && d.legalGround === 'ley_quorum_calificado' ? opt(d.legalGroundDetail) : undefined,
      privacy: d.privacy || undefined,
      largeScale: d.largeScale,
    },
  };
}

const FORMATS = Object.entries(FORMAT_LABELS) as [string, string][];
const ACCESS = ACCESS_LEVELS.map((k) => [k, ACCESS_LABELS[k]] as const);
const PRIVACY = PRIVACY_LEVELS.map((k) => [k, PRIVACY_LABELS[k]] as const);
const GROUNDS = LEGAL_GROUNDS.map((k) => [k, LEGAL_GROUND_LABELS[k]] as const);

export function DatasetFields({
  check,
  prefix,
  value,
  onChange,
}: {
  check: FormCheck;
  /** The dataset's path in the body: "dataset" or "datasets.2". */
  prefix: string;
  value: DatasetDraft;
  onChange: (d: DatasetDraft) => void;
}) {
  const set = fieldSetter(value, onChange);
  const p = (k: string) => `${prefix}.${k}`;
  const c = (k: string) => `${prefix}.classification.${k}`;
  const eipd = requiresImpactAssessment({ privacy: value.privacy as PrivacyLevel, largeScale: value.largeScale });
  return (
    <>
      <FieldGrid>
        <TextF
          check={check}
          path={p('name')}
          label={DATASET_FORM.name}
          required
          value={value.name}
          onChange={set('name')}
          maxLength={200}
        />
        <SelectF
          check={check}
          path={p('format')}
          label={DATASET_FORM.format}
          required
          value={value.format}
          onChange={set('format')}
          options={FORMATS}
          emptyMessage={DATASET_FORM.formatMissing}
        />
      </FieldGrid>
      <TextF
        check={check}
        path={p('description')}
        label={DATASET_FORM.description}
        multiline
        value={value.description}
        onChange={set('description')}
        maxLength={2000}
      />
      <ListF
        check={check}
        path={p('fields')}
        label={DATASET_FORM.fields}
        itemName={DATASET_FORM.field}
        required
        hint={DATASET_FORM.fieldsHint}
        items={value.fields}
        onChange={set('fields')}
      />
      <FieldGrid>
        <TextF
          check={check}
          path={p('period')}
          label={DATASET_FORM.period}
          placeholder={DATASET_FORM.periodPlaceholder}
          value={value.period}
          onChange={set('period')}
          maxLength={100}
        />
        <TextF
          check={check}
          path={p('source')}
          label={DATASET_FORM.source}
          value={value.source}
          onChange={set('source')}
          maxLength={200}
        />
        <TextF
          check={check}
          path={p('updateFrequency')}
          label={DATASET_FORM.updateFrequency}
          placeholder={DATASET_FORM.updateFrequencyPlaceholder}
          value={value.updateFrequency}
          onChange={set('updateFrequency')}
          maxLength={100}
        />
      </FieldGrid>
      <FieldGrid>
        <SelectF
          check={check}
          path={c('access')}
          label={DATASET_FORM.access}
          required
          value={value.access}
          onChange={set('access')}
          options={ACCESS}
        />
        <SelectF
          check={check}
          path={c('privacy')}
          label={DATASET_FORM.privacy}
          required
          value={value.privacy}
          onChange={set('privacy')}
          options={PRIVACY}
        />
      </FieldGrid>
      {reserved(value.access) ? (
        <FieldGrid>
          <SelectF
            check={check}
            path={c('legalGround')}
            label={DATASET_FORM.legalGround}
            required
            value={value.legalGround}
            onChange={set('legalGround')}
            options={GROUNDS}
          />
          {value.legalGround === 'ley_quorum_calificado' ? (
            <TextF
              check={check}
              path={c('legalGroundDetail')}
              label={DATASET_FORM.qualifiedLaw}
              required
              placeholder={DATASET_FORM.qualifiedLawPlaceholder}
              value={value.legalGroundDetail}
              onChange={set('legalGroundDetail')}
              maxLength={300}
            />
          ) : null}
        </FieldGrid>
      ) : null}
      <Checkbox
        checked={value.largeScale}
        onChange={(_, d) => set('largeScale')(d.checked === true)}
        label={DATASET_FORM.largeScale}
      />
      {eipd ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{EIPD.required}</MessageBarTitle>
            {DATASET_FORM.eipdBody}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
