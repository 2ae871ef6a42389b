// A date as Chilean users write it, dd-mm-aaaa. The browser's own date input follows the browser's language (Teams
// on an English system, or headless Chromium, shows mm/dd/yyyy), so the tab reads and writes the text itself.
// The value in and out is the API's AAAA-MM-DD; text left that is not a real date goes out as typed, so the same
// validation as the API (protocol schemas or the API itself) names the problem under the field.
import { Input, makeStyles, mergeClasses, type InputProps } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { formatDate, isLocalDate, type LocalDate } from '../../../protocol';
import { DATE_INPUT } from '../textos/formularios';
import { parseDateText } from './date-text';

// A text input sizes itself to 20 characters by default: here the field decides the width (issue 14 §9: a filter
// of the Lista ran 48 px past its 150 px field and past the window).
const useStyles = makeStyles({
  root: { width: '100%', maxWidth: '100%', minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
});

const show = (value: string) => (isLocalDate(value) ? formatDate(value as LocalDate) : value);

export function DateInput({
  value,
  onChange,
  onBlur,
  ...rest
}: Omit<InputProps, 'value' | 'onChange' | 'type'> & { value: string; onChange: (value: string) => void }) {
  const s = useStyles();
  const [text, setText] = useState(() => show(value));
  // A value set from outside (a link, "Limpiar filtros", a reset form) replaces what is shown.
  useEffect(() => {
    setText((current) => ((parseDateText(current) ?? current.trim()) === value ? current : show(value)));
  }, [value]);
  return (
    <Input
      {...rest}
      className={mergeClasses(s.root, rest.className)}
      input={{ className: s.input }}
      value={text}
      placeholder={DATE_INPUT.placeholder}
      inputMode="numeric"
      autoComplete="off"
      onChange={(_, d) => {
        setText(d.value);
        // While typing, only a complete date (or nothing) goes out: half a date is not yet an error.
        const t = d.value.trim();
        const iso = t === '' ? '' : parseDateText(t);
        if (iso !== undefined && iso !== value) onChange(iso);
      }}
      onBlur={(e) => {
        const t = text.trim();
        const iso = t === '' ? '' : parseDateText(t);
        if (iso) setText(formatDate(iso as LocalDate));
        // Left with text that is no date: it goes out as typed, for the validation to name the problem.
        else if (iso === undefined && t !== value) onChange(t);
        onBlur?.(e);
      }}
    />
  );
}
