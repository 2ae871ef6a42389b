// The register computes the working days left of a whole page in one walk (workingDaysLeftMany); it must agree with
// the protocol's own workingDaysLeft, day by day, on both sides of today, across holidays, weekends and a long span.
import { addDays, createHolidayCalendar, workingDaysLeft, type LocalDate } from '../../protocol';
import { median, monthsBetween } from '../../bot/src/store/panel-query';
import { workingDaysLeftMany } from '../../bot/src/store/read/rows';

const cal = createHolidayCalendar([
  { date: '2026-09-18', name: 'Fiestas Patrias' },
  { date: '2026-09-19', name: 'Día de las Glorias del Ejército' },
  { date: '2026-10-12', name: 'Encuentro de Dos Mundos' },
  { date: '2026-12-25', name: 'Navidad' },
  { date: '2027-01-01', name: 'Año Nuevo' },
]);
const TZ = 'America/Santiago';

describe('workingDaysLeftMany', () => {
  it.each([
    ['a Tuesday morning', '2026-09-15T13:00:00Z'],
    ['a Saturday', '2026-09-19T15:00:00Z'],
    ['a holiday', '2026-09-18T15:00:00Z'],
    ['late evening, already the next day in UTC', '2026-10-09T02:30:00Z'],
  ])('matches workingDaysLeft day by day within a month of today and weekly up to 400 days, on %s', (_name, iso) => {
    const now = new Date(iso);
    const today = iso.slice(0, 10);
    const dates: LocalDate[] = [];
    for (let i = -40; i <= 40; i++) dates.push(addDays(today, i));
    for (let i = -400; i <= 400; i += 9) dates.push(addDays(today, i));
    const many = workingDaysLeftMany(cal, now, [...dates].reverse(), TZ);
    expect(dates.map((d) => [d, many.get(d)])).toEqual(dates.map((d) => [d, workingDaysLeft(cal, now, d, TZ)]));
  });

  it('counts a date decades away the slow way, with the same answer', () => {
    const now = new Date('2026-09-15T13:00:00Z');
    const far = ['1996-03-04', '2026-09-30', '2056-12-31'];
    const m = workingDaysLeftMany(cal, now, far, TZ);
    expect(far.map((d) => m.get(d))).toEqual(far.map((d) => workingDaysLeft(cal, now, d, TZ)));
    expect(m.get('2026-09-30')).toBe(10);
  });

  it('returns nothing for no dates and repeats nothing for repeated ones', () => {
    const now = new Date('2026-09-15T13:00:00Z');
    expect(workingDaysLeftMany(cal, now, [], TZ).size).toBe(0);
    const m = workingDaysLeftMany(cal, now, ['2026-09-30', '2026-09-30', '2026-09-15'], TZ);
    expect([...m.entries()].sort()).toEqual([
      ['2026-09-15', 0],
      ['2026-09-30', 10],
    ]);
  });
});

describe('panel helpers', () => {
  it('median: the middle value, the mean of the middle two, null for none', () => {
    expect(median([4, 2])).toBe(3);
    expect(median([1, 0])).toBe(0.5);
    expect(median([11])).toBe(11);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });

  it('monthsBetween: both ends included, across a year', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-09', '2026-09')).toEqual(['2026-09']);
    expect(monthsBetween('2026-10', '2026-09')).toEqual([]);
  });
});
