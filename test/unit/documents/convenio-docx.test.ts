// The convenio draft is a legal text people sign by its SHA-256: every clause must be there, filled from the
// convenio, and the same input must give the same bytes whenever it is rendered.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import {
  DRAFT_CLAUSES,
  draftFileName,
  renderConvenioDraft,
  type DraftOptions,
} from '../../../bot/src/documents/convenio-docx';
import {
  ACCESS_LABELS,
  FORMAT_LABELS,
  LEGAL_GROUND_LABELS,
  PRIVACY_LABELS,
  RENEWAL_LABELS,
  type Convenio,
  legalBasisText,
} from '../../../protocol';
import { CONVENIO_BUILDERS, CONVENIO_RAW, CONVENIO_STEPS, DATASET, step } from '../../support/protocol-fixtures';

const OPTS: DraftOptions = { version: 1, generatedAt: '2026-09-15T13:00:00.000Z', timeZone: 'America/Santiago' };

// A convenio richer than the shared fixture: two datasets, one reserved with its legal ground and one sensitive (so
// an EIPD is required), a multi-line field and contacts with and without email or phone.
const RICH = {
  entity: {
    ...CONVENIO_RAW.entity,
    representative: { name: 'Osvaldo Corrales', position: 'Rector', rut: '7.654.321-6' },
    technicalContact: { name: 'Rodrigo Paredes', phone: '+56 32 250 7000' },
  },
  datasets: [
    { ...DATASET, name: 'Siniestros viales georreferenciados' },
    {
      name: 'Fichas de atención de salud mental',
      fields: ['rut', 'diagnostico', 'sector'],
      format: 'csv',
      classification: { access: 'reservada', legalGround: 'art21_n2_derechos_personas', privacy: 'sensible' },
    },
  ],
  securityMeasures: 'Cifrado AES-256 en reposo\nAcceso nominativo con doble factor',
};

const redaccion = (raw: Record<string, unknown> = RICH): Convenio => CONVENIO_BUILDERS.redaccion(raw);

/** A convenio observed twice: once in round 1 by the DAJ, once in round 2 by the entity's legal department. */
function observedTwice(): Convenio {
  const first = step(
    CONVENIO_BUILDERS.visacion(RICH),
    { type: 'observar', side: 'municipal', comments: 'Precisar el plazo de eliminación\nCitar la Ley 21.719' },
    'daniela',
  );
  const v2 = CONVENIO_STEPS.enviar(CONVENIO_STEPS.borrador(first, 'b'.repeat(64)));
  return step(v2, { type: 'observar', side: 'externa', comments: 'Agregar correo del rector' }, 'sergio');
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the .docx back

interface Para {
  style: string | undefined;
  text: string;
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Each w:p with its style and visible text (its w:t contents, a w:br as a newline). */
function paragraphsOf(xml: string): Para[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map(([, inner]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(inner!)?.[1],
    text: [...inner!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map(([tag, t]) => (tag.startsWith('<w:br') ? '\n' : unescapeXml(t ?? '')))
      .join(''),
  }));
}

async function unzip(docx: Buffer) {
  const zip = await JSZip.loadAsync(docx);
  const part = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`falta ${path} en el .docx`);
    return file.async('string');
  };
  const headers = await Promise.all(zip.file(/^word\/header\d+\.xml$/).map((f) => f.async('string')));
  const footers = await Promise.all(zip.file(/^word\/footer\d+\.xml$/).map((f) => f.async('string')));
  const documentXml = await part('word/document.xml');
  const paragraphs = paragraphsOf(documentXml);
  return {
    zip,
    documentXml,
    coreXml: await part('docProps/core.xml'),
    paragraphs,
    text: paragraphs.map((p) => p.text).join('\n'),
    headerText: headers.flatMap(paragraphsOf).map((p) => p.text),
    footerXml: footers.join(''),
  };
}

