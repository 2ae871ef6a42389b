// What the demonstration data says (npm run seed-demo): datasets the units of the Municipalidad de Quillota hold
// and ask each other for, and the convenios with outside bodies, in the words a funcionario would use. The
// stories (who acts when) are in seed-demo.ts.
import { seedLegalBasis } from './seed-legal-basis';
import { formatRut, rutCheckDigit, type Classification } from '../../../protocol';

type RawClassification = Omit<Classification, 'largeScale'> & { largeScale?: boolean };

export interface DatasetText {
  name: string;
  description?: string;
  fields: string[];
  period?: string;
  format: 'xlsx' | 'csv' | 'json' | 'shp' | 'geojson' | 'pdf' | 'api' | 'otro';
  classification: RawClassification;
}

/** A dataset one unit holds and others ask for, with what each side writes along the way. */
export interface RequestText {
  owner: string;
  /** People who ask for it (never of the owner unit). */
  requesters: string[];
  dataset: DatasetText;
  purpose: string;
  justification: string;
  expectedBenefits: string;
  legalBasis: string;
  delivery: { fileName: string; note: string };
  /** What the owner unit says when it cannot deliver. */
  unavailable: string;
  /** For sensitive data: the grounded refusal. */
  refusal?: { reason: string; legalGround: string };
  /** Where UGDT sends a request that reached the wrong unit. */
  wrongOwner?: string;
}

const PUBLIC: RawClassification = { access: 'publica', privacy: 'no_personal' };
const INTERNAL: RawClassification = { access: 'uso_interno', privacy: 'no_personal' };

