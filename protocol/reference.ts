/** Reference numbers SOL-YYYY-NNNN and CONV-YYYY-NNNN; the store hands out gap-free sequence numbers per year. */
export type ItemKind = 'solicitud' | 'convenio';
export const REFERENCE_PREFIX: Record<ItemKind, string> = { solicitud: 'SOL', convenio: 'CONV' };

export function formatReference(kind: ItemKind, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`número correlativo inválido: ${seq}`);
  return `${REFERENCE_PREFIX[kind]}-${year}-${String(seq).padStart(4, '0')}`;
}

const REFERENCE_RE = /^(SOL|CONV)-(\d{4})-(\d{4,})$/;

export function parseReference(text: string): { kind: ItemKind; year: number; seq: number } | undefined {
  const m = REFERENCE_RE.exec(text.trim().toUpperCase());
  if (!m) return undefined;
  return { kind: m[1] === 'SOL' ? 'solicitud' : 'convenio', year: Number(m[2]), seq: Number(m[3]) };
}
