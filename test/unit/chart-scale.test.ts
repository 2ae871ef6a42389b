// The Panel's chart geometry and data shaping (tab/src/components/chart-scale.ts, chart-data.ts): pure functions,
// tested without a browser.
import type { UnitMonth } from '../../protocol';
import {
  addMonth,
  defaultRange,
  monthLabel,
  monthSpan,
  monthlyShare,
  moveRange,
  rangeFrom,
  unitOrder,
  unitSeries,
} from '../../tab/src/components/chart-data';
import {
  labelEvery,
  linePath,
  linearScale,
  markerPath,
  niceTicks,
  pointScale,
  truncate,
} from '../../tab/src/components/chart-scale';

describe('scales', () => {
  it('maps a domain linearly onto a range, inverted for SVG y', () => {
    const y = linearScale(0, 10, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(150);
    expect(linearScale(3, 3, 7, 9)(3)).toBe(7);
  });

  it('spaces categories with half a step of padding and centres a single one', () => {
    const x = pointScale(4, 0, 400);
    expect([0, 1, 2, 3].map(x)).toEqual([50, 150, 250, 350]);
    expect(pointScale(1, 0, 400)(0)).toBe(200);
  });
});

describe('niceTicks', () => {
  it('covers the maximum with round steps from zero', () => {
    expect(niceTicks(7.3)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0.9)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('keeps whole steps for counts and an axis for empty data', () => {
    expect(niceTicks(3, 4, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(2.2, 4, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });

  it('ends at or above the maximum', () => {
    for (const max of [1, 1.5, 4.2, 9.99, 11, 58, 123, 999]) {
      const t = niceTicks(max);
      expect(t[0]).toBe(0);
      expect(t[t.length - 1]!).toBeGreaterThanOrEqual(max);
      expect(t.length).toBeLessThanOrEqual(7);
    }
  });
});

describe('linePath', () => {
  const x = (i: number) => i * 10;
  const y = (v: number) => 100 - v;

  it('draws one run through consecutive values', () => {
    expect(linePath([1, 2, 3], x, y)).toBe('M0 99 L10 98 L20 97');
  });

  it('breaks the line at a month without data instead of bridging it', () => {
    expect(linePath([1, null, 3, 4], x, y)).toBe('M0 99 M20 97 L30 96');
    expect(linePath([null, null], x, y)).toBe('');
  });
});

describe('labels and markers', () => {
  it('labels every k-th month when they do not all fit', () => {
    expect(labelEvery(6, 60, 600)).toBe(1);
    expect(labelEvery(12, 60, 400)).toBe(2);
    expect(labelEvery(24, 60, 400)).toBe(4);
    expect(labelEvery(1, 60, 10)).toBe(1);
  });

  it('truncates long labels with an ellipsis', () => {
    expect(truncate('Dirección de Obras Municipales', 12)).toBe('Dirección d…');
    expect(truncate('DOM', 12)).toBe('DOM');
  });

  it('closes every marker shape', () => {
    for (const shape of ['circle', 'square', 'triangle', 'diamond'] as const)
      expect(markerPath(shape, 10, 10, 4)).toMatch(/^M.*Z$/);
  });
});

describe('months and ranges', () => {
  it('adds months across years and names them in Spanish', () => {
    expect(addMonth('2026-11', 2)).toBe('2027-01');
    expect(addMonth('2026-01', -1)).toBe('2025-12');
    expect(monthLabel('2026-09')).toBe('septiembre 2026');
    expect(monthLabel('2026-09', 'short')).toBe('sept 2026');
  });

  it('defaults to the last six months and rejects ranges the selector does not offer', () => {
    expect(defaultRange('2026-11')).toEqual({ desde: '2026-06', hasta: '2026-11' });
    expect(rangeFrom('2026-01', '2026-03', '2026-11')).toEqual({ desde: '2026-01', hasta: '2026-03' });
    expect(rangeFrom('2026-05', '2026-03', '2026-11')).toEqual(defaultRange('2026-11'));
    expect(rangeFrom('2026-13', '2026-03', '2026-11')).toEqual(defaultRange('2026-11'));
    expect(rangeFrom('2026-01', '2027-01', '2026-11')).toEqual(defaultRange('2026-11'));
    expect(rangeFrom('2020-01', '2026-01', '2026-11')).toEqual(defaultRange('2026-11'));
    expect(rangeFrom(null, null, '2026-11')).toEqual(defaultRange('2026-11'));
    // Longer than the 24 months the service answers.
    expect(rangeFrom('2024-01', '2026-01', '2026-11')).toEqual(defaultRange('2026-11'));
    expect(rangeFrom('2024-02', '2026-01', '2026-11')).toEqual({ desde: '2024-02', hasta: '2026-01' });
  });

  it('moves the other end of the range when one end would invert it or make it too long', () => {
    const r = { desde: '2026-06', hasta: '2026-11' };
    expect(moveRange(r, 'desde', '2026-03')).toEqual({ desde: '2026-03', hasta: '2026-11' });
    expect(moveRange(r, 'desde', '2026-11')).toEqual({ desde: '2026-11', hasta: '2026-11' });
    expect(moveRange({ desde: '2026-06', hasta: '2026-08' }, 'desde', '2026-10')).toEqual({
      desde: '2026-10',
      hasta: '2026-10',
    });
    expect(moveRange(r, 'desde', '2023-12')).toEqual({ desde: '2023-12', hasta: '2025-11' });
    expect(moveRange(r, 'hasta', '2026-04')).toEqual({ desde: '2026-04', hasta: '2026-04' });
    expect(moveRange({ desde: '2024-01', hasta: '2024-06' }, 'hasta', '2026-11')).toEqual({
      desde: '2024-12',
      hasta: '2026-11',
    });
    expect(monthSpan(moveRange(r, 'desde', '2023-12'))).toBe(24);
  });
});

describe('panel series', () => {
  const row = (month: string, unitId: string, unitName: string, o: Partial<UnitMonth> = {}): UnitMonth => ({
    month,
    unitId,
    unitName,
    acknowledged: 1,
    medianDaysToAcknowledge: 1,
    delivered: 0,
    medianDaysToDeliver: null,
    answered: 0,
    answeredInTime: 0,
    ...o,
  });
  const months = ['2026-09', '2026-10', '2026-11'];
  const rows = [
    row('2026-09', 'salud', 'Departamento de Salud', { medianDaysToAcknowledge: 2, answered: 4, answeredInTime: 3 }),
    row('2026-11', 'salud', 'Departamento de Salud', { medianDaysToAcknowledge: 1.5, answered: 1, answeredInTime: 1 }),
    row('2026-10', 'dom', 'Dirección de Obras', { medianDaysToAcknowledge: 3, medianDaysToDeliver: 8, answered: 2 }),
    row('2026-06', 'dom', 'Dirección de Obras', { medianDaysToAcknowledge: 9, answered: 5, answeredInTime: 5 }),
  ];

  it('gives one series per unit, null where a month has no data, sorted by name', () => {
    expect(unitSeries(rows, months, 'medianDaysToAcknowledge')).toEqual([
      { key: 'salud', label: 'Departamento de Salud', values: [2, null, 1.5] },
      { key: 'dom', label: 'Dirección de Obras', values: [null, 3, null] },
    ]);
  });

  it('leaves out units without any value for the metric', () => {
    expect(unitSeries(rows, months, 'medianDaysToDeliver').map((s) => s.key)).toEqual(['dom']);
  });

  it('orders units by name for stable colours', () => {
    expect(unitOrder(rows)).toEqual(['salud', 'dom']);
  });

  it('adds up the share answered within the deadline per month, ignoring months outside the chart', () => {
    expect(monthlyShare(rows, months)).toEqual([
      { month: '2026-09', answered: 4, inTime: 3, share: 0.75 },
      { month: '2026-10', answered: 2, inTime: 0, share: 0 },
      { month: '2026-11', answered: 1, inTime: 1, share: 1 },
    ]);
    expect(monthlyShare([], ['2026-09'])).toEqual([{ month: '2026-09', answered: 0, inTime: 0, share: null }]);
  });
});
