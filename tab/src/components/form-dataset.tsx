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
          label="Nombre del conjunto de datos"
          required
          value={value.name}
          onChange={set('name')}
          maxLength={200}
        />
        <SelectF
          check={check}
          path={p('format')}
          label="Formato"
          required
          value={value.format}
          onChange={set('format')}
          options={FORMATS}
          emptyMessage="Elija el formato de entrega"
        />
      </FieldGrid>
      <TextF
        check={check}
        path={p('description')}
        label="Descripción"
        multiline
        value={value.description}
        onChange={set('description')}
        maxLength={2000}
      />
      <ListF
        check={check}
        path={p('fields')}
        label="Campos"
        itemName="campo"
        required
        hint="Las columnas o atributos que se piden, por ejemplo: sector, tramo_rsh."
        items={value.fields}
        onChange={set('fields')}
      />
      <FieldGrid>
        <TextF
          check={check}
          path={p('period')}
          label="Período"
          placeholder="Ej.: 2025 o enero-junio 2026"
          value={value.period}
          onChange={set('period')}
          maxLength={100}
        />
        <TextF
          check={check}
          path={p('source')}
          label="Fuente"
          value={value.source}
          onChange={set('source')}
          maxLength={200}
        />
        <TextF
          check={check}
          path={p('updateFrequency')}
          label="Frecuencia de actualización"
          placeholder="Ej.: mensual"
          value={value.updateFrequency}
          onChange={set('updateFrequency')}
          maxLength={100}
        />
      </FieldGrid>
      <FieldGrid>
        <SelectF
          check={check}
          path={c('access')}
          label="Clasificación de acceso"
          required
          value={value.access}
          onChange={set('access')}
          options={ACCESS}
        />
        <SelectF
          check={check}
          path={c('privacy')}
          label="Clasificación de privacidad"
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
            label="Fundamento legal de la reserva"
            required
            value={value.legalGround}
            onChange={set('legalGround')}
            options={GROUNDS}
          />
          {value.legalGround === 'ley_quorum_calificado' ? (
            <TextF
              check={check}
              path={c('legalGroundDetail')}
              label="Ley de quórum calificado"
              required
              placeholder="Ej.: Ley 19.628 art. 10"
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
        label="Tratamiento a gran escala: los datos involucran a muchas personas (por ejemplo, toda la comuna)"
      />
      {eipd ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Requiere evaluación de impacto (EIPD)</MessageBarTitle>
            Datos sensibles, de niños, niñas y adolescentes o a gran escala: la Ley 21.719 exige evaluar el impacto en
            la protección de datos antes de tratarlos.
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
