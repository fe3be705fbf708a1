import type { Context } from 'hono';
import { addDays } from '../../domain/periods.ts';
import { parsePeriod } from '../../papers/list-query.ts';
import type { AppDeps } from '../app.ts';
import { monthPath } from '../pages/paths.ts';
import { formatMonth, renderList } from './list-view.tsx';

/** GET /papers/month/:month — a month's list (`2026-03`). */
export function monthPage(deps: AppDeps) {
  return async (c: Context) => {
    const period = parsePeriod('month', c.req.param('month') ?? '');
    return renderList(c, deps, `month:${period.label}`, async () => {
      const latest = await deps.papers.latestListingDate();
      const previous = addDays(period.from, -1).slice(0, 7);
      const nextStart = addDays(period.to, 1);
      return {
        period,
        view: {
          heading: 'Monthly Papers',
          when: formatMonth(period.from),
          previous: { href: monthPath(previous), label: formatMonth(`${previous}-01`) },
          next:
            latest && nextStart <= latest
              ? { href: monthPath(nextStart.slice(0, 7)), label: formatMonth(nextStart) }
              : null,
          related: [],
          basePath: monthPath(period.label),
        },
      };
    });
  };
}
