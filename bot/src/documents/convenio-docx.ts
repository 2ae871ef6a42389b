// The .docx draft of a convenio (§3b "Redacción del Convenio"): every clause the protocol and Ley 19.628 / Ley 21.719
// call for, already filled from the convenio's own data, so SECPLAN and both legal departments review a complete
// text instead of a template with blanks. Signatures are bound to the SHA-256 of the exact bytes, so the same input
// must always give the same file.
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  ACCESS_LABELS,
  FORMAT_LABELS,
  formatDate,
  formatRut,
  LEGAL_GROUND_LABELS,
  PRIVACY_LABELS,
  renewalPhrase,
  toLocalDate,
  type Contact,
  type Convenio,
  type Dataset,
  type Signer,
  protocolCitation,
  type ProtocolSettings,
  legalBasisText,
} from '../../../protocol';

export interface DraftOptions {
  /** Draft version number (1 for the first; a new one after each observation round). */
  version: number;
  /** When the draft is generated (ISO instant); written as the document's dates so the same input gives the same bytes. */
  generatedAt: string;
  timeZone: string;
  /** Defaults to the Ilustre Municipalidad de Quillota, represented by the municipal signer of the convenio. */
  municipality?: { name: string; rut: string; representative: string; address?: string };
  /** The decree that approves the protocol itself (§6, settings.protocolDecree). */
  protocolDecree?: ProtocolSettings['protocolDecree'];
  /** A line under a signer's position: "Por orden del Alcalde (Decreto Alcaldicio N° …)" for a delegate (rule 1). */
  signerCapacity?: (s: Signer) => string | undefined;
}

const CLAUSES = [
  { id: 'comparecencia', title: 'Comparecencia' },
  { id: 'antecedentes', title: 'Antecedentes y base legal' },
  { id: 'objeto', title: 'Objeto y beneficios' },
  { id: 'datos', title: 'Anexo de datos' },
  { id: 'finalidad', title: 'Finalidad y limitaciones de uso' },
  { id: 'seguridad', title: 'Medidas de seguridad y método de transferencia' },
  { id: 'confidencialidad', title: 'Confidencialidad' },
  { id: 'contrapartes', title: 'Contrapartes técnicas' },
  { id: 'vigencia', title: 'Vigencia, renovación, evaluación y término anticipado' },
  { id: 'eliminacion', title: 'Eliminación o devolución de los datos' },
  { id: 'incidentes', title: 'Notificación de incidentes de seguridad' },
  { id: 'cesion', title: 'Prohibición de cesión a terceros' },
  { id: 'publicacion', title: 'Publicación mensual' },
  { id: 'aprobacion', title: 'Actos aprobatorios y entrada en vigencia' },
  { id: 'firmas', title: 'Firmas' },
] as const;
type ClauseId = (typeof CLAUSES)[number]['id'];

/** The clauses every draft carries, in order (Spanish headings); tests and the certificate refer to them. */
export const DRAFT_CLAUSES: readonly { id: string; title: string }[] = CLAUSES;

export { draftFileName } from './file-names';

export async function renderConvenioDraft(c: Convenio, opts: DraftOptions): Promise<Buffer> {
  const d = draftContext(c, opts);
  const doc = new Document({
    styles: DOCUMENT_STYLES,
    sections: [
      {
        properties: { page: { margin: { top: 1418, bottom: 1418, left: 1701, right: 1418 } } },
        headers: { default: draftHeader(d) },
        footers: { default: draftFooter() },
        children: [...titleBlock(d), ...CLAUSES.flatMap((k) => [clauseHeading(k.id), ...CLAUSE_BODY[k.id](d)])],
      },
      { children: versionControl(d) },
    ],
  });
  // Title, creator and dates go in a core.xml of our own: docx would write its own with the clock's dates.
  const packed = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreProperties(d) }]);
  return stampZipEntries(packed, dosDateTime(opts.generatedAt, opts.timeZone));
}

// ---------------------------------------------------------------------------------------------------------------
// What every clause reads from

