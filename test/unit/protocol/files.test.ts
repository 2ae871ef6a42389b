import {
  DEFAULT_SETTINGS,
  fileNameProblem,
  mayOpenDeliveredFiles,
  protocolSettingsSchema,
  redactAuditPayload,
  redactFor,
  sizeInWords,
  uploadProblem,
  type Solicitud,
} from '../../../protocol';
import { actor, createSolicitud, fail, ok, run, step } from '../../support/protocol-fixtures';

/** Issue 15: delivered data are files under control. These are the protocol's rules for them. */
const NO_PERSONAL = { access: 'uso_interno', privacy: 'no_personal', largeScale: false } as const;
const SENSITIVE = {
  access: 'reservada',
  legalGround: 'art21_n2_derechos_personas',
  privacy: 'sensible',
  largeScale: false,
} as const;
const CSV = { name: 'atenciones.csv', size: 1024, mediaType: 'text/csv' };
const FILE = {
  id: '7d4c2a8e-5b1f-4c3d-9e2a-1b2c3d4e5f60',
  name: 'atenciones.csv',
  size: 1024,
  mediaType: 'text/csv',
  sha256: 'f'.repeat(64),
};

describe('an upload is refused before a byte is read', () => {
  it.each([
    ['', /Indique el nombre/],
    ['datos/2026.csv', /barras/],
    ['..\\fuera.csv', /barras/],
    ['tabla\u0007.csv', /caracteres de control/],
    ['informe\u202Evsc.exe', /caracteres de control/],
    ['datos.', /terminar en punto/],
    ['x'.repeat(201), /máximo 200/],
  ])('a bad name %j', (name, message) => {
    expect(fileNameProblem(name)).toMatch(message);
    expect(uploadProblem({ ...CSV, name }, NO_PERSONAL, DEFAULT_SETTINGS)?.field).toBe('nombre');
  });

  it('an empty file, and one over the limit (settings; 250 MB by default), with sizes in words', () => {
    expect(uploadProblem({ ...CSV, size: 0 }, NO_PERSONAL, DEFAULT_SETTINGS)).toEqual({
      field: 'tamano',
      message: '«atenciones.csv» está vacío: no hay datos que entregar.',
    });
    expect(uploadProblem({ ...CSV, size: 250 * 1024 * 1024 }, NO_PERSONAL, DEFAULT_SETTINGS)).toBeUndefined();
    expect(uploadProblem({ ...CSV, size: 250 * 1024 * 1024 + 1 }, NO_PERSONAL, DEFAULT_SETTINGS)?.message).toBe(
      '«atenciones.csv» pesa 262.144.001 bytes; el máximo es 262.144.000 bytes. Divídalo o entréguelo por un enlace al sistema municipal.',
    );
    const small = protocolSettingsSchema.parse({ files: { maxBytes: 1_500_000 } });
    expect(uploadProblem({ ...CSV, size: 2_000_000 }, NO_PERSONAL, small)?.message).toContain(
      'pesa 1,9 MB; el máximo es 1,4 MB',
    );
    expect([sizeInWords(1), sizeInWords(900), sizeInWords(5 * 1024), sizeInWords(1_572_864)]).toEqual([
      '1 byte',
      '900 bytes',
      '5 KB',
      '1,5 MB',
    ]);
  });

  it('media types follow the classification: no archives for sensitive data (settings can change the lists)', () => {
    const zip = { ...CSV, name: 'sectores.zip', mediaType: 'application/zip' };
    expect(uploadProblem(zip, NO_PERSONAL, DEFAULT_SETTINGS)).toBeUndefined();
    expect(uploadProblem(zip, SENSITIVE, DEFAULT_SETTINGS)).toMatchObject({
      field: 'tipo',
      message: expect.stringMatching(
        /^Los datos sensibles no se entregan como «application\/zip»\. Tipos permitidos: text\/csv/,
      ),
    });
    expect(
      uploadProblem({ ...CSV, mediaType: 'text/csv; charset=utf-8' }, SENSITIVE, DEFAULT_SETTINGS),
    ).toBeUndefined();
    expect(uploadProblem({ ...CSV, mediaType: 'application/x-msdownload' }, NO_PERSONAL, DEFAULT_SETTINGS)?.field).toBe(
      'tipo',
    );
    const custom = protocolSettingsSchema.parse({
      files: { mediaTypes: { default: ['text/csv'], sensible: ['application/pdf'] } },
    });
    expect(uploadProblem(CSV, SENSITIVE, custom)?.field).toBe('tipo');
    expect(uploadProblem(CSV, NO_PERSONAL, custom)).toBeUndefined();
  });
});

