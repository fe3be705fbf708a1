import { expect } from 'vitest';

/** One page of a listing: the ids on it and the total the listing reports. */
export interface Page {
  ids: string[];
  total: number;
}

/**
 * Reads every page of a listing, `size` at a time, and checks what paging promises: each page
 * reports the same total, every page but the last is full, no id shows up twice, the pages
 * together hold exactly `total` ids, and the page past the end is empty. Returns the ids in order.
 */
export async function pageToEnd(
  read: (offset: number, size: number) => Promise<Page>,
  size: number,
  label = 'listing',
): Promise<string[]> {
  const first = await read(0, size);
  const total = first.total;
  const all = [...first.ids];
  for (let offset = size; offset < total; offset += size) {
    const page = await read(offset, size);
    expect(page.total, `${label}: total at offset ${offset}`).toBe(total);
    expect(page.ids.length, `${label}: page at offset ${offset}`).toBe(
      Math.min(size, total - offset),
    );
    all.push(...page.ids);
  }
  expect(first.ids.length, `${label}: first page`).toBe(Math.min(size, total));
  const repeated = all.filter((id, i) => all.indexOf(id) !== i);
  expect(repeated, `${label}: ids on more than one page`).toEqual([]);
  expect(all, `${label}: the pages hold the total`).toHaveLength(total);
  const past = await read(Math.ceil(total / size) * size, size);
  expect(past.ids, `${label}: past the last page`).toEqual([]);
  return all;
}

/**
 * Follows an API listing's `Link: <…>; rel="next"` from its first page to its last, checking the
 * same promises as `pageToEnd` (and that `nextCursor` agrees with the link). Returns the ids.
 */
export async function followNextLinks(
  request: (path: string) => Response | Promise<Response>,
  firstPath: string,
  ids: (body: { total: number; nextCursor: string | null }) => string[],
): Promise<string[]> {
  const all: string[] = [];
  let path: string | null = firstPath;
  let total: number | null = null;
  let pages = 0;
  while (path) {
    const res = await request(path);
    expect(res.status, path).toBe(200);
    const body = (await res.json()) as { total: number; nextCursor: string | null };
    total ??= body.total;
    expect(body.total, `${path}: total`).toBe(total);
    all.push(...ids(body));
    const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
    expect(next === null, `${path}: Link rel=next agrees with nextCursor`).toBe(
      body.nextCursor === null,
    );
    path = next ? new URL(next).pathname + new URL(next).search : null;
    if (++pages > 1000) throw new Error(`${firstPath}: more than 1000 pages`);
  }
  const repeated = all.filter((id, i) => all.indexOf(id) !== i);
  expect(repeated, `${firstPath}: ids on more than one page`).toEqual([]);
  expect(all, `${firstPath}: the pages hold the total`).toHaveLength(total ?? 0);
  return all;
}
