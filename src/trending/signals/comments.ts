import { sql } from 'kysely';
import { plural, WINDOW_HOURS } from '../../domain/trending-score.ts';
import { byPaper, chunked, defineSignal, HOUR, iso, sumEvents } from './signal.ts';

/** Comments: each visible comment written in the window. */
export const comments = defineSignal({
  kind: 'comments',
  field: 'comments',
  weight: { default: 0.5, variable: 'FOLIO_TRENDING_WEIGHT_COMMENTS' },
  about: {
    position: 3,
    short: 'comments',
    label: 'Comments',
    text: (w) => `: ${w} point each.`,
  },
  explain: (n) => plural(n, 'comment'),
  reason: (n) => plural(n, 'comment'),
  // A deleted comment stops counting, so its paper needs a recompute too.
  changedSince: ({ since }) => sql<{ paper_id: string }>`
    select paper_id from comments where created_at > ${iso(since)}
    union select paper_id from comments where deleted_at > ${iso(since)}`,
  read: async ({ db, paperIds, now, settings }) => {
    const query = db.kysely
      .selectFrom('comments')
      .select(['paper_id', 'created_at'])
      .where('created_at', '>', iso(now - WINDOW_HOURS['30d'] * HOUR))
      .where('deleted_at', 'is', null)
      .where('hidden', '=', 0);
    const rows = paperIds
      ? await chunked(paperIds, (ids) => query.where('paper_id', 'in', ids).execute())
      : await query.execute();
    const events = byPaper(
      rows,
      (r) => r.paper_id,
      (r) => ({ at: Date.parse(r.created_at), amount: 1 }),
    );
    return sumEvents(events, now, settings);
  },
});
