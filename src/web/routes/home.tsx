import type { Context } from 'hono';
import { dayPeriod } from '../../domain/periods.ts';
import { latestListDay } from '../../papers/list-days.repository.ts';
import type { AppDeps } from '../app.ts';
import { dayView } from './day-page.tsx';
import { renderList } from './list-view.tsx';

/** GET / — the latest day with papers. */
export function homePage(deps: AppDeps) {
  return async (c: Context) => {
    const day =
      (await latestListDay(deps.db.kysely)) ?? deps.clock.now().toISOString().slice(0, 10);
    const period = dayPeriod(day);
    return renderList(c, deps, period, { ...(await dayView(deps, day)), basePath: '/' });
  };
}
