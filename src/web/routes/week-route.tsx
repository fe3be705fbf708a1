import type { Context } from 'hono';
import { addDays, isoWeekOf } from '../../domain/periods.ts';
import { parsePeriod } from '../../papers/list-query.ts';
import type { AppDeps } from '../app.ts';
import { monthPath, weekPath } from '../pages/paths.ts';
import { formatShortDay, renderList } from './list-view.tsx';

/** GET /papers/week/:week — an ISO week's list (`2026-W12`). */
export function weekPage(deps: AppDeps) {
  return async (c: Context) => {
    const period = parsePeriod('week', c.req.param('week') ?? '');
    return renderList(c, deps, `week:${period.label}`, async () => {
      const latest = await deps.papers.latestListingDate();
      const previous = isoWeekOf(addDays(period.from, -7));
      const next = isoWeekOf(addDays(period.from, 7));
      const [year, week] = period.label.split('-W');
      return {
        period,
        view: {
          heading: 'Weekly Papers',
          when: `Week ${Number(week)}, ${year} (${formatShortDay(period.from)} – ${formatShortDay(period.to)})`,
          previous: { href: weekPath(previous), label: previous },
          next:
            latest && addDays(period.from, 7) <= latest
              ? { href: weekPath(next), label: next }
              : null,
          related: [{ href: monthPath(period.from.slice(0, 7)), label: 'This month' }],
          basePath: weekPath(period.label),
        },
      };
    });
  };
}
