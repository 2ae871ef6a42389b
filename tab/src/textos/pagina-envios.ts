// Envíos (pages/envios.tsx): the outbox as the UGDT, IT and Control follow it — the table, its history lines, the
// two tabs and the toasts of a retry.
import { FORMAT, PAGE_NAMES, SHELL } from './app';

export const ENVIOS = {
  title: PAGE_NAMES.envios,
  refresh: SHELL.refresh,
  intro:
    'Avisos en Teams, copias por correo y documentos que el sistema debe entregar. Cada envío se reintenta automáticamente varias veces; si aún falla, queda como fallido hasta que alguien lo reintente.',
  /** Added to the intro for Control, who looks but does not retry. */
  onlyUgdtRetries: ' Solo la UGDT o Informática pueden reintentar un envío.',
  noAccess: 'No tiene acceso a los envíos',
  tabsLabel: 'Estado de los envíos',
  tabs: { fallido: 'Fallidos', pendiente: 'Pendientes' },
  /** A tab with its count: «Fallidos (3)». */
  tabCount: (label: string, n: number) => `${label} (${n})`,
  loading: 'Cargando envíos…',
  empty: {
    fallido: 'No hay envíos fallidos. Todo lo que el sistema debía enviar se entregó.',
    pendiente: 'No hay envíos pendientes. Nada espera en la cola para ser entregado.',
  },
  /** Under the table: «Se muestran 50 envíos de 120.». */
  shown: (n: number, total: number) => `${n === 1 ? 'Se muestra 1 envío' : `Se muestran ${n} envíos`} de ${total}.`,
  loadingMore: 'Cargando…',
  loadMore: 'Cargar más',
  loadMoreFailed: 'No se pudieron cargar más envíos.',
} as const;

/** The table of deliveries. */
export const ENVIOS_TABLA = {
  label: { fallido: 'Envíos fallidos', pendiente: 'Envíos pendientes' },
  reference: 'Referencia',
  kind: 'Tipo',
  what: 'Qué',
  attempts: 'Intentos',
  lastError: 'Último error',
  created: 'Creado',
  nextAttempt: 'Próximo intento',
  history: 'Historial',
  action: 'Acción',
  none: FORMAT.none,
  retry: 'Reintentar',
  retryLabel: (reference: string, kindLabel: string) => `Reintentar el envío de ${reference}: ${kindLabel}`,
  /** A line of the history, before its date and time. */
  gaveUp: 'Falló tras agotar los reintentos',
  retriedBy: (name: string) => `Reintentado por ${name}`,
} as const;

/** Toasts of a retry. */
export const ENVIOS_AVISOS = {
  retried: 'Envío reintentado: volverá a intentarse en el próximo ciclo',
  retriedBody: (reference: string, kindLabel: string, description: string) =>
    `${reference} · ${kindLabel}: ${description}`,
  retryFailed: (reference: string) => `No se pudo reintentar el envío de ${reference}`,
} as const;
