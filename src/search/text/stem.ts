/**
 * The Porter (1980) stemmer, as SQLite's FTS5 `porter` tokenizer applies it, so that highlights
 * and the built-in embedder see the same word forms as the keyword index.
 */
export function stem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  let known = memo.get(word);
  if (known === undefined) {
    // Highlighting stems every word of every hit; the vocabulary repeats, so remember.
    if (memo.size >= 100_000) memo.clear();
    known = porter(word);
    memo.set(word, known);
  }
  return known;
}

const memo = new Map<string, string>();

function porter(word: string): string {
  let w = word;
  w = step1a(w);
  w = step1b(w);
  w = step1c(w);
  w = step2(w);
  w = step3(w);
  w = step4(w);
  w = step5(w);
  return w;
}

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
}

/** m: the number of VC sequences in the stem. */
function measure(s: string): number {
  let n = 0;
  let i = 0;
  const len = s.length;
  while (i < len && isConsonant(s, i)) i++;
  while (i < len) {
    while (i < len && !isConsonant(s, i)) i++;
    if (i >= len) break;
    while (i < len && isConsonant(s, i)) i++;
    n++;
  }
  return n;
}

function hasVowel(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isConsonant(s, i)) return true;
  return false;
}

function endsDoubleConsonant(s: string): boolean {
  const n = s.length;
  return n >= 2 && s[n - 1] === s[n - 2] && isConsonant(s, n - 1);
}

/** *o: stem ends consonant-vowel-consonant, the last not w, x or y. */
function endsCvc(s: string): boolean {
  const n = s.length;
  if (n < 3) return false;
  if (!isConsonant(s, n - 1) || isConsonant(s, n - 2) || !isConsonant(s, n - 3)) return false;
  const c = s[n - 1];
  return c !== 'w' && c !== 'x' && c !== 'y';
}

function step1a(w: string): string {
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ies')) return w.slice(0, -2);
  if (w.endsWith('ss')) return w;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

function step1b(w: string): string {
  if (w.endsWith('eed')) {
    const s = w.slice(0, -3);
    return measure(s) > 0 ? w.slice(0, -1) : w;
  }
  let s: string | null = null;
  if (w.endsWith('ed')) s = w.slice(0, -2);
  else if (w.endsWith('ing')) s = w.slice(0, -3);
  if (s === null || !hasVowel(s)) return w;
  if (s.endsWith('at') || s.endsWith('bl') || s.endsWith('iz')) return s + 'e';
  if (endsDoubleConsonant(s) && !/[lsz]$/.test(s)) return s.slice(0, -1);
  if (measure(s) === 1 && endsCvc(s)) return s + 'e';
  return s;
}

function step1c(w: string): string {
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) return w.slice(0, -1) + 'i';
  return w;
}

const STEP2: [string, string][] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
];

const STEP3: [string, string][] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];

function replaceSuffix(w: string, rules: [string, string][], minMeasure: number): string {
  for (const [suffix, replacement] of rules) {
    if (w.endsWith(suffix)) {
      const s = w.slice(0, -suffix.length);
      return measure(s) > minMeasure ? s + replacement : w;
    }
  }
  return w;
}

function step2(w: string): string {
  return replaceSuffix(w, STEP2, 0);
}

function step3(w: string): string {
  return replaceSuffix(w, STEP3, 0);
}

const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
];

function step4(w: string): string {
  // Longest matching suffix decides (e.g. "ement" before "ment" before "ent").
  let best: string | null = null;
  for (const suffix of STEP4) {
    if (w.endsWith(suffix) && (!best || suffix.length > best.length)) best = suffix;
  }
  if (!best) return w;
  const s = w.slice(0, -best.length);
  if (measure(s) <= 1) return w;
  if (best === 'ion' && !/[st]$/.test(s)) return w;
  return s;
}

function step5(w: string): string {
  if (w.endsWith('e')) {
    const s = w.slice(0, -1);
    const m = measure(s);
    if (m > 1 || (m === 1 && !endsCvc(s))) w = s;
  }
  if (measure(w) > 1 && endsDoubleConsonant(w) && w.endsWith('l')) w = w.slice(0, -1);
  return w;
}
