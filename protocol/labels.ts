// Spanish words for values the cards and the tab both show: one home, so a card and the tab never disagree.
import type { ItemKind } from './reference';

/**
 * Spanish agreement with the item: a solicitud is feminine, a convenio masculine («vencida» / «vencido», «Creada» /
 * «Propuesto»). Cards and tab both say it through here.
 */
export const byGender = (kind: ItemKind, feminine: string, masculine: string): string =>
  kind === 'solicitud' ? feminine : masculine;

/** Enough of a SHA-256 for a person to compare with what the document page shows. */
export const shortHash = (sha256: string): string => sha256.slice(0, 12);

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

export const RENEWAL_LABELS = {
  automatica: 'automática',
  expresa: 'expresa',
  sin_renovacion: 'sin renovación',
} as const;

/** The renewal as a phrase: «renovación automática», «renovación expresa», «sin renovación» (never «renovación sin renovación»). */
export const renewalPhrase = (r: keyof typeof RENEWAL_LABELS): string =>
  r === 'sin_renovacion' ? RENEWAL_LABELS[r] : `renovación ${RENEWAL_LABELS[r]}`;

/** A periodic evaluation's verdict (§4b). */
export const COMPLIANCE_LABELS = {
  cumple: 'Cumple',
  cumple_parcial: 'Cumple parcialmente',
  no_cumple: 'No cumple',
} as const;

/** Which side of the convenio a signer signs for (§6). */
export const SIGNER_SIDE_LABELS = { municipalidad: 'Municipalidad', contraparte: 'Contraparte' } as const;

/** What happens to the data when the convenio ends (its retention clause). */
export const END_ACTION_LABELS = {
  eliminacion: 'Eliminación de los datos',
  devolucion: 'Devolución de los datos',
} as const;
