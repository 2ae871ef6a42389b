// A convenio's documents in words (components/detail-documents.tsx, detail-library-versions.tsx): the versions table,
// SECPLAN's hand-ins and what the document library keeps. Spanish (Chile), addressed with «usted».

/** What SECPLAN may hand in (POST …/documentos?tipo=…), by kind. */
export const UPLOAD_KINDS = {
  firmado_fea: {
    button: 'Subir PDF firmado con FEA',
    /** «El archivo … no es un PDF (.pdf).» */
    what: 'un PDF (.pdf)',
    file: 'Archivo PDF',
    done: 'Se subió el PDF firmado con FEA',
  },
  borrador: {
    button: 'Subir borrador editado (.docx)',
    what: 'un documento Word (.docx)',
    file: 'Documento Word',
    done: 'Se subió el borrador editado',
  },
} as const;

/** A hand-in's checks and outcome. */
export const UPLOAD = {
  wrongType: (fileName: string, what: string, extension: string) =>
    `El archivo «${fileName}» no es ${what}. Elija un archivo ${extension}.`,
  empty: (fileName: string) => `El archivo «${fileName}» está vacío.`,
  /** `megabytes` already written the Chilean way (1,5). */
  tooBig: (megabytes: string) => `El archivo pesa ${megabytes} MB; el máximo es 50 MB.`,
  nameTooLong: 'El nombre del archivo es demasiado largo (máximo 200 caracteres).',
  failed: 'No se pudo subir el archivo.',
  uploading: 'Subiendo…',
  /** Next to the button: «Archivo PDF de hasta 50 MB. …». */
  hint: (file: string) => `${file} de hasta 50 MB. Queda como una nueva versión, con su huella SHA-256.`,
  /** The toast's detail: «convenio.pdf: versión 3, SHA-256 0a1b2c3d4e5f». */
  toast: (fileName: string, version: number, hash: string) => `${fileName}: versión ${version}, SHA-256 ${hash}`,
  /** The notice under the button, followed by the short hash and a period. */
  doneLine: (done: string, fileName: string, version: number) => `${done}: ${fileName}, versión ${version}, SHA-256`,
} as const;

/** The section and its table. */
export const DOCUMENTS = {
  title: 'Documentos y versiones',
  downloadFailed: (fileName: string) => `No se pudo descargar ${fileName}`,
  loadFailed: 'No se pudieron cargar los documentos',
  loading: 'Cargando documentos…',
  none: 'Aún no hay documentos registrados.',
  table: 'Versiones de los documentos del convenio',
  version: 'Versión',
  kind: 'Tipo',
  file: 'Archivo y SHA-256',
  registered: 'Registrado',
  bound: 'Visaciones y firmas',
  /** Before the short hash under a file's name. */
  hash: 'SHA-256',
  download: 'Descargar',
  downloadLabel: (fileName: string, kindLabel: string, version: number) =>
    `Descargar ${fileName} (${kindLabel}, versión ${version})`,
  downloading: 'Descargando…',
  reserved: 'Archivo reservado: contiene datos sensibles',
  openInSharePoint: 'Abrir en SharePoint',
  openInSharePointLabel: (fileName: string) => `Abrir ${fileName} en SharePoint`,
} as const;

/** The versions the document library keeps of one file (detail-library-versions.tsx). */
export const LIBRARY = {
  show: (label: string) => `Ver versiones en la biblioteca (${label})`,
  loadFailed: 'No se pudieron leer las versiones de la biblioteca',
  loading: 'Leyendo la biblioteca de documentos…',
  title: (label: string) => `Versiones en la biblioteca (${label})`,
  empty: 'La biblioteca aún no tiene este archivo.',
  noDate: 'sin fecha',
  /** `kilobytes` already written the Chilean way. */
  size: (kilobytes: string) => `${kilobytes} KB`,
  recorded: (version: number, hash: string) => `versión ${version} registrada (SHA-256 ${hash})`,
  notRecorded: 'sin registro en el convenio (cambio de columnas o edición en la biblioteca)',
} as const;
