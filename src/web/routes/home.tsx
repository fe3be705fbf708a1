import type { Context } from 'hono';
import { dayPeriod } from '../../domain/periods.ts';
import { listPeriod } from '../../papers/daily-list.ts';
import { latestListingDate } from '../../papers/paper.repository.ts';
import type { AppDeps } from '../app.ts';
import { DailyPage } from '../pages/daily-page.tsx';

/** GET / — the latest day's papers. */
export function homePage(deps: AppDeps) {
  return async (c: Context) => {
    const day = await latestListingDate(deps.db.kysely);
    const papers = day
      ? (await listPeriod(deps.db, dayPeriod(day), { limit: 500 })).map((l) => l.paper)
      : [];
    return c.html(
      '<!doctype html>' +
        (<DailyPage day={day} papers={papers} curators={deps.config.curators} />).toString(),
    );
  };
}
