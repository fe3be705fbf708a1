import type { Runtime } from '../runtime.ts';

/** What the digest services use from the runtime. */
export type DigestDeps = Pick<Runtime, 'config' | 'db' | 'clock' | 'logger' | 'secret' | 'mailer'> &
  Partial<Pick<Runtime, 'search'>>;

/** Where links in mail point, from the runtime. */
export function mailSite(deps: DigestDeps) {
  return { baseUrl: deps.config.baseUrl, from: deps.config.mail.from, secret: deps.secret };
}

/**
 * Keyword topics and saved queries through the search service (stemming, phrases), limited to
 * the period's days; without a search service topics are matched word by word instead.
 */
export function topicSearchOf(deps: DigestDeps) {
  const search = deps.search;
  if (!search) return undefined;
  return async (term: string, content: { period: { from: string; to: string } }) => {
    const result = await search.search({
      q: term,
      mode: 'keyword',
      from: content.period.from,
      to: content.period.to,
      limit: 100,
    });
    return new Set(result.hits.map((h) => h.paper.id));
  };
}
