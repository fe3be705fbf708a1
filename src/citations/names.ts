/** An author's name split the way citation formats want it. */
export interface PersonName {
  family: string;
  given: string;
  /** A lower-case particle kept before the family name ("van" in "van Beethoven"). */
  particle?: string;
  /** "Jr.", "III": printed after the given names by BibTeX and CSL. */
  suffix?: string;
  /** Set when the name cannot be split (a single word or an organisation). */
  literal?: string;
}

// Particles that belong to the family name: "Ludwig van Beethoven" → "van Beethoven",
// "A. Del Maestro" → "Del Maestro", "Juan Carlos Dos Santos" → "Dos Santos".
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'degli',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'la',
  'las',
  'le',
  'los',
  'ter',
  'ten',
  'bin',
  'ibn',
  'al',
  'el',
  'st.',
  'y',
]);
const SUFFIX = /^(jr\.?|sr\.?|ii|iii|iv)$/i;
// Authors that are groups, not people: cited as written.
const COLLECTIVE =
  /\b(collaboration|consortium|team|group|project|initiative|committee|et al\.?)$|^the\s/i;

/** Splits "Given Middle Family" into family and given names; a one-word name stays literal. */
export function splitName(name: string): PersonName {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean.includes(',')) {
    const [family = '', ...rest] = clean.split(',');
    return { family: family.trim(), given: rest.join(',').trim() };
  }
  const words = clean.split(' ').filter(Boolean);
  if (words.length === 0) return { family: '', given: '', literal: '' };
  if (words.length === 1 || COLLECTIVE.test(clean))
    return { family: clean, given: '', literal: clean };
  let end = words.length;
  let suffix = '';
  if (end > 2 && SUFFIX.test(words[end - 1]!)) {
    suffix = words[end - 1]!;
    end--;
  }
  // A particle needs a given name before it: "Van Tran" and "Di Wu" are given + family.
  let start = end - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!.toLowerCase())) start--;
  const familyWords = words.slice(start, end);
  const given = words.slice(0, start).join(' ');
  // Lower-case particles are BibTeX's "von" part; capitalised ones are part of the family name.
  let lead = 0;
  while (lead < familyWords.length - 1 && /^[a-z]/.test(familyWords[lead]!)) lead++;
  const name_: PersonName = { family: familyWords.slice(lead).join(' '), given };
  if (lead > 0) name_.particle = familyWords.slice(0, lead).join(' ');
  if (suffix) name_.suffix = suffix;
  return name_;
}

/** The family name with its particle, as it is sorted and cited ("van Beethoven"). */
export function fullFamily(name: PersonName): string {
  return name.particle ? `${name.particle} ${name.family}` : name.family;
}

/** "Family, Given" (or the literal name), the form BibTeX, RIS and Highwire all read reliably. */
export function invertedName(name: string): string {
  const parts = splitName(name);
  if (parts.literal !== undefined) return parts.literal;
  const given = parts.given + (parts.suffix ? `, ${parts.suffix}` : '');
  return given ? `${fullFamily(parts)}, ${given}` : fullFamily(parts);
}
