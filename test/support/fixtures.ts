/** The sensitive-data basis (rule 6) the fixtures add when a test's datasets are sensitive or of children. */
export const SENSITIVE_BASIS = { basis: 'ley_expresa', categories: ['salud'] };

type Classified = { classification?: { privacy?: string } };
const isSensitiveData = (d: unknown) =>
  ['sensible', 'nna'].includes((d as Classified | undefined)?.classification?.privacy ?? '');

/**
 * Tests that make a dataset sensitive keep passing the creation check (Ley 19.628 art. 16: a sensitive dataset needs
 * its own basis): the fixture's structured basis gains `sensitive` unless the test set one itself.
 */
export function withSensitiveBasis<T extends Record<string, unknown>>(body: T): T {
  const datasets = (body.datasets as unknown[] | undefined) ?? (body.dataset ? [body.dataset] : []);
  const basis = body.legalBasis as Record<string, unknown> | undefined;
  if (!basis || typeof basis !== 'object' || basis.sensitive || !datasets.some(isSensitiveData)) return body;
  return { ...body, legalBasis: { ...basis, sensitive: SENSITIVE_BASIS } };
}

/** solicitudBody() as parseCreate leaves it (defaults filled in): for the repository, below the API. */
export function parsedSolicitudBody() {
  const b = solicitudBody();
  return {
    ...b,
    attachments: [],
    dataset: { ...b.dataset, classification: { ...b.dataset.classification, largeScale: false } },
  } as never;
}

/** Valid bodies for the API, built to be varied per test. */
export function solicitudBody(overrides: Record<string, unknown> = {}) {
  return withSensitiveBasis({
    ownerUnitId: 'dideco',
    dataset: {
      name: 'Beneficiarios del Registro Social de Hogares por sector',
      fields: ['sector', 'tramo_rsh', 'cantidad_hogares'],
      period: '2025',
      format: 'xlsx',
      classification: { access: 'uso_interno', privacy: 'personal' },
    },
    purpose: 'Priorizar la pavimentación participativa por sector',
    justification: 'La DOM necesita cruzar vulnerabilidad con déficit de pavimentos',
    expectedBenefits: 'Inversión focalizada en los sectores más vulnerables de la comuna',
    legalBasis: {
      basis: 'funciones_legales',
      norm: { law: 'Ley 18.695', article: 'art. 3 y 4' },
      note: 'Ley 19.880 art. 37 bis',
    },
    ...overrides,
  });
}

export function convenioBody(overrides: Record<string, unknown> = {}) {
  return withSensitiveBasis({
    title: 'Intercambio de datos territoriales con la Universidad de Valparaíso',
    purpose: 'Estudio de movilidad urbana en Quillota',
    legalBasis: {
      basis: 'funciones_legales',
      norm: { law: 'Ley 18.695', article: 'art. 4' },
    },
    benefits: {
      municipality: 'Diagnóstico de movilidad para el PLADECO',
      counterpart: 'Datos para investigación aplicada',
    },
    entity: {
      name: 'Universidad de Valparaíso',
      rut: '60.921.000-1',
      representative: { name: 'Osvaldo Corrales', position: 'Rector' },
      legalContact: { name: 'Paula Rojas', email: 'juridica@uv.cl' },
      technicalContact: { name: 'Diego Fuentes', email: 'dfuentes@uv.cl' },
    },
    municipalTechnicalContact: { name: 'Lee Gu', email: 'lee.gu@quillota.cl', personId: 'lee.gu' },
    datasets: [
      {
        name: 'Conteos de flujo vehicular',
        fields: ['punto', 'fecha', 'conteo'],
        format: 'csv',
        classification: { access: 'publica', privacy: 'no_personal' },
      },
      {
        name: 'Encuesta origen-destino anonimizada',
        fields: ['zona_origen', 'zona_destino', 'motivo'],
        format: 'csv',
        classification: { access: 'uso_interno', privacy: 'personal' },
      },
    ],
    securityMeasures: 'Transferencia cifrada, acceso nominativo, registro de accesos',
    transferMethod: 'SharePoint con enlace para personas específicas',
    retention: { endAction: 'eliminacion', detail: 'Eliminación certificada al término' },
    durationMonths: 24,
    renewal: 'expresa',
    signers: [
      { side: 'municipalidad', name: 'Nestor Wilke', position: 'Alcalde', personId: 'nestor.wilke' },
      { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' },
    ],
    ...overrides,
  });
}
