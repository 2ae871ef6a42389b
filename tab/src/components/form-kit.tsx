// The forms validate with the very schemas the API parses (protocol/*/commands.ts), so a form never accepts what the
// API would refuse nor the reverse. Errors are keyed by the dotted path zod and the API both use
// ("dataset.classification.access", "signers.1.name"), shown under each field once it was left or on submit;
// the API's own `fields` land on the same inputs.
import {
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
  type InputProps,
} from '@fluentui/react-components';
import { DateInput } from './date-input';
import { useMemo, useState, type ReactNode } from 'react';
import type { ZodTypeAny } from 'zod';
import '../../../protocol/zod-spanish';
import { STATUS } from '../textos/comun';
import { FORM_KIT } from '../textos/formularios';

export type Errors = Record<string, string>;

/** The first message per path, as the API's `fields` would say it. */
export function errorsOf(schema: ZodTypeAny, body: unknown): Errors {
  const r = schema.safeParse(body);
  const out: Errors = {};
  if (r.success) return out;
  for (const issue of r.error.issues) {
    const key = issue.path.join('.') || '(cuerpo)';
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

const sentence = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);

/** A sub-form's setter per field: `set('name')(v)` hands the parent a copy of `value` with that field changed. */
export const fieldSetter =
  <T extends object>(value: T, onChange: (next: T) => void) =>
  <K extends keyof T>(k: K) =>
  (v: T[K]) =>
    onChange({ ...value, [k]: v });

export interface FormCheck {
  /** The message to show under `path` now (its own error once touched or after a submit; the API's at once). */
  error(path: string): string | undefined;
  touch(path: string): void;
  /** A value changed: the API's complaint about it no longer applies. */
  changed(path: string): void;
  /** Marks every field to show its error; true when the body is valid. */
  submit(): boolean;
  setServer(fields: Errors): void;
  server: Errors;
  /** How many fields the schema refuses now. */
  count: number;
  submitted: boolean;
}

export function useFormCheck(schema: ZodTypeAny, body: unknown): FormCheck {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Errors>({});
  const client = useMemo(() => errorsOf(schema, body), [schema, body]);
  const shown = (path: string) => submitted || touched.has(path);
  return {
    error: (path) => {
      const m = server[path] ?? (shown(path) ? client[path] : undefined);
      return m ? sentence(m) : undefined;
    },
    touch: (path) => setTouched((t) => (t.has(path) ? t : new Set(t).add(path))),
    changed: (path) =>
      setServer((s) => {
        if (!(path in s)) return s;
        const { [path]: _gone, ...rest } = s;
        return rest;
      }),
    submit: () => {
      setSubmitted(true);
      return Object.keys(client).length === 0;
    },
    setServer,
    server,
    count: Object.keys(client).length,
    submitted,
  };
}

/** After a refused submit, the first field showing an error gets the focus. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  });
}

const useStyles = makeStyles({
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '12px 16px 16px',
    margin: 0,
    display: 'grid',
    // One column that may shrink below its content: a select sizes itself to its longest option, which at 400 px
    // pushed the forms 116–325 px past the window (issue 14 §9).
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: '12px',
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  legend: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    padding: '0 4px',
    color: tokens.colorNeutralForeground1,
  },
  hint: { margin: 0, color: tokens.colorNeutralForeground2 },
  grid: {
    display: 'grid',
    gap: '12px 16px',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    alignItems: 'start',
  },
  list: { display: 'flex', flexWrap: 'wrap', gap: '6px', margin: 0, padding: 0, listStyle: 'none' },
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
    padding: '0 2px 0 10px',
    borderRadius: tokens.borderRadiusCircular,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  adder: { display: 'flex', gap: '8px', alignItems: 'end' },
});

export function FormSection({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  const s = useStyles();
  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{title}</legend>
      {hint ? <p className={s.hint}>{hint}</p> : null}
      {children}
    </fieldset>
  );
}

/** The form's submit button; while the request is on its way it is disabled and shows a spinner. */
export function SubmitButton({ sending, children }: { sending: boolean; children: ReactNode }) {
  return (
    <Button
      appearance="primary"
      type="submit"
      disabled={sending}
      icon={sending ? <Spinner size="tiny" aria-label={STATUS.sending} /> : undefined}
    >
      {children}
    </Button>
  );
}

export function FieldGrid({ children }: { children: ReactNode }) {
  return <div className={useStyles().grid}>{children}</div>;
}

interface Common {
  check: FormCheck;
  path: string;
  label: string;
  required?: boolean;
  hint?: string;
}

const validation = (check: FormCheck, path: string) => {
  const m = check.error(path);
  return m ? { validationMessage: m, validationState: 'error' as const } : {};
};

export function TextF({
  check,
  path,
  label,
  required,
  hint,
  value,
  onChange,
  multiline,
  type,
  placeholder,
  maxLength,
  min,
  onBlurValue,
}: Common & {
  value: string;
  onChange: (v: string) => void;
  multiline?: boolean;
  type?: InputProps['type'];
  placeholder?: string;
  maxLength?: number;
  min?: string;
  /** Rewrites the value when the field is left (e.g. a RUT to its dotted form). */
  onBlurValue?: (v: string) => string;
}) {
  const set = (v: string) => {
    check.changed(path);
    onChange(v);
  };
  const blur = () => {
    if (onBlurValue) {
      const next = onBlurValue(value);
      if (next !== value) onChange(next);
    }
    check.touch(path);
  };
  const counter = maxLength ? <LengthCounter length={value.length} max={maxLength} /> : null;
  const hintWithCounter =
    counter && value.length >= maxLength! * COUNTER_FROM ? (
      <>
        {hint ? <>{hint} </> : null}
        {counter}
      </>
    ) : (
      hint
    );
  return (
    <Field label={label} required={required} hint={hintWithCounter} {...validation(check, path)} data-campo={path}>
      {multiline ? (
        <Textarea
          value={value}
          onChange={(_, d) => set(d.value)}
          onBlur={blur}
          resize="vertical"
          placeholder={placeholder}
        />
      ) : type === 'date' ? (
        <DateInput value={value} onChange={set} onBlur={blur} />
      ) : (
        <Input
          value={value}
          onChange={(_, d) => set(d.value)}
          onBlur={blur}
          type={type}
          placeholder={placeholder}
          min={min}
        />
      )}
    </Field>
  );
}

/** A native select no wider than its field: it would size itself to its longest option otherwise. */
const useCounter = makeStyles({
  over: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** A counter shows from this share of a limited field's maximum. */
const COUNTER_FROM = 0.8;

/**
 * Issue 14 §9: a limited field counts its characters as it nears the maximum and says plainly when it is passed.
 * The input itself does not cut what is typed or pasted (HTML maxLength would, silently); the schema refuses it on
 * submit, and this line has already said why.
 */
function LengthCounter({ length, max }: { length: number; max: number }) {
  const s = useCounter();
  if (length < max * COUNTER_FROM) return null;
  if (length <= max) return <span>{FORM_KIT.length(length, max)}</span>;
  return <span className={s.over}>{FORM_KIT.tooLong(length, max)}</span>;
}

const useFit = makeStyles({
  root: { minWidth: 0, maxWidth: '100%' },
  control: { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' },
});

export function SelectF({
  check,
  path,
  label,
  required,
  hint,
  value,
  onChange,
  options,
  empty = FORM_KIT.chooseOption,
  emptyMessage,
}: Common & {
  value: string;
  onChange: (v: string) => void;
  options: readonly (readonly [string, string])[];
  /** The placeholder option; none when the field always has a value. */
  empty?: string | null;
  /** What to say when nothing was chosen (clearer than the schema's "valor no reconocido"). */
  emptyMessage?: string;
}) {
  const v = validation(check, path);
  const fit = useFit();
  const message = v.validationMessage && value === '' && emptyMessage ? emptyMessage : v.validationMessage;
  return (
    <Field
      label={label}
      required={required}
      hint={hint}
      {...(message ? { validationMessage: message, validationState: 'error' as const } : {})}
      data-campo={path}
    >
      <Select
        className={fit.root}
        select={{ className: fit.control }}
        value={value}
        onChange={(_, d) => {
          check.changed(path);
          onChange(d.value);
          check.touch(path);
        }}
        onBlur={() => check.touch(path)}
      >
        {empty !== null ? <option value="">{empty}</option> : null}
        {options.map(([k, l]) => (
          <option key={k} value={k}>
            {l}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A list of short texts (a dataset's fields): type one, Enter or "Agregar", remove any. */
export function ListF({
  check,
  path,
  label,
  required,
  hint,
  items,
  onChange,
  itemName,
}: Common & { items: string[]; onChange: (v: string[]) => void; itemName: string }) {
  const s = useStyles();
  const [draft, setDraft] = useState('');
  const add = () => {
    const parts = draft
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x && !items.includes(x));
    if (parts.length) {
      check.changed(path);
      onChange([...items, ...parts]);
    }
    setDraft('');
  };
  const itemError = items.map((_, i) => check.error(`${path}.${i}`)).find(Boolean);
  const m = check.error(path) ?? itemError;
  return (
    <div data-campo={path}>
      <div className={s.adder}>
        <Field
          label={label}
          required={required}
          hint={hint}
          style={{ flexGrow: 1 }}
          {...(m ? { validationMessage: m, validationState: 'error' as const } : {})}
        >
          <Input
            value={draft}
            onChange={(_, d) => setDraft(d.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
            onBlur={() => {
              if (draft.trim()) add();
              check.touch(path);
            }}
            placeholder={FORM_KIT.listPlaceholder}
          />
        </Field>
        <Button onClick={add} style={{ marginBottom: m ? 22 : 0 }}>
          {FORM_KIT.add(itemName)}
        </Button>
      </div>
      {items.length ? (
        <ul className={s.list} aria-label={FORM_KIT.added(items.length)} style={{ marginTop: 8 }}>
          {items.map((it) => (
            <li key={it} className={s.chip}>
              {it}
              <Button
                size="small"
                appearance="transparent"
                aria-label={FORM_KIT.remove(itemName, it)}
                onClick={() => {
                  check.changed(path);
                  onChange(items.filter((x) => x !== it));
                }}
              >
                ✕
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Blank optional text is absent, not an empty string (the API treats both the same after trimming). */
export const opt = (v: string): string | undefined => (v.trim() ? v : undefined);
export const num = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v));

export function RadioF({
  check,
  path,
  label,
  required,
  hint,
  value,
  onChange,
  options,
}: Common & { value: string; onChange: (v: string) => void; options: readonly (readonly [string, string])[] }) {
  return (
    <Field label={label} required={required} hint={hint} {...validation(check, path)} data-campo={path}>
      <RadioGroup
        value={value}
        layout="horizontal"
        onChange={(_, d) => {
          check.changed(path);
          onChange(d.value);
          check.touch(path);
        }}
      >
        {options.map(([k, l]) => (
          <Radio key={k} value={k} label={l} />
        ))}
      </RadioGroup>
    </Field>
  );
}