export const REQUESTS: RequestText[] = [
  {
    owner: 'daf',
    requesters: ['alex.wilber', 'grady.archie'],
    dataset: {
      name: 'Catastro de patentes comerciales',
      description: 'Patentes comerciales, industriales, profesionales y de alcoholes vigentes, con su domicilio.',
      fields: ['rol_patente', 'rut_contribuyente', 'razon_social', 'giro', 'direccion', 'sector'],
      period: 'primer semestre 2026',
      format: 'xlsx',
      classification: { access: 'uso_interno', privacy: 'personal' },
    },
    purpose: 'Cruzar las patentes vigentes con las recepciones finales para fiscalizar locales sin recepción',
    justification: 'La DOM detecta locales comerciales funcionando en edificaciones sin recepción definitiva',
    expectedBenefits: 'Fiscalización focalizada y regularización de locales comerciales',
    legalBasis: 'Ley 18.695 art. 3 y 24; DL 3.063 de 1979 sobre Rentas Municipales',
    delivery: { fileName: 'patentes-vigentes-2026-s1.xlsx', note: 'Se adjunta el catastro al cierre de junio.' },
    unavailable: 'El catastro se está migrando al nuevo sistema de rentas y no hay extracción confiable.',
  },
  {
    owner: 'rsh',
    requesters: ['miriam.graham', 'diego.siciliani'],
    dataset: {
      name: 'Beneficiarios Registro Social de Hogares',
      description: 'Hogares con Registro Social de Hogares en la comuna, con su tramo de calificación.',
      fields: ['rut_jefe_hogar', 'nombre', 'direccion', 'sector', 'tramo_rsh', 'integrantes'],
      period: 'octubre 2026',
      format: 'xlsx',
      classification: { access: 'reservada', legalGround: 'art21_n2_derechos_personas', privacy: 'sensible' },
    },
    purpose: 'Focalizar el programa municipal de ayudas invernales en los hogares del 40 % más vulnerable',
    justification: 'El programa requiere verificar el tramo de calificación de cada postulante',
    expectedBenefits: 'Ayudas entregadas a quienes más las necesitan, sin pedir documentos a las familias',
    legalBasis: 'Ley 19.628 art. 20; Ley 20.379 art. 6; Decreto 22 de 2015 del Ministerio de Desarrollo Social',
    delivery: {
      fileName: 'rsh-tramo-40-octubre.xlsx',
      note: 'Se entrega solo el tramo 40 %, con acceso nominativo en SharePoint por 30 días.',
    },
    unavailable: 'La cartola del mes aún no es publicada por el Ministerio; se podrá entregar el mes siguiente.',
    refusal: {
      reason: 'El propósito declarado no requiere datos nominativos; se ofrece el agregado por unidad vecinal.',
      legalGround: 'Ley 19.628 art. 9 y 10 (datos sensibles, principio de finalidad)',
    },
    wrongOwner: 'dideco',
  },
  {
    owner: 'dom',
    requesters: ['irvin.sayers', 'adele.vance'],
    dataset: {
      name: 'Red de luminarias',
      description: 'Luminarias de alumbrado público con su tecnología, potencia y ubicación.',
      fields: ['id_luminaria', 'tipo', 'tecnologia', 'potencia_w', 'coordenadas', 'sector', 'estado'],
      format: 'geojson',
      classification: PUBLIC,
    },
    purpose: 'Priorizar el recambio a LED en los cruces con accidentes nocturnos',
    justification: 'Tránsito registra accidentes nocturnos concentrados en cruces con baja iluminación',
    expectedBenefits: 'Menos accidentes nocturnos y ahorro en el consumo eléctrico municipal',
    legalBasis: 'Ley 18.695 art. 3 letra c) y art. 4',
    delivery: { fileName: 'luminarias-quillota.geojson', note: 'Capa actualizada con el último recambio LED.' },
    unavailable: 'El levantamiento de luminarias del sector rural no está terminado.',
  },
  {
    owner: 'dom',
    requesters: ['adele.vance', 'pradeep.gupta'],
    dataset: {
      name: 'Permisos de edificación otorgados',
      fields: ['numero_permiso', 'rol_avaluo', 'direccion', 'destino', 'superficie_m2', 'fecha'],
      period: '2025',
      format: 'xlsx',
      classification: PUBLIC,
    },
    purpose: 'Actualizar el diagnóstico de crecimiento urbano del PLADECO',
    justification: 'SECPLAN prepara la actualización del Plan de Desarrollo Comunal',
    expectedBenefits: 'Inversión municipal planificada según el crecimiento real de cada sector',
    legalBasis: 'Ley 18.695 art. 7 y 21; Ley 20.285 art. 7 (transparencia activa)',
    delivery: { fileName: 'permisos-edificacion-2025.xlsx', note: 'Permisos del año con destino y superficie.' },
    unavailable: 'Los permisos anteriores a la digitalización están solo en papel.',
  },
  {
    owner: 'transito',
    requesters: ['alex.wilber', 'adele.vance'],
    dataset: {
      name: 'Conteos de flujo vehicular en cruces semaforizados',
      fields: ['cruce', 'fecha', 'hora', 'sentido', 'vehiculos'],
      period: 'marzo a junio 2026',
      format: 'csv',
      classification: PUBLIC,
    },
    purpose: 'Evaluar el impacto vial de los proyectos de edificación en altura',
    justification: 'La DOM debe pronunciarse sobre mitigaciones viales de proyectos en tramitación',
    expectedBenefits: 'Mitigaciones viales exigidas con datos medidos',
    legalBasis: 'Ley 18.695 art. 4; Ley 20.958 de aportes al espacio público',
    delivery: { fileName: 'conteos-cruces-2026.csv', note: 'Conteos de 14 cruces en horario punta.' },
    unavailable: 'Los contadores del cruce Freire con O’Higgins estuvieron fuera de servicio.',
  },
  {
    owner: 'transito',
    requesters: ['megan.bowen', 'henrietta.mueller'],
    dataset: {
      name: 'Licencias de conducir otorgadas por clase',
      fields: ['clase', 'tramo_edad', 'sexo', 'mes', 'cantidad'],
      period: '2025',
      format: 'csv',
      classification: INTERNAL,
    },
    purpose: 'Publicar el informe anual de movilidad comunal',
    justification: 'La UGDT consolida los indicadores de movilidad del municipio',
    expectedBenefits: 'Información pública sobre movilidad para la ciudadanía',
    legalBasis: 'Ley 18.695 art. 4; Ley 20.285 art. 7',
    delivery: { fileName: 'licencias-2025-agregado.csv', note: 'Cantidades agregadas por clase, edad y sexo.' },
    unavailable: 'El sistema de licencias no permite extraer el año completo hasta la actualización de enero.',
  },
  {
    owner: 'salud',
    requesters: ['miriam.graham', 'adele.vance'],
    dataset: {
      name: 'Población inscrita por CESFAM y sector',
      fields: ['cesfam', 'sector', 'tramo_edad', 'sexo', 'inscritos'],
      period: 'corte agosto 2026',
      format: 'xlsx',
      classification: INTERNAL,
    },
    purpose: 'Planificar los operativos sociales en terreno de DIDECO',
    justification: 'Los operativos se coordinan con los CESFAM de cada sector',
    expectedBenefits: 'Operativos en los sectores con más población adulta mayor',
    legalBasis: 'Ley 18.695 art. 4 letra b); Ley 19.378 de Atención Primaria',
    delivery: { fileName: 'inscritos-cesfam-ago-2026.xlsx', note: 'Población inscrita validada por FONASA.' },
    unavailable: 'El corte validado por FONASA llega recién el próximo mes.',
  },
  {
    owner: 'salud',
    requesters: ['irvin.sayers', 'megan.bowen'],
    dataset: {
      name: 'Atenciones de urgencia SAPU por causa y sector',
      fields: ['sapu', 'mes', 'causa_agrupada', 'sector', 'atenciones'],
      period: '2025 y 2026',
      format: 'csv',
      classification: { access: 'uso_interno', privacy: 'no_personal' },
    },
    purpose: 'Identificar sectores con más atenciones por accidentes de tránsito',
    justification: 'Tránsito prioriza obras de seguridad vial según su efecto en la salud de la población',
    expectedBenefits: 'Obras de seguridad vial donde más se necesitan',
    legalBasis: 'Ley 18.695 art. 4; Ley 20.584 art. 13 (datos anonimizados)',
    delivery: { fileName: 'sapu-causas-sector.csv', note: 'Datos anonimizados y agregados por mes.' },
    unavailable: 'La causa de atención no se registra de forma codificada en el SAPU rural.',
  },
  {
    owner: 'educacion',
    requesters: ['miriam.graham', 'lynne.robbins'],
    dataset: {
      name: 'Matrícula escolar por establecimiento municipal',
      fields: ['rbd', 'establecimiento', 'nivel', 'matricula', 'alumnos_prioritarios'],
      period: '2026',
      format: 'xlsx',
      classification: INTERNAL,
    },
    purpose: 'Distribuir los útiles escolares del programa municipal por establecimiento',
    justification: 'La entrega se hace según la matrícula de alumnos prioritarios',
    expectedBenefits: 'Útiles suficientes en cada establecimiento desde el primer día',
    legalBasis: 'Ley 18.695 art. 4; Ley 20.248 de Subvención Escolar Preferencial',
    delivery: { fileName: 'matricula-2026.xlsx', note: 'Matrícula oficial de abril.' },
    unavailable: 'La matrícula oficial aún no es cerrada por el Ministerio de Educación.',
  },
  {
    owner: 'educacion',
    requesters: ['irvin.sayers'],
    dataset: {
      name: 'Estudiantes con transporte escolar gratuito',
      fields: ['rut_estudiante', 'nombre', 'curso', 'establecimiento', 'direccion', 'recorrido'],
      period: '2026',
      format: 'xlsx',
      classification: { access: 'reservada', legalGround: 'art21_n2_derechos_personas', privacy: 'nna' },
    },
    purpose: 'Rediseñar los recorridos del transporte escolar rural',
    justification: 'Los recorridos actuales superan los 60 minutos en los sectores de San Pedro y Boco',
    expectedBenefits: 'Recorridos más cortos para niños y niñas de sectores rurales',
    legalBasis: 'Ley 18.695 art. 4; Ley 21.719 art. 16 quáter (datos de niños, niñas y adolescentes)',
    delivery: {
      fileName: 'transporte-escolar-paraderos.xlsx',
      note: 'Se entregan paraderos y cantidad de estudiantes por recorrido, sin datos nominativos.',
    },
    unavailable: 'El registro de recorridos 2026 está en revisión por la Superintendencia.',
    refusal: {
      reason: 'Para diseñar recorridos basta el número de estudiantes por paradero; no se entregan datos nominativos.',
      legalGround: 'Ley 21.719 art. 16 quáter; Ley 19.628 art. 9 (proporcionalidad)',
    },
  },
  {
    owner: 'dideco',
    requesters: ['joni.sherman', 'patti.fernandez'],
    dataset: {
      name: 'Organizaciones comunitarias con personalidad jurídica vigente',
      fields: ['rut_organizacion', 'nombre', 'tipo', 'sector', 'directiva_vigente_hasta'],
      format: 'xlsx',
      classification: PUBLIC,
    },
    purpose: 'Convocar a las organizaciones a la elección del Consejo Comunal de la Sociedad Civil',
    justification: 'La Secretaría Municipal debe citar a todas las organizaciones con directiva vigente',
    expectedBenefits: 'Un COSOC elegido con todas las organizaciones habilitadas',
    legalBasis: 'Ley 18.695 art. 94; Ley 19.418 sobre Juntas de Vecinos',
    delivery: { fileName: 'organizaciones-vigentes.xlsx', note: 'Registro al día con las directivas vigentes.' },
    unavailable: 'El registro se está conciliando con el Servicio de Registro Civil.',
  },
  {
    owner: 'dideco',
    requesters: ['henrietta.mueller'],
    dataset: {
      name: 'Beneficiarios de ayudas sociales de emergencia',
      fields: ['rut', 'nombre', 'tipo_ayuda', 'monto', 'fecha', 'sector', 'informe_social'],
      period: '2025',
      format: 'xlsx',
      classification: { access: 'reservada', legalGround: 'art21_n2_derechos_personas', privacy: 'sensible' },
    },
    purpose: 'Auditoría de las ayudas sociales 2025 del programa anual de Control',
    justification: 'Control debe verificar que cada ayuda cuente con informe social y decreto de pago',
    expectedBenefits: 'Ayudas sociales entregadas conforme a la ordenanza y sin duplicidades',
    legalBasis: 'Ley 18.695 art. 29; Ley 10.336 (Contraloría) art. 1',
    delivery: { fileName: 'ayudas-sociales-2025.xlsx', note: 'Listado con decretos; acceso solo para Control.' },
    unavailable: 'Los informes sociales de 2025 se encuentran en archivo físico.',
  },
  {
    owner: 'ugdt',
    requesters: ['grady.archie', 'diego.siciliani', 'johanna.lorenz'],
    dataset: {
      name: 'Capas SIG de sectores y unidades vecinales',
      fields: ['sector', 'unidad_vecinal', 'poligono'],
      format: 'shp',
      classification: PUBLIC,
    },
    purpose: 'Georreferenciar las atenciones y proyectos de la unidad con los límites oficiales',
    justification: 'Cada unidad usa límites de sectores distintos y los informes no se pueden comparar',
    expectedBenefits: 'Un mismo mapa de sectores para todo el municipio',
    legalBasis: 'Ley 18.695 art. 3 y 4',
    delivery: { fileName: 'sectores-uv-quillota.zip', note: 'Capas oficiales en SIRGAS-Chile 19S.' },
    unavailable: 'Los límites de las unidades vecinales están en revisión por el Concejo.',
  },
  {
    owner: 'rsh',
    requesters: ['adele.vance', 'grady.archie'],
    dataset: {
      name: 'Hogares calificados por unidad vecinal',
      fields: ['unidad_vecinal', 'tramo_rsh', 'hogares'],
      period: 'junio 2026',
      format: 'csv',
      classification: INTERNAL,
    },
    purpose: 'Priorizar la cartera de proyectos de pavimentación participativa',
    justification: 'El programa del MINVU pondera la vulnerabilidad de los sectores postulados',
    expectedBenefits: 'Postulaciones mejor evaluadas para los sectores más vulnerables',
    legalBasis: 'Ley 18.695 art. 4; Ley 20.379 art. 6 (datos agregados)',
    delivery: { fileName: 'hogares-uv-junio-2026.csv', note: 'Conteos agregados, sin datos personales.' },
    unavailable: 'El Ministerio cambió el formato de la cartola y el agregado no está disponible aún.',
  },
  {
    owner: 'dom',
    requesters: ['irvin.sayers', 'pradeep.gupta'],
    dataset: {
      name: 'Catastro de pavimentos y veredas',
      fields: ['id_tramo', 'calle', 'tipo_pavimento', 'estado', 'largo_m'],
      format: 'geojson',
      classification: PUBLIC,
    },
    purpose: 'Programar la demarcación vial según el estado del pavimento',
    justification: 'Demarcar sobre pavimento en mal estado dura menos de un año',
    expectedBenefits: 'Presupuesto de demarcación usado donde rinde',
    legalBasis: 'Ley 18.695 art. 3 y 26',
    delivery: { fileName: 'pavimentos-2026.geojson', note: 'Catastro con la inspección de mayo.' },
    unavailable: 'El catastro del sector oriente no ha sido levantado.',
  },
];

