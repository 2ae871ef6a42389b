import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import {
  certificateFileName,
  renderCompletionCertificate,
  type CertificateInput,
} from '../../../bot/src/documents/certificate-pdf';
import type { Convenio, Signature, Signer } from '../../../protocol';
import { pdfPages, pdfText, type PdfPage } from '../../support/pdf-text';
import { CONVENIO_BUILDERS, CONVENIO_STEPS, HASH_V1, ref, step } from '../../support/protocol-fixtures';

// Reading a PDF back starts a Node process (see pdf-text.ts): about a second each, more on a busy machine.
jest.setTimeout(20_000);

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const HEAD = { seq: 9, hash: sha('cabeza de la cadena'), at: '2026-09-15T13:00:00.000Z' };
/** 10:05 in Santiago (-03). */
const GENERATED_AT = '2026-09-15T13:05:00.000Z';

const input = (convenio: Convenio, over: Partial<CertificateInput> = {}): CertificateInput => ({
  convenio,
  auditHead: HEAD,
  generatedAt: GENERATED_AT,
  timeZone: 'America/Santiago',
  ...over,
});

async function read(convenio: Convenio, over: Partial<CertificateInput> = {}) {
  const bytes = await renderCompletionCertificate(input(convenio, over));
  const pages = await pdfPages(bytes);
  return { bytes, pages, text: pages.map((p) => p.text).join('\n') };
}

const lines = (text: string) => text.split('\n').map((l) => l.trim());
const count = (text: string, s: string) => text.split(s).length - 1;

/** The lines of one signature: from its numbered heading to the next heading or section. */
function signatureOf(text: string, signerName: string): string {
  const all = lines(text);
  const start = all.findIndex((l) => /^\d+\. /.test(l) && l.includes(signerName));
  if (start < 0) throw new Error(`no aparece la firma de ${signerName}`);
  const rest = all.slice(start + 1);
  const end = rest.findIndex((l) => /^\d+\. /.test(l) || l === 'Aprobación');
  return [all[start], ...rest.slice(0, end < 0 ? undefined : end)].join('\n');
}

/** Nothing outside the margins (56 pt each side) nor in the bottom band below the footer. */
function expectInsideMargins(pages: PdfPage[]) {
  for (const page of pages)
    for (const item of page.items) {
      expect(item.x).toBeGreaterThanOrEqual(56 - 0.5);
      expect(item.x + item.width).toBeLessThanOrEqual(page.width - 56 + 0.5);
      expect(item.y).toBeGreaterThanOrEqual(30);
      expect(item.y).toBeLessThanOrEqual(page.height - 30);
    }
}

function expectPageNumbers(pages: PdfPage[]) {
  pages.forEach((p, i) => expect(p.text).toContain(`Página ${i + 1} de ${pages.length}`));
}

