/**
 * CSV for Chilean spreadsheets: UTF-8 with BOM, ';' as separator (the decimal comma makes ',' ambiguous), CRLF.
 * Cells that start like a formula are prefixed with an apostrophe so a spreadsheet never executes them.
 */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (v: string | number | null | undefined) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
