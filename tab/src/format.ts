// How the tab writes dates and deadlines, as the cards do: dd-MM-yyyy in America/Santiago, días hábiles.
import { formatDate, toLocalDate, type ItemKind, type LocalDate } from '../../protocol';
import { FORMAT } from './textos/app';

export const TIME_ZONE = 'America/Santiago';

export const fecha = (iso: string | null | undefined): string =>
  iso ? formatDate(toLocalDate(new Date(iso), TIME_ZONE)) : FORMAT.none;

export const fechaLocal = (d: LocalDate | string | null | undefined): string =>
  d ? formatDate(d as LocalDate) : FORMAT.none;

const hourFormat = new Intl.DateTimeFormat('es-CL', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
export const fechaHora = (iso: string): string => `${fecha(iso)} ${hourFormat.format(new Date(iso))}`;

export const diasHabiles = (n: number): string => FORMAT.workingDays(n);

/** «Vencida» said of a request, «Vencido» of a convenio: the word agrees with what is late (issue 14 §5). */
export const vencida = (kind: ItemKind): string => FORMAT.overdue(kind);

/** "Vence en 3 días hábiles" / "Vence hoy" / "Vencida hace 2 días hábiles" (a convenio: "Vencido hace…"). */
export function plazo(workingDaysLeft: number | null, kind: ItemKind = 'solicitud'): string | null {
  if (workingDaysLeft === null) return null;
  if (workingDaysLeft === 0) return FORMAT.dueToday;
  if (workingDaysLeft > 0) return FORMAT.dueIn(diasHabiles(workingDaysLeft));
  return FORMAT.overdueFor(vencida(kind), diasHabiles(-workingDaysLeft));
}
