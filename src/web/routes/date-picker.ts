import type { Context } from 'hono';
import { dayPeriod } from '../../domain/periods.ts';
import { dayPath } from '../pages/paths.ts';
import { parsePeriod } from './list-view.tsx';

/** GET /papers/date?date=YYYY-MM-DD — the date picker's form lands here and moves on to the day. */
export function datePicker() {
  return (c: Context) => {
    const period = parsePeriod(dayPeriod, (c.req.query('date') ?? '').trim());
    return c.redirect(dayPath(period.from), 303);
  };
}
