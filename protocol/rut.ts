/** Chilean RUT: digits, a hyphen and a check digit (0-9 or K) computed with modulo 11. */
export function rutCheckDigit(body: number): string {
  let sum = 0;
  let factor = 2;
  for (let n = body; n > 0; n = Math.floor(n / 10)) {
    sum += (n % 10) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const dv = 11 - (sum % 11);
  return dv === 11 ? '0' : dv === 10 ? 'K' : String(dv);
}

/** Accepts "76.123.456-7", "76123456-7" or "761234567". */
export function normalizeRut(text: string): string | undefined {
  const clean = text.replace(/[.\s]/g, '').toUpperCase();
  const m = /^(\d{1,9})-?([0-9K])$/.exec(clean);
  if (!m) return undefined;
  return `${Number(m[1])}-${m[2]}`;
}

export function isValidRut(text: string): boolean {
  const n = normalizeRut(text);
  if (!n) return false;
  const [body, dv] = n.split('-') as [string, string];
  return Number(body) > 0 && rutCheckDigit(Number(body)) === dv;
}

export function formatRut(text: string): string | undefined {
  const n = normalizeRut(text);
  if (!n) return undefined;
  const [body, dv] = n.split('-') as [string, string];
  return `${body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${dv}`;
}
