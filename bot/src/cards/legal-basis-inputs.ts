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

const entries = <K extends string>(labels: Record<K, string>) => Object.entries(labels) as [K, string][];

export function legalBasisInputs(prefix = '', values?: FormValues): CardElement[] {
  const id = (p: string) => `${prefix}legalBasis.${p}`;
  const v = (p: string) => valueOf(values, id(p));
  return [
    heading('Base legal'),
    choiceSet({
      id: id('basis'),
      label: 'Base de licitud',
      required: 'Elija la base de licitud.',
      placeholder: 'Elija una base',
      value: v('basis'),
      choices: entries<LegalBasisKind>(LEGAL_BASIS_LABELS),
    }),
    textInput({
      id: id('norm.law'),
      label: 'Ley que otorga la competencia',
      required: 'Indique la ley (por ejemplo, Ley 18.695).',
      placeholder: 'Ej.: Ley 18.695',
      value: v('norm.law'),
      maxLength: 200,
    }),
    textInput({
      id: id('norm.article'),
      label: 'Artículo',
      required: 'Indique el artículo (por ejemplo, art. 4 letra c).',
      placeholder: 'Ej.: art. 4 letra c',
      value: v('norm.article'),
      maxLength: 200,
    }),
    text('Solo si hay datos sensibles o de niños, niñas y adolescentes (Ley 19.628 art. 16):', {
      isSubtle: true,
      size: 'small',
    }),
    choiceSet({
      id: id('sensitive.basis'),
      label: 'Base legal para datos sensibles',
      placeholder: 'Sin datos sensibles',
      value: v('sensitive.basis'),
      choices: entries<SensitiveBasis>(SENSITIVE_BASIS_LABELS),
    }),
    {
      ...choiceSet({
        id: id('sensitive.categories'),
        label: 'Categorías de datos sensibles',
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
      label: 'Origen del dato',
      placeholder: ORIGIN_LABELS.propio,
      value: v('kind'),
      choices: entries(ORIGIN_LABELS),
    }),
    textInput({
      id: 'dataset.origin.body',
      label: 'Organismo de origen (solo si proviene de otro organismo)',
      value: v('body'),
      maxLength: 300,
    }),
    textInput({
      id: 'dataset.origin.agreement',
      label: 'Convenio con ese organismo',
      value: v('agreement'),
      maxLength: 300,
    }),
  ];
}
