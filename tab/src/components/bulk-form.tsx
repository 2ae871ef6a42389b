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
          ctx.addIssue({ code: 'custom', path: ['until'], message: `elija una fecha desde el ${formatDate(min)}` });
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
      {verb === 'recordar' ? (
        <Text className={s.hint}>
          Cada unidad dueña del dato recibe un recordatorio de la UGDT con la fecha en que vence su respuesta.
        </Text>
      ) : null}
      {verb === 'reiterar' ? (
        <>
          <Text className={s.hint}>
            Un oficio reiterativo por solicitud, con una nueva fecha de respuesta; siguen contando como fuera de plazo
            (un plazo vencido no se prorroga, Ley 19.880 art. 26).
          </Text>
          <TextF
            check={check}
            path="until"
            label="Nueva fecha de respuesta"
            required
            type="date"
            hint={min ? `Desde el ${formatDate(min)} (próximo día hábil).` : 'Un día hábil desde mañana.'}
            value={draft.until}
            onChange={set('until')}
          />
          {reason('Motivo del oficio reiterativo')}
        </>
      ) : null}
      {verb === 'reasignar' ? (
        <>
          <Text className={s.hint}>
            Los plazos se cuentan de nuevo desde hoy para la unidad elegida. Una solicitud que ya es de esa unidad, o
            que la pidió esa unidad, no se reasigna.
          </Text>
          <SelectF
            check={check}
            path="unitId"
            label="Nueva unidad dueña del dato"
            required
            value={draft.unitId}
            onChange={set('unitId')}
            options={units.map((u) => [u.id, u.name] as const)}
            empty="Elija una unidad"
            emptyMessage="Elija la unidad."
          />
          {reason('Motivo de la reasignación')}
        </>
      ) : null}
      {verb === 'cerrar' ? reason('Motivo del cierre (el mismo para todas)') : null}
    </div>
  );
}
