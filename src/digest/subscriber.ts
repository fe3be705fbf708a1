/** What a digest subscription is, as the rest of Folio sees it (never a database row). */

export type Frequency = 'daily' | 'weekly';
export type SubscriberStatus = 'pending' | 'active' | 'paused' | 'unsubscribed' | 'bouncing';

/** What a subscriber wants beside the trending papers; all parts optional. */
export interface Topics {
  /** arXiv categories such as `cs.LG`. */
  categories: string[];
  /** Words or phrases matched in titles and abstracts. */
  keywords: string[];
  /** A saved search query, run over the period's papers. */
  query: string | null;
}

export interface Preferences {
  frequency: Frequency;
  topics: Topics;
  /** IANA time zone, e.g. `Europe/Paris`. */
  timeZone: string;
}

export interface Subscriber extends Preferences {
  id: number;
  email: string;
  status: SubscriberStatus;
  userId: number | null;
  /** Part of every manage link; changing it revokes the old links. */
  manageKey: string;
  /** When the next digest is due (ISO-8601 UTC), for active subscribers. */
  nextDueAt: string | null;
  bounceCount: number;
  createdAt: string;
  confirmedAt: string | null;
}

export const NO_TOPICS: Topics = Object.freeze({ categories: [], keywords: [], query: null });

/** True when the subscriber asked for anything beyond the trending papers. */
export function hasTopics(topics: Topics): boolean {
  return topics.categories.length > 0 || topics.keywords.length > 0 || topics.query !== null;
}