describe('certificado de tramitación del convenio (PDF)', () => {
  it('names the file after the reference', () => {
    expect(certificateFileName({ reference: 'CONV-2026-0001' })).toBe('CONV-2026-0001 Certificado de tramitación.pdf');
  });

  it('states who reviewed and signed which exact version, the decree and the audit head', async () => {
    const c = CONVENIO_BUILDERS.vigente();
    expect(c.signers.map((s) => s.name)).toEqual(['Alberto Ruiz', 'Osvaldo Corrales']);
    const { pages, text } = await read(c);

    expect(text).toContain('MUNICIPALIDAD DE QUILLOTA');
    expect(text).toContain('Intercambio de Datos');
    expect(text).toContain('CERTIFICADO DE TRAMITACIÓN DEL CONVENIO');
    for (const s of [c.reference, c.title, 'Universidad de Valparaíso', '60.921.000-1']) expect(text).toContain(s);

    // The draft, both visaciones and both signatures are bound to version 1: its full hash five times.
    expect(count(text, HASH_V1)).toBe(5);
    expect(text).toContain('Borrador — versión 1');
    expect(text).toContain('convenio.docx');

    expect(text).toMatch(/Visada por\s+Daniela Reyes/);
    expect(text).toMatch(/Calidad\s+Dirección de Asesoría Jurídica \(DAJ\)/);
    expect(text).toMatch(/Revisor\s+Lucía Herrera/);
    expect(text).toMatch(/Evidencia\s+Correo 15-09/);

    const alcalde = signatureOf(text, 'Alberto Ruiz');
    expect(alcalde).toContain('Alberto Ruiz — Alcalde (Municipalidad)');
    expect(alcalde).toMatch(/Método\s+FES — firma electrónica simple/);
    expect(alcalde).toMatch(/Fecha y hora\s+15-09-2026 10:00/);
    expect(alcalde).toContain(HASH_V1);
    const rector = signatureOf(text, 'Osvaldo Corrales');
    expect(rector).toContain('Osvaldo Corrales — Rector (Contraparte)');
    expect(rector).toMatch(/Método\s+FES/);
    expect(rector).toMatch(/Registrada por\s+Sergio Fuentes/);
    expect(rector).toMatch(/Evidencia\s+PDF firmado por el Rector/);
    expect(text).not.toMatch(/pendiente/i);

    expect(text).toMatch(/Decreto Alcaldicio\s+N° 4567, de 15-09-2026/);
    expect(text).toMatch(/Vigencia\s+Desde el 15-09-2026 hasta el 14-09-2028/);

    expect(text).toMatch(/Último evento\s+N° 9/);
    expect(lines(text).some((l) => l.includes(HEAD.hash))).toBe(true);
    expect(text).toContain('npm run verify-audit');
    expect(text).toContain('15-09-2026 10:05');
    expectPageNumbers(pages);
    expectInsideMargins(pages);
  });

  it('shows each hash, storage version, method and capacity where they belong', async () => {
    const base = CONVENIO_BUILDERS.vigente();
    const h = { daj: sha('daj'), ext: sha('externa'), f1: sha('firma 1'), f2: sha('firma 2') };
    const c: Convenio = {
      ...base,
      documents: [...base.documents, { ...base.documents[0]!, version: 1, kind: 'firmado_fea', sha256: sha('fea') }],
      legalReviews: {
        municipal: { ...base.legalReviews.municipal!, sha256: h.daj, storageVersionId: 'sp-7.0', note: 'Sin reparos' },
        external: { ...base.legalReviews.external!, sha256: h.ext },
      },
      signatures: [
        { ...base.signatures[0]!, sha256: h.f1, storageVersionId: 'sp-8.0' },
        { ...base.signatures[1]!, sha256: h.f2, method: 'fea' },
      ],
    };
    const roles: Record<string, string> = { daniela: 'Directora de Asesoría Jurídica', alberto: 'Alcalde' };
    const { text } = await read(c, { roleOf: (id) => roles[id] });

    expect(text).toContain('PDF firmado con FEA — versión 1');
    expect(text).toContain(sha('fea'));
    expect(text).toMatch(/Calidad\s+Directora de Asesoría Jurídica/);
    expect(text).toMatch(/Nota\s+Sin reparos/);
    for (const hash of Object.values(h)) expect(count(text, hash)).toBe(1);
    expect(text).toMatch(new RegExp(`SHA-256\\s+${h.daj}\\s*\\n\\s*Id\\. de versión almacenada\\s+sp-7\\.0`));

    const alcalde = signatureOf(text, 'Alberto Ruiz');
    expect(alcalde).toContain(h.f1);
    expect(alcalde).toContain('sp-8.0');
    expect(alcalde).toMatch(/Registrada por\s+Alberto Ruiz \(Alcalde\)/);
    const rector = signatureOf(text, 'Osvaldo Corrales');
    expect(rector).toContain(h.f2);
    expect(rector).toMatch(/Método\s+FEA — firma electrónica avanzada/);
  });

  it('names the subrogante and the holder of a visación', async () => {
    const S = CONVENIO_STEPS;
    const visada = step(CONVENIO_BUILDERS.visacion(), { type: 'visar', version: 1, sha256: HASH_V1 }, 'javier');
    const c = S.decreto(S.firmarContraparte(S.firmarAlcalde(S.visarExterna(visada))));
    expect(c.legalReviews.municipal?.onBehalfOf?.name).toBe('Daniela Reyes');
    const { text } = await read(c);
    expect(text).toMatch(/Visada por\s+Javier Mora, subrogando a Daniela Reyes/);
  });

  it('lists signers who have not signed as pendiente, and a missing decree', async () => {
    const half = CONVENIO_STEPS.firmarAlcalde(CONVENIO_BUILDERS.firma());
    const { text } = await read(half);
    expect(signatureOf(text, 'Alberto Ruiz')).toMatch(/Método\s+FES/);
    expect(signatureOf(text, 'Osvaldo Corrales')).toMatch(/2\. Osvaldo Corrales — Rector \(Contraparte\)\n.*pendiente/);
    expect(text).toMatch(/Estado\s+Pendiente: no registra Decreto Alcaldicio/);
  });

  it('paginates six signers and long names inside the margins, numbering every page', async () => {
    const base = CONVENIO_BUILDERS.vigente();
    const longName =
      'Corporación Municipal de Desarrollo Social, Educación, Salud y Atención de Menores de la Provincia de ' +
      'Quillota y de las comunas del Gran Valparaíso, Región de Valparaíso';
    const signers: Signer[] = Array.from({ length: 6 }, (_, i) => ({
      id: `f${i + 1}`,
      side: i < 3 ? 'municipalidad' : 'contraparte',
      name: `Firmante ${i + 1} María José de los Ángeles Fernández-Valdivieso`,
      position: i < 3 ? 'Alcalde (s)' : `Representante legal de la ${longName}`,
    }));
    const signatures: Signature[] = signers.map((s, i) => ({
      at: base.signatures[0]!.at,
      by: ref('sergio'),
      signerId: s.id,
      version: 1,
      sha256: sha(`firma ${i}`),
      method: i % 2 ? 'fea' : 'fes',
      // A link with no spaces is wider than the column: it must be cut, not run off the page.
      evidence: `https://quillota.sharepoint.com/sites/secplan/${'convenios/'.repeat(12)}firma-${i + 1}.pdf`,
    }));
    const c: Convenio = { ...base, entity: { ...base.entity, name: longName }, signers, signatures };

    const { pages, text } = await read(c);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]!.text).toContain(`Página 1 de ${pages.length}`);
    expectPageNumbers(pages);
    expectInsideMargins(pages);
    signers.forEach((s, i) => {
      const block = signatureOf(text, s.name);
      expect(block).toMatch(i % 2 ? /Método\s+FEA/ : /Método\s+FES/);
      expect(block).toContain(sha(`firma ${i}`));
    });
    // Every 64-digit hash stays whole on one line.
    for (let i = 0; i < 6; i++) expect(lines(text).some((l) => l.includes(sha(`firma ${i}`)))).toBe(true);
  });

  it('prints characters the PDF fonts lack as "?" instead of failing', async () => {
    const base = CONVENIO_BUILDERS.vigente();
    const c: Convenio = {
      ...base,
      title: 'Convenio “Datos abiertos” — ¿año 2026? ¡sí! N° 1',
      entity: { ...base.entity, name: 'Fundación 测试 😀 Ñuñoa' },
      signers: base.signers.map((s, i) => (i === 0 ? { ...s, name: 'Jose\u0301 Zhang 测试' } : s)),
    };
    const { pages, text } = await read(c);
    expect(text).toContain('Convenio “Datos abiertos” — ¿año 2026? ¡sí! N° 1');
    expect(text).toContain('Fundación ?? ? Ñuñoa');
    // The accent typed as a combining mark is printed as the single letter é.
    expect(text).toContain('José Zhang ??');
    expectInsideMargins(pages);
  });

  it('gives the same bytes for the same input, and carries the metadata', async () => {
    const c = CONVENIO_BUILDERS.vigente();
    const a = await renderCompletionCertificate(input(c));
    const b = await renderCompletionCertificate(input(c));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const later = await renderCompletionCertificate(input(c, { generatedAt: '2026-09-16T13:05:00.000Z' }));
    expect(Buffer.from(later).equals(Buffer.from(a))).toBe(false);

    const doc = await PDFDocument.load(a, { updateMetadata: false });
    expect(doc.getTitle()).toBe(`Certificado de tramitación del convenio ${c.reference}`);
    expect(doc.getAuthor()).toBe('Municipalidad de Quillota — Intercambio de Datos');
    expect(doc.getSubject()).toContain(c.reference);
    expect(doc.getCreator()).toBe('Intercambio de Datos');
    expect(doc.getProducer()).toContain('Intercambio de Datos');
    expect(doc.getCreationDate()?.toISOString()).toBe(GENERATED_AT);
    expect(doc.getModificationDate()?.toISOString()).toBe(GENERATED_AT);
    expect(Buffer.from(a).toString('latin1')).toContain('/Lang (es-CL)');
    expect(doc.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    expect((await pdfText(a)).length).toBe(doc.getPageCount());
  });
});