describe('a delivery of files', () => {
  const received = (): Solicitud => step(createSolicitud(), { type: 'acusar_recibo' }, 'sofia');

  it('records each file with its hash; the conformity names the files received', () => {
    const r = ok<Solicitud>(
      run(received(), { type: 'entregar', files: [FILE], note: 'Atenciones 2025 por sector' }, 'sofia'),
    );
    expect(r.next.state).toBe('entregada');
    expect(r.next.delivery).toMatchObject({ files: [FILE], note: 'Atenciones 2025 por sector' });
    expect(r.audit.payload).toMatchObject({ files: [FILE] }); // bound to the delivery event in the audit chain
    const closed = ok<Solicitud>(run(r.next, { type: 'conforme' }, 'ana'));
    expect(JSON.stringify(closed.effects)).toContain('dio conformidad a la entrega y recibió «atenciones.csv».');
    expect(closed.audit.payload).toEqual({ files: [FILE] }); // the conformity's audit event binds what was received
    expect(redactAuditPayload('solicitud', 'conforme', closed.audit.payload as Record<string, unknown>).files).toEqual([
      '[Reservado: datos sensibles]',
    ]);
  });

  it('refuses a delivery with nothing in it, a file twice, or a record that is not a stored file', () => {
    expect(fail(run(received(), { type: 'entregar', note: 'Sin nada adjunto' }, 'sofia')).message).toBe(
      'Suba los archivos o indique un enlace.',
    );
    expect(fail(run(received(), { type: 'entregar', files: [FILE, FILE], note: 'Dos veces' }, 'sofia')).message).toBe(
      'El mismo archivo figura dos veces en la entrega.',
    );
    expect(() =>
      run(received(), { type: 'entregar', files: [{ ...FILE, sha256: 'x' }], note: 'Huella mala' }, 'sofia'),
    ).toThrow(/la huella del archivo no es válida/);
  });

  it('a reader not entitled to the sensitive fields sees neither the files nor their names in the timeline', () => {
    const sensitive = step(
      createSolicitud({ dataset: { ...createSolicitud().dataset, classification: SENSITIVE } }),
      { type: 'acusar_recibo' },
      'sofia',
    );
    const delivered = ok<Solicitud>(run(sensitive, { type: 'entregar', files: [FILE], note: 'Entrega' }, 'sofia'));
    const { item, hidden } = redactFor(actor('claudio'), delivered.next);
    expect(hidden).toContain('delivery.files');
    expect((item as Solicitud).delivery?.files).toBeUndefined();
    expect(
      redactAuditPayload('solicitud', 'entregar', delivered.audit.payload as Record<string, unknown>).files,
    ).toEqual(['[Reservado: datos sensibles]']);
  });
});

describe('a corrected delivery after «Observar»', () => {
  it('is a new version of the delivery; the first stays in the audit chain with its hashes', () => {
    const received = step(createSolicitud(), { type: 'acusar_recibo' }, 'sofia');
    const first = ok<Solicitud>(run(received, { type: 'entregar', files: [FILE], note: 'Primera entrega' }, 'sofia'));
    expect(first.next.delivery?.version).toBeUndefined(); // 1
    const observed = step(first.next, { type: 'observar', reason: 'Falta el mes de diciembre' }, 'ana');
    const fixed = { ...FILE, id: '8e5d3b9f-6c2a-4d4e-8f3b-2c3d4e5f6a71', sha256: 'e'.repeat(64) };
    const second = ok<Solicitud>(run(observed, { type: 'entregar', files: [fixed], note: 'Con diciembre' }, 'sofia'));
    expect(second.next.delivery).toMatchObject({ version: 2, files: [fixed] });
    expect(second.audit.payload).toMatchObject({ files: [fixed] });
    expect(first.audit.payload).toMatchObject({ files: [FILE] });
    expect(JSON.stringify(second.effects)).toContain('entregó una versión corregida (entrega 2): Con diciembre');
  });
});

describe('who opens a delivered file', () => {
  it('the requester and the UGDT; Control only where it may read the sensitive fields; not the owner unit', () => {
    const plain = createSolicitud();
    const sensitive = createSolicitud({ dataset: { ...plain.dataset, classification: SENSITIVE } });
    const who = (s: Solicitud) =>
      ['ana', 'ursula', 'claudio', 'sofia', 'paula', 'tomas'].filter((p) => mayOpenDeliveredFiles(actor(p), s));
    expect(who(plain)).toEqual(['ana', 'ursula', 'claudio']);
    expect(who(sensitive)).toEqual(['ana', 'ursula']);
  });
});

describe('a delivery by link (the data cannot leave their system)', () => {
  const received = (): Solicitud => step(createSolicitud(), { type: 'acusar_recibo' }, 'sofia');

  it('goes only to a municipal system on the allowed host list (settings.files.linkHosts)', () => {
    for (const link of ['https://quillota.sharepoint.com/sites/salud/a.xlsx', 'https://sig.quillota.cl/capas/sectores'])
      expect(ok<Solicitud>(run(received(), { type: 'entregar', link, note: 'En el SIG' }, 'sofia')).next.state).toBe(
        'entregada',
      );
    const e = fail(
      run(received(), { type: 'entregar', link: 'https://wetransfer.com/x', note: 'Por WeTransfer' }, 'sofia'),
    );
    expect(e.message).toBe(
      'El enlace debe llevar a un sistema municipal (quillota.sharepoint.com, quillota.cl, *.quillota.cl); si los datos pueden salir de él, suba los archivos.',
    );
    expect(e.fields).toEqual({ link: 'el enlace no lleva a un sistema municipal' });
    // A look-alike host is not a subdomain.
    expect(
      fail(run(received(), { type: 'entregar', link: 'https://evilquillota.cl/x', note: 'Otro' }, 'sofia')).code,
    ).toBe('DATOS_INVALIDOS');
  });

  it('a bare file name is no longer a delivery', () => {
    expect(
      fail(run(received(), { type: 'entregar', fileName: 'datos.xlsx', note: 'Enviado por correo' }, 'sofia')).message,
    ).toBe(
      'Un nombre de archivo no es una entrega: suba el archivo o indique el enlace al sistema municipal donde están los datos.',
    );
  });
});