interface Municipality {
  name: string;
  rut: string;
  representative: string;
  position: string;
  address?: string;
}

interface Draft {
  c: Convenio;
  version: number;
  generatedAt: string;
  timeZone: string;
  muni: Municipality;
  /** "Protocolo para Intercambio de Datos, aprobado por Decreto Alcaldicio N° … de …" (§6). */
  protocol: string;
  signerCapacity?: (s: Signer) => string | undefined;
}

const DEFAULT_MUNICIPALITY = { name: 'Ilustre Municipalidad de Quillota', rut: '69.060.100-1' };
const NOT_GIVEN = 'no informado';
const APP_NAME = 'Intercambio de Datos — Municipalidad de Quillota';

function draftContext(c: Convenio, opts: DraftOptions): Draft {
  if (!Number.isInteger(opts.version) || opts.version < 1)
    throw new Error(`versión de borrador inválida: ${opts.version}`);
  if (Number.isNaN(Date.parse(opts.generatedAt))) throw new Error(`fecha de generación inválida: ${opts.generatedAt}`);
  return {
    c,
    version: opts.version,
    generatedAt: opts.generatedAt,
    timeZone: opts.timeZone,
    muni: municipalityOf(c, opts),
    protocol: protocolCitation({ protocolDecree: opts.protocolDecree }),
    ...(opts.signerCapacity ? { signerCapacity: opts.signerCapacity } : {}),
  };
}

function municipalityOf(c: Convenio, opts: DraftOptions): Municipality {
  const signer = c.signers.find((s) => s.side === 'municipalidad');
  const given = opts.municipality ?? { ...DEFAULT_MUNICIPALITY, representative: signer?.name ?? '' };
  const representative = orNotGiven(given.representative);
  // The signer's own position ("Alcalde (S)", say) only when the representative named is that signer.
  const position =
    signer && oneLine(signer.name) === representative ? oneLine(signer.position) || 'Alcalde' : 'Alcalde';
  return {
    name: orNotGiven(given.name),
    rut: rut(given.rut),
    representative,
    position,
    ...(given.address ? { address: oneLine(given.address) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// User text. docx escapes & < > " ' itself; what it does not handle is line breaks and control characters.

// XML 1.0 forbids these characters; one pasted from another system would make Word refuse to open the file.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const oneLine = (s: string | undefined): string => (s ?? '').replace(FORBIDDEN_IN_XML, '').replace(/\s+/g, ' ').trim();

const orNotGiven = (s: string | undefined): string => oneLine(s) || NOT_GIVEN;

/** Each line typed in a long field becomes its own paragraph, as Word ignores a bare newline inside a run. */
const linesOf = (s: string | undefined): string[] => {
  const lines = (s ?? '')
    .split(/\r\n|\r|\n/)
    .map(oneLine)
    .filter(Boolean);
  return lines.length > 0 ? lines : [NOT_GIVEN];
};

const rut = (s: string | undefined): string => (s ? (formatRut(s) ?? oneLine(s)) : NOT_GIVEN);

const months = (n: number): string => (n === 1 ? '1 mes' : `${n} meses`);

const dayOf = (iso: string, timeZone: string): string => formatDate(toLocalDate(new Date(iso), timeZone));

function contactLine(c: Contact): string {
  const position = oneLine(c.position);
  return [
    `${orNotGiven(c.name)}${position ? `, ${position}` : ''}`,
    `correo electrónico ${orNotGiven(c.email)}`,
    `teléfono ${orNotGiven(c.phone)}`,
  ].join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

type Block = Paragraph | Table;
type Inline = string | TextRun;

const FONT = 'Arial';
const DOCUMENT_STYLES = {
  default: {
    document: {
      run: { font: FONT, size: 22, language: { value: 'es-CL' } },
      paragraph: { spacing: { after: 120, line: 276 } },
    },
    heading1: { run: { font: FONT, size: 22, bold: true, color: '000000' }, paragraph: { spacing: { before: 240 } } },
    heading2: { run: { font: FONT, size: 22, bold: true, color: '000000' }, paragraph: { spacing: { before: 240 } } },
    title: { run: { font: FONT, size: 26, bold: true, color: '000000' } },
  },
};

const run = (text: Inline): TextRun => (typeof text === 'string' ? new TextRun(text) : text);
const bold = (text: string): TextRun => new TextRun({ text, bold: true });

/** A justified paragraph; adjacent strings become one run, so a sentence split over source lines stays whole. */
function para(...parts: Inline[]): Paragraph {
  const runs: Inline[] = [];
  for (const part of parts) {
    const last = runs[runs.length - 1];
    if (typeof part === 'string' && typeof last === 'string') runs[runs.length - 1] = last + part;
    else runs.push(part);
  }
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: runs.map(run) });
}

/** User text quoted inside a clause, set off by an indent so its wording reads as the parties' own. */
const quoted = (text: string | undefined): Paragraph[] =>
  linesOf(text).map(
    (line) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { left: 567 }, children: [run(line)] }),
  );

const cellOf = (lines: readonly Inline[], header = false): TableCell =>
  new TableCell({
    children: lines.map(
      (l) => new Paragraph({ spacing: { after: 0 }, children: [header && typeof l === 'string' ? bold(l) : run(l)] }),
    ),
  });

function table(headers: readonly string[], rows: readonly (readonly (readonly Inline[])[])[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cellOf([h], true)) }),
      ...rows.map((cells) => new TableRow({ children: cells.map((lines) => cellOf(lines)) })),
    ],
  });
}

