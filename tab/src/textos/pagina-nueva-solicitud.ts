// Nueva solicitud (pages/nueva-solicitud.tsx): an internal data request (§1, §2a). The fields shared with the convenio
// (dataset, legal basis) have their texts in formularios.ts; these are the page's own.
export const NUEVA_SOLICITUD = {
  title: 'Nueva solicitud de datos',
  intro:
    'Pida datos a otra unidad municipal (§2a del Protocolo). La unidad dueña debe acusar recibo en 2 días hábiles y responder en 10 días hábiles; la UGDT recibe copia. Los campos con * son obligatorios.',
  whoSection: 'A quién se piden los datos',
  ownerUnit: 'Unidad dueña del dato',
  loadingUnits: 'Cargando unidades…',
  chooseUnit: 'Elija la unidad',
  /** An option of the unit list: «Dirección de Obras Municipales (DOM)». */
  unitOption: (name: string, shortName: string) => `${name} (${shortName})`,
  neededBy: 'Se necesita para (opcional)',
  neededByHint: (today: string) => `Desde hoy, ${today}`,
  datasetSection: 'Datos solicitados',
  datasetHint: 'Describa el conjunto de datos y clasifíquelo según el §1a.',
  purposeSection: 'Propósito y fundamento (§1b)',
  purpose: 'Propósito',
  justification: 'Justificación',
  expectedBenefits: 'Beneficios esperados',
  attachmentsSection: 'Adjuntos (opcional)',
  attachmentsHint: 'Enlaces a documentos de respaldo (SharePoint u otro), hasta 20.',
  attachmentName: (n: number) => `Nombre del adjunto ${n}`,
  attachmentUrl: (n: number) => `Enlace del adjunto ${n}`,
  attachmentUrlPlaceholder: 'https://…',
  removeAttachment: (n: number) => `Quitar adjunto ${n}`,
  addAttachment: 'Agregar adjunto',
  onSendTitle: 'Al enviar',
  onSend:
    'La solicitud queda registrada con su referencia, se avisa por Teams y correo a la unidad dueña del dato y a la UGDT, y comienzan a correr los plazos en días hábiles.',
  send: 'Enviar solicitud',
} as const;

/** Toasts after sending. */
export const NUEVA_SOLICITUD_AVISOS = {
  sent: (reference: string) => `Solicitud ${reference} enviada`,
  sentBody: 'La unidad dueña del dato y la UGDT fueron notificadas.',
  failed: 'No se pudo enviar la solicitud',
} as const;
