import { cleanInline } from '../domain/text.ts';
import type { Paper } from '../domain/paper.ts';
import type { Frequency, Preferences, Topics } from './subscriber.ts';

/** Limits on what a subscriber can ask for; more than this is refused with a message. */
export const TOPIC_LIMITS = { categories: 20, keywords: 20, keyword: 60, query: 200 } as const;

const CATEGORY = /^[a-z]{2,10}(?:-[a-z]{2,10})?(?:\.[A-Za-z]{2,6})?$/;
const ZONE_NAME = /^[A-Za-z0-9_+\-/]{1,64}$/;

/** A preference that does not fit, named for the form field it came from. */
export class InvalidPreferenceError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidPreferenceError';
  }
}

/** Raw form values: each field a string or a list of strings (repeated checkboxes). */
export type PreferenceInput = Partial<
  Record<'frequency' | 'categories' | 'keywords' | 'query' | 'timeZone', string | string[]>
>;

/** Validates form input into preferences; missing fields take the defaults (daily, UTC, no topics). */
export function parsePreferences(input: PreferenceInput): Preferences {
  const frequency = first(input.frequency) ?? 'daily';
  if (frequency !== 'daily' && frequency !== 'weekly')
    throw new InvalidPreferenceError('frequency', 'Choose daily or weekly.');
  return {
    frequency: frequency as Frequency,
    timeZone: parseTimeZone(first(input.timeZone) || 'UTC'),
    topics: parseTopics(input),
  };
}

/** What the person typed, unvalidated but cut to size, to fill the form again after an error. */
export function typedPreferences(input: PreferenceInput): Preferences {
  const cut = (v: string, n: number) => v.slice(0, n);
  return {
    frequency: first(input.frequency) === 'weekly' ? 'weekly' : 'daily',
    timeZone: cut(first(input.timeZone) ?? 'UTC', 64),
    topics: {
      categories: splitList(input.categories)
        .slice(0, 50)
        .map((c) => cut(c, 40)),
      keywords: splitList(input.keywords)
        .slice(0, 50)
        .map((k) => cut(k, TOPIC_LIMITS.keyword * 2)),
      query: cut(cleanInline(first(input.query) ?? ''), TOPIC_LIMITS.query * 2) || null,
    },
  };
}

/** Categories, keywords and query from form input, cleaned and de-duplicated. */
export function parseTopics(input: PreferenceInput): Topics {
  const categories = unique(splitList(input.categories));
  const bad = categories.find((c) => !CATEGORY.test(c));
  if (bad !== undefined)
    throw new InvalidPreferenceError(
      'categories',
      `"${bad.slice(0, 40)}" is not an arXiv category (such as cs.LG).`,
    );
  if (categories.length > TOPIC_LIMITS.categories)
    throw new InvalidPreferenceError(
      'categories',
      `Choose at most ${TOPIC_LIMITS.categories} categories.`,
    );
  const keywords = unique(splitList(input.keywords).map((k) => k.toLowerCase()));
  if (keywords.length > TOPIC_LIMITS.keywords)
    throw new InvalidPreferenceError(
      'keywords',
      `Enter at most ${TOPIC_LIMITS.keywords} keywords.`,
    );
  const long = keywords.find((k) => k.length > TOPIC_LIMITS.keyword);
  if (long !== undefined)
    throw new InvalidPreferenceError(
      'keywords',
      `A keyword has at most ${TOPIC_LIMITS.keyword} characters.`,
    );
  const query = cleanInline(first(input.query) ?? '');
  if (query.length > TOPIC_LIMITS.query)
    throw new InvalidPreferenceError(
      'query',
      `A search has at most ${TOPIC_LIMITS.query} characters.`,
    );
  return { categories, keywords, query: query === '' ? null : query };
}

/** The canonical IANA name of a time zone, or InvalidPreferenceError. */
export function parseTimeZone(value: string): string {
  const name = value.trim();
  if (ZONE_NAME.test(name)) {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      // fall through to the error below
    }
  }
  throw new InvalidPreferenceError(
    'timeZone',
    'Choose a time zone by its IANA name, such as Europe/Paris or America/New_York.',
  );
}

/** Every IANA time zone this runtime knows, for the form's suggestions. */
export function timeZoneNames(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}

/** A paper prepared once per run for matching against many subscribers' topics. */
export interface MatchablePaper {
  paper: Paper;
  categories: ReadonlySet<string>;
  /** Lower-cased title and abstract. */
  text: string;
}

export function toMatchable(paper: Paper): MatchablePaper {
  return {
    paper,
    categories: new Set(paper.categories),
    text: `${paper.title}\n${paper.abstract}`.toLowerCase(),
  };
}

/**
 * Which of a subscriber's topics a paper matches (the first one found), or null. `searchHits`
 * gives the ids the search service found for a keyword or the saved query over the period, or
 * null when no search service is available; then words are matched in title and abstract.
 */
export function matchTopic(
  p: MatchablePaper,
  topics: Topics,
  searchHits: (term: string) => ReadonlySet<string> | null = () => null,
): string | null {
  for (const category of topics.categories) if (p.categories.has(category)) return category;
  for (const keyword of topics.keywords) {
    const hits = searchHits(keyword);
    if (hits ? hits.has(p.paper.id) : containsWord(p.text, keyword)) return keyword;
  }
  if (topics.query !== null) {
    const hits = searchHits(topics.query);
    const hit = hits
      ? hits.has(p.paper.id)
      : queryTerms(topics.query).every((t) => containsWord(p.text, t));
    if (hit) return topics.query;
  }
  return null;
}

/** The plain terms of a saved query, for matching when no search service is available. */
export function queryTerms(query: string): string[] {
  return query
    .toLowerCase()
    .replace(/["()]/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '' && !['and', 'or', 'not'].includes(t))
    .map((t) => t.replace(/^[-+]/, ''))
    .filter((t) => t !== '');
}

/** True when `word` occurs in `text` not glued to other letters or digits. */
export function containsWord(text: string, word: string): boolean {
  if (word === '') return false;
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + word.length] ?? '';
    if (!isWordChar(before) && !isWordChar(after)) return true;
    from = at + 1;
  }
}

function isWordChar(ch: string): boolean {
  return ch !== '' && /[\p{L}\p{N}]/u.test(ch);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function splitList(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values
    .flatMap((v) => v.split(/[,\n]/))
    .map((v) => cleanInline(v))
    .filter((v) => v !== '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
