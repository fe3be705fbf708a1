import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayPeriod,
  InvalidPeriodError,
  isoWeekOf,
  monthPeriod,
  weekPeriod,
} from './periods.ts';

describe('periods', () => {
  it('reads a day that exists on the calendar', () => {
    expect(dayPeriod('2024-02-29')).toEqual({
      kind: 'day',
      label: '2024-02-29',
      from: '2024-02-29',
      to: '2024-02-29',
    });
    for (const bad of ['2023-02-29', '2026-13-01', '2026-1-1', '2026-01-32', 'today', ''])
      expect(() => dayPeriod(bad)).toThrow(InvalidPeriodError);
    expect(() => dayPeriod('2026-13-01')).toThrow('invalid date "2026-13-01": expected YYYY-MM-DD');
  });

  it('reads ISO weeks from Monday to Sunday, across year ends', () => {
    expect(weekPeriod('2026-W12')).toMatchObject({ from: '2026-03-16', to: '2026-03-22' });
    expect(weekPeriod('2026-W01')).toMatchObject({ from: '2025-12-29', to: '2026-01-04' });
    expect(weekPeriod('2024-W01')).toMatchObject({ from: '2024-01-01', to: '2024-01-07' });
    expect(weekPeriod('2021-W01')).toMatchObject({ from: '2021-01-04', to: '2021-01-10' });
  });

  it('knows which years have 53 weeks', () => {
    expect(weekPeriod('2020-W53')).toMatchObject({ from: '2020-12-28', to: '2021-01-03' });
    expect(weekPeriod('2026-W53')).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect(weekPeriod('2015-W53')).toMatchObject({ from: '2015-12-28', to: '2016-01-03' });
    for (const bad of ['2021-W53', '2027-W53', '2026-W00', '2026-W54', '2026-W1', '2026W12'])
      expect(() => weekPeriod(bad)).toThrow(/^invalid week .*: expected YYYY-Www/);
  });

  it('reads months with their real lengths', () => {
    expect(monthPeriod('2024-02')).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthPeriod('2023-02')).toMatchObject({ from: '2023-02-01', to: '2023-02-28' });
    expect(monthPeriod('2026-12')).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
    for (const bad of ['2026-13', '2026-00', '2026-1', '2026-01-01'])
      expect(() => monthPeriod(bad)).toThrow(/^invalid month .*: expected YYYY-MM$/);
  });

  it('names the week that holds a day', () => {
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it("puts every day inside its own week's period", () => {
    const day = fc
      .date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (d) => {
        const week = weekPeriod(isoWeekOf(d));
        expect(week.from <= d && d <= week.to).toBe(true);
        expect(addDays(week.from, 6)).toBe(week.to);
        expect(new Date(`${week.from}T00:00:00Z`).getUTCDay()).toBe(1);
        const month = monthPeriod(d.slice(0, 7));
        expect(month.from <= d && d <= month.to).toBe(true);
      }),
    );
  });
});
