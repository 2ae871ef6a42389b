// The register's filters. They live in the URL query under the API's own names (docs/api.md), so the page reads
// them from there, a link or the back button reopens the same view, and the request is built from them as they are.
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Option,
  SearchBox,
  Select,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { DateInput } from './date-input';
import { useEffect, useId, useRef, useState } from 'react';
import { ACCESS_LABELS, PRIVACY_LABELS, type Directory, type ItemKind } from '../../../protocol';
import { FILTERS } from '../textos/registro';
import { STATES, stateLabel } from './register-kind';

/** Query parameters the register API accepts (besides the cursor), read straight from the page's URL. */
export const REGISTER_PARAMS = [
  'estado',
  'unidad',
  'acceso',
  'privacidad',
  'vencidas',
  'desde',
  'hasta',
  'q',
  'orden',
  'limite',
] as const;
export type RegisterParam = (typeof REGISTER_PARAMS)[number];
export type RegisterPatch = Partial<Record<RegisterParam | 'tipo', string | undefined>>;

/** Everything a reader can set on the filter bar (tipo, orden and limite are kept when clearing). */
const CLEARABLE: RegisterParam[] = ['estado', 'unidad', 'acceso', 'privacidad', 'vencidas', 'desde', 'hasta', 'q'];
export const hasFilters = (search: URLSearchParams): boolean => CLEARABLE.some((k) => search.has(k));
export const CLEAR_FILTERS: RegisterPatch = Object.fromEntries(CLEARABLE.map((k) => [k, undefined]));

const SEARCH_DEBOUNCE_MS = 300;
const NARROW = '@media (max-width: 600px)';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: '8px 12px',
    padding: '12px',
    marginBottom: '12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  search: { minWidth: '220px', flexGrow: 1, maxWidth: '360px' },
  state: { width: '220px' },
  unit: { width: '220px' },
  narrow: { width: '170px' },
  date: { width: '150px' },
  check: { paddingBottom: '4px' },
  // Issue 14 §9: on a phone the search stays in view and the other filters fold under «Filtros».
  more: { display: 'contents' },
  folded: { [NARROW]: { display: 'none' } },
  toggle: { display: 'none', [NARROW]: { display: 'inline-flex' } },
  // Fluent's Dropdown and a native select size to their longest option; the field decides their width here.
  control: { width: '100%', minWidth: 0, maxWidth: '100%' },
});

export function RegisterFilters({
  kind,
  search,
  units,
  fieldErrors,
  onChange,
}: {
  kind: ItemKind;
  search: URLSearchParams;
  units: Directory['units'];
  /** The API's complaints about a parameter, by its name. */
  fieldErrors: Record<string, string>;
  /** `replace` for changes that come in bursts (typing), so they do not fill the history. */
  onChange: (patch: RegisterPatch, replace?: boolean) => void;
}) {
  const s = useStyles();
  const estado = (search.get('estado') ?? '').split(',').filter(Boolean);
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  const [unfolded, setUnfolded] = useState(false);
  const moreId = useId();
  const active = CLEARABLE.filter((k) => k !== 'q' && search.has(k)).length;
  const latest = useRef({ q, onChange });
  latest.current = { q, onChange };

  // The URL changed under the box (back button, "limpiar"): show what it says.
  useEffect(() => setText((t) => (t.trim() === q.trim() ? t : q)), [q]);
  useEffect(() => {
    if (text.trim() === latest.current.q.trim()) return;
    const t = setTimeout(() => latest.current.onChange({ q: text.trim() || undefined }, true), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  const err = (k: RegisterParam) => {
    const m = fieldErrors[k];
    return m ? { validationMessage: m.charAt(0).toUpperCase() + m.slice(1), validationState: 'error' as const } : {};
  };

  return (
    <form role="search" aria-label={FILTERS.label} className={s.bar} onSubmit={(e) => e.preventDefault()}>
      <Field label={FILTERS.search} className={s.search} {...err('q')}>
        <SearchBox
          value={text}
          placeholder={FILTERS.searchPlaceholder}
          onChange={(_, d) => setText(d.value)}
          maxLength={200}
        />
      </Field>
      <Button
        className={s.toggle}
        appearance="secondary"
        aria-expanded={unfolded}
        aria-controls={moreId}
        onClick={() => setUnfolded((u) => !u)}
      >
        {FILTERS.toggle(active)}
      </Button>
      <div id={moreId} className={mergeClasses(s.more, !unfolded && s.folded)}>
        <Field label={FILTERS.state} className={s.state} {...err('estado')}>
          <Dropdown
            className={s.control}
            multiselect
            placeholder={FILTERS.allMasculine}
            selectedOptions={estado}
            value={estado.map((st) => stateLabel(kind, st)).join(', ')}
            onOptionSelect={(_, d) => onChange({ estado: d.selectedOptions.join(',') || undefined })}
          >
            {STATES[kind].map((st) => (
              <Option key={st} value={st}>
                {stateLabel(kind, st)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={FILTERS.unit} className={s.unit} {...err('unidad')}>
          <Select
            className={s.control}
            value={search.get('unidad') ?? ''}
            onChange={(_, d) => onChange({ unidad: d.value || undefined })}
          >
            <option value="">{FILTERS.allFeminine}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={FILTERS.access} className={s.narrow} {...err('acceso')}>
          <Select
            className={s.control}
            value={search.get('acceso') ?? ''}
            onChange={(_, d) => onChange({ acceso: d.value || undefined })}
          >
            <option value="">{FILTERS.allMasculine}</option>
            {Object.entries(ACCESS_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={FILTERS.privacy} className={s.narrow} {...err('privacidad')}>
          <Select
            className={s.control}
            value={search.get('privacidad') ?? ''}
            onChange={(_, d) => onChange({ privacidad: d.value || undefined })}
          >
            <option value="">{FILTERS.allFeminine}</option>
            {Object.entries(PRIVACY_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={FILTERS.createdFrom(kind)} className={s.date} {...err('desde')}>
          <DateInput value={search.get('desde') ?? ''} onChange={(v) => onChange({ desde: v || undefined }, true)} />
        </Field>
        <Field label={FILTERS.createdTo(kind)} className={s.date} {...err('hasta')}>
          <DateInput value={search.get('hasta') ?? ''} onChange={(v) => onChange({ hasta: v || undefined }, true)} />
        </Field>
        <Checkbox
          className={s.check}
          label={FILTERS.overdueOnly(kind)}
          checked={search.get('vencidas') === 'true'}
          onChange={(_, d) => onChange({ vencidas: d.checked ? 'true' : undefined })}
        />
        <Button appearance="subtle" disabled={!hasFilters(search)} onClick={() => onChange(CLEAR_FILTERS)}>
          {FILTERS.clear}
        </Button>
      </div>
    </form>
  );
}
