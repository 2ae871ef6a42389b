// The completion certificate of a convenio: one PDF a person can read, file and check against the stored documents
// and the audit chain, stating which exact document version (SHA-256) each visación and signature was given on.
import { PageSizes, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import {
  CONVENIO_STATE_LABELS,
  DEFAULT_TIME_ZONE,
  formatDate,
  isLocalDate,
  toLocalDate,
  delegationText,
  protocolCitation,
  type Convenio,
  type DocumentVersion,
  type ProtocolSettings,
  type PersonRef,
  type Signer,
} from '../../../protocol';

export interface CertificateInput {
  convenio: Convenio;
  /** Head of the convenio's audit chain when the certificate is made: the last event's sequence number, hash and time. */
  auditHead: { seq: number; hash: string; at: string };
  /** ISO instant of generation; also the PDF's creation/modification date, so the same input gives the same bytes. */
  generatedAt: string;
  timeZone: string; // 'America/Santiago'
  /** Spanish label of the capacity a person acted in, when known (e.g. 'Dirección de Asesoría Jurídica'); optional. */
  roleOf?: (personId: string) => string | undefined;
  /** The decree that approves the protocol itself (§6, settings.protocolDecree); cited in the title block. */
  protocolDecree?: ProtocolSettings['protocolDecree'];
}

const CERTIFICATE_AUTHOR = 'Municipalidad de Quillota — Intercambio de Datos';

export { certificateFileName } from './file-names';

// ---------------------------------------------------------------------------------------------------------------
// Page geometry. Letter ("carta") is what municipal offices in Chile print on.

const [PAGE_W, PAGE_H] = PageSizes.Letter;
const MARGIN_X = 56;
const CONTENT_TOP = PAGE_H - 64;
const CONTENT_BOTTOM = 64;
const RUNNING_HEADER_Y = PAGE_H - 38;
const FOOTER_Y = 34;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
// Wide enough for the longest label on two lines, and leaves the value column room for a 64-digit hash on one line.
const LABEL_W = 132;
const VALUE_X = MARGIN_X + LABEL_W + 8;
const VALUE_W = PAGE_W - MARGIN_X - VALUE_X;

const SIZE = { title: 15, reference: 13, heading: 11.5, subheading: 10, body: 9.5, hash: 8.5, small: 8 } as const;
const LEADING = 1.32;
const GREY = rgb(0.35, 0.35, 0.35);
const BLACK = rgb(0, 0, 0);
const RULE = rgb(0.6, 0.6, 0.6);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  /** Hashes and ids: fixed width, so a reader can compare them digit by digit and 0 never looks like O. */
  mono: PDFFont;
}

// ---------------------------------------------------------------------------------------------------------------
// Text that the standard fonts can draw.

/**
 * The standard 14 fonts only encode WinAnsi: drawing or even measuring anything else throws. User text (names,
 * evidence, file names) may hold any Unicode, so each character outside the set becomes '?', after NFC so an
 * accent typed as a combining mark still prints as the single accented letter WinAnsi has.
 */
function makeSanitizer(fonts: Fonts): (s: string) => string {
  const sets = [fonts.regular, fonts.bold, fonts.mono].map((f) => new Set(f.getCharacterSet()));
  const drawable = (cp: number) => sets.every((s) => s.has(cp));
  return (s) => {
    let out = '';
    for (const ch of s.normalize('NFC').replace(/\r\n?/g, '\n')) {
      if (ch === '\n') out += ch;
      else if (/\s/u.test(ch)) out += ' ';
      else out += drawable(ch.codePointAt(0)!) ? ch : '?';
    }
    return out;
  };
}

const glyphWidths = new WeakMap<PDFFont, Map<string, number>>();

/**
 * The width drawText really takes. pdf-lib's widthOfTextAtSize subtracts kerning, but drawText writes a plain Tj
 * with no kerning, so the printed text is wider than measured and a line filled to the edge would overrun it.
 */
