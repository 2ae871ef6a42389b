import type { Convenio } from '../../../protocol';

// The names of a convenio's files, apart from the generators: the service names files without loading the .docx
// and PDF libraries, which it needs only when a document is made.

export function draftFileName(c: Pick<Convenio, 'reference'>): string {
  // SharePoint refuses these characters in file names; a reference never has them, but a file name must never fail.
  return `${c.reference.replace(/["*:<>?/\\|]/g, '-')} Borrador de convenio.docx`;
}

export function certificateFileName(c: Pick<Convenio, 'reference'>): string {
  return `${c.reference} Certificado de tramitación.pdf`;
}

export function signedFileName(c: Pick<Convenio, 'reference'>): string {
  return `${c.reference} Convenio firmado (FEA).pdf`;
}
