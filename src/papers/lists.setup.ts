import type { Db } from '../db/database.ts';
import { countPeriod, listPeriod, periodCategories } from './daily-list.ts';
import { listSubmittedBy } from './submitter-list.ts';

/** The daily, weekly and monthly lists, read with the store bound. */
export function createListsService(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** A period's list (curated or its arXiv papers), filtered, sorted and paged. */
    list: (...args: DropFirst<Parameters<typeof listPeriod>>) => listPeriod(db, ...args),
    /** How many papers a period's list holds under these filters. */
    count: (...args: DropFirst<Parameters<typeof countPeriod>>) => countPeriod(db, ...args),
    /** A period's most frequent categories, for the list page's filter. */
    categories: (...args: DropFirst<Parameters<typeof periodCategories>>) =>
      periodCategories(db, ...args),
    /** What one user put on any day's list, newest first. */
    submittedBy: (...args: DropFirst<Parameters<typeof listSubmittedBy>>) =>
      listSubmittedBy(db, ...args),
  };
}

export type ListsService = ReturnType<typeof createListsService>;

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;