describe('rule 1 and rule 10 on the certificate', () => {
  it('cites the protocol by its approving decree, or says it is still to be recorded', async () => {
    const c = CONVENIO_BUILDERS.vigente();
    const withDecree = await read(c, { protocolDecree: { number: '812/2026', date: '2026-01-20' } });
    expect(withDecree.text.replace(/\s+/g, ' ')).toContain(
      'Protocolo para Intercambio de Datos, aprobado por Decreto Alcaldicio N° 812/2026 de 20-01-2026',
    );
    const without = await read(c);
    expect(without.text.replace(/\s+/g, ' ')).toContain('aprobado por Decreto Alcaldicio (número por registrar)');
  });

  it('shows the delegation of signature a municipal signature used', async () => {
    const c = CONVENIO_BUILDERS.vigente();
    const signatures: Signature[] = c.signatures.map((s) =>
      s.signerId === 'f1'
        ? { ...s, delegation: { id: 'firma-1', decree: { number: '1.250/2026', date: '2026-02-27' } } }
        : s,
    );
    const { text } = await read({ ...c, signatures });
    expect(signatureOf(text, 'Alberto Ruiz').replace(/\s+/g, ' ')).toContain(
      'Firma por delegación, Decreto Alcaldicio N° 1.250/2026 de 27-02-2026',
    );
  });
});
