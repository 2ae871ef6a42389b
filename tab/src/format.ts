// How the tab writes dates and deadlines, as the cards do: dd-MM-yyyy in America/Santiago, días hábiles.
import { byGender, formatDate, toLocalDate, type ItemKind, type LocalDate } from '../../protocol';

export const TIME_ZONE = 'America/Santiago';

export const fecha = (iso: string | null | undefined): string =>
  iso ? formatDate(toLocalDate(new Date(iso), TIME_ZONE)) : '—';

export const fechaLocal = (d: LocalDate | string | null | undefined): string => (d ? formatDate(d as LocalDate) : '—');

const hourFormat = new Intl.DateTimeFormat('es-CL', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
export const fechaHora = (iso: string): string => `${fecha(iso)} ${hourFormat.format(new Date(iso))}`;

export const diasHabiles = (n: number): string => (Math.abs(n) === 1 ? `${n} día hábil` : `${n} días hábiles`);

/** «Vencida» said of a request, «Vencido» of a convenio: the word agrees with what is late (issue 14 §5). */
export const vencida = (kind: ItemKind): string => byGender(kind, 'Vencida', 'Vencido');

/** "Vence en 3 días hábiles" / "Vence hoy" / "Vencida hace 2 días hábiles" (a convenio: "Vencido hace…"). */
export function plazo(workingDaysLeft: number | null, kind: ItemKind = 'solicitud'): string | null {
  if (workingDaysLeft === null) return null;
  if (workingDaysLeft === 0) return 'Vence hoy';
  if (workingDaysLeft > 0) return `Vence en ${diasHabiles(workingDaysLeft)}`;
  return `${vencida(kind)} hace ${diasHabiles(-workingDaysLeft)}`;
}
