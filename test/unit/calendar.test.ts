import {
  addDays,
  addPeriod,
  countWorkingDays,
  createHolidayCalendar,
  endOfLocalDay,
  formatDate,
  isLocalDate,
  isWorkingDay,
  maxExtension,
  nextWorkingDayOnOrAfter,
  parseDisplayDate,
  periodSchema,
  startOfLocalDay,
  toLocalDate,
  validatePeriod,
  weekday,
  workingDaysLeft,
  type LocalDate,
  type Period,
} from '../../protocol/calendar';

// Hand-written subset of Chile 2026, so these tests do not depend on the date-holidays data.
const cal = createHolidayCalendar([
  { date: '2026-09-18', name: 'Fiestas Patrias' },
  { date: '2026-09-19', name: 'Día de las Glorias del Ejército' },
  { date: '2026-12-08', name: 'Inmaculada Concepción' },
  { date: '2026-12-25', name: 'Navidad' },
  { date: '2027-01-01', name: 'Año Nuevo' },
]);

const habiles = (amount: number): Period => ({ amount, unit: 'habiles' });
const corridos = (amount: number): Period => ({ amount, unit: 'corridos' });

describe('date arithmetic', () => {
  test.each<[LocalDate, number, LocalDate]>([
    ['2026-09-15', 1, '2026-09-16'],
    ['2026-09-30', 1, '2026-10-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-04-04', 1, '2026-04-05'], // a 25-hour day in Santiago must not matter here
    ['2026-09-15', 365, '2027-09-15'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  test.each<[LocalDate, number]>([
    ['2026-09-13', 0],
    ['2026-09-15', 2],
    ['2026-09-18', 5],
    ['2026-09-19', 6],
    ['2028-02-29', 2],
  ])('weekday(%s) = %i', (d, w) => {
    expect(weekday(d)).toBe(w);
  });

  test.each(['2026-02-30', '2026-13-01', '2026-9-15', '15-09-2026', '', '2026-09-15T00:00'])(
    'rejects malformed date %j',
    (d) => {
      expect(isLocalDate(d)).toBe(false);
      expect(() => addDays(d, 1)).toThrow(RangeError);
      expect(() => weekday(d)).toThrow(RangeError);
    },
  );

  test('addDays rejects fractional days', () => {
    expect(() => addDays('2026-09-15', 0.5)).toThrow(RangeError);
  });
});

describe('time zone', () => {
  test.each<[string, string, LocalDate]>([
    ['2026-09-16T02:30:00Z', 'America/Santiago', '2026-09-15'], // 23:30 (-03) on the 15th
    ['2026-09-16T02:59:59.999Z', 'America/Santiago', '2026-09-15'],
    ['2026-09-16T03:00:00Z', 'America/Santiago', '2026-09-16'],
    ['2026-07-01T03:30:00Z', 'America/Santiago', '2026-06-30'], // winter, -04
    ['2026-07-01T04:00:00Z', 'America/Santiago', '2026-07-01'],
    ['2026-09-16T02:30:00Z', 'UTC', '2026-09-16'],
    ['2026-09-15T22:30:00Z', 'Europe/Madrid', '2026-09-16'],
  ])('toLocalDate(%s, %s) = %s', (iso, tz, expected) => {
    expect(toLocalDate(new Date(iso), tz)).toBe(expected);
  });

  test('toLocalDate defaults to Santiago and rejects invalid instants', () => {
    expect(toLocalDate(new Date('2026-09-16T02:30:00Z'))).toBe('2026-09-15');
    expect(() => toLocalDate(new Date('nope'))).toThrow(RangeError);
  });

  // Chile 2026: back to -04 at 24:00 on Saturday 4 April (23:00–23:59 repeats), forward to -03 at 24:00 on
  // Saturday 5 September (Sunday starts at 01:00).
  test.each<[LocalDate, string, string]>([
    ['2026-01-15', '2026-01-15T03:00:00.000Z', '2026-01-16T02:59:59.999Z'],
    ['2026-07-15', '2026-07-15T04:00:00.000Z', '2026-07-16T03:59:59.999Z'],
    ['2026-04-04', '2026-04-04T03:00:00.000Z', '2026-04-05T03:59:59.999Z'],
    ['2026-04-05', '2026-04-05T04:00:00.000Z', '2026-04-06T03:59:59.999Z'],
    ['2026-09-05', '2026-09-05T04:00:00.000Z', '2026-09-06T03:59:59.999Z'],
    ['2026-09-06', '2026-09-06T04:00:00.000Z', '2026-09-07T02:59:59.999Z'],
  ])('%s in Santiago runs from %s to %s', (d, start, end) => {
    expect(startOfLocalDay(d).toISOString()).toBe(start);
    expect(endOfLocalDay(d, 'America/Santiago').toISOString()).toBe(end);
  });

  test.each<[LocalDate, string, string]>([
    ['2026-03-29', 'Europe/Madrid', '2026-03-29T21:59:59.999Z'], // 23-hour day, change at 02:00
    ['2026-10-25', 'Europe/Madrid', '2026-10-25T22:59:59.999Z'], // 25-hour day
    ['2026-09-15', 'UTC', '2026-09-15T23:59:59.999Z'],
  ])('endOfLocalDay(%s, %s) = %s', (d, tz, end) => {
    expect(endOfLocalDay(d, tz).toISOString()).toBe(end);
  });

  test('every day of 2025–2027 in Santiago ends exactly where the next one starts', () => {
    for (let d = '2025-01-01'; d <= '2027-12-31'; d = addDays(d, 1)) {
      const end = endOfLocalDay(d).getTime();
      expect(toLocalDate(new Date(end))).toBe(d);
      expect(toLocalDate(new Date(end + 1))).toBe(addDays(d, 1));
      expect(startOfLocalDay(addDays(d, 1)).getTime()).toBe(end + 1);
    }
  });
});

describe('holiday calendar', () => {
  test('knows holidays and their names', () => {
    expect(cal.isHoliday('2026-09-18')).toBe(true);
    expect(cal.holidayName('2026-12-25')).toBe('Navidad');
    expect(cal.isHoliday('2026-09-17')).toBe(false);
    expect(cal.holidayName('2026-09-17')).toBeUndefined();
  });

  test('removed dates win and duplicate dates keep both names', () => {
    const c = createHolidayCalendar(
      [
        { date: '2026-09-18', name: 'Fiestas Patrias' },
        { date: '2026-09-18', name: 'Otro' },
        { date: '2026-12-25', name: 'Navidad' },
      ],
      ['2026-12-25'],
    );
    expect(c.holidayName('2026-09-18')).toBe('Fiestas Patrias / Otro');
    expect(c.isHoliday('2026-12-25')).toBe(false);
  });

  test('rejects malformed dates', () => {
    expect(() => createHolidayCalendar([{ date: '18-09-2026', name: 'x' }])).toThrow(RangeError);
    expect(() => createHolidayCalendar([], ['2026-02-30'])).toThrow(RangeError);
  });

  test.each<[LocalDate, boolean]>([
    ['2026-09-17', true], // Thursday
    ['2026-09-18', false], // holiday, Friday
    ['2026-09-19', false], // holiday and Saturday
    ['2026-09-20', false], // Sunday
    ['2026-09-21', true],
    ['2026-12-31', true], // bank holiday only
  ])('isWorkingDay(%s) = %s', (d, expected) => {
    expect(isWorkingDay(cal, d)).toBe(expected);
  });

  test('countWorkingDays counts the half-open range (from, to]', () => {
    expect(countWorkingDays(cal, '2026-09-15', '2026-09-30')).toBe(10);
    expect(countWorkingDays(cal, '2026-09-15', '2026-09-15')).toBe(0);
    expect(countWorkingDays(cal, '2026-09-30', '2026-09-15')).toBe(0);
  });

  test('a calendar without working days fails instead of looping', () => {
    const never = { isHoliday: () => true, holidayName: () => 'siempre' };
    expect(() => nextWorkingDayOnOrAfter(never, '2026-01-01')).toThrow(RangeError);
  });
});

describe('addPeriod', () => {
  test.each<[string, LocalDate, Period, LocalDate]>([
    ['10 hábiles over Fiestas Patrias', '2026-09-15', habiles(10), '2026-09-30'],
    ['1 hábil from Thursday skips holiday + weekend', '2026-09-17', habiles(1), '2026-09-21'],
    ['1 hábil from Monday', '2026-09-14', habiles(1), '2026-09-15'],
    ['start on a Saturday counts from Monday', '2026-09-12', habiles(1), '2026-09-14'],
    ['start on a holiday counts from the next working day', '2026-12-08', habiles(1), '2026-12-09'],
    ['skips Inmaculada Concepción', '2026-12-04', habiles(5), '2026-12-14'],
    ['skips Navidad and Año Nuevo', '2026-12-21', habiles(8), '2027-01-04'],
    ['0 hábiles on a working day is that day', '2026-09-15', habiles(0), '2026-09-15'],
    ['0 hábiles on a holiday moves forward', '2026-09-18', habiles(0), '2026-09-21'],
    ['corridos landing on a working day', '2026-09-01', corridos(10), '2026-09-11'],
    ['corridos landing on a Saturday', '2026-09-02', corridos(10), '2026-09-14'],
    ['corridos landing on a Sunday', '2026-09-03', corridos(10), '2026-09-14'],
    ['corridos landing on a holiday + weekend', '2026-09-08', corridos(10), '2026-09-21'],
    ['corridos landing on Navidad', '2026-12-15', corridos(10), '2026-12-28'],
    ['0 corridos on a Sunday', '2026-09-13', corridos(0), '2026-09-14'],
  ])('%s: %s + %j = %s', (_name, start, period, due) => {
    expect(addPeriod(cal, start, period)).toBe(due);
  });

  test.each<[string, LocalDate]>([
    ['2026-09-16T02:30:00Z', '2026-09-30'], // still the 15th in Santiago
    ['2026-09-15T12:00:00Z', '2026-09-30'],
    ['2026-09-16T03:30:00Z', '2026-10-01'], // already the 16th
  ])('an instant %s starts on its Santiago date (due %s)', (iso, due) => {
    expect(addPeriod(cal, new Date(iso), habiles(10))).toBe(due);
  });

  test('an instant honours the given time zone', () => {
    expect(addPeriod(cal, new Date('2026-09-16T02:30:00Z'), habiles(10), 'UTC')).toBe('2026-10-01');
  });

  test.each<[unknown]>([
    [{ amount: -1, unit: 'habiles' }],
    [{ amount: 1.5, unit: 'habiles' }],
    [{ amount: 366, unit: 'corridos' }],
    [{ amount: 5, unit: 'semanas' }],
  ])('rejects invalid period %j', (p) => {
    expect(() => addPeriod(cal, '2026-09-15', p as Period)).toThrow();
  });
});

describe('workingDaysLeft', () => {
  const due = '2026-09-30';
  test.each<[string, string, number]>([
    ['15 Sep afternoon', '2026-09-15T15:00:00Z', 10],
    ['late on 15 Sep (Santiago)', '2026-09-16T02:30:00Z', 10],
    ['on Friday holiday', '2026-09-18T15:00:00Z', 8],
    ['the day before', '2026-09-29T15:00:00Z', 1],
    ['on the due day, morning', '2026-09-30T11:00:00Z', 0],
    ['on the due day, last minute', '2026-10-01T02:59:00Z', 0],
    ['one working day late', '2026-10-01T15:00:00Z', -1],
    ['two working days late', '2026-10-02T15:00:00Z', -2],
    ['over the weekend still two late', '2026-10-04T15:00:00Z', -2],
    ['Monday after', '2026-10-05T15:00:00Z', -3],
  ])('%s: %s → %i', (_name, now, expected) => {
    expect(workingDaysLeft(cal, new Date(now), due)).toBe(expected);
  });

  test('the weekend right after a Friday due date is already overdue', () => {
    expect(workingDaysLeft(cal, new Date('2026-09-26T15:00:00Z'), '2026-09-25')).toBe(-1);
    expect(workingDaysLeft(cal, new Date('2026-09-28T15:00:00Z'), '2026-09-25')).toBe(-1);
    expect(workingDaysLeft(cal, new Date('2026-09-29T15:00:00Z'), '2026-09-25')).toBe(-2);
  });
});

describe('maxExtension', () => {
  test.each<[Period, Period]>([
    [habiles(10), habiles(5)],
    [habiles(3), habiles(1)],
    [habiles(1), habiles(0)],
    [habiles(0), habiles(0)],
    [corridos(15), corridos(7)],
  ])('maxExtension(%j) = %j', (p, expected) => {
    expect(maxExtension(p)).toEqual(expected);
  });

  test('rejects invalid periods', () => {
    expect(() => maxExtension({ amount: -2, unit: 'habiles' })).toThrow();
  });
});

describe('period validation', () => {
  test.each<[unknown, boolean]>([
    [{ amount: 0, unit: 'habiles' }, true],
    [{ amount: 365, unit: 'corridos' }, true],
    [{ amount: 366, unit: 'corridos' }, false],
    [{ amount: 2.5, unit: 'habiles' }, false],
    [{ amount: '10', unit: 'habiles' }, false],
    [{ amount: 10 }, false],
    [null, false],
  ])('periodSchema(%j) valid = %s', (p, ok) => {
    expect(periodSchema.safeParse(p).success).toBe(ok);
  });

  test('validatePeriod returns the period', () => {
    expect(validatePeriod({ amount: 10, unit: 'habiles' })).toEqual({ amount: 10, unit: 'habiles' });
    expect(() => validatePeriod({ amount: 10, unit: 'dias' })).toThrow();
  });
});

describe('display format', () => {
  test.each<[LocalDate, string]>([
    ['2026-09-30', '30-09-2026'],
    ['2027-01-04', '04-01-2027'],
  ])('formatDate(%s) = %s', (d, shown) => {
    expect(formatDate(d)).toBe(shown);
    expect(parseDisplayDate(shown)).toBe(d);
  });

  test.each<[string, LocalDate | undefined]>([
    ['15-09-2026', '2026-09-15'],
    ['5/9/2026', '2026-09-05'],
    [' 05.09.2026 ', '2026-09-05'],
    ['29-02-2028', '2028-02-29'],
    ['29-02-2026', undefined],
    ['31-04-2026', undefined],
    ['2026-09-15', undefined],
    ['15-09-26', undefined],
    ['15-09/2026', undefined],
    ['', undefined],
  ])('parseDisplayDate(%j) = %s', (s, expected) => {
    expect(parseDisplayDate(s)).toBe(expected);
  });
});