// Clause numbering: the comparecencia opens the text and the signatures close it, both unnumbered as in any
// Chilean convenio; the clauses between them are PRIMERO, SEGUNDO, ...
const ORDINALS = [
  ['PRIMERO', 'primera'],
  ['SEGUNDO', 'segunda'],
  ['TERCERO', 'tercera'],
  ['CUARTO', 'cuarta'],
  ['QUINTO', 'quinta'],
  ['SEXTO', 'sexta'],
  ['SÉPTIMO', 'séptima'],
  ['OCTAVO', 'octava'],
  ['NOVENO', 'novena'],
  ['DÉCIMO', 'décima'],
  ['DÉCIMO PRIMERO', 'décima primera'],
  ['DÉCIMO SEGUNDO', 'décima segunda'],
  ['DÉCIMO TERCERO', 'décima tercera'],
] as const;
const UNNUMBERED: readonly ClauseId[] = ['comparecencia', 'firmas'];
const NUMBERED = CLAUSES.map((k) => k.id).filter((id) => !UNNUMBERED.includes(id));

function ordinal(id: ClauseId): (typeof ORDINALS)[number] | undefined {
  const i = NUMBERED.indexOf(id);
  return i < 0 ? undefined : ORDINALS[i];
}

/** "la cláusula segunda", for clauses that refer to another. */
const clauseRef = (id: ClauseId): string => `la cláusula ${ordinal(id)?.[1] ?? ''}`.trim();

function clauseHeading(id: ClauseId): Paragraph {
  const title = CLAUSES.find((k) => k.id === id)!.title;
  const n = ordinal(id);
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    keepNext: true,
    children: [new TextRun(n ? `${n[0]}: ${title}` : title)],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Title, header and footer

const entityName = (d: Draft): string => orNotGiven(d.c.entity.name);
const upper = (s: string): string => s.toLocaleUpperCase('es-CL');

function documentTitle(d: Draft): string {
  return `CONVENIO DE USO COMPARTIDO DE DATOS ENTRE LA ${upper(d.muni.name)} Y ${upper(entityName(d))}`;
}

function titleBlock(d: Draft): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(documentTitle(d))] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`«${orNotGiven(d.c.title)}»`)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [
        run(`Referencia ${d.c.reference} · Borrador versión ${d.version} de ${dayOf(d.generatedAt, d.timeZone)}`),
      ],
    }),
  ];
}

function draftHeader(d: Draft): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ text: `Borrador versión ${d.version} — ${d.c.reference}`, size: 18, color: '595959' }),
        ],
      }),
    ],
  });
}

