import type { Db } from '../db/database.ts';

// Crawlers, link previewers, monitors and HTTP libraries: views by people only.
const BOT_AGENT =
  /bot|crawl|spider|slurp|archiver|preview|scrape|fetch|monitor|headless|lighthouse|curl|wget|python|java\/|go-http|node-fetch|axios|okhttp|libwww|httpclient|facebookexternalhit|embedly|bingpreview/i;

/** Whether a user agent looks like a program rather than a person's browser. */
export function isBotAgent(userAgent: string | null | undefined): boolean {
  return !userAgent || userAgent.length > 1000 || BOT_AGENT.test(userAgent);
}

/**
 * Counts one view of a paper page in today's counter, unless a program asked. Nothing about the
 * visitor is kept: no cookie, no address, not even the user agent.
 */
export async function recordView(
  db: Db,
  paperId: string,
  userAgent: string | null | undefined,
  now: Date,
): Promise<boolean> {
  if (isBotAgent(userAgent)) return false;
  const at = now.toISOString();
  await db.kysely
    .insertInto('page_views')
    .values({ paper_id: paperId, day: at.slice(0, 10), views: 1, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['paper_id', 'day']).doUpdateSet((eb) => ({
        views: eb('page_views.views', '+', 1),
        updated_at: at,
      })),
    )
    .execute();
  return true;
}
