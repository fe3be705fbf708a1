import type { Context } from 'hono';
import { parsePeriod } from '../../papers/list-query.ts';
import { dayPath } from '../pages/paths.ts';

/** GET /papers/date?date=YYYY-MM-DD — the date picker's form lands here and moves on to the day. */
export function datePicker() {
  return (c: Context) => {
    const period = parsePeriod('day', (c.req.query('date') ?? '').trim());
    return c.redirect(dayPath(period.from), 303);
  };
}
