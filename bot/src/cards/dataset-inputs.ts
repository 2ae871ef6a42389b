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
import { DATASET } from './textos/datos';

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
    heading(DATASET.heading),
    textInput({
      id: 'dataset.name',
      label: DATASET.name,
      required: DATASET.nameRequired,
      value: v('dataset.name'),
      maxLength: 200,
    }),
    textInput({
      id: 'dataset.fields',
      label: DATASET.fields,
      required: DATASET.fieldsRequired,
      placeholder: DATASET.fieldsExample,
      value: v('dataset.fields'),
      maxLength: 4000,
    }),
    ...(opts.period === false
      ? []
      : [
          textInput({
            id: 'dataset.period',
            label: DATASET.period,
            placeholder: DATASET.periodExample,
            value: v('dataset.period'),
            maxLength: 100,
          }),
        ]),
    choiceSet({
      id: 'dataset.format',
      label: DATASET.format,
      required: DATASET.formatRequired,
      value: v('dataset.format'),
      choices: entries(FORMAT_LABELS),
    }),
    heading(DATASET.classification),
    choiceSet({
      id: 'dataset.classification.access',
      label: DATASET.access,
      required: DATASET.accessRequired,
      value: v('dataset.classification.access'),
      choices: entries<AccessLevel>(ACCESS_LABELS),
    }),
    choiceSet({
      id: 'dataset.classification.legalGround',
      label: DATASET.legalGround,
      placeholder: DATASET.legalGroundNone,
      value: v('dataset.classification.legalGround'),
      choices: entries<LegalGround>(LEGAL_GROUND_LABELS),
    }),
    textInput({
      id: 'dataset.classification.legalGroundDetail',
      label: DATASET.legalGroundDetail,
      value: v('dataset.classification.legalGroundDetail'),
      maxLength: 300,
    }),
    choiceSet({
      id: 'dataset.classification.privacy',
      label: DATASET.privacy,
      required: DATASET.privacyRequired,
      value: v('dataset.classification.privacy'),
      choices: entries<PrivacyLevel>(PRIVACY_LABELS),
    }),
    toggle({
      id: 'dataset.classification.largeScale',
      label: DATASET.scale,
      title: DATASET.largeScale,
      on: v('dataset.classification.largeScale') === 'true',
    }),
  ];
}
