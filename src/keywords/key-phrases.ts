/**
 * Key phrases of a paper from its title and abstract, scored against statistics learned from the
 * store (how many papers use each phrase), not a fixed list. Candidates are the runs of words
 * between stopwords and punctuation (RAKE's candidates) and their 1- to 3-word n-grams; a phrase
 * scores by how often the paper uses it (title counting double) times how rare it is in the store
 * (IDF), longer phrases favoured; phrases inside a chosen longer one are dropped.
 */

/** Document frequencies of candidate phrases over a corpus. */
export interface PhraseStats {
  papers: number;
  df: Map<string, number>;
}

const MAX_N = 3;
// Words that end a candidate phrase: function words and the filler verbs of abstracts.
const STOP = new Set(
  `a about above across after again against all almost also although always among an and another any
  are around as at be because been before being below between both but by can could did do does
  done doing down during each either enough especially etc even ever every few for from further
  had has have having here how however i if in into is it its itself just least less like made
  make makes many may more most much must neither no nor not now of off often on once one only or
  other others otherwise our ours out over own per perhaps rather same several shall should show
  shows shown since so some such than that the their them then there thereby therefore these they
  this those though through thus to too toward towards under until up upon us use used uses using
  very via was we were what when where whether which while who whom whose why will with within
  without would yet you your paper propose proposes proposed present presents presented introduce
  introduces introduced approach method methods novel new based study studies result results
  work works demonstrate demonstrates demonstrated achieve achieves achieved existing provide
  provides significantly significant various different well able first second two three via
  across given leads lead including include includes obtained obtain state art experiments
  experimental extensive outperforms outperform compared comparison respectively despite
  numerous`.split(/\s+/),
);
const TOKEN = /^[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*$/;
// Anything that is not a word, space or hyphen between words ends a run.
const BREAK = /[.,;:!?()[\]{}"“”'‘’/\\|<>=+*&%$#@^~`]|\s-\s|\s–\s|\s—\s/;

/** Runs of content words (lower-cased) with the surface form of each word as written. */
function candidateRuns(text: string): { words: string[]; surface: string[] }[] {
  const runs: { words: string[]; surface: string[] }[] = [];
  // TeX is not prose: drop math before splitting.
  const prose = text.replace(/\$[^$]*\$/g, ' . ');
  for (const chunk of prose.split(BREAK)) {
    let run: { words: string[]; surface: string[] } = { words: [], surface: [] };
    // A word that is not a plain word ("3D", "x2", "--") ends the run like a stopword does.
    for (const word of chunk.split(/\s+/).filter(Boolean)) {
      const lower = word.toLowerCase();
      if (!TOKEN.test(word) || STOP.has(lower) || lower.length < 2) {
        if (run.words.length > 0) runs.push(run);
        run = { words: [], surface: [] };
        continue;
      }
      run.words.push(lower);
      run.surface.push(word);
    }
    if (run.words.length > 0) runs.push(run);
  }
  return runs;
}

/** Every n-gram (1 to 3 words) of the candidate runs, once per paper. */
export function paperPhrases(title: string, abstract: string): Set<string> {
  const out = new Set<string>();
  for (const run of candidateRuns(`${title}. ${abstract}`))
    for (let n = 1; n <= MAX_N; n++)
      for (let i = 0; i + n <= run.words.length; i++) out.add(run.words.slice(i, i + n).join(' '));
  return out;
}

/**
 * Counts in how many papers each phrase occurs, one paper at a time, so a pass over a large store
 * can let other work in between papers.
 */
export class PhraseCounter {
  private readonly df = new Map<string, number>();
  private papers = 0;

  add(paper: { title: string; abstract: string }): void {
    this.papers++;
    for (const phrase of paperPhrases(paper.title, paper.abstract))
      this.df.set(phrase, (this.df.get(phrase) ?? 0) + 1);
  }

  /** The statistics of the papers added; ends the count (nothing is added after it). */
  stats(): PhraseStats {
    // Phrases one paper alone uses say nothing shared; dropping them keeps the table small.
    for (const [phrase, n] of this.df) if (n < 2) this.df.delete(phrase);
    return { papers: this.papers, df: this.df };
  }
}

/** Counts in how many papers each phrase occurs. */
export function buildPhraseStats(
  papers: Iterable<{ title: string; abstract: string }>,
): PhraseStats {
  const counter = new PhraseCounter();
  for (const p of papers) counter.add(p);
  return counter.stats();
}

/** The paper's best key phrases, most telling first, written as the paper writes them. */
export function extractKeyPhrases(
  title: string,
  abstract: string,
  stats: PhraseStats,
  limit = 5,
): string[] {
  const tf = new Map<string, number>();
  const surface = new Map<string, string>();
  const count = (text: string, weight: number) => {
    for (const run of candidateRuns(text))
      for (let n = 1; n <= MAX_N; n++)
        for (let i = 0; i + n <= run.words.length; i++) {
          const phrase = run.words.slice(i, i + n).join(' ');
          tf.set(phrase, (tf.get(phrase) ?? 0) + weight);
          if (!surface.has(phrase)) surface.set(phrase, displayForm(run.surface.slice(i, i + n)));
        }
  };
  count(title, 2);
  count(abstract, 1);
  const scored: { phrase: string; score: number }[] = [];
  for (const [phrase, freq] of tf) {
    // Seen in this paper only (or never in the store): too idiosyncratic to describe or search.
    const df = stats.df.get(phrase) ?? 0;
    if (df < 2) continue;
    const words = phrase.split(' ').length;
    // Single words must recur here and be specific: short or common ones describe nothing.
    if (words === 1 && (phrase.length < 4 || freq < 2)) continue;
    if (words > 1 && !nounLike(phrase)) continue;
    const share = df / Math.max(1, stats.papers);
    if (share > 0.08) continue;
    const idf = Math.log(stats.papers / df);
    scored.push({ phrase, score: freq * idf * Math.sqrt(words) });
  }
  scored.sort((a, b) => b.score - a.score || a.phrase.localeCompare(b.phrase));
  const chosen: string[] = [];
  for (const { phrase } of scored) {
    if (chosen.length >= limit) break;
    // One idea once: skip a phrase inside (or around) one already chosen, or the same word
    // in another form ("vectorized" after "vectorization").
    if (chosen.some((c) => contains(c, phrase) || contains(phrase, c) || sameStem(c, phrase)))
      continue;
    chosen.push(phrase);
  }
  return chosen.map((p) => surface.get(p) ?? p);
}

// Abstract prose puts verbs and adverbs at a phrase's edges ("improves factual grounding",
// "uncertainty becomes critical"); key phrases are noun phrases, so such edges disqualify.
const VERB_EDGE = /^(?:\w{3,}(?:ing|ed|es|izes|ises)|\w+ly)$/;
function nounLike(phrase: string): boolean {
  const words = phrase.split(' ');
  return (
    !VERB_EDGE.test(words[0]!) &&
    !/^\w+ly$/.test(words.at(-1)!) &&
    !words.some((w) =>
      /^(?:becomes?|remains?|enables?|allows?|yields?|improves?|enforces?|requires?|relies?|makes?|offers?|collects?|performs?|knows?|brings?|extends?|maximi[sz]es?|struggles?|handles?)$/.test(
        w,
      ),
    )
  );
}

// The same word in another form ("vectorized" after "vectorization"), or the same phrase in
// the singular or plural ("rubric" after "rubrics", "agentic benchmark" after "… benchmarks").
const sameStem = (a: string, b: string) =>
  singular(a) === singular(b) ||
  (!a.includes(' ') && !b.includes(' ') && a.slice(0, 7) === b.slice(0, 7) && a.length >= 7);
const singular = (phrase: string) => phrase.replace(/([^s])s$/, '$1');

// Hyphenated words count as their parts: "retrieval" is inside "retrieval-augmented generation".
const asWords = (phrase: string) => ` ${phrase.replace(/[-']/g, ' ')} `;
const contains = (outer: string, inner: string) => asWords(outer).includes(asWords(inner));

// Acronyms and mixed case ("LLMs", "GPT-4", "BERT") stay as written; other words lower-case.
function displayForm(words: string[]): string {
  return words.map((w) => (/[A-Z].*[A-Z]|[a-z][A-Z]/.test(w) ? w : w.toLowerCase())).join(' ');
}
