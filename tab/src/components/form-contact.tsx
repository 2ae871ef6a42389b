// People of a convenio (representative, legal and technical contacts) and the Chilean RUT with its check digit:
// checked as it is typed, written with dots and hyphen when the field is left (protocol/rut.ts).
import { formatRut, isValidRut, normalizeRut } from '../../../protocol';
import { CONTACT } from '../textos/formularios';
import { FieldGrid, TextF, fieldSetter, opt, type FormCheck } from './form-kit';

export interface ContactDraft {
  name: string;
  position: string;
  email: string;
  phone: string;
  rut: string;
}

export const emptyContact = (): ContactDraft => ({ name: '', position: '', email: '', phone: '', rut: '' });

export function contactBody(c: ContactDraft) {
  return {
    name: opt(c.name),
    position: opt(c.position),
    email: opt(c.email),
    phone: opt(c.phone),
    rut: opt(c.rut),
  };
}

/** Why a typed RUT is wrong, in words: its shape, or its check digit (the same test as the API: isValidRut). */
export function rutProblem(text: string): string | undefined {
  if (!text.trim() || isValidRut(text)) return undefined;
  if (!normalizeRut(text)) return CONTACT.rutShape;
  return CONTACT.rutCheckDigit;
}

export function RutF({
  check,
  path,
  label,
  required,
  value,
  onChange,
}: {
  check: FormCheck;
  path: string;
  label: string;
  required?: boolean;
  value: string;
  onChange: (v: string) => void;
}) {
  // Checked as it is typed once the check digit is there (or the field was left); the schema's message otherwise.
  const complete = /-\s*[0-9kK]\s*$/.test(value) || check.error(path) !== undefined;
  const problem = complete ? rutProblem(value) : undefined;
  const shown: FormCheck = problem ? { ...check, error: (p) => (p === path ? problem : check.error(p)) } : check;
  return (
    <TextF
      check={shown}
      path={path}
      label={label}
      required={required}
      hint={CONTACT.rutHint}
      value={value}
      onChange={onChange}
      onBlurValue={(v) => formatRut(v) ?? v}
      maxLength={12}
    />
  );
}

export function ContactFields({
  check,
  prefix,
  value,
  onChange,
  withRut = true,
}: {
  check: FormCheck;
  prefix: string;
  value: ContactDraft;
  onChange: (c: ContactDraft) => void;
  withRut?: boolean;
}) {
  const set = fieldSetter(value, onChange);
  const p = (k: string) => `${prefix}.${k}`;
  return (
    <FieldGrid>
      <TextF
        check={check}
        path={p('name')}
        label={CONTACT.name}
        required
        value={value.name}
        onChange={set('name')}
        maxLength={200}
      />
      <TextF
        check={check}
        path={p('position')}
        label={CONTACT.position}
        value={value.position}
        onChange={set('position')}
        maxLength={200}
      />
      <TextF
        check={check}
        path={p('email')}
        label={CONTACT.email}
        type="email"
        value={value.email}
        onChange={set('email')}
      />
      <TextF
        check={check}
        path={p('phone')}
        label={CONTACT.phone}
        type="tel"
        value={value.phone}
        onChange={set('phone')}
        maxLength={30}
      />
      {withRut ? (
        <RutF check={check} path={p('rut')} label={CONTACT.rut} value={value.rut} onChange={set('rut')} />
      ) : null}
    </FieldGrid>
  );
}