function draftFooter(): Footer {
  const small = { size: 18, color: '595959' };
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: 'Página ', ...small }),
          new TextRun({ children: [PageNumber.CURRENT], ...small }),
          new TextRun({ text: ' de ', ...small }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], ...small }),
        ],
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Clauses

const CLAUSE_BODY: Record<ClauseId, (d: Draft) => Block[]> = {
  comparecencia,
  antecedentes,
  objeto,
  datos,
  finalidad,
  seguridad,
  confidencialidad,
  contrapartes,
  vigencia,
  eliminacion,
  incidentes,
  cesion,
  publicacion,
  aprobacion,
  firmas,
};

function comparecencia(d: Draft): Block[] {
  const { c, muni } = d;
  const rep = c.entity.representative;
  const repPosition = oneLine(rep.position);
  const repRut = oneLine(rep.rut);
  return [
    para('En Quillota, en la fecha de la última firma de este instrumento, comparecen:'),
    para(
      bold(muni.name),
      `, RUT N° ${muni.rut}, corporación autónoma de derecho público, representada por su ${muni.position}, `,
      bold(muni.representative),
      `, ambos con domicilio en ${muni.address ?? 'la comuna de Quillota, Región de Valparaíso'}, en adelante «la Municipalidad»; y`,
    ),
    para(
      bold(entityName(d)),
      `, RUT N° ${rut(c.entity.rut)}, representada por ${repPosition ? `su ${repPosition}, ` : 'su representante legal, '}`,
      bold(orNotGiven(rep.name)),
      repRut ? `, cédula nacional de identidad N° ${rut(repRut)}` : '',
      ', en adelante «la Entidad»; y conjuntamente «las Partes».',
    ),
    para(
      `Para los efectos jurídicos de este convenio, la Entidad designa como contacto a ${contactLine(c.entity.legalContact)}.`,
    ),
    para(
      'Las Partes, en el marco de sus respectivas competencias, acuerdan el siguiente convenio de uso compartido de datos:',
    ),
  ];
}

function antecedentes({ c, timeZone, protocol }: Draft): Block[] {
  const approval = c.assessmentApproval;
  const session = oneLine(c.assessment?.committeeSession);
  return [
    para(
      // §6 of the protocol: the decree that approves the protocol itself (settings.protocolDecree).
      `La Municipalidad de Quillota cuenta con el ${protocol}, que dispone `,
      'que el intercambio de datos con actores externos se formalice mediante un convenio de uso compartido de datos ',
      'que identifique a las entidades y sus responsables, el detalle de los datos a compartir, el propósito del ',
      'intercambio y las medidas de protección y seguridad de los datos (§3 b del Protocolo).',
    ),
    para(
      'La necesidad del intercambio fue evaluada por la Secretaría Comunal de Planificación junto a la Administración ',
      'Municipal, que preside el Comité de Datos Municipal',
      session ? ` (${session})` : '',
      approval ? `, y aprobada con fecha ${dayOf(approval.at, timeZone)}` : '',
      ', verificando que existe una necesidad y fundamento claro, que el intercambio es beneficioso para ambas Partes, ',
      'que cumple la normativa de protección de datos y que resguarda la privacidad y seguridad de los datos (§5 a–d ',
      'del Protocolo).',
    ),
    para(
      'El presente convenio se rige por la Ley N° 19.628, sobre protección de la vida privada, y por la Ley N° 21.719, ',
      'que la modifica, regula la protección y el tratamiento de los datos personales y crea la Agencia de Protección de ',
      'Datos Personales; por la Ley N° 18.695, Orgánica Constitucional de Municipalidades; y por la Ley N° 20.285, ',
      'sobre acceso a la información pública.',
    ),
    para('La base legal específica del intercambio es la siguiente:'),
    ...quoted(legalBasisText(c.legalBasis)),
  ];
}

