// Rule 6: the structured legal basis both forms ask for (basis of lawfulness + the norm granting the competence), and,
// when a dataset is sensitive or of children, the sensitive-data basis and categories (Ley 19.628 arts. 2 y 16).
// Rule 7: a dataset's origin (own, or obtained from another body under an agreement).
import { Checkbox, Field } from '@fluentui/react-components';
import {
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  ORIGIN_LABELS,
  SENSITIVE_BASES,
  SENSITIVE_BASIS_LABELS,
  SENSITIVE_CATEGORIES,
  SENSITIVE_CATEGORY_LABELS,
  type SensitiveCategory,
} from '../../../protocol';
import { LEGAL_BASIS_FORM } from '../textos/formularios';
import { FieldGrid, SelectF, TextF, fieldSetter, opt, type FormCheck } from './form-kit';

export interface LegalBasisDraft {
  basis: string;
  law: string;
  article: string;
  note: string;
  sensitiveBasis: string;
  categories: SensitiveCategory[];
}

export const emptyLegalBasis = (): LegalBasisDraft => ({
  basis: '',
  law: '',
  article: '',
  note: '',
  sensitiveBasis: '',
  categories: [],
});

/** The basis as the API takes it (legalBasisSchema); the sensitive part only when the data call for it. */
export function legalBasisBody(d: LegalBasisDraft, sensitive: boolean) {
  return {
    basis: d.basis || undefined,
    norm: { law: d.law, article: d.article },
    note: opt(d.note),
    ...(sensitive && (d.sensitiveBasis || d.categories.length)
      ? { sensitive: { basis: d.sensitiveBasis || undefined, categories: d.categories } }
      : {}),
  };
}

const BASES = LEGAL_BASES.map((k) => [k, LEGAL_BASIS_LABELS[k]] as const);
const SENSITIVE = SENSITIVE_BASES.map((k) => [k, SENSITIVE_BASIS_LABELS[k]] as const);

export function LegalBasisFields({
  check,
  value,
  onChange,
  sensitive,
}: {
  check: FormCheck;
  value: LegalBasisDraft;
  onChange: (d: LegalBasisDraft) => void;
  /** Whether any dataset is sensitive or of children: then the sensitive basis and categories are asked. */
  sensitive: boolean;
}) {
  const set = fieldSetter(value, onChange);
  const toggle = (cat: SensitiveCategory, on: boolean) =>
    set('categories')(on ? [...value.categories, cat] : value.categories.filter((c) => c !== cat));
  return (
    <>
      <SelectF
        check={check}
        path="legalBasis.basis"
        label={LEGAL_BASIS_FORM.basis}
        required
        value={value.basis}
        onChange={set('basis')}
        options={BASES}
        emptyMessage={LEGAL_BASIS_FORM.basisMissing}
      />
      <FieldGrid>
        <TextF
          check={check}
          path="legalBasis.norm.law"
          label={LEGAL_BASIS_FORM.law}
          required
          placeholder={LEGAL_BASIS_FORM.lawPlaceholder}
          value={value.law}
          onChange={set('law')}
          maxLength={200}
        />
        <TextF
          check={check}
          path="legalBasis.norm.article"
          label={LEGAL_BASIS_FORM.article}
          required
          placeholder={LEGAL_BASIS_FORM.articlePlaceholder}
          value={value.article}
          onChange={set('article')}
          maxLength={200}
        />
      </FieldGrid>
      <TextF
        check={check}
        path="legalBasis.note"
        label={LEGAL_BASIS_FORM.note}
        value={value.note}
        onChange={set('note')}
        maxLength={1000}
      />
      {sensitive ? (
        <>
          <SelectF
            check={check}
            path="legalBasis.sensitive.basis"
            label={LEGAL_BASIS_FORM.sensitiveBasis}
            required
            value={value.sensitiveBasis}
            onChange={set('sensitiveBasis')}
            options={SENSITIVE}
          />
          <Field
            label={LEGAL_BASIS_FORM.categories}
            data-campo="legalBasis.sensitive.categories"
            {...(check.error('legalBasis.sensitive.categories')
              ? {
                  validationMessage: check.error('legalBasis.sensitive.categories'),
                  validationState: 'error' as const,
                }
              : {})}
          >
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
              {SENSITIVE_CATEGORIES.map((cat) => (
                <Checkbox
                  key={cat}
                  label={SENSITIVE_CATEGORY_LABELS[cat]}
                  checked={value.categories.includes(cat)}
                  onChange={(_, d) => toggle(cat, !!d.checked)}
                />
              ))}
            </div>
          </Field>
        </>
      ) : null}
    </>
  );
}

export interface OriginDraft {
  kind: string;
  body: string;
  agreement: string;
}
export const emptyOrigin = (): OriginDraft => ({ kind: 'propio', body: '', agreement: '' });
export const originBody = (o: OriginDraft) =>
  o.kind === 'convenio' ? { kind: 'convenio', body: o.body, agreement: o.agreement } : { kind: 'propio' };

const ORIGINS = Object.entries(ORIGIN_LABELS) as [string, string][];

export function OriginFields({
  check,
  prefix,
  value,
  onChange,
}: {
  check: FormCheck;
  prefix: string;
  value: OriginDraft;
  onChange: (o: OriginDraft) => void;
}) {
  const set = fieldSetter(value, onChange);
  return (
    <FieldGrid>
      <SelectF
        check={check}
        path={`${prefix}.origin.kind`}
        label={LEGAL_BASIS_FORM.origin}
        required
        value={value.kind}
        onChange={set('kind')}
        options={ORIGINS}
        empty={null}
      />
      {value.kind === 'convenio' ? (
        <>
          <TextF
            check={check}
            path={`${prefix}.origin.body`}
            label={LEGAL_BASIS_FORM.originBody}
            required
            value={value.body}
            onChange={set('body')}
            maxLength={300}
          />
          <TextF
            check={check}
            path={`${prefix}.origin.agreement`}
            label={LEGAL_BASIS_FORM.originAgreement}
            required
            value={value.agreement}
            onChange={set('agreement')}
            maxLength={300}
          />
        </>
      ) : null}
    </FieldGrid>
  );
}
