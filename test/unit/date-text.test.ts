import { parseDateText } from '../../tab/src/components/date-text';

describe('dates typed in the tab (dd-mm-aaaa)', () => {
  it.each([
    ['05-09-2026', '2026-09-05'],
    ['5-9-2026', '2026-09-05'],
    ['05/09/2026', '2026-09-05'],
    [' 05.09.2026 ', '2026-09-05'],
    ['2026-09-05', '2026-09-05'],
    ['29-02-2028', '2028-02-29'],
  ])('%s → %s', (text, iso) => expect(parseDateText(text)).toBe(iso));

  it.each(['31-02-2026', '29-02-2026', '09-2026', '05-09-26', '2026/09/05', 'mañana', ''])('%s is not a date', (text) =>
    expect(parseDateText(text)).toBeUndefined(),
  );
});