function objeto({ c }: Draft): Block[] {
  return [
    para(
      'El objeto del presente convenio es establecer los términos y condiciones del intercambio de datos denominado «',
      oneLine(c.title) || NOT_GIVEN,
      '», cuyo propósito es el siguiente:',
    ),
    ...quoted(c.purpose),
    para('Beneficios que el intercambio reporta a la Municipalidad y a la comuna:'),
    ...quoted(c.benefits.municipality),
    para('Beneficios que el intercambio reporta a la Entidad:'),
    ...quoted(c.benefits.counterpart),
    para('Las Partes declaran que el intercambio es beneficioso para ambas (§5 b del Protocolo).'),
  ];
}

function datos({ c }: Draft): Block[] {
  const blocks: Block[] = [
    para(
      'Los datos objeto de este convenio son exclusivamente los que se detallan en el siguiente anexo de datos, que ',
      'forma parte integrante de este instrumento, con la clasificación de acceso y de privacidad asignada conforme al ',
      'Protocolo (§1 a):',
    ),
    table(
      ['N°', 'Conjunto de datos', 'Campos', 'Formato', 'Nivel de acceso', 'Privacidad', 'Fundamento de la reserva'],
      c.datasets.map((ds, i) => datasetRow(ds, i + 1)),
    ),
  ];
  if (c.datasets.length === 0) blocks.push(para(`Conjuntos de datos: ${NOT_GIVEN}.`));
  if (c.impactAssessmentRequired)
    blocks.push(
      para(
        bold('Evaluación de impacto. '),
        'Atendido que el intercambio comprende datos sensibles, datos de niños, niñas y adolescentes o un tratamiento ',
        'a gran escala, se realizará una evaluación de impacto en protección de datos personales (EIPD) conforme a la ',
        'Ley N° 21.719 antes de la primera transferencia, y sus conclusiones formarán parte de este convenio.',
      ),
    );
  return blocks;
}

function datasetRow(ds: Dataset, n: number): Inline[][] {
  const k = ds.classification;
  const about = [oneLine(ds.description), ds.period ? `Período: ${oneLine(ds.period)}` : ''].filter(Boolean);
  return [
    [String(n)],
    [bold(orNotGiven(ds.name)), ...about],
    [ds.fields.map(oneLine).filter(Boolean).join(', ') || NOT_GIVEN],
    [FORMAT_LABELS[ds.format] ?? oneLine(ds.format)],
    [ACCESS_LABELS[k.access]],
    [PRIVACY_LABELS[k.privacy], ...(k.largeScale ? ['Tratamiento a gran escala'] : [])],
    [reserveGround(ds)],
  ];
}

function reserveGround({ classification: k }: Dataset): string {
  if (k.access !== 'reservada' && k.access !== 'secreta') return 'No aplica';
  if (!k.legalGround) return NOT_GIVEN;
  const detail = oneLine(k.legalGroundDetail);
  return `${LEGAL_GROUND_LABELS[k.legalGround]}${detail ? `: ${detail}` : ''}`;
}

function finalidad(): Block[] {
  return [
    para(
      `Los datos se utilizarán única y exclusivamente para el propósito señalado en ${clauseRef('objeto')}, y no `,
      'podrán ser tratados para fines distintos o incompatibles con él. El tratamiento se limitará a los datos ',
      'estrictamente necesarios para dicho propósito.',
    ),
    para(
      'La Entidad no podrá reidentificar a las personas a quienes se refieren datos anonimizados, ni combinarlos con ',
      'otras fuentes con ese fin, ni utilizarlos para adoptar decisiones que afecten individualmente a sus titulares. ',
      'Los resultados que publique se presentarán de forma agregada, de modo que no permitan identificar a persona ',
      'alguna.',
    ),
    para(
      'Cualquier uso distinto del pactado requerirá la modificación de este convenio, con las mismas formalidades de ',
      'su celebración.',
    ),
  ];
}

