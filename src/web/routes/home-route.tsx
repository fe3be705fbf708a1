import type { Context } from 'hono';
import { dayPeriod } from '../../domain/periods.ts';
import type { AppDeps } from '../app.ts';
import { dayView } from './day-route.tsx';
import { renderList } from './list-view.tsx';

/** GET / — the latest day with papers. */
export function homePage(deps: AppDeps) {
  return async (c: Context) => {
    return renderList(c, deps, 'home', async () => {
      const day =
        (await deps.papers.latestListingDate()) ?? deps.clock.now().toISOString().slice(0, 10);
      const view = await dayView(deps, day);
      return { period: dayPeriod(day), view: { ...view, basePath: '/' }, nearest: view.nearest };
    });
  };
}