const render = async (c: Convenio, opts: Partial<DraftOptions> = {}) =>
  unzip(await renderConvenioDraft(c, { ...OPTS, ...opts }));

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Balanced tags, quoted attributes, and text with no raw < > or stray &: enough to catch what escaping could miss. */
function expectWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  const badText = /[<>]|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i;
  let from = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g)) {
    expect(body.slice(from, m.index)).not.toMatch(badText);
    from = m.index + m[0].length;
    if (m[1]) expect(`</${stack.pop()}>`).toBe(`</${m[2]}>`);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(body.slice(from)).not.toMatch(badText);
  expect(stack).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------

describe('renderConvenioDraft: clauses', () => {
  it('carries every clause of DRAFT_CLAUSES as a heading, in order and nothing else as a clause', async () => {
    const { paragraphs } = await render(redaccion());
    const headings = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(headings).toHaveLength(DRAFT_CLAUSES.length);
    DRAFT_CLAUSES.forEach((k, i) => expect(headings[i]).toMatch(new RegExp(`(^|: )${k.title}$`)));
    expect(headings[1]).toBe('PRIMERO: Antecedentes y base legal');
    expect(headings[13]).toBe('DÉCIMO TERCERO: Actos aprobatorios y entrada en vigencia');
    expect(new Set(DRAFT_CLAUSES.map((k) => k.id)).size).toBe(DRAFT_CLAUSES.length);
  });

  it('has the legal title with the entity in capitals', async () => {
    const { paragraphs } = await render(redaccion());
    expect(paragraphs.find((p) => p.style === 'Title')?.text).toBe(
      'CONVENIO DE USO COMPARTIDO DE DATOS ENTRE LA ILUSTRE MUNICIPALIDAD DE QUILLOTA Y UNIVERSIDAD DE VALPARAÍSO',
    );
  });

  it('fills every clause from the convenio', async () => {
    const c = redaccion();
    const { text, paragraphs } = await render(c);
    const expected = [
      // Comparecencia: both parties, their RUT and representatives; the entity's legal contact.
      'Ilustre Municipalidad de Quillota, RUT N° 69.060.100-1',
      'representada por su Alcalde, Alberto Ruiz',
      'Universidad de Valparaíso, RUT N° 60.921.000-1, representada por su Rector, Osvaldo Corrales, cédula nacional de identidad N° 7.654.321-6',
      'Lucía Herrera, correo electrónico juridica@uv.cl, teléfono no informado',
      // Antecedentes y base legal.
      'Ley N° 19.628',
      'Ley N° 21.719',
      legalBasisText(c.legalBasis),
      // Objeto y beneficios.
      c.title,
      c.purpose,
      c.benefits.municipality,
      c.benefits.counterpart,
      // Anexo de datos.
      'Siniestros viales georreferenciados',
      'Fichas de atención de salud mental',
      'rut, diagnostico, sector',
      FORMAT_LABELS.csv,
      ACCESS_LABELS.uso_interno,
      ACCESS_LABELS.reservada,
      PRIVACY_LABELS.no_personal,
      PRIVACY_LABELS.sensible,
      LEGAL_GROUND_LABELS.art21_n2_derechos_personas,
      'evaluación de impacto en protección de datos personales (EIPD)',
      // Seguridad y transferencia.
      'Cifrado AES-256 en reposo',
      'Acceso nominativo con doble factor',
      c.transferMethod,
      // Contrapartes técnicas, with what is missing said so.
      'Diego Soto, correo electrónico diego.soto@quillota.cl, teléfono no informado',
      'Rodrigo Paredes, correo electrónico no informado, teléfono +56 32 250 7000',
      // Vigencia, renovación, evaluación.
      'vigencia de 24 meses',
      `Renovación ${RENEWAL_LABELS.expresa}`,
      `evaluará cada ${c.evaluationEveryMonths} meses`,
      'término anticipado',
      // Eliminación, incidentes, cesión, publicación, actos aprobatorios.
      c.retention.detail,
      '72 horas',
      'sin autorización previa y por escrito',
      'publicará mensualmente',
      'Decreto Alcaldicio',
    ];
    for (const fragment of expected) expect(text).toContain(fragment);
    // A multi-line field gives one paragraph per line, not a run with a raw newline Word would ignore.
    expect(paragraphs.map((p) => p.text)).toEqual(
      expect.arrayContaining(['Cifrado AES-256 en reposo', 'Acceso nominativo con doble factor']),
    );
  });

  it('signs with one block per signer, in order, after the clauses', async () => {
    const { paragraphs } = await render(redaccion());
    const texts = paragraphs.map((p) => p.text);
    const firmas = texts.indexOf('Firmas');
    const alberto = texts.indexOf('Alberto Ruiz', firmas);
    const osvaldo = texts.indexOf('Osvaldo Corrales', firmas);
    expect(firmas).toBeGreaterThan(0);
    expect(alberto).toBeGreaterThan(firmas);
    expect(osvaldo).toBeGreaterThan(alberto);
    expect(texts.slice(alberto, alberto + 3)).toEqual(['Alberto Ruiz', 'Alcalde', 'Ilustre Municipalidad de Quillota']);
    expect(texts.slice(osvaldo, osvaldo + 3)).toEqual(['Osvaldo Corrales', 'Rector', 'Universidad de Valparaíso']);
  });

  it('leaves no placeholder or serialisation leftover in the text', async () => {
    for (const c of [redaccion(), CONVENIO_BUILDERS.redaccion(), observedTwice()]) {
      const { text } = await render(c, { version: 2 });
      for (const leftover of ['undefined', 'null', 'NaN', '[object Object]', '{', '}', '${'])
        expect(text).not.toContain(leftover);
    }
  });

  it('says the data is not personal, and needs no EIPD, when no dataset is', async () => {
    const { text } = await render(CONVENIO_BUILDERS.redaccion());
    expect(text).toContain('el intercambio no comprende datos personales');
    expect(text).not.toContain('EIPD');
  });

  it('takes the municipality given in the options', async () => {
    const { text } = await render(redaccion(), {
      municipality: {
        name: 'Ilustre Municipalidad de Prueba',
        rut: '69.060.100-1',
        representative: 'Carmen Silva',
        address: 'Maipú 330, Quillota',
      },
    });
    expect(text).toContain('Ilustre Municipalidad de Prueba, RUT N° 69.060.100-1');
    expect(text).toContain('representada por su Alcalde, Carmen Silva, ambos con domicilio en Maipú 330, Quillota');
  });
});

describe('renderConvenioDraft: versions', () => {
  it('shows the version and reference in the header and page numbers in the footer', async () => {
    const c = observedTwice();
    const { headerText, footerXml } = await render(c, { version: 2 });
    expect(headerText).toContain(`Borrador versión 2 — ${c.reference}`);
    expect(footerXml).toContain('PAGE');
    expect(footerXml).toContain('NUMPAGES');
  });

  it('records in the version table the observations of the previous round only', async () => {
    const { text, paragraphs } = await render(observedTwice(), { version: 2 });
    const table = paragraphs.slice(paragraphs.findIndex((p) => p.text === 'Control de versiones')).map((p) => p.text);
    expect(table).toEqual(
      expect.arrayContaining([
        'Primera versión del borrador.',
        'Recoge las observaciones de la ronda 1:',
        'Visación municipal, 15-09-2026: Precisar el plazo de eliminación',
        'Citar la Ley 21.719',
      ]),
    );
    expect(text).not.toContain('Agregar correo del rector');
  });

  it('lists every earlier version, each with the observations it answered', async () => {
    const { paragraphs } = await render(observedTwice(), { version: 3 });
    const table = paragraphs.slice(paragraphs.findIndex((p) => p.text === 'Control de versiones')).map((p) => p.text);
    const v2 = table.indexOf('Recoge las observaciones de la ronda 1:');
    const v3 = table.indexOf('Recoge las observaciones de la ronda 2:');
    expect(v2).toBeGreaterThan(table.indexOf('Primera versión del borrador.'));
    expect(v3).toBeGreaterThan(v2);
    expect(table[v3 + 1]).toBe('Visación de la Entidad, 15-09-2026: Agregar correo del rector');
  });

  it('dates the first version with the generation day in Chile', async () => {
    // 02:00 UTC on the 16th is still the 15th in Santiago.
    const { paragraphs } = await render(redaccion(), { generatedAt: '2026-09-16T02:00:00.000Z' });
    const texts = paragraphs.map((p) => p.text);
    const row = texts.indexOf('Primera versión del borrador.');
    expect(texts.slice(row - 2, row)).toEqual(['1', '15-09-2026']);
  });

  it('refuses a version that is not a positive whole number', async () => {
    await expect(renderConvenioDraft(redaccion(), { ...OPTS, version: 0 })).rejects.toThrow('versión');
  });
});

describe('renderConvenioDraft: user text', () => {
  const NASTY = {
    ...RICH,
    title: 'Datos & <Salud> "comillas" \'simples\'',
    entity: { ...RICH.entity, name: 'Fundación <Datos> & "Salud"' },
    purpose: 'Primera línea\r\nSegunda línea con campana',
  };
  /** The protocol refuses control characters at input (issue 11); the renderer still drops them from older data. */
  const withBell = (c: Convenio): Convenio => ({ ...c, purpose: 'Primera línea\r\nSegunda línea\u0007 con campana' });

  it('keeps & < > " \' as typed, and the XML well formed', async () => {
    const { text, documentXml, coreXml } = await render(redaccion(NASTY));
    expect(text).toContain('«Datos & <Salud> "comillas" \'simples\'»');
    expect(text).toContain('Fundación <Datos> & "Salud", RUT N°');
    expect(text).toContain('Y FUNDACIÓN <DATOS> & "SALUD"');
    expectWellFormed(documentXml);
    expectWellFormed(coreXml);
    expect(coreXml).toContain('&lt;DATOS&gt; &amp;');
  });

  it('splits line breaks into paragraphs and drops characters XML forbids', async () => {
    const { paragraphs, documentXml } = await render(withBell(redaccion(NASTY)));
    const texts = paragraphs.map((p) => p.text);
    expect(texts).toEqual(expect.arrayContaining(['Primera línea', 'Segunda línea con campana']));
    expect(documentXml).not.toContain('\u0007');
  });
});

describe('renderConvenioDraft: determinism', () => {
  afterEach(() => jest.useRealTimers());

  it('gives the same bytes for the same input, whatever the clock says', async () => {
    const c = observedTwice();
    // Only Date is faked: the packing runs on real promises and timers.
    jest.useFakeTimers({
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate'],
      now: new Date('2027-01-01T00:00:01.000Z'),
      advanceTimers: true,
    });
    const first = await renderConvenioDraft(c, { ...OPTS, version: 2 });
    jest.setSystemTime(new Date('2030-06-30T17:45:33.000Z'));
    const second = await renderConvenioDraft(c, { ...OPTS, version: 2 });
    expect(sha256(second)).toBe(sha256(first));
    const other = await renderConvenioDraft(c, { ...OPTS, version: 3 });
    expect(sha256(other)).not.toBe(sha256(first));
  });

  it('stamps the package with the generation instant, not the clock', async () => {
    const { zip, coreXml } = await render(redaccion());
    expect(coreXml).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-09-15T13:00:00Z</dcterms:created>');
    expect(coreXml).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-09-15T13:00:00Z</dcterms:modified>');
    expect(coreXml).toContain('<dc:creator>Intercambio de Datos — Municipalidad de Quillota</dc:creator>');
    // Zip entries hold the local wall clock; JSZip reads it back as if it were UTC.
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString()));
    expect([...dates]).toEqual(['2026-09-15T10:00:00.000Z']);
  });
});