function seguridad({ c }: Draft): Block[] {
  return [
    para(
      'Las Partes adoptarán las medidas técnicas y organizativas necesarias para resguardar la confidencialidad, ',
      'integridad y disponibilidad de los datos, y en particular las siguientes:',
    ),
    ...quoted(c.securityMeasures),
    para('La transferencia de los datos se realizará por el siguiente medio:'),
    ...quoted(c.transferMethod),
    para(
      'Cada transferencia será coordinada por las contrapartes técnicas y quedará registrada por la Municipalidad con ',
      'su fecha, los conjuntos de datos transferidos, el medio empleado y el responsable de cada Parte (§3 c del ',
      'Protocolo). El acceso a los datos se restringirá al personal que lo requiera para cumplir el objeto de este ',
      'convenio.',
    ),
  ];
}

function confidencialidad(): Block[] {
  return [
    para(
      'Las Partes, y todo su personal que tenga acceso a los datos, guardarán estricta reserva sobre ellos y no los ',
      'divulgarán por ningún medio, conforme a la Ley N° 19.628. Esta obligación subsistirá después del término del ',
      'convenio, cualquiera sea su causa.',
    ),
    para(
      'La Entidad informará esta obligación a las personas que accedan a los datos y responderá de su cumplimiento.',
    ),
  ];
}

