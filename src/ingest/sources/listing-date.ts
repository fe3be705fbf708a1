const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The announcement day (YYYY-MM-DD) from the first date given that can be read. The day is
 * taken as written, in the feed's own time zone: "Thu, 28 Nov 2024 00:00:00 -0500" is the 28th,
 * and so is "2024-11-28T00:00:00-05:00", although both are the 28th at 05:00 in UTC.
 */
export function feedDay(...dates: (string | null | undefined)[]): string | null {
  for (const date of dates) {
    const day = date ? readDay(date.trim()) : null;
    if (day) return day;
  }
  return null;
}

function readDay(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  // RFC 822: optional weekday, then "28 Nov 2024".
  const rfc = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(text);
  if (rfc) {
    const month = MONTHS.indexOf(rfc[2]!.toLowerCase()) + 1;
    return month > 0 ? valid(Number(rfc[3]), month, Number(rfc[1])) : null;
  }
  return null;
}

function valid(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