describe('draftFileName', () => {
  it('names the file by the reference', () => {
    expect(draftFileName({ reference: 'CONV-2026-0001' })).toBe('CONV-2026-0001 Borrador de convenio.docx');
  });
});

describe('renderConvenioDraft: the protocol is cited by its own approving decree (§6, rule 10)', () => {
  it('names the Decreto Alcaldicio that approves the protocol when it is recorded in the settings', async () => {
    const { text } = await render(redaccion(), { protocolDecree: { number: '812/2026', date: '2026-01-20' } });
    expect(text).toContain(
      'cuenta con el Protocolo para Intercambio de Datos, aprobado por Decreto Alcaldicio N° 812/2026 de 20-01-2026, que dispone',
    );
    // The convenio's own approval is its own decree, not §6 of the protocol.
    expect(text).not.toContain('(§6 del Protocolo)');
  });

  it('says the number is still to be recorded when the settings have none', async () => {
    const { text } = await render(redaccion());
    expect(text).toContain(
      'Protocolo para Intercambio de Datos, aprobado por Decreto Alcaldicio (número por registrar)',
    );
  });
});

describe('renderConvenioDraft: a delegate signs "por orden del Alcalde" (rule 1)', () => {
  it('prints the capacity line under the delegate, and nothing under the Alcalde', async () => {
    const capacity = (s: { side: string; personId?: string }) =>
      s.personId === 'teresa' ? 'Por orden del Alcalde (Decreto Alcaldicio N° 1.250/2026 de 27-02-2026)' : undefined;
    const withDelegate = redaccion({
      ...RICH,
      signers: [
        { side: 'municipalidad', name: 'Teresa Lagos', position: 'Directora de Tránsito', personId: 'teresa' },
        { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' },
      ],
    });
    const { text } = await render(withDelegate, { signerCapacity: capacity });
    expect(text).toContain(
      'Teresa Lagos\nDirectora de Tránsito\nPor orden del Alcalde (Decreto Alcaldicio N° 1.250/2026 de 27-02-2026)',
    );
    const mayor = await render(redaccion(), { signerCapacity: capacity });
    expect(mayor.text).not.toContain('Por orden del Alcalde');
  });
});
