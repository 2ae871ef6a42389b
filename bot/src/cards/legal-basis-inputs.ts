// The structured legal basis (rule 6) and a dataset's origin (rule 7), as the intake forms and the
// «Actualizar base legal» form ask for them. Ids are the schema's paths under `prefix` (createFromInvoke and
// commandFromInvoke nest them); the categories arrive as "a,b" from a multi-select and inputs.ts splits them.
import {
  LEGAL_BASIS_LABELS,
  ORIGIN_LABELS,
  SENSITIVE_BASIS_LABELS,
  SENSITIVE_CATEGORY_LABELS,
  type LegalBasisKind,
  type SensitiveBasis,
  type SensitiveCategory,
} from '../../../protocol';
import { choiceSet, heading, text, textInput, type CardElement } from './card-elements';
import { valueOf, type FormValues } from './dataset-inputs';
import { LEGAL_BASIS, ORIGIN } from './textos/datos';

const entries = <K extends string>(labels: Record<K, string>) => Object.entries(labels) as [K, string][];

export function legalBasisInputs(prefix = '', values?: FormValues): CardElement[] {
  const id = (p: string) => `${prefix}legalBasis.${p}`;
  const v = (p: string) => valueOf(values, id(p));
  return [
    heading(LEGAL_BASIS.heading),
    choiceSet({
      id: id('basis'),
      label: LEGAL_BASIS.basis,
      required: LEGAL_BASIS.basisRequired,
      placeholder: LEGAL_BASIS.basisPlaceholder,
      value: v('basis'),
      choices: entries<LegalBasisKind>(LEGAL_BASIS_LABELS),
    }),
    textInput({
      id: id('norm.law'),
      label: LEGAL_BASIS.law,
      required: LEGAL_BASIS.lawRequired,
      placeholder: LEGAL_BASIS.lawExample,
      value: v('norm.law'),
      maxLength: 200,
    }),
    textInput({
      id: id('norm.article'),
      label: LEGAL_BASIS.article,
      required: LEGAL_BASIS.articleRequired,
      placeholder: LEGAL_BASIS.articleExample,
      value: v('norm.article'),
      maxLength: 200,
    }),
    text(LEGAL_BASIS.sensitiveNote, { isSubtle: true, size: 'small' }),
    choiceSet({
      id: id('sensitive.basis'),
      label: LEGAL_BASIS.sensitiveBasis,
      placeholder: LEGAL_BASIS.sensitiveNone,
      value: v('sensitive.basis'),
      choices: entries<SensitiveBasis>(SENSITIVE_BASIS_LABELS),
    }),
    {
      ...choiceSet({
        id: id('sensitive.categories'),
        label: LEGAL_BASIS.sensitiveCategories,
        value: v('sensitive.categories'),
        choices: entries<SensitiveCategory>(SENSITIVE_CATEGORY_LABELS),
      }),
      isMultiSelect: true,
    },
  ];
}

export function originInputs(values?: FormValues): CardElement[] {
  const v = (p: string) => valueOf(values, `dataset.origin.${p}`);
  return [
    choiceSet({
      id: 'dataset.origin.kind',
      label: ORIGIN.kind,
      placeholder: ORIGIN_LABELS.propio,
      value: v('kind'),
      choices: entries(ORIGIN_LABELS),
    }),
    textInput({
      id: 'dataset.origin.body',
      label: ORIGIN.body,
      value: v('body'),
      maxLength: 300,
    }),
    textInput({
      id: 'dataset.origin.agreement',
      label: ORIGIN.agreement,
      value: v('agreement'),
      maxLength: 300,
    }),
  ];
}