/** A valid RUT for a body (the check digit is computed, not typed). */
export const rut = (body: number): string => formatRut(`${body}-${rutCheckDigit(body)}`)!;

export interface ConvenioText {
  proposer: string;
  input: Record<string, unknown>;
}

const SECURITY =
  'Transferencia cifrada (TLS 1.2 o superior), acceso nominativo con doble factor, registro de accesos y ' +
  'prohibición de copias locales; tratamiento solo para el fin declarado.';

function convenio(o: {
  title: string;
  purpose: string;
  legalBasis: string;
  municipality: string;
  counterpart: string;
  entity: {
    name: string;
    rut: number;
    representative: [string, string];
    legal: [string, string];
    tech: [string, string];
  };
  technical: { name: string; email: string; personId: string };
  datasets: DatasetText[];
  durationMonths: number;
  renewal: 'automatica' | 'expresa' | 'sin_renovacion';
}): Record<string, unknown> {
  return {
    title: o.title,
    purpose: o.purpose,
    legalBasis: seedLegalBasis(o.legalBasis, o.datasets),
    benefits: { municipality: o.municipality, counterpart: o.counterpart },
    entity: {
      name: o.entity.name,
      rut: rut(o.entity.rut),
      representative: { name: o.entity.representative[0], position: o.entity.representative[1] },
      legalContact: { name: o.entity.legal[0], email: o.entity.legal[1] },
      technicalContact: { name: o.entity.tech[0], email: o.entity.tech[1] },
    },
    municipalTechnicalContact: o.technical,
    datasets: o.datasets,
    securityMeasures: SECURITY,
    transferMethod: 'Biblioteca de SharePoint con enlace para personas específicas, vigente 30 días por entrega',
    retention: {
      endAction: 'eliminacion',
      detail: 'Eliminación certificada por la contraparte al término del convenio',
    },
    durationMonths: o.durationMonths,
    renewal: o.renewal,
    signers: [
      { side: 'contraparte', name: o.entity.representative[0], position: o.entity.representative[1] },
      { side: 'municipalidad', name: 'Nestor Wilke', position: 'Alcalde', personId: 'nestor.wilke' },
    ],
  };
}

