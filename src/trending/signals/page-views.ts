import { sql } from 'kysely';
import { plural, WINDOW_HOURS } from '../../domain/trending-score.ts';
import { byPaper, chunked, dayStart, defineSignal, HOUR, iso, sumEvents } from './signal.ts';

/**
 * Page views by people, counted per paper per day (see trending/views.ts); a day counts as
 * log(1 + views), so a flood of views cannot outweigh people's votes.
 */
export const pageViews = defineSignal({
  kind: 'views',
  field: 'views',
  weight: { default: 0.25, variable: 'FOLIO_TRENDING_WEIGHT_VIEWS' },
  about: {
    position: 4,
    short: 'views',
    label: 'Page views',
    text: (w) =>
      ` by people (programs are not counted; no cookie or personal data is kept, only a count per paper per day): ${w} × log(1 + views) per day, so a flood of views cannot outweigh people's votes.`,
  },
  explain: (n) => plural(n, 'view'),
  reason: (n) => plural(n, 'view'),
  changedSince: ({ since }) => sql<{ paper_id: string }>`
    select paper_id from page_views where updated_at > ${iso(since)}`,
  read: async ({ db, paperIds, now, settings }) => {
    const sinceDay = iso(now - WINDOW_HOURS['30d'] * HOUR).slice(0, 10);
    const query = db.kysely
      .selectFrom('page_views')
      .select(['paper_id', 'day', 'views'])
      .where('day', '>=', sinceDay);
    const rows = paperIds
      ? await chunked(paperIds, (ids) => query.where('paper_id', 'in', ids).execute())
      : await query.execute();
    const events = byPaper(
      rows,
      (r) => r.paper_id,
      (r) => ({ at: dayStart(r.day), amount: r.views }),
    );
    return sumEvents(events, now, settings, Math.log1p);
  },
});
