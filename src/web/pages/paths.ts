/** Addresses of the site's pages, built in one place. */
export const paperPath = (id: string) => `/papers/${id}`;
export const dayPath = (day: string) => `/papers/date/${day}`;
export const weekPath = (week: string) => `/papers/week/${week}`;
export const monthPath = (month: string) => `/papers/month/${month}`;
export const userPath = (name: string) => `/users/${encodeURIComponent(name)}`;
export const signInPath = (next?: string) =>
  next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';

/** A same-site path to return to, or the fallback (never another origin). */
export function safeNext(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//'))
    return fallback;
  if (value.length > 500 || /[\\\s]/.test(value)) return fallback;
  return value;
}
/** An author's page: their papers in this store, newest first. */
export const authorPath = (name: string) => `/authors/${encodeURIComponent(name)}`;
/** A search for a keyword as a phrase. */
export const keywordSearchPath = (keyword: string) =>
  `/papers?q=${encodeURIComponent(`"${keyword.replace(/"/g, '')}"`)}`;