function contrapartes({ c }: Draft): Block[] {
  return [
    para(
      'Para la coordinación, ejecución y seguimiento de este convenio, las Partes designan como contrapartes técnicas:',
    ),
    para(bold('Por la Municipalidad: '), `${contactLine(c.municipalTechnicalContact)}.`),
    para(bold('Por la Entidad: '), `${contactLine(c.entity.technicalContact)}.`),
    para(
      'La Secretaría Comunal de Planificación coordina el seguimiento de este convenio por parte de la Municipalidad ',
      '(§4 del Protocolo). Todo cambio de contraparte técnica se comunicará por escrito a la otra Parte.',
    ),
  ];
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const RENEWAL_TEXT: Record<Convenio['renewal'], string> = {
  automatica:
    'El convenio se renovará automáticamente por períodos iguales y sucesivos, salvo que alguna de las Partes ' +
    'comunique por escrito su voluntad de no renovarlo con al menos treinta días corridos de anticipación a su ' +
    'vencimiento.',
  expresa:
    'El convenio podrá renovarse por acuerdo expreso de las Partes, que constará por escrito y será aprobado por ' +
    'decreto alcaldicio antes de su vencimiento.',
  sin_renovacion: 'El convenio no se renovará; a su término, las Partes podrán celebrar un nuevo convenio.',
};

function vigencia({ c }: Draft): Block[] {
  return [
    para(
      `El presente convenio tendrá una vigencia de ${months(c.durationMonths)}, contados desde la fecha del decreto `,
      `alcaldicio que lo aprueba, conforme a ${clauseRef('aprobacion')}.`,
    ),
    para(bold(`${upperFirst(renewalPhrase(c.renewal))}. `), RENEWAL_TEXT[c.renewal]),
    para(
      `La Municipalidad, a través de la Secretaría Comunal de Planificación, evaluará cada ${months(c.evaluationEveryMonths)} `,
      'el cumplimiento de los términos de este convenio y la efectividad del intercambio (§4 b del Protocolo), y ',
      'monitoreará en forma continua el uso y la gestión de los datos compartidos (§4 a). La Entidad proporcionará ',
      'la información que se le requiera para ello.',
    ),
    para(
      'Cualquiera de las Partes podrá poner término anticipado al convenio mediante aviso escrito a la otra con al ',
      'menos treinta días corridos de anticipación. La Municipalidad podrá ponerle término de inmediato si la Entidad ',
      'incumple las obligaciones de finalidad, seguridad, confidencialidad o prohibición de cesión, sin perjuicio de ',
      `las responsabilidades legales que correspondan. En todo caso de término se aplicará ${clauseRef('eliminacion')}.`,
    ),
  ];
}

function eliminacion({ c }: Draft): Block[] {
  const lead =
    c.retention.endAction === 'devolucion'
      ? 'Al término del convenio, cualquiera sea su causa, la Entidad devolverá a la Municipalidad los datos recibidos y ' +
        'eliminará toda copia, respaldo o derivado que permita identificarlos'
      : 'Al término del convenio, cualquiera sea su causa, la Entidad eliminará los datos recibidos y toda copia, ' +
        'respaldo o derivado que permita identificarlos';
  return [
    para(
      `${lead}, y lo acreditará ante la Municipalidad mediante un acta suscrita por su contraparte técnica dentro de `,
      'los treinta días corridos siguientes.',
    ),
    para(`Forma acordada para la ${c.retention.endAction === 'devolucion' ? 'devolución' : 'eliminación'}:`),
    ...quoted(c.retention.detail),
  ];
}

function incidentes(): Block[] {
  return [
    para(
      'La Parte que tome conocimiento de una vulneración de las medidas de seguridad que afecte a los datos objeto de ',
      'este convenio, como su acceso, pérdida, divulgación o alteración no autorizados, la comunicará a la contraparte ',
      'técnica de la otra Parte por escrito, sin dilación indebida y a más tardar dentro de las 72 horas siguientes ',
      'de haberla conocido, indicando su naturaleza, los datos y titulares afectados, sus posibles consecuencias y ',
      'las medidas adoptadas.',
    ),
    para(
      'Las Partes colaborarán para mitigar sus efectos y para efectuar, cuando corresponda, las comunicaciones a la ',
      'Agencia de Protección de Datos Personales y a los titulares de los datos que exige la Ley N° 21.719.',
    ),
  ];
}

function cesion(): Block[] {
  return [
    para(
      'La Entidad no podrá ceder, transferir, comunicar ni dar acceso a terceros, a título gratuito u oneroso, total o ',
      'parcialmente, los datos recibidos, ni encargar su tratamiento a terceros, sin autorización previa y por ',
      'escrito de la Municipalidad. Tampoco podrá ceder este convenio ni los derechos y obligaciones que emanan de él.',
    ),
  ];
}

function publicacion({ c }: Draft): Block[] {
  const personal = c.datasets.some((ds) => ds.classification.privacy !== 'no_personal');
  return [
    personal
      ? para(
          'Conforme al artículo 22 de la Ley N° 21.719, la Municipalidad publicará mensualmente los convenios de ',
          'transferencia de datos personales que celebre, entre ellos el presente, indicando la entidad, el objeto, la ',
          'finalidad, los datos transferidos y su base legal. La Entidad acepta dicha publicación.',
        )
      : para(
          'Atendido que el intercambio no comprende datos personales, este convenio no forma parte de la publicación ',
          'mensual de convenios de transferencia de datos personales del artículo 22 de la Ley N° 21.719; sin ',
          'perjuicio de ello, la Municipalidad podrá publicarlo conforme a la Ley N° 20.285.',
        ),
  ];
}

function aprobacion({ c }: Draft): Block[] {
  const decree = c.decree;
  const externalAct = oneLine(decree?.externalAct);
  const blocks = [
    para(
      'El presente convenio será visado por la Dirección de Asesoría Jurídica de la Municipalidad y por el área ',
      'jurídica de la Entidad (§3 b y §5 e del Protocolo), y aprobado por Decreto Alcaldicio de la Municipalidad y por ',
      'el acto que corresponda de la Entidad. Entrará en vigencia desde la fecha del decreto alcaldicio que lo apruebe.',
    ),
  ];
  if (decree)
    blocks.push(
      para(
        `Aprobado por Decreto Alcaldicio N° ${orNotGiven(decree.number)} de fecha ${formatDate(decree.date)}`,
        externalAct ? `; acto aprobatorio de la Entidad: ${externalAct}.` : '.',
      ),
    );
  blocks.push(
    para(
      'Las Partes podrán suscribir este convenio mediante firma electrónica conforme a la Ley N° 19.799, en cuyo caso ',
      'se entenderá celebrado en la fecha de la última firma. La personería de los comparecientes consta en los ',
      'documentos que cada Parte acompaña para la visación jurídica de este instrumento.',
    ),
  );
  return blocks;
}

function firmas(d: Draft): Block[] {
  if (d.c.signers.length === 0) return [para(`Firmantes: ${NOT_GIVEN}.`)];
  return d.c.signers.flatMap((s) => signatureBlock(d, s));
}

function signatureBlock(d: Draft, s: Signer): Paragraph[] {
  const side = s.side === 'municipalidad' ? d.muni.name : entityName(d);
  const capacity = oneLine(d.signerCapacity?.(s));
  const line = (text: Inline, extra: object = {}) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      keepLines: true,
      spacing: { after: 0 },
      children: [run(text)],
      ...extra,
    });
  return [
    line('', { spacing: { before: 960, after: 0 } }),
    line('______________________________'),
    line(bold(orNotGiven(s.name))),
    line(orNotGiven(s.position)),
    ...(capacity ? [line(capacity)] : []),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(side)] }),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Version control: which observations each version answers, so reviewers see why the text changed.

