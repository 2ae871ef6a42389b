// Dates as people type them (dd-mm-aaaa), to the API's AAAA-MM-DD. Plain TypeScript, so it is unit-tested.
import { isLocalDate } from '../../../protocol';

/** "5-9-2026", "05/09/2026", "05.09.2026" or "2026-09-05" → "2026-09-05"; undefined when it is not a real date. */
export function parseDateText(text: string): string | undefined {
  const t = text.trim();
  if (isLocalDate(t)) return t;
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isLocalDate(iso) ? iso : undefined;
}
