import type { Context } from 'hono';
import { isoWeekOf } from '../../domain/periods.ts';
import { parsePeriod } from '../../papers/list-query.ts';
import type { AppDeps } from '../app.ts';
import { dayPath, monthPath, weekPath } from '../pages/paths.ts';
import { formatDay, formatShortDay, renderList } from './list-view.tsx';

/** The navigation of a day's list: neighbouring days with papers, its week and month. */
export async function dayView(deps: AppDeps, day: string) {
  const { before, after } = await deps.papers.nearestListDays(day);
  return {
    nearest: { before, after },
    heading: 'Daily Papers',
    when: formatDay(day),
    previous: before ? { href: dayPath(before), label: formatShortDay(before) } : null,
    next: after ? { href: dayPath(after), label: formatShortDay(after) } : null,
    related: [
      { href: weekPath(isoWeekOf(day)), label: 'This week' },
      { href: monthPath(day.slice(0, 7)), label: 'This month' },
    ],
  };
}

/** GET /papers/date/:day — one day's list. */
export function dayPage(deps: AppDeps) {
  return async (c: Context) => {
    const period = parsePeriod('day', c.req.param('day') ?? '');
    return renderList(c, deps, `day:${period.label}`, async () => {
      const view = await dayView(deps, period.from);
      return { period, view: { ...view, basePath: dayPath(period.from) }, nearest: view.nearest };
    });
  };
}
