import type { Weekday } from './digest.config.ts';
import { isoWeekOf, addDays } from '../domain/periods.ts';
import type { Frequency } from './subscriber.ts';

/** When digests go out: a local hour, and the weekday of weekly ones. */
export interface DigestSchedule {
  hour: number;
  weekday: Weekday;
}

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

interface LocalDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock date and time of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalDate {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(instant))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The local day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  const l = localParts(instant, timeZone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}`;
}

/**
 * The instant a local wall-clock hour falls on. In a daylight-saving gap the hour does not exist
 * and the result is the first instant after it; in an overlap it is the earlier of the two.
 */
export function zonedHourToUtc(day: string, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${day}T${pad(hour)}:00:00Z`);
  // The offset before and after a transition give two candidates; keep those that really show
  // this day and hour there, the earlier first. Neither does inside a gap: take the later one.
  const first = wall - offsetMs(new Date(wall), timeZone);
  const second = wall - offsetMs(new Date(first), timeZone);
  const matching = [first, second]
    .filter((t) => {
      const l = localParts(new Date(t), timeZone);
      return l.hour === hour && `${l.year}-${pad(l.month)}-${pad(l.day)}` === day;
    })
    .sort((a, b) => a - b);
  return new Date(matching[0] ?? Math.max(first, second));
}

function offsetMs(instant: Date, timeZone: string): number {
  const l = localParts(instant, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The weekday of a YYYY-MM-DD day. */
export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
}

/**
 * The first instant strictly after `after` when a digest of this frequency is due: the configured
 * local hour on weekdays (daily) or on the configured weekday (weekly).
 */
export function nextDueAt(
  after: Date,
  frequency: Frequency,
  timeZone: string,
  schedule: DigestSchedule,
): Date {
  const today = localDay(after, timeZone);
  for (let i = 0; i <= 8; i++) {
    const day = addDays(today, i);
    const weekday = weekdayOf(day);
    const wanted =
      frequency === 'daily' ? weekday !== 'sat' && weekday !== 'sun' : weekday === schedule.weekday;
    if (!wanted) continue;
    const due = zonedHourToUtc(day, schedule.hour, timeZone);
    if (due.getTime() > after.getTime()) return due;
  }
  throw new Error(`no due time found for ${frequency} in ${timeZone}`);
}

/** The ISO week before the one holding `instant` in a time zone, which a weekly digest covers. */
export function previousWeekLabel(instant: Date, timeZone: string): string {
  return isoWeekOf(addDays(localDay(instant, timeZone), -7));
}

const pad = (n: number) => String(n).padStart(2, '0');