function widthOf(font: PDFFont, size: number, s: string): number {
  let widths = glyphWidths.get(font);
  if (!widths) glyphWidths.set(font, (widths = new Map()));
  let w = 0;
  for (const ch of s) {
    let cw = widths.get(ch);
    if (cw === undefined) widths.set(ch, (cw = font.widthOfTextAtSize(ch, 1000)));
    w += cw;
  }
  return (w * size) / 1000;
}

/** Greedy word wrap; a word wider than the line (a long URL, a hash in a narrow column) is cut by characters. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => widthOf(font, size, s) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (!fits(rest)) {
        let n = 1;
        while (n < rest.length && fits(rest.slice(0, n + 1))) n++;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// Layout: content is a list of lines measured up front, so a block can be moved whole to the next page and no line
// is ever drawn below the bottom margin.

interface Line {
  height: number;
  /** Vertical space only: dropped at the top of a page. */
  gap?: boolean;
  draw?: (page: PDFPage, top: number) => void;
}

const gap = (height: number): Line => ({ height, gap: true });

class Writer {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;

  constructor(private readonly doc: PDFDocument) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.pages.push(this.page);
    this.y = CONTENT_TOP;
  }

  private get empty(): boolean {
    return this.y === CONTENT_TOP;
  }

  /** Writes the lines, starting a new page first when they would be split but fit on a page of their own. */
  block(lines: Line[]): void {
    const height = lines.reduce((h, l) => h + l.height, 0);
    if (!this.empty && this.y - height < CONTENT_BOTTOM && height <= CONTENT_TOP - CONTENT_BOTTOM) this.newPage();
    for (const line of lines) {
      if (line.gap) {
        if (this.empty) continue;
        if (this.y - line.height < CONTENT_BOTTOM) this.newPage();
        else this.y -= line.height;
        continue;
      }
      if (this.y - line.height < CONTENT_BOTTOM && !this.empty) this.newPage();
      line.draw?.(this.page, this.y);
      this.y -= line.height;
    }
  }
}

interface TextStyle {
  font: PDFFont;
  size: number;
  color?: ReturnType<typeof rgb>;
}