function versionControl(d: Draft): Block[] {
  const earlier = d.c.documents.filter((doc) => doc.kind === 'borrador' && doc.version < d.version);
  const rows = [
    ...earlier.map((doc) => versionRow(d, doc.version, dayOf(doc.at, d.timeZone))),
    versionRow(d, d.version, dayOf(d.generatedAt, d.timeZone)),
  ];
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run('Control de versiones')] }),
    table(['Versión', 'Fecha', 'Detalle'], rows),
  ];
}

const OBSERVATION_SIDE = { municipal: 'Visación municipal', externa: 'Visación de la Entidad' } as const;

function versionRow(d: Draft, version: number, day: string): Inline[][] {
  if (version === 1) return [[String(version)], [day], ['Primera versión del borrador.']];
  const round = version - 1;
  const observations = d.c.observations.filter((o) => o.round === round);
  const comments = observations.flatMap((o) =>
    linesOf(o.comments).map((line, i) =>
      i === 0 ? `${OBSERVATION_SIDE[o.side]}, ${dayOf(o.at, d.timeZone)}: ${line}` : line,
    ),
  );
  return [
    [String(version)],
    [day],
    [`Recoge las observaciones de la ronda ${round}${comments.length ? ':' : '.'}`, ...comments],
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Determinism: docx stamps the package with the clock twice, in docProps/core.xml and in every zip entry.

const xmlText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const w3cdtf = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

function coreProperties(d: Draft): string {
  const when = w3cdtf(d.generatedAt);
  const elements = [
    `<dc:title>${xmlText(documentTitle(d))}</dc:title>`,
    `<dc:subject>${xmlText(`Borrador de convenio ${d.c.reference}`)}</dc:subject>`,
    `<dc:creator>${xmlText(APP_NAME)}</dc:creator>`,
    `<dc:description>${xmlText(`Borrador versión ${d.version} del convenio ${d.c.reference}, generado por ${APP_NAME}.`)}</dc:description>`,
    `<cp:lastModifiedBy>${xmlText(APP_NAME)}</cp:lastModifiedBy>`,
    `<cp:revision>${d.version}</cp:revision>`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`,
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    elements.join('') +
    '</cp:coreProperties>'
  );
}

/** The generation instant as an MS-DOS date and time (local wall clock, 2-second steps), as zip entries carry it. */
function dosDateTime(iso: string, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const year = Math.min(Math.max(get('year') - 1980, 0), 127);
  return (
    ((year << 25) |
      (get('month') << 21) |
      (get('day') << 16) |
      (get('hour') << 11) |
      (get('minute') << 5) |
      (get('second') >> 1)) >>>
    0
  );
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * Rewrites the modification stamp of every zip entry (APPNOTE 4.3.7 and 4.3.12), which docx takes from the clock and
 * offers no option for. Only header fields change: the compressed data and its CRC stay as docx wrote them.
 */
function stampZipEntries(zip: Buffer, dosStamp: number): Buffer {
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
  if (end < 0) throw new Error('docx entregó un archivo zip sin directorio central');
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error('directorio central del zip inesperado');
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error('encabezado local del zip inesperado');
    out.writeUInt32LE(dosStamp, at + 12);
    out.writeUInt32LE(dosStamp, local + 10);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
