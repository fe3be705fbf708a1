import type { Paper } from '../domain/paper.ts';

/** Year, month and day a paper is cited by: its first version, else its listing day, else its id. */
export function citationDate(paper: Paper): { year: number; month: number; day: number | null } {
  const iso = paper.publishedAt ?? paper.versions[0]?.date ?? paper.listingDate;
  if (iso) {
    const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
    if (!Number.isNaN(date.getTime()))
      return {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
      };
  }
  // New-style ids start with YYMM; old-style ones end with YYMMNNN.
  const yymm = /^(\d{2})(\d{2})\./.exec(paper.id) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(paper.id);
  const yy = Number(yymm?.[1] ?? 0);
  return {
    year: yy >= 91 ? 1900 + yy : 2000 + yy,
    month: Number(yymm?.[2] ?? 1),
    day: null,
  };
}

/** YYYY/MM/DD (or YYYY/MM when the day is unknown), as Highwire and RIS write dates. */
export function slashDate(d: { year: number; month: number; day: number | null }): string {
  const mm = String(d.month).padStart(2, '0');
  return d.day === null ? `${d.year}/${mm}` : `${d.year}/${mm}/${String(d.day).padStart(2, '0')}`;
}
