/** An author's name split the way citation formats want it. */
export interface PersonName {
  family: string;
  given: string;
  /** Set when the name cannot be split (a single word or an organisation). */
  literal?: string;
}

// Lower-case particles that belong to the family name ("Ludwig van Beethoven" → "van Beethoven").
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'bin',
  'al',
]);
const SUFFIX = /^(jr\.?|sr\.?|ii|iii|iv)$/i;

/** Splits "Given Middle Family" into family and given names; a one-word name stays literal. */
export function splitName(name: string): PersonName {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (name.includes(',')) {
    const [family = '', ...rest] = name.split(',');
    return { family: family.trim(), given: rest.join(',').trim() };
  }
  if (words.length === 1 && words[0]!.length > 0) {
    return { family: words[0]!, given: '', literal: words[0]! };
  }
  if (words.length === 0) return { family: '', given: '', literal: '' };
  let end = words.length;
  let suffix = '';
  if (end > 2 && SUFFIX.test(words[end - 1]!)) {
    suffix = words[end - 1]!;
    end--;
  }
  let start = end - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!)) start--;
  const family = words.slice(start, end).join(' ');
  const given = words.slice(0, start).join(' ') + (suffix ? `, ${suffix}` : '');
  return { family, given };
}

/** "Family, Given" (or the literal name), the form BibTeX, RIS and Highwire all read reliably. */
export function invertedName(name: string): string {
  const parts = splitName(name);
  if (parts.literal !== undefined) return parts.literal;
  return parts.given ? `${parts.family}, ${parts.given}` : parts.family;
}
