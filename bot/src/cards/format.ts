// Spanish (Chile) wording shared by the renderers: dates dd-MM-yyyy, día(s) hábil(es), short hashes, names.
import {
  CONVENIO_STATE_LABELS,
  formatDate,
  SOLICITUD_STATE_LABELS,
  toLocalDate,
  type ItemKind,
  type LocalDate,
} from '../../../protocol';

/** The local date of a stored instant (stamps are ISO instants), as users read it. */
export const formatInstant = (iso: string, timeZone: string): string =>
  formatDate(toLocalDate(new Date(iso), timeZone));

export const formatLocal = (d: LocalDate | undefined): string | undefined => (d ? formatDate(d) : undefined);

export const workingDays = (n: number): string => (n === 1 ? '1 día hábil' : `${n} días hábiles`);

export const periodWords = (n: number, unit: 'habiles' | 'corridos'): string =>
  unit === 'habiles' ? workingDays(n) : n === 1 ? '1 día corrido' : `${n} días corridos`;

/** Enough of a SHA-256 for a person to compare with what the document page shows. */
export const shortHash = (sha256: string): string => sha256.slice(0, 12);

export { unitName, unitShortName } from '../../../protocol';

/** The state label of a register row, whose state arrives as plain text. */
export function stateLabel(kind: ItemKind, state: string): string {
  const labels: Record<string, string> = kind === 'solicitud' ? SOLICITUD_STATE_LABELS : CONVENIO_STATE_LABELS;
  return labels[state] ?? state;
}

export const FORMAT_LABELS = {
  xlsx: 'Excel (.xlsx)',
  csv: 'CSV',
  json: 'JSON',
  shp: 'Shapefile',
  geojson: 'GeoJSON',
  pdf: 'PDF',
  api: 'API / servicio web',
  otro: 'Otro',
} as const;

/** At most `n` entries, newest last, so a long history never pushes a card past Teams' size limit. */
export const lastOf = <T>(list: readonly T[], n: number): T[] => list.slice(Math.max(0, list.length - n));

export const RENEWAL_LABELS = {
  automatica: 'automática',
  expresa: 'expresa',
  sin_renovacion: 'sin renovación',
} as const;
