import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { PersonalServices } from '../library/library.setup.ts';
import type { SearchService } from '../search/search.service.ts';

/** What the digest services use: configuration, the store, clock, logger, signing secret, mail. */
export interface DigestDeps {
  config: Readonly<Config>;
  db: Db;
  clock: Clock;
  logger: Logger;
  secret: string;
  mailer: Mailer;
  /** Topic matching through search (stemming, phrases); word by word without it. */
  search?: Pick<SearchService, 'search'>;
  /** A member's follows and "For you", for the personal sections of their digest. */
  personal?: Pick<PersonalServices, 'follows' | 'recommendations'>;
}

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
