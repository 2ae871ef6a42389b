// commandFromInvoke / createFromInvoke: Teams' string inputs back into the protocol's command and creation shapes.
import { isDomainError, parseCommand, parseCreate } from '../../../protocol';
import { commandFromInvoke, createFromInvoke, inputId, type ActionData } from '../../../bot/src/cards';
import { DIRECTORY, HASH_V1 } from '../../support/protocol-fixtures';

const envelope = { id: 'sol-1', version: 3 };

describe('commandFromInvoke', () => {
  test('toma solo los inputs del comando, sin el sobre (verbo, id, versión)', () => {
    const raw = commandFromInvoke('solicitud', 'observar', {
      verb: 'solicitud.observar',
      ...envelope,
      'observar.reason': '  Falta diciembre  ',
      'cancelar.reason': 'de otro formulario',
    });
    expect(raw).toEqual({ type: 'observar', reason: 'Falta diciembre' });
    expect(parseCommand('solicitud', raw)).toEqual({ type: 'observar', reason: 'Falta diciembre' });
  });

  test('días y meses como números; un número mal escrito queda como texto para que zod lo rechace', () => {
    expect(commandFromInvoke('solicitud', 'prorrogar', { verb: 'x', 'prorrogar.amount': '5' }).amount).toBe(5);
    expect(commandFromInvoke('convenio', 'renovar', { verb: 'x', 'renovar.months': ' 12 ' }).months).toBe(12);
    const bad = commandFromInvoke('solicitud', 'prorrogar', {
      verb: 'x',
      'prorrogar.amount': 'cinco',
      'prorrogar.reason': 'Cierre',
    });
    expect(() => parseCommand('solicitud', bad)).toThrow(/los días deben ser un número/);
  });

  test('la lista de datos transferidos se escribe separada por coma', () => {
    const raw = commandFromInvoke('convenio', 'registrar_transferencia', {
      verb: 'x',
      'registrar_transferencia.datasets': 'Siniestros, Puntos críticos , ,',
    });
    expect(raw.datasets).toEqual(['Siniestros', 'Puntos críticos']);
  });

  test('la lista de criterios: interruptores "true"/"false" a booleanos, notas vacías fuera', () => {
    const data: ActionData = { verb: 'convenio.registrar_evaluacion' };
    for (const k of ['necesidad', 'beneficioMutuo', 'cumplimientoNormativo', 'privacidadSeguridad']) {
      data[inputId('registrar_evaluacion', `checklist.${k}.ok`)] = k === 'necesidad' ? 'false' : 'true';
      data[inputId('registrar_evaluacion', `checklist.${k}.note`)] = '';
    }
    data['registrar_evaluacion.committeeSession'] = '';
    const raw = commandFromInvoke('convenio', 'registrar_evaluacion', data);
    expect(raw).toEqual({
      type: 'registrar_evaluacion',
      checklist: {
        necesidad: { ok: false },
        beneficioMutuo: { ok: true },
        cumplimientoNormativo: { ok: true },
        privacidadSeguridad: { ok: true },
      },
    });
    expect(parseCommand('convenio', raw)).toMatchObject({ checklist: { necesidad: { ok: false, note: '' } } });
  });

  test('la versión del documento viaja como docVersion: la del ítem es del sobre', () => {
    const raw = commandFromInvoke('convenio', 'firmar', {
      verb: 'convenio.firmar',
      ...envelope,
      docVersion: 2,
      sha256: HASH_V1,
      signerId: 'f2',
      'firmar@f2.evidence': 'PDF firmado',
    });
    expect(raw).toEqual({ type: 'firmar', version: 2, sha256: HASH_V1, signerId: 'f2', evidence: 'PDF firmado' });
    expect(parseCommand('convenio', raw)).toMatchObject({ method: 'fes', version: 2 });
  });

  test('un input no puede cambiar el comando ni tocar prototipos', () => {
    const raw = commandFromInvoke('solicitud', 'observar', {
      verb: 'x',
      'observar.type': 'cerrar',
      'observar.__proto__.polluted': 'sí',
      'observar.reason': 'Falta diciembre',
    });
    expect(raw.type).toBe('observar');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('los datos del documento no se toman en una solicitud', () => {
    expect(commandFromInvoke('solicitud', 'conforme', { verb: 'x', docVersion: 1, sha256: HASH_V1 })).toEqual({
      type: 'conforme',
    });
  });
});

const SOLICITUD_FORM = {
  verb: 'solicitud.crear',
  ownerUnitId: 'salud',
  'dataset.name': 'Atenciones por sector',
  'dataset.fields': 'sector, mes, atenciones',
  'dataset.period': '',
  'dataset.format': 'xlsx',
  'dataset.classification.access': 'reservada',
  'dataset.classification.legalGround': 'art21_n2_derechos_personas',
  'dataset.classification.legalGroundDetail': '',
  'dataset.classification.privacy': 'sensible',
  'dataset.classification.largeScale': 'true',
  purpose: 'Focalizar el programa',
  justification: 'Priorizar sectores',
  expectedBenefits: 'Mejor asignación',
  'legalBasis.basis': 'funciones_legales',
  'legalBasis.norm.law': 'Ley 18.695',
  'legalBasis.norm.article': 'art. 4',
  'legalBasis.sensitive.basis': 'ley_expresa',
  'legalBasis.sensitive.categories': 'salud,situacion_socioeconomica',
  neededBy: '',
};

describe('createFromInvoke', () => {
  test('solicitud: las rutas del formulario arman la entrada de creación', () => {
    const raw = createFromInvoke('solicitud', SOLICITUD_FORM);
    expect(raw).toEqual({
      ownerUnitId: 'salud',
      dataset: {
        name: 'Atenciones por sector',
        fields: ['sector', 'mes', 'atenciones'],
        format: 'xlsx',
        classification: {
          access: 'reservada',
          legalGround: 'art21_n2_derechos_personas',
          privacy: 'sensible',
          largeScale: true,
        },
      },
      purpose: 'Focalizar el programa',
      justification: 'Priorizar sectores',
      expectedBenefits: 'Mejor asignación',
      legalBasis: {
        basis: 'funciones_legales',
        norm: { law: 'Ley 18.695', article: 'art. 4' },
        sensitive: { basis: 'ley_expresa', categories: ['salud', 'situacion_socioeconomica'] },
      },
    });
    expect(() => parseCreate('solicitud', raw)).not.toThrow();
  });

  test('solicitud: un dato reservado sin fundamento lo rechaza el protocolo, en español', () => {
    const raw = createFromInvoke('solicitud', { ...SOLICITUD_FORM, 'dataset.classification.legalGround': '' });
    expect(() => parseCreate('solicitud', raw)).toThrow(/requiere su fundamento legal/);
  });

  const CONVENIO_FORM = {
    verb: 'convenio.crear',
    title: 'Siniestralidad vial',
    purpose: 'Analizar la siniestralidad',
    'legalBasis.basis': 'funciones_legales',
    'legalBasis.norm.law': 'Ley 18.695',
    'legalBasis.norm.article': 'art. 4',
    'benefits.municipality': 'Informes de puntos críticos',
    'benefits.counterpart': 'Datos para investigación',
    'entity.name': 'Universidad de Valparaíso',
    'entity.rut': '60.921.000-1',
    'entity.representative.name': 'Osvaldo Corrales',
    'entity.representative.position': 'Rector',
    'entity.legalContact.name': 'Lucía Herrera',
    'entity.legalContact.email': 'juridica@uv.cl',
    'entity.technicalContact.name': 'Rodrigo Paredes',
    'entity.technicalContact.email': '',
    'municipalTechnicalContact.personId': 'diego',
    'dataset.name': 'Siniestros viales',
    'dataset.fields': 'fecha, lugar',
    'dataset.format': 'csv',
    'dataset.classification.access': 'uso_interno',
    'dataset.classification.legalGround': '',
    'dataset.classification.privacy': 'no_personal',
    'dataset.classification.largeScale': 'false',
    securityMeasures: 'Cifrado',
    transferMethod: 'SharePoint',
    'retention.endAction': 'eliminacion',
    'retention.detail': 'Eliminación con acta',
    durationMonths: '24',
    renewal: 'expresa',
    'externalSigner.name': 'Osvaldo Corrales',
    'externalSigner.position': 'Rector',
  };

  test('convenio: contraparte técnica y firmante municipal salen del directorio, no de la tarjeta', () => {
    const raw = createFromInvoke('convenio', CONVENIO_FORM, DIRECTORY);
    expect(raw).toMatchObject({
      durationMonths: 24,
      datasets: [{ name: 'Siniestros viales', fields: ['fecha', 'lugar'] }],
      municipalTechnicalContact: { name: 'Diego Soto', email: 'diego.soto@quillota.cl', personId: 'diego' },
      signers: [
        { side: 'municipalidad', name: 'Alberto Ruiz', position: 'Alcalde(sa)', personId: 'alberto' },
        { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' },
      ],
    });
    expect(raw).not.toHaveProperty('dataset');
    expect(raw).not.toHaveProperty('externalSigner');
    expect(() => parseCreate('convenio', raw)).not.toThrow();
  });

  test('convenio: una persona que no está en el directorio se rechaza con un mensaje claro', () => {
    const form = { ...CONVENIO_FORM, 'municipalTechnicalContact.personId': 'nadie' };
    let error: unknown;
    try {
      createFromInvoke('convenio', form, DIRECTORY);
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error) && error.code).toBe('DATOS_INVALIDOS');
    expect((error as Error).message).toBe('La contraparte técnica municipal no figura en el directorio.');
  });

  test('convenio: sin directorio es un error de programación, no un convenio a medias', () => {
    expect(() => createFromInvoke('convenio', CONVENIO_FORM)).toThrow(/necesita el directorio/);
  });
});
