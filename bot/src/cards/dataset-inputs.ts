// The dataset and its classification (§1a), as both intake forms ask for them. Ids are the creation schema's paths
// under `dataset.` (createFromInvoke nests them; for a convenio the one dataset becomes `datasets[0]`).
import {
  ACCESS_LABELS,
  LEGAL_GROUND_LABELS,
  PRIVACY_LABELS,
  type AccessLevel,
  type LegalGround,
  type PrivacyLevel,
} from '../../../protocol';
import { choiceSet, heading, textInput, toggle, type CardElement } from './card-elements';
import { FORMAT_LABELS } from './format';

/** Values to show again in a form the server sent back with an error, by input id. */
export type FormValues = Record<string, unknown>;

export const valueOf = (values: FormValues | undefined, id: string): string | undefined => {
  const v = values?.[id];
  return typeof v === 'string' ? v : undefined;
};

const entries = <K extends string>(labels: Record<K, string>) => Object.entries(labels) as [K, string][];

export function datasetInputs(values?: FormValues, opts: { period?: boolean } = {}): CardElement[] {
  const v = (id: string) => valueOf(values, id);
  return [
    heading('Datos'),
    textInput({
      id: 'dataset.name',
      label: 'Nombre del conjunto de datos',
      required: 'Indique el nombre del conjunto de datos (al menos 3 caracteres).',
      value: v('dataset.name'),
      maxLength: 200,
    }),
    textInput({
      id: 'dataset.fields',
      label: 'Campos (separados por coma)',
      required: 'Indique al menos un campo.',
      placeholder: 'Ej.: sector, mes, atenciones',
      value: v('dataset.fields'),
      maxLength: 4000,
    }),
    ...(opts.period === false
      ? []
      : [
          textInput({
            id: 'dataset.period',
            label: 'Período (opcional)',
            placeholder: 'Ej.: 2025 o enero–junio 2026',
            value: v('dataset.period'),
            maxLength: 100,
          }),
        ]),
    choiceSet({
      id: 'dataset.format',
      label: 'Formato',
      required: 'Elija el formato.',
      value: v('dataset.format'),
      choices: entries(FORMAT_LABELS),
    }),
    heading('Clasificación (§1a)'),
    choiceSet({
      id: 'dataset.classification.access',
      label: 'Acceso',
      required: 'Elija el nivel de acceso.',
      value: v('dataset.classification.access'),
      choices: entries<AccessLevel>(ACCESS_LABELS),
    }),
    choiceSet({
      id: 'dataset.classification.legalGround',
      label: 'Fundamento legal de la reserva (solo si es reservada o secreta)',
      placeholder: 'Sin reserva',
      value: v('dataset.classification.legalGround'),
      choices: entries<LegalGround>(LEGAL_GROUND_LABELS),
    }),
    textInput({
      id: 'dataset.classification.legalGroundDetail',
      label: 'Ley de quórum calificado (solo si eligió esa causal)',
      value: v('dataset.classification.legalGroundDetail'),
      maxLength: 300,
    }),
    choiceSet({
      id: 'dataset.classification.privacy',
      label: 'Privacidad',
      required: 'Elija el nivel de privacidad.',
      value: v('dataset.classification.privacy'),
      choices: entries<PrivacyLevel>(PRIVACY_LABELS),
    }),
    toggle({
      id: 'dataset.classification.largeScale',
      label: 'Escala',
      title: 'Tratamiento a gran escala (muchas personas titulares de los datos)',
      on: v('dataset.classification.largeScale') === 'true',
    }),
  ];
}
