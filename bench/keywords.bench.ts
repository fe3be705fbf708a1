/**
 * How extracted key phrases compare with Hugging Face's own keywords (`ai_keywords`) on the
 * real daily lists in ../shared/data/hf-daily-archive: statistics are learned from all of the
 * archive's papers, as a store holding them would; each paper with HF keywords is compared
 * phrase by phrase. Writes bench/results/keywords.json and a 50-paper sample to read
 * (bench/results/keywords-sample.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import {
  buildPhraseStats,
  extractKeyPhrases,
  type PhraseStats,
} from '../src/keywords/key-phrases.ts';
import { sharedFile } from '../test/support/shared-data.ts';
import { machine, round, writeResult } from './support/report.ts';

interface ArchivePaper {
  id: string;
  title: string;
  abstract: string;
  hf: string[];
}

const ARCHIVE = sharedFile('hf-daily-archive', 'hf-daily-archive.jsonl.gz');
const SAMPLE = 50;

async function readArchive(): Promise<ArchivePaper[]> {
  const byId = new Map<string, ArchivePaper>();
  const lines = readline.createInterface({
    input: fs.createReadStream(ARCHIVE).pipe(zlib.createGunzip()),
  });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as {
      paper: { id: string; title?: string; summary?: string; ai_keywords?: unknown };
      title?: string;
    };
    const p = entry.paper;
    const hf = Array.isArray(p.ai_keywords)
      ? p.ai_keywords.filter((k): k is string => typeof k === 'string' && k.trim() !== '')
      : [];
    byId.set(p.id, {
      id: p.id,
      title: (p.title ?? entry.title ?? '').replace(/\s+/g, ' ').trim(),
      abstract: (p.summary ?? '').replace(/\s+/g, ' ').trim(),
      hf,
    });
  }
  return [...byId.values()];
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
// Crude stem: enough to match "transformers" with "transformer", "models" with "model".
const stem = (w: string) => w.replace(/(ies|es|s)$/, '');
const words = (s: string) => new Set(norm(s).split(' ').filter(Boolean).map(stem));

/** Exact: the same phrase. Overlapping: one's words all inside the other's (either way). */
function matchKind(ours: string, theirs: string): 'exact' | 'overlap' | null {
  if (norm(ours) === norm(theirs)) return 'exact';
  const a = words(ours);
  const b = words(theirs);
  const inside = (x: Set<string>, y: Set<string>) => [...x].every((w) => y.has(w));
  return a.size > 0 && b.size > 0 && (inside(a, b) || inside(b, a)) ? 'overlap' : null;
}

function compare(papers: ArchivePaper[], stats: PhraseStats) {
  let ours = 0;
  let oursExact = 0;
  let oursLoose = 0;
  let theirs = 0;
  let theirsLoose = 0;
  let papersWithMatch = 0;
  let papersWithKeywords = 0;
  const rows: { paper: ArchivePaper; extracted: string[] }[] = [];
  for (const paper of papers) {
    const extracted = extractKeyPhrases(paper.title, paper.abstract, stats, 5);
    rows.push({ paper, extracted });
    if (extracted.length > 0) papersWithKeywords++;
    if (paper.hf.length === 0) continue;
    let any = false;
    for (const phrase of extracted) {
      ours++;
      const kinds = paper.hf.map((k) => matchKind(phrase, k));
      if (kinds.includes('exact')) oursExact++;
      if (kinds.some((k) => k !== null)) {
        oursLoose++;
        any = true;
      }
    }
    for (const k of paper.hf) {
      theirs++;
      if (extracted.some((phrase) => matchKind(phrase, k) !== null)) theirsLoose++;
    }
    if (any) papersWithMatch++;
  }
  return {
    rows,
    ours,
    oursExact,
    oursLoose,
    theirs,
    theirsLoose,
    papersWithMatch,
    papersWithKeywords,
  };
}

const started = performance.now();
const papers = await readArchive();
const stats = buildPhraseStats(papers);
const learnedMs = performance.now() - started;
const result = compare(papers, stats);
const withHf = papers.filter((p) => p.hf.length > 0);
const pct = (n: number, d: number) => round((100 * n) / Math.max(1, d), 1);
const figures = {
  papers: papers.length,
  papersWithHfKeywords: withHf.length,
  papersWithExtractedKeywords: pct(result.papersWithKeywords, papers.length),
  extractedPerPaper: round(result.ours / Math.max(1, withHf.length), 2),
  hfPerPaper: round(result.theirs / Math.max(1, withHf.length), 2),
  extractedMatchingHfExactly: pct(result.oursExact, result.ours),
  extractedOverlappingHf: pct(result.oursLoose, result.ours),
  hfFoundByExtracted: pct(result.theirsLoose, result.theirs),
  papersWithAnOverlap: pct(result.papersWithMatch, withHf.length),
};
console.log(`keywords vs Hugging Face's ai_keywords (${ARCHIVE})`);
console.table([
  { figure: 'papers (distinct)', value: figures.papers },
  { figure: 'papers with HF keywords', value: figures.papersWithHfKeywords },
  { figure: '% papers with ≥1 extracted phrase', value: figures.papersWithExtractedKeywords },
  { figure: 'extracted per paper (HF-keyword papers)', value: figures.extractedPerPaper },
  { figure: 'HF keywords per paper', value: figures.hfPerPaper },
  { figure: '% extracted equal to an HF keyword', value: figures.extractedMatchingHfExactly },
  { figure: '% extracted overlapping an HF keyword', value: figures.extractedOverlappingHf },
  { figure: '% HF keywords overlapped by an extracted one', value: figures.hfFoundByExtracted },
  { figure: '% papers with ≥1 overlap', value: figures.papersWithAnOverlap },
  { figure: 'learn + extract time (s)', value: round((performance.now() - started) / 1000, 1) },
]);

// An evenly spaced sample of papers that have HF keywords, to read side by side.
const step = Math.max(1, Math.floor(withHf.length / SAMPLE));
const byId = new Map(result.rows.map((r) => [r.paper.id, r.extracted]));
const sample = withHf.filter((_, i) => i % step === 0).slice(0, SAMPLE);
const md = [
  '# Extracted key phrases beside Hugging Face’s keywords (50 papers)',
  '',
  ...sample.flatMap((p) => [
    `## ${p.id} — ${p.title}`,
    '',
    `- extracted: ${(byId.get(p.id) ?? []).join(' · ') || '(none)'}`,
    `- Hugging Face: ${p.hf.join(' · ')}`,
    '',
  ]),
].join('\n');
const samplePath = path.resolve(import.meta.dirname, 'results', 'keywords-sample.md');
fs.writeFileSync(samplePath, md);
const out = writeResult('keywords', {
  machine: machine(),
  archive: 'hf-daily-archive.jsonl.gz',
  learnMs: round(learnedMs),
  ...figures,
  sample: sample.map((p) => ({ id: p.id, extracted: byId.get(p.id), hf: p.hf })),
});
console.log(`wrote ${out} and ${samplePath}`);
