// Spanish (Chile) wording shared by the renderers: dates dd-MM-yyyy, día(s) hábil(es), short hashes, names.
import {
  CONVENIO_STATE_LABELS,
  formatDate,
  SOLICITUD_STATE_LABELS,
  toLocalDate,
  type ItemKind,
  type LocalDate,
} from '../../../protocol';
import { PERIOD } from './textos/comun';

/** The local date of a stored instant (stamps are ISO instants), as users read it. */
export const formatInstant = (iso: string, timeZone: string): string =>
  formatDate(toLocalDate(new Date(iso), timeZone));

export const formatLocal = (d: LocalDate | undefined): string | undefined => (d ? formatDate(d) : undefined);

export const workingDays = (n: number): string => PERIOD.workingDays(n);

export const periodWords = (n: number, unit: 'habiles' | 'corridos'): string =>
  unit === 'habiles' ? PERIOD.workingDays(n) : PERIOD.calendarDays(n);

export { unitName, unitShortName, shortHash, FORMAT_LABELS, RENEWAL_LABELS, renewalPhrase } from '../../../protocol';

/** The state label of a register row, whose state arrives as plain text. */
export function stateLabel(kind: ItemKind, state: string): string {
  const labels: Record<string, string> = kind === 'solicitud' ? SOLICITUD_STATE_LABELS : CONVENIO_STATE_LABELS;
  return labels[state] ?? state;
}

/** At most `n` entries, newest last, so a long history never pushes a card past Teams' size limit. */
export const lastOf = <T>(list: readonly T[], n: number): T[] => list.slice(Math.max(0, list.length - n));