function textLines(
  text: string,
  style: TextStyle,
  opts: { x?: number; width?: number; center?: boolean } = {},
): Line[] {
  const x = opts.x ?? MARGIN_X;
  const width = opts.width ?? CONTENT_W;
  const { font, size, color = BLACK } = style;
  return wrap(text, font, size, width).map((s) => ({
    height: size * LEADING,
    draw: (page, top) => {
      const dx = opts.center ? (width - widthOf(font, size, s)) / 2 : 0;
      page.drawText(s, { x: x + dx, y: top - size, font, size, color });
    },
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Words.

const DOCUMENT_KIND_LABELS: Record<DocumentVersion['kind'], string> = {
  borrador: 'Borrador',
  firmado_fea: 'PDF firmado con FEA',
  certificado: 'Certificado',
};

const METHOD_LABELS: Record<'fes' | 'fea', string> = {
  fes: 'FES — firma electrónica simple (Ley 19.799)',
  fea: 'FEA — firma electrónica avanzada (Ley 19.799)',
};

const SIDE_LABELS: Record<Signer['side'], string> = { municipalidad: 'Municipalidad', contraparte: 'Contraparte' };

const DAJ_LABEL = 'Dirección de Asesoría Jurídica (DAJ)';

const hourFormats = new Map<string, Intl.DateTimeFormat>();
function hourMinute(instant: Date, timeZone: string): string {
  let f = hourFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
    hourFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const part = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${part('hour')}:${part('minute')}`;
}

/** dd-MM-yyyy HH:mm in the zone; a malformed stored instant is shown as stored rather than stopping the document. */
function dateTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDate(toLocalDate(d, timeZone))} ${hourMinute(d, timeZone)}`;
}

/** dd-MM-yyyy; like dateTime, a malformed stored date is shown as stored. */
const localDate = (d: string): string => (isLocalDate(d) ? formatDate(d) : d);

const zoneWords = (timeZone: string) =>
  timeZone === DEFAULT_TIME_ZONE ? 'hora de Chile continental (America/Santiago)' : `zona horaria ${timeZone}`;

// ---------------------------------------------------------------------------------------------------------------
// Rendering.

export async function renderCompletionCertificate(input: CertificateInput): Promise<Uint8Array> {
  const { convenio: c, auditHead, timeZone } = input;
  const generated = new Date(input.generatedAt);
  if (Number.isNaN(generated.getTime())) throw new RangeError(`generatedAt inválido: ${input.generatedAt}`);

  // updateMetadata:false keeps pdf-lib from stamping the current time and its own producer: the same input must
  // give the same bytes, so a stored certificate can be re-rendered and compared by hash.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const clean = makeSanitizer(fonts);
  const body: TextStyle = { font: fonts.regular, size: SIZE.body };
  const when = (iso: string) => dateTime(iso, timeZone);
  // A subrogante exercises the holder's capacity: when nothing is known of the actor, the holder's role is theirs.
  const roleOf = (p: PersonRef, holder?: PersonRef) =>
    input.roleOf?.(p.personId) ?? (holder ? input.roleOf?.(holder.personId) : undefined);
  const person = (s: { by: PersonRef; onBehalfOf?: PersonRef }) => {
    const role = roleOf(s.by, s.onBehalfOf);
    return `${s.by.name}${s.onBehalfOf ? `, subrogando a ${s.onBehalfOf.name}` : ''}${role ? ` (${role})` : ''}`;
  };

  const para = (text: string, style: TextStyle = body) => textLines(clean(text), style);
  const heading = (title: string): Line[] => [
    gap(14),
    ...textLines(clean(title), { font: fonts.bold, size: SIZE.heading }),
    {
      height: 6,
      draw: (page, top) =>
        page.drawLine({
          start: { x: MARGIN_X, y: top - 1 },
          end: { x: PAGE_W - MARGIN_X, y: top - 1 },
          thickness: 0.6,
          color: RULE,
        }),
    },
  ];
  const subheading = (title: string): Line[] => [
    gap(6),
    ...textLines(clean(title), { font: fonts.bold, size: SIZE.subheading }),
  ];
  type Row = [label: string, value: string | undefined, kind?: 'mono'];
  const rows = (list: Row[]): Line[] =>
    list.flatMap(([label, value, kind]) => {
      if (value === undefined || value === '') return [];
      const valueStyle: TextStyle = kind === 'mono' ? { font: fonts.mono, size: SIZE.hash } : body;
      const labelStyle: TextStyle = { font: fonts.bold, size: SIZE.body, color: GREY };
      const left = textLines(clean(label), labelStyle, { width: LABEL_W });
      const right = textLines(clean(value), valueStyle, { x: VALUE_X, width: VALUE_W });
      // Label and value lines share a row height and a baseline, so a wrapped value keeps its label beside its
      // first line and a smaller hash still sits on the label's line.
      const height = SIZE.body * LEADING;
      const lift = SIZE.body - valueStyle.size;
      const out: Line[] = [];
      for (let i = 0; i < Math.max(left.length, right.length); i++) {
        const l = left[i];
        const r = right[i];
        out.push({
          height,
          draw: (page, top) => {
            l?.draw?.(page, top);
            r?.draw?.(page, top - lift);
          },
        });
      }
      out.push(gap(1.5));
      return out;
    });

  const w = new Writer(doc);
  // A heading always travels with the first block under it.
  const section = (title: string, blocks: Line[][]) => {
    const [first = [], ...rest] = blocks;
    w.block([...heading(title), ...first]);
    for (const b of rest) w.block(b);
  };

  // Title.
  w.block([
    ...textLines('MUNICIPALIDAD DE QUILLOTA', { font: fonts.bold, size: 12 }),
    ...textLines(clean(`Intercambio de Datos · ${protocolCitation({ protocolDecree: input.protocolDecree })}`), {
      font: fonts.regular,
      size: SIZE.small + 1,
      color: GREY,
    }),
    gap(18),
    ...textLines('CERTIFICADO DE TRAMITACIÓN DEL CONVENIO', { font: fonts.bold, size: SIZE.title }, { center: true }),
    gap(2),
    ...textLines(clean(c.reference), { font: fonts.bold, size: SIZE.reference }, { center: true }),
    gap(12),
    ...para(
      'Este certificado da cuenta de la tramitación registrada en Intercambio de Datos para el convenio que se ' +
        'individualiza: las versiones de su documento, las visaciones jurídicas, las firmas de cada representante y su ' +
        'aprobación. Cada visación y cada firma indica la versión exacta del documento sobre la que se otorgó y su ' +
        'huella SHA-256, que puede compararse con la del archivo almacenado. ' +
        `Fechas y horas en ${zoneWords(timeZone)}.`,
    ),
  ]);

  section('Convenio', [
    rows([
      ['Referencia', c.reference],
      ['Título', c.title],
      ['Entidad', c.entity.name],
      ['RUT de la entidad', c.entity.rut],
      ['Estado', CONVENIO_STATE_LABELS[c.state] ?? c.state],
    ]),
  ]);

  // Documents: every version, in the order they were registered.
  section(
    'Documentos',
    c.documents.length === 0
      ? [para('No hay documentos registrados.')]
      : c.documents.map((d) => [
          ...subheading(`${DOCUMENT_KIND_LABELS[d.kind] ?? d.kind} — versión ${d.version}`),
          ...rows([
            ['Archivo', d.fileName],
            ['SHA-256', d.sha256, 'mono'],
            ['Id. de versión almacenada', d.storageVersionId, 'mono'],
            ['Registrado por', person(d)],
            ['Fecha y hora', when(d.at)],
          ]),
        ]),
  );

  const draftWords = (version: number) => `Borrador, versión ${version}`;
  const m = c.legalReviews.municipal;
  const x = c.legalReviews.external;
  section('Visaciones', [
    [
      ...subheading('Visación municipal — Dirección de Asesoría Jurídica'),
      ...(m
        ? rows([
            ['Visada por', `${m.by.name}${m.onBehalfOf ? `, subrogando a ${m.onBehalfOf.name}` : ''}`],
            ['Calidad', roleOf(m.by, m.onBehalfOf) ?? DAJ_LABEL],
            ['Fecha y hora', when(m.at)],
            ['Documento visado', draftWords(m.version)],
            ['SHA-256', m.sha256, 'mono'],
            ['Id. de versión almacenada', m.storageVersionId, 'mono'],
            ['Nota', m.note],
          ])
        : rows([['Estado', 'Pendiente: no registra visación de la DAJ.']])),
    ],
    [
      ...subheading(`Visación jurídica de la contraparte — ${c.entity.name}`),
      ...(x
        ? rows([
            ['Revisor', x.reviewer],
            ['Evidencia', x.evidence],
            ['Registrada por', person(x)],
            ['Fecha y hora del registro', when(x.at)],
            ['Documento visado', draftWords(x.version)],
            ['SHA-256', x.sha256, 'mono'],
            ['Id. de versión almacenada', x.storageVersionId, 'mono'],
          ])
        : rows([['Estado', 'Pendiente: no registra visación de la contraparte.']])),
    ],
  ]);

  // Signatures in the order they were given, then anyone still missing: a gap must show, not disappear.
  const signerWords = (s: Signer | undefined, id: string) =>
    s ? `${s.name} — ${s.position} (${SIDE_LABELS[s.side] ?? s.side})` : `Firmante no identificado (${id})`;
  const signed = new Set(c.signatures.map((s) => s.signerId));
  const pending = c.signers.filter((s) => !signed.has(s.id));
  const signatureBlocks: Line[][] = [
    ...c.signatures.map((s, i) => [
      ...subheading(
        `${i + 1}. ${signerWords(
          c.signers.find((x) => x.id === s.signerId),
          s.signerId,
        )}`,
      ),
      ...rows([
        ['Método', METHOD_LABELS[s.method] ?? s.method],
        ['Registrada por', person(s)],
        ['Fecha y hora', when(s.at)],
        ['Documento firmado', draftWords(s.version)],
        ['SHA-256', s.sha256, 'mono'],
        ['Id. de versión almacenada', s.storageVersionId, 'mono'],
        ['Evidencia', s.evidence],
        ['Delegación de firma', s.delegation ? delegationText(s.delegation) : undefined],
      ]),
    ]),
    ...pending.map((s, i) => [
      ...subheading(`${c.signatures.length + i + 1}. ${signerWords(s, s.id)}`),
      ...rows([['Estado', 'pendiente: no registra firma.']]),
    ]),
  ];
  section('Firmas', signatureBlocks.length ? signatureBlocks : [para('El convenio no tiene firmantes registrados.')]);

  const decree = c.decree;
  section('Aprobación', [
    decree
      ? rows([
          ['Decreto Alcaldicio', `N° ${decree.number}, de ${localDate(decree.date)}`],
          ['Registrado por', person(decree)],
          ['Fecha y hora del registro', when(decree.at)],
          ['Acto aprobatorio externo', decree.externalAct ?? 'No registrado.'],
          [
            'Vigencia',
            c.validity
              ? `Desde el ${localDate(c.validity.start)} hasta el ${localDate(c.validity.end)}`
              : 'No registrada.',
          ],
        ])
      : rows([['Estado', 'Pendiente: no registra Decreto Alcaldicio aprobatorio.']]),
  ]);

  section('Cadena de auditoría', [
    [
      ...rows([
        ['Último evento', `N° ${auditHead.seq}`],
        ['Hash (SHA-256)', auditHead.hash, 'mono'],
        ['Fecha y hora', when(auditHead.at)],
      ]),
      gap(4),
      ...para(
        'Cada evento de la historia del convenio se registra encadenado al anterior mediante su hash SHA-256. ' +
          'Cualquier persona con acceso al servicio puede recalcular la cadena completa con el comando ' +
          '«npm run verify-audit». Si el hash recalculado del evento N° ' +
          `${auditHead.seq} coincide con el indicado, la historia registrada hasta ese evento, inclusive, no ha sido ` +
          'alterada; eventos posteriores no quedan cubiertos por este certificado.',
      ),
    ],
  ]);

  // Running header and footer, now that the page count is known.
  const total = w.pages.length;
  const footerLeft = clean(`${c.reference} · Certificado generado el ${when(input.generatedAt)}`);
  const small = { font: fonts.regular, size: SIZE.small, color: GREY };
  w.pages.forEach((page, i) => {
    if (i > 0)
      page.drawText(clean(`Municipalidad de Quillota — Certificado de tramitación del convenio ${c.reference}`), {
        x: MARGIN_X,
        y: RUNNING_HEADER_Y,
        ...small,
      });
    page.drawLine({
      start: { x: MARGIN_X, y: FOOTER_Y + 12 },
      end: { x: PAGE_W - MARGIN_X, y: FOOTER_Y + 12 },
      thickness: 0.5,
      color: RULE,
    });
    page.drawText(footerLeft, { x: MARGIN_X, y: FOOTER_Y, ...small });
    const pageWords = `Página ${i + 1} de ${total}`;
    page.drawText(pageWords, {
      x: PAGE_W - MARGIN_X - widthOf(small.font, small.size, pageWords),
      y: FOOTER_Y,
      ...small,
    });
  });

  // Metadata strings are UTF-16 in the file, so they keep user text as typed, unlike the page text.
  doc.setTitle(`Certificado de tramitación del convenio ${c.reference}`, { showInWindowTitleBar: true });
  doc.setAuthor(CERTIFICATE_AUTHOR);
  doc.setSubject(`${c.reference}: ${c.title} — ${c.entity.name}`);
  doc.setKeywords([c.reference, 'convenio', 'certificado de tramitación', 'SHA-256']);
  doc.setLanguage('es-CL');
  doc.setCreator('Intercambio de Datos');
  doc.setProducer('Intercambio de Datos (pdf-lib)');
  doc.setCreationDate(generated);
  doc.setModificationDate(generated);
  // Object streams compress the page content away from simple text tools; plain objects keep the file inspectable.
  return doc.save({ useObjectStreams: false });
}
