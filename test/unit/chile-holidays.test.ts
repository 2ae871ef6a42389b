import {
  buildChileCalendar,
  chileHolidayList,
  defaultYears,
  holidayOverridesSchema,
} from '../../bot/src/calendar/chile-holidays';
import { addPeriod, isWorkingDay, workingDaysLeft, type LocalDate, type Period } from '../../protocol/calendar';

// Real date-holidays data; pin the years so the tests do not change with the clock.
const YEARS = [2025, 2026, 2027];
const cal = buildChileCalendar({}, YEARS);
const habiles = (amount: number): Period => ({ amount, unit: 'habiles' });
const corridos = (amount: number): Period => ({ amount, unit: 'corridos' });

describe('date-holidays data for Chile 2026', () => {
  test('public holidays are exactly the expected ones (a library update that changes them must be reviewed)', () => {
    expect(chileHolidayList([2026]).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-05',
      '2026-05-01',
      '2026-05-21',
      '2026-06-21',
      '2026-06-29',
      '2026-07-16',
      '2026-08-15',
      '2026-09-18',
      '2026-09-19',
      '2026-10-12',
      '2026-10-31',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
    ]);
  });

  test.each<[LocalDate, string]>([
    ['2026-09-18', 'Fiestas Patrias'],
    ['2026-09-19', 'Día de las Glorias del Ejército'],
    ['2026-12-08', 'La inmaculada concepción'],
    ['2026-12-25', 'Navidad'],
    ['2027-09-17', 'Feriado Adicional Fiestas Patrias'],
  ])('%s is %s', (d, name) => {
    expect(cal.isHoliday(d)).toBe(true);
    expect(cal.holidayName(d)).toBe(name);
    expect(isWorkingDay(cal, d)).toBe(false);
  });

  test('31 December is only a bank holiday: public offices work', () => {
    expect(cal.isHoliday('2026-12-31')).toBe(false);
    expect(isWorkingDay(cal, '2026-12-31')).toBe(true);
  });

  test('every entry comes from the library when there are no overrides', () => {
    expect(new Set(chileHolidayList([2026]).map((h) => h.source))).toEqual(new Set(['date-holidays']));
  });
});

describe('deadlines with the Chile calendar', () => {
  test.each<[string, LocalDate | string, Period, LocalDate]>([
    ['10 hábiles from Tue 15 Sep 2026 (Fiestas Patrias)', '2026-09-15', habiles(10), '2026-09-30'],
    ['late evening of 15 Sep in Santiago counts from the 15th', '2026-09-16T02:30:00Z', habiles(10), '2026-09-30'],
    ['early morning of 16 Sep counts from the 16th', '2026-09-16T03:30:00Z', habiles(10), '2026-10-01'],
    ['skips Inmaculada Concepción', '2026-12-04', habiles(5), '2026-12-14'],
    ['skips Navidad, counts 31 Dec, skips Año Nuevo', '2026-12-21', habiles(8), '2027-01-04'],
    ['corridos landing on Saturday', '2026-09-02', corridos(10), '2026-09-14'],
    ['corridos landing on Sunday', '2026-09-03', corridos(10), '2026-09-14'],
    ['corridos landing on Fiestas Patrias', '2026-09-08', corridos(10), '2026-09-21'],
    ['corridos landing on Inmaculada Concepción (Tue)', '2026-11-28', corridos(10), '2026-12-09'],
    ['corridos landing on a working day', '2026-09-01', corridos(10), '2026-09-11'],
    ['2027: 17 Sep bridge day is skipped', '2027-09-15', habiles(2), '2027-09-20'],
  ])('%s: %s + %j = %s', (_name, start, period, due) => {
    const from = start.includes('T') ? new Date(start) : start;
    expect(addPeriod(cal, from, period)).toBe(due);
  });

  test.each<[string, number]>([
    ['2026-09-15T15:00:00Z', 10],
    ['2026-09-30T15:00:00Z', 0],
    ['2026-10-02T15:00:00Z', -2],
  ])('workingDaysLeft at %s until 30 Sep 2026 = %i', (now, expected) => {
    expect(workingDaysLeft(cal, new Date(now), '2026-09-30')).toBe(expected);
  });
});

describe('override table', () => {
  const overrides = {
    add: [{ date: '2026-09-17', name: 'Feriado por ley especial' }],
    remove: ['2026-09-18'],
  };

  test('adds a day', () => {
    const c = buildChileCalendar({ add: overrides.add }, YEARS);
    expect(c.holidayName('2026-09-17')).toBe('Feriado por ley especial');
    expect(addPeriod(c, '2026-09-15', habiles(10))).toBe('2026-10-01');
  });

  test('removes a day', () => {
    const c = buildChileCalendar({ remove: overrides.remove }, YEARS);
    expect(c.isHoliday('2026-09-18')).toBe(false);
    expect(addPeriod(c, '2026-09-15', habiles(10))).toBe('2026-09-29');
  });

  test('both at once shift the due date back to 30 Sep', () => {
    expect(addPeriod(buildChileCalendar(overrides, YEARS), '2026-09-15', habiles(10))).toBe('2026-09-30');
  });

  test('the list marks overrides and drops removed days', () => {
    const list = chileHolidayList([2026], overrides);
    expect(list.find((h) => h.date === '2026-09-17')).toEqual({
      date: '2026-09-17',
      name: 'Feriado por ley especial',
      source: 'override',
    });
    expect(list.some((h) => h.date === '2026-09-18')).toBe(false);
    expect(list).toHaveLength(16);
    expect(chileHolidayList([2025], overrides).some((h) => h.date === '2026-09-17')).toBe(false);
  });

  test.each<[unknown, boolean]>([
    [{}, true],
    [{ add: [], remove: [] }, true],
    [{ add: [{ date: '2026-02-30', name: 'x' }] }, false],
    [{ add: [{ date: '2026-09-17', name: '  ' }] }, false],
    [{ remove: ['17-09-2026'] }, false],
    [{ extra: [] }, false],
  ])('holidayOverridesSchema(%j) valid = %s', (o, ok) => {
    expect(holidayOverridesSchema.safeParse(o).success).toBe(ok);
  });

  test('buildChileCalendar rejects an invalid table', () => {
    expect(() => buildChileCalendar({ remove: ['2026-9-18'] }, YEARS)).toThrow();
  });
});

describe('years', () => {
  test('default range is the current Santiago year −1 … +5', () => {
    expect(defaultYears(new Date('2026-06-01T12:00:00Z'))).toEqual([2025, 2026, 2027, 2028, 2029, 2030, 2031]);
    // 1 Jan 2027 01:00 UTC is still 31 Dec 2026 in Santiago
    expect(defaultYears(new Date('2027-01-01T01:00:00Z'))[0]).toBe(2025);
  });

  test('years outside the range have no holidays', () => {
    const only2026 = buildChileCalendar({}, [2026]);
    expect(only2026.isHoliday('2026-12-25')).toBe(true);
    expect(only2026.isHoliday('2027-01-01')).toBe(false);
  });

  test('rejects nonsense years', () => {
    expect(() => chileHolidayList([2026.5])).toThrow(RangeError);
  });
});
