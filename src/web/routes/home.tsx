import type { Context } from 'hono';
import { latestListingDate, listByListingDays } from '../../papers/paper.repository.ts';
import type { AppDeps } from '../app.ts';
import { DailyPage } from '../pages/daily-page.tsx';

/** GET / — the latest day's papers. */
export function homePage(deps: AppDeps) {
  return async (c: Context) => {
    const day = await latestListingDate(deps.db.kysely);
    const papers = day ? await listByListingDays(deps.db.kysely, day, day, 500) : [];
    return c.html(
      '<!doctype html>' +
        (<DailyPage day={day} papers={papers} curators={deps.config.curators} />).toString(),
    );
  };
}
