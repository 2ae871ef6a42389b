// Delivered data as files (issue 15) in words: the Entregar form with its uploads (components/file-upload.tsx,
// deliver-form.tsx) and the files of a delivery in the detail (detail-files.tsx). Spanish (Chile), addressed with
// «usted». Sizes come written by protocol sizeInWords («1,5 MB»); the service's own errors are shown as they come.

/** The files being uploaded for a delivery. */
export const FILE_UPLOAD = {
  legend: 'Archivos con los datos',
  dropHere: 'Arrastre los archivos hasta aquí o',
  choose: 'Elegir archivos',
  /** The zone while a file is dragged over it. */
  dropNow: 'Suelte los archivos para subirlos',
  hint: 'Cada archivo se sube por partes y queda registrado con su nombre, tamaño y huella SHA-256. Si la conexión se corta, la subida continúa donde quedó.',
  list: 'Archivos de la entrega',
  /** «informe.csv · 1,5 MB · text/csv» */
  facts: (size: string, mediaType: string) => `${size} · ${mediaType}`,
  progress: (name: string) => `Subida de ${name}`,
  /** The progress bar's spoken value and the line under it. */
  progressValue: (percent: number, received: string, total: string) => `${percent} % · ${received} de ${total}`,
  phase: {
    declarando: 'Revisando el archivo…',
    subiendo: 'Subiendo',
    esperando: 'Se interrumpió la subida',
    listo: 'Subido',
    error: 'No se subió',
  },
  /** While waiting to resume on its own. */
  retrying: (seconds: number, attempt: number, of: number) =>
    `Se reintentará en ${seconds} ${seconds === 1 ? 'segundo' : 'segundos'} (intento ${attempt} de ${of}), desde lo ya recibido.`,
  /** After the last part: the service's hash, followed by the short hash. */
  stored: 'SHA-256',
  remove: 'Quitar',
  removeLabel: (name: string) => `Quitar ${name}`,
  retry: 'Reintentar',
  retryLabel: (name: string) => `Reintentar la subida de ${name}`,
  /** An error without the service's words (the upload closed elsewhere, the service never answered). */
  failed: 'No se pudo subir el archivo. Intente de nuevo.',
  closed: {
    entregado: 'Este archivo ya se entregó en otra ventana. Quítelo de la lista.',
    descartado: 'Esta subida se descartó en otra ventana. Quítela y vuelva a elegir el archivo.',
  },
  tooMany: (max: number, left: string) => `Una entrega lleva hasta ${max} archivos; quedaron fuera: ${left}.`,
  /** Asked by the browser when the page is left while a file is uploading. */
  leave: 'Hay archivos subiéndose; si sale ahora, la subida se detiene.',
} as const;

/** The Entregar form (deliver-form.tsx). */
export const DELIVER_FORM = {
  intro:
    'Suba los archivos con los datos. Si los datos no pueden salir de su sistema, indique en cambio un enlace al sistema municipal donde están.',
  otherWay: 'En lugar de archivos, cuando los datos no pueden salir del sistema donde están.',
  link: 'Enlace a los datos en el sistema municipal',
  linkPlaceholder: 'https://…',
  note: 'Nota de entrega',
  noteHint: 'Qué entrega, de qué período y cualquier advertencia para quien pidió los datos.',
  submit: 'Entregar',
  /** Under the disabled button, saying why. */
  waitUploads: 'Espere a que terminen de subir los archivos.',
  fixUploads: 'Quite o reintente los archivos que no se subieron.',
  nothing: 'Suba al menos un archivo o indique un enlace.',
  failed: 'No se pudo entregar',
  /** The service's complaint about the files (`fields.archivos`). */
  filesProblem: (message: string) => `Archivos: ${message}`,
} as const;

/** The files of a delivery in the detail (detail-files.tsx). */
export const DELIVERED_FILES = {
  list: 'Archivos entregados',
  facts: (size: string, mediaType: string) => `${size} · ${mediaType}`,
  hash: 'SHA-256',
  download: 'Descargar',
  downloadLabel: (name: string) => `Descargar ${name}`,
  downloading: 'Descargando…',
  downloadFailed: (name: string) => `No se pudo descargar ${name}`,
  /** For a reader who sees the file but may not open it (the owner unit, Control without the read policy). */
  notForYou: 'Lo descargan quien pidió los datos y la UGDT.',
  /** The requester, while the access runs (settings.files.shareDays after the delivery). */
  accessUntil: (date: string) => `Puede descargarlos hasta el ${date}.`,
  /** The requester, once it ended. */
  accessEnded: (date: string) =>
    `Su acceso a estos archivos venció el ${date}. Si aún los necesita, pídalos a la UGDT.`,
} as const;

/** A download recorded on the timeline (textos/detalle.ts reads these). */
export const FILE_TIMELINE = {
  downloaded: 'Descargó un archivo entregado',
  accessEnded: 'Venció el acceso a un archivo entregado',
  /** One file an entry names: «datos.csv (1,5 MB, SHA-256 0a1b2c3d4e5f)». */
  fileLine: (name: string, size?: string, hash?: string) => {
    const facts = [size, hash && `SHA-256 ${hash}`].filter(Boolean).join(', ');
    return facts ? `${name} (${facts})` : name;
  },
} as const;