const LEE = { name: 'Lee Gu', email: 'lee.gu@quillota.cl', personId: 'lee.gu' };

/** The convenios, each named for the stage its story leaves it in (see seed-demo.ts). */
export const CONVENIOS: Record<
  | 'evaluacion'
  | 'redaccion'
  | 'visacion'
  | 'firma'
  | 'evaluacionProxima'
  | 'porVencer'
  | 'evaluacionAtrasada'
  | 'desistido',
  ConvenioText
> = {
  evaluacion: {
    proposer: 'alex.wilber',
    input: convenio({
      title: 'Intercambio de datos de consumo del alumbrado público con Chilquinta Distribución',
      purpose: 'Conciliar la facturación del alumbrado público con la red de luminarias municipal',
      legalBasis: 'Ley 18.695 art. 3 y 4; DFL 4 de 2006 (Ley General de Servicios Eléctricos)',
      municipality: 'Detectar cobros de luminarias retiradas o inexistentes',
      counterpart: 'Actualizar su catastro de empalmes de alumbrado público',
      entity: {
        name: 'Chilquinta Distribución S.A.',
        rut: 96813520,
        representative: ['Rodrigo Castillo', 'Gerente Comercial'],
        legal: ['Francisca Soto', 'legal@chilquinta.example'],
        tech: ['Matías Herrera', 'mherrera@chilquinta.example'],
      },
      technical: LEE,
      datasets: [
        {
          name: 'Red de luminarias',
          fields: ['id_luminaria', 'potencia_w', 'coordenadas', 'empalme'],
          format: 'geojson',
          classification: PUBLIC,
        },
      ],
      durationMonths: 24,
      renewal: 'expresa',
    }),
  },
  redaccion: {
    proposer: 'miriam.graham',
    input: convenio({
      title: 'Convenio de transferencia de datos del Registro Social de Hogares con la SEREMI de Desarrollo Social',
      purpose: 'Acceder a la cartola del Registro Social de Hogares para focalizar programas sociales municipales',
      legalBasis: 'Ley 20.379 art. 6; Decreto 22 de 2015 del Ministerio de Desarrollo Social; Ley 19.628 art. 20',
      municipality: 'Focalización de ayudas sociales sin pedir documentos a las familias',
      counterpart: 'Mejor calidad de la información del Registro por las actualizaciones municipales',
      entity: {
        name: 'Secretaría Regional Ministerial de Desarrollo Social y Familia de Valparaíso',
        rut: 60105000,
        representative: ['Carolina Muñoz', 'Secretaria Regional Ministerial'],
        legal: ['Javier Pizarro', 'juridica.valparaiso@desarrollosocial.example'],
        tech: ['Daniela Rojas', 'rsh.valparaiso@desarrollosocial.example'],
      },
      technical: { name: 'Debra Berger', email: 'debra.berger@quillota.cl', personId: 'debra.berger' },
      datasets: [
        {
          name: 'Beneficiarios Registro Social de Hogares',
          fields: ['rut', 'nombre', 'direccion', 'tramo_rsh', 'integrantes'],
          format: 'api',
          classification: {
            access: 'reservada',
            legalGround: 'art21_n2_derechos_personas',
            privacy: 'sensible',
            largeScale: true,
          },
        },
      ],
      durationMonths: 36,
      renewal: 'automatica',
    }),
  },
  visacion: {
    proposer: 'grady.archie',
    input: convenio({
      title: 'Convenio de intercambio del catastro de patentes comerciales con el Servicio de Impuestos Internos',
      purpose: 'Contrastar las patentes municipales con la iniciación de actividades ante el SII',
      legalBasis: 'DL 3.063 de 1979 art. 24; Código Tributario art. 35; Ley 18.695 art. 4',
      municipality: 'Detectar actividades comerciales sin patente municipal',
      counterpart: 'Detectar contribuyentes sin iniciación de actividades',
      entity: {
        name: 'Servicio de Impuestos Internos',
        rut: 60803000,
        representative: ['Ana María Fuentes', 'Directora Regional de Valparaíso'],
        legal: ['Cristián Vera', 'juridica.valparaiso@sii.example'],
        tech: ['Paula Contreras', 'pcontreras@sii.example'],
      },
      technical: LEE,
      datasets: [
        {
          name: 'Catastro de patentes comerciales',
          fields: ['rol_patente', 'rut_contribuyente', 'giro', 'direccion'],
          format: 'csv',
          classification: { access: 'uso_interno', privacy: 'personal' },
        },
      ],
      durationMonths: 24,
      renewal: 'expresa',
    }),
  },
  firma: {
    proposer: 'irvin.sayers',
    input: convenio({
      title: 'Convenio de datos de movilidad con la Universidad Técnica Federico Santa María',
      purpose: 'Modelar la congestión del centro de Quillota con conteos y encuestas de movilidad',
      legalBasis: 'Ley 18.695 art. 4 letra h); Ley 21.719 art. 20 (tratamiento para investigación)',
      municipality: 'Propuesta de rediseño de la red de semáforos del centro',
      counterpart: 'Datos reales para tesis de ingeniería de transporte',
      entity: {
        name: 'Universidad Técnica Federico Santa María',
        rut: 81668700,
        representative: ['Jorge Ibáñez', 'Vicerrector Académico'],
        legal: ['Marcela Díaz', 'juridica@usm.example'],
        tech: ['Felipe Araya', 'felipe.araya@usm.example'],
      },
      technical: { name: 'Irvin Sayers', email: 'irvin.sayers@quillota.cl', personId: 'irvin.sayers' },
      datasets: [
        {
          name: 'Conteos de flujo vehicular en cruces semaforizados',
          fields: ['cruce', 'fecha', 'hora', 'vehiculos'],
          format: 'csv',
          classification: PUBLIC,
        },
      ],
      durationMonths: 18,
      renewal: 'sin_renovacion',
    }),
  },
  evaluacionProxima: {
    proposer: 'diego.siciliani',
    input: convenio({
      title: 'Convenio con el Servicio de Salud Viña del Mar-Quillota para la vigilancia de atenciones de urgencia',
      purpose: 'Compartir atenciones de urgencia anonimizadas para la vigilancia epidemiológica comunal',
      legalBasis: 'Ley 19.378; Ley 20.584 art. 13; Código Sanitario art. 9',
      municipality: 'Alertas tempranas de brotes en los sectores de la comuna',
      counterpart: 'Información de la atención primaria municipal para la red asistencial',
      entity: {
        name: 'Servicio de Salud Viña del Mar-Quillota',
        rut: 61606500,
        representative: ['Patricio Navarro', 'Director del Servicio de Salud'],
        legal: ['Lorena Tapia', 'juridica@ssvq.example'],
        tech: ['Gonzalo Reyes', 'estadisticas@ssvq.example'],
      },
      technical: { name: 'Diego Siciliani', email: 'diego.siciliani@quillota.cl', personId: 'diego.siciliani' },
      datasets: [
        {
          name: 'Atenciones de urgencia SAPU por causa y sector',
          fields: ['sapu', 'semana', 'causa_agrupada', 'sector', 'atenciones'],
          format: 'csv',
          classification: { access: 'uso_interno', privacy: 'no_personal' },
        },
      ],
      durationMonths: 24,
      renewal: 'automatica',
    }),
  },
  porVencer: {
    proposer: 'pradeep.gupta',
    input: convenio({
      title: 'Convenio de estudio de movilidad urbana con la Universidad de Valparaíso',
      purpose: 'Diagnóstico de movilidad urbana para la actualización del PLADECO',
      legalBasis: 'Ley 21.719 art. 20; Ley 18.695 art. 4',
      municipality: 'Diagnóstico de movilidad para el PLADECO',
      counterpart: 'Datos para investigación aplicada',
      entity: {
        name: 'Universidad de Valparaíso',
        rut: 60921000,
        representative: ['Osvaldo Corrales', 'Rector'],
        legal: ['Paula Rojas', 'juridica@uv.example'],
        tech: ['Diego Fuentes', 'dfuentes@uv.example'],
      },
      technical: LEE,
      datasets: [
        {
          name: 'Encuesta origen-destino anonimizada',
          fields: ['zona_origen', 'zona_destino', 'motivo', 'modo'],
          format: 'csv',
          classification: { access: 'uso_interno', privacy: 'personal' },
        },
      ],
      durationMonths: 12,
      renewal: 'expresa',
    }),
  },
  evaluacionAtrasada: {
    proposer: 'grady.archie',
    input: convenio({
      title: 'Convenio con el Gobierno Regional de Valparaíso para el recambio de la red de luminarias',
      purpose: 'Entregar la red de luminarias para el proyecto regional de recambio a tecnología LED',
      legalBasis: 'Ley 19.175 art. 16 y 20; Ley 18.695 art. 4 y 8',
      municipality: 'Recambio a LED financiado por el FNDR',
      counterpart: 'Diseño del proyecto con la red real de la comuna',
      entity: {
        name: 'Gobierno Regional de Valparaíso',
        rut: 72235100,
        representative: ['Rodrigo Mundaca', 'Gobernador Regional'],
        legal: ['Verónica Lagos', 'juridica@gorevalparaiso.example'],
        tech: ['Sebastián Ortiz', 'sortiz@gorevalparaiso.example'],
      },
      technical: { name: 'Grady Archie', email: 'grady.archie@quillota.cl', personId: 'grady.archie' },
      datasets: [
        {
          name: 'Red de luminarias',
          fields: ['id_luminaria', 'tipo', 'tecnologia', 'potencia_w', 'coordenadas', 'estado'],
          format: 'geojson',
          classification: PUBLIC,
        },
      ],
      durationMonths: 24,
      renewal: 'expresa',
    }),
  },
  desistido: {
    proposer: 'johanna.lorenz',
    input: convenio({
      title: 'Convenio de datos de asistencia escolar con la Fundación Educacional Aprender',
      purpose: 'Programa de prevención de la deserción escolar en liceos municipales',
      legalBasis: 'Ley 21.719 art. 16 quáter; Ley 20.370 General de Educación',
      municipality: 'Alertas tempranas de deserción escolar',
      counterpart: 'Evaluación de impacto de su programa de tutorías',
      entity: {
        name: 'Fundación Educacional Aprender',
        rut: 65123450,
        representative: ['Claudia Espinoza', 'Directora Ejecutiva'],
        legal: ['Tomás Bravo', 'legal@aprender.example'],
        tech: ['Ignacio Muñoz', 'datos@aprender.example'],
      },
      technical: { name: 'Johanna Lorenz', email: 'johanna.lorenz@quillota.cl', personId: 'johanna.lorenz' },
      datasets: [
        {
          name: 'Asistencia escolar mensual por estudiante',
          fields: ['rut_estudiante', 'establecimiento', 'curso', 'mes', 'asistencia'],
          format: 'xlsx',
          classification: { access: 'reservada', legalGround: 'art21_n2_derechos_personas', privacy: 'nna' },
        },
      ],
      durationMonths: 12,
      renewal: 'sin_renovacion',
    }),
  },
};
