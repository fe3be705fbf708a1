/**
 * Derivational variants of Porter stems. Porter strips inflections and many suffixes, but some
 * noun/adjective pairs keep apart: "molecules" → molecul and "molecular" → molecular, "biology" →
 * biologi and "biological" → biolog. Mapping both to one root lets a query in one form reach
 * papers written in the other. Only suffix pairs checked on SciFact's and arXiv's vocabularies
 * are joined; pairs whose meanings differ ("regular"/"regulation") are kept apart.
 */

/** -ular adjectives whose -ul- root is another word (regulate, circulate, population, particle). */
const ULAR_APART: ReadonlySet<string> = new Set([
  'regular',
  'irregular',
  'circular',
  'popular',
  'particular',
  'singular',
]);

/** -y nouns whose adjective drops the y: biology/biological, geometry/geometric, anatomy/anatomic. */
const Y_NOUN = /(log|metr|nom|tom|ph|scop|path|trop)i$/;

/** The root a Porter stem shares with its derivational variants (itself when it has none). */
export function derivationalRoot(stem: string): string {
  if (stem.length > 6 && stem.endsWith('ular') && !ULAR_APART.has(stem)) return stem.slice(0, -2);
  if (stem.length > 5 && Y_NOUN.test(stem)) return stem.slice(0, -1);
  return stem;
}
