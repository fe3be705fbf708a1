import { dayOrNull } from './paper-normalize.ts';

/** A span of listing days, inclusive, named the way URLs and the CLI name it. */
export interface Period {
  kind: 'day' | 'week' | 'month';
  /** `2026-03-18`, `2026-W12` or `2026-03`. */
  label: string;
  from: string;
  to: string;
}

export class InvalidPeriodError extends Error {
  constructor(kind: string, value: string, expected: string) {
    super(`invalid ${kind} ${JSON.stringify(value.slice(0, 40))}: expected ${expected}`);
    this.name = 'InvalidPeriodError';
  }
}

export function dayPeriod(value: string): Period {
  const day = dayOrNull(value);
  if (!day) throw new InvalidPeriodError('date', value, 'YYYY-MM-DD');
  return { kind: 'day', label: day, from: day, to: day };
}

/** ISO-8601 week `2026-W12`: Monday to Sunday. */
export function weekPeriod(value: string): Period {
  const match = /^(\d{4})-W(\d{2})$/.exec(value);
  const year = Number(match?.[1]);
  const week = Number(match?.[2]);
  if (!match || week < 1 || week > isoWeeksInYear(year))
    throw new InvalidPeriodError('week', value, 'YYYY-Www, e.g. 2026-W12');
  // The Monday of ISO week 1 is the Monday of the week that holds 4 January.
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  const monday = jan4 - jan4Weekday * DAY + (week - 1) * 7 * DAY;
  return { kind: 'week', label: value, from: iso(monday), to: iso(monday + 6 * DAY) };
}

export function monthPeriod(value: string): Period {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) throw new InvalidPeriodError('month', value, 'YYYY-MM');
  return {
    kind: 'month',
    label: value,
    from: iso(Date.UTC(year, month - 1, 1)),
    to: iso(Date.UTC(year, month, 0)),
  };
}

/** The ISO week label (`2026-W12`) that holds a day. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A day moved by n days. */
export function addDays(day: string, n: number): string {
  return iso(Date.parse(`${day}T00:00:00Z`) + n * DAY);
}

function isoWeeksInYear(year: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53.
  return isoWeekOf(iso(Date.UTC(year, 11, 28))).endsWith('W53') ? 53 : 52;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
