// The Tablero (pages/tablero.tsx): the line summing the board up, each column's head and foot, the unit filter.
// Every word agrees with the kind shown: solicitudes «abiertas», «vencidas»; convenios «en curso», «vencidos».
import { byGender, type ItemKind } from '../../../protocol';
import { PAGE_NAMES, SHELL } from './app';

export const TABLERO = {
  title: PAGE_NAMES.tablero,
  refresh: SHELL.refresh,
  unit: 'Unidad',
  allUnits: 'Todas',
  /** When no column has anything: «No hay solicitudes internas que usted pueda ver.». */
  empty: (kindLabel: string) => `No hay ${kindLabel.toLowerCase()} que usted pueda ver.`,
  columnsLabel: (kindLabel: string) => `Columnas por estado: ${kindLabel}`,
} as const;

/** The summary line: «12 abiertas · 3 con plazo vencido · la más antigua, SOL-2026-0004 (DOM), vencida desde el …». */
export const SUMMARY = {
  open: (kind: ItemKind, n: number) => `${n} ${byGender(kind, 'abiertas', 'en curso')}`,
  separator: ' · ',
  overdue: (n: number) => `${n} con plazo vencido`,
  noneOverdue: (kind: ItemKind) => byGender(kind, 'ninguna con plazo vencido', 'ninguno con plazo vencido'),
  oldest: (kind: ItemKind) => byGender(kind, 'la más antigua, ', 'el más antiguo, '),
  /** After the reference: « (DOM), vencida desde el 02-03-2026». */
  oldestTail: (kind: ItemKind, unitName: string, date: string) =>
    ` (${unitName}), ${byGender(kind, 'vencida', 'vencido')} desde el ${date}`,
} as const;

/** A column of the board. */
export const COLUMN = {
  total: (n: number) => `${n} en total`,
  /** The red badge: «1 vencida», «3 vencidos». */
  overdue: (kind: ItemKind, n: number) =>
    `${n} ${n === 1 ? byGender(kind, 'vencida', 'vencido') : byGender(kind, 'vencidas', 'vencidos')}`,
  select: (reference: string) => `Seleccionar ${reference}`,
  none: (kind: ItemKind) => byGender(kind, 'Ninguna.', 'Ninguno.'),
  /** The link to the Lista: «Ver todas (12)», with « en Enviada» for a screen reader. */
  seeAll: (kind: ItemKind, n: number) => `${byGender(kind, 'Ver todas', 'Ver todos')} (${n})`,
  seeAllWhere: (columnLabel: string) => ` en ${columnLabel}`,
} as const;
