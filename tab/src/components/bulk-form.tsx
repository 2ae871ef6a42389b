// The parameters of a batch (issue 14 §8) in its dialog: the new response date and reason of an oficio reiterativo,
// the unit to reassign to, the reason of a closing. Checked with the very schema the API parses
// (protocol bulkSolicitudCommandSchema), plus the earliest date the protocol accepts for a reiteration.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import {
  addDays,
  bulkSolicitudCommandSchema,
  createHolidayCalendar,
  formatDate,
  nextWorkingDayOnOrAfter,
  toLocalDate,
  type BulkSolicitudCommand,
  type BulkVerb,
  type HolidayEntry,
  type LocalDate,
} from '../../../protocol';
import { getJson } from '../api';
import { BULK_FORM } from '../textos/registro';
import { SelectF, TextF, useFormCheck, type FormCheck } from './form-kit';
import type { Units } from './register-units';

const useStyles = makeStyles({
  form: { display: 'grid', gap: '12px', minWidth: 0 },
  hint: { color: tokens.colorNeutralForeground2 },
});

export interface BulkDraft {
  until: string;
  reason: string;
  unitId: string;
}

export const EMPTY_DRAFT: BulkDraft = { until: '', reason: '', unitId: '' };

/** The command a verb and its draft make: only the fields that verb has. */
export function commandOf(verb: BulkVerb, d: BulkDraft): BulkSolicitudCommand {
  switch (verb) {
    case 'recordar':
      return { type: 'recordar' };
    case 'reiterar':
      return { type: 'reiterar', until: d.until, reason: d.reason };
    case 'reasignar':
      return { type: 'reasignar', unitId: d.unitId, reason: d.reason };
    case 'cerrar':
      return { type: 'cerrar', reason: d.reason };
  }
}

/**
 * Ley 19.880 art. 25 as the service counts it: the first working day after the service's today (GET
 * /api/v1/feriados, which also says which day that is; the computer's own clock is only the fallback).
 */
function useEarliestReiteration(timeZone: string, enabled: boolean): LocalDate | undefined {
  const [min, setMin] = useState<LocalDate | undefined>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    getJson<{ holidays: HolidayEntry[]; today?: LocalDate }>('/api/v1/feriados')
      .then((r) => {
        const today = r.today ?? toLocalDate(new Date(), timeZone);
        if (live) setMin(nextWorkingDayOnOrAfter(createHolidayCalendar(r.holidays), addDays(today, 1)));
      })
      // Without the calendar the service still refuses a date too early, per request.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [timeZone, enabled]);
  return min;
}

/** The form's check: the schema's, and a reiteration not before the earliest date. */
export function useBulkCheck(
  verb: BulkVerb,
  draft: BulkDraft,
  timeZone: string,
): { check: FormCheck; min?: LocalDate } {
  const min = useEarliestReiteration(timeZone, verb === 'reiterar');
  const command = useMemo(() => commandOf(verb, draft), [verb, draft]);
  const schema = useMemo(
    () =>
      bulkSolicitudCommandSchema.superRefine((c, ctx) => {
        if (c.type === 'reiterar' && min && c.until < min)
          ctx.addIssue({ code: 'custom', path: ['until'], message: BULK_FORM.tooEarly(formatDate(min)) });
      }),
    [min],
  );
  return { check: useFormCheck(schema, command), ...(min ? { min } : {}) };
}

export function BulkForm({
  verb,
  draft,
  onChange,
  check,
  min,
  units,
}: {
  verb: BulkVerb;
  draft: BulkDraft;
  onChange: (d: BulkDraft) => void;
  check: FormCheck;
  min?: LocalDate;
  units: Units;
}) {
  const s = useStyles();
  const set = (k: keyof BulkDraft) => (v: string) => onChange({ ...draft, [k]: v });
  const reason = (label: string) => (
    <TextF check={check} path="reason" label={label} required multiline value={draft.reason} onChange={set('reason')} />
  );
  return (
    <div className={s.form}>
      {verb === 'recordar' ? <Text className={s.hint}>{BULK_FORM.remindHint}</Text> : null}
      {verb === 'reiterar' ? (
        <>
          <Text className={s.hint}>{BULK_FORM.reiterateHint}</Text>
          <TextF
            check={check}
            path="until"
            label={BULK_FORM.newDate}
            required
            type="date"
            hint={min ? BULK_FORM.newDateFrom(formatDate(min)) : BULK_FORM.newDateRule}
            value={draft.until}
            onChange={set('until')}
          />
          {reason(BULK_FORM.reiterateReason)}
        </>
      ) : null}
      {verb === 'reasignar' ? (
        <>
          <Text className={s.hint}>{BULK_FORM.reassignHint}</Text>
          <SelectF
            check={check}
            path="unitId"
            label={BULK_FORM.newUnit}
            required
            value={draft.unitId}
            onChange={set('unitId')}
            options={units.map((u) => [u.id, u.name] as const)}
            empty={BULK_FORM.chooseUnit}
            emptyMessage={BULK_FORM.unitMissing}
          />
          {reason(BULK_FORM.reassignReason)}
        </>
      ) : null}
      {verb === 'cerrar' ? reason(BULK_FORM.closeReason) : null}
    </div>
  );
}
