// Exportar (pages/exportar.tsx): the records the law asks the municipality to keep or publish, what each holds, and
// the download's words. The titles quote the laws as they are cited.
import { PAGE_NAMES } from './app';

export const EXPORTAR = {
  title: PAGE_NAMES.exportar,
  intro: 'Archivos CSV (separados por punto y coma, UTF-8) que se abren en Excel, con fechas dd-mm-aaaa.',
  from: 'Desde',
  to: 'Hasta',
  month: 'Mes',
  download: 'Descargar CSV',
  downloading: 'Descargando…',
  downloadFailed: 'No se pudo descargar el archivo.',
} as const;

/** Registro de solicitudes (Ley 19.880, art. 24 bis). */
export const EXPORT_SOLICITUDES = {
  title: 'Registro de solicitudes de datos (Ley 19.880, art. 24 bis)',
  explanation:
    'La ley exige llevar un registro de las solicitudes de datos entre órganos y unidades: quién pidió, qué datos, para qué, con qué base legal, el plazo y cómo se respondió. El archivo incluye las solicitudes internas creadas entre las dos fechas (ambas incluidas) que usted puede ver.',
  formLabel: 'Registro de solicitudes',
  done: 'Se descargó el registro de solicitudes.',
} as const;

/** Convenios de transferencia de datos personales (Ley 21.719, art. 22), published every month. */
export const EXPORT_CONVENIOS = {
  title: 'Convenios de transferencia de datos personales (Ley 21.719, art. 22)',
  explanation:
    'Cada mes se publica la lista de los convenios que transfieren datos personales: entidad, objeto, finalidad, datos y su categoría, base legal, decreto aprobatorio y vigencia. El archivo incluye los convenios cuyo decreto aprobatorio tiene fecha en el mes elegido.',
  formLabel: 'Convenios del mes',
  done: 'Se descargó la lista de convenios del mes.',
} as const;

/** Transferencias de datos por convenio (Ley 19.628, art. 5). */
export const EXPORT_TRANSFERENCIAS = {
  title: 'Transferencias de datos por convenio (Ley 19.628, art. 5)',
  explanation:
    'Cada transferencia registrada en un convenio: fecha, entidad, datos transferidos, método y responsables de ambas partes. El archivo incluye las transferencias con fecha entre las dos fechas (ambas incluidas) de los convenios que usted puede ver.',
  formLabel: 'Registro de transferencias',
  done: 'Se descargó el registro de transferencias.',
} as const;
