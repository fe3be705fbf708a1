/**
 * Builds the bundled demo corpus, demo/papers.jsonl.gz, from the shared real data beside the
 * checkout (../shared/data): the last weeks of arXiv's CS announcements and the last months of
 * Hugging Face daily lists (upvotes, comments, submitters, organizations, code and stars,
 * generated summaries and keywords). Deterministic: the same input gives the same bytes.
 *
 *   npm run demo:build [-- --data ../shared/data --out demo/papers.jsonl.gz]
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';

/** arXiv announcements from this day on (June 2026 and 1 July, where the data ends). */
const ARXIV_FROM = '2026-06-01';
/** Hugging Face daily lists from this day on (about six months, to 21 August 2026). */
const HF_FROM = '2026-02-23';

type Json = Record<string, unknown>;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

async function* jsonLines(file: string): AsyncGenerator<Json> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity }))
    if (line.trim()) yield JSON.parse(line) as Json;
}

/** Keeps the fields Folio reads from a Hugging Face entry, in a fixed order. */
function slimHfEntry(e: Json): Json {
  const p = e.paper as Json;
  const pick = (o: unknown, keys: string[]) =>
    o && typeof o === 'object'
      ? Object.fromEntries(
          keys.flatMap((k) => ((o as Json)[k] == null ? [] : [[k, (o as Json)[k]]])),
        )
      : undefined;
  const paper = {
    ...pick(p, ['id', 'title', 'summary', 'publishedAt', 'submittedOnDailyAt', 'upvotes']),
    authors: (p.authors as Json[]).map((a) => ({ name: a.name })),
    ...pick(p, [
      'githubRepo',
      'githubStars',
      'projectPage',
      'ai_summary',
      'ai_keywords',
      'mediaUrls',
    ]),
  };
  const out: Json = { day: e.day, paper, numComments: e.numComments };
  for (const key of ['thumbnail', 'mediaUrl', 'mediaUrls']) if (e[key] != null) out[key] = e[key];
  const submitter = pick(e.submittedBy ?? p.submittedOnDailyBy, ['name', 'fullname', 'avatarUrl']);
  if (submitter) out.submittedBy = submitter;
  const organization = pick(e.organization ?? p.organization, ['name', 'fullname', 'avatar']);
  if (organization) out.organization = organization;
  return out;
}

/** Keeps the daily-listing fields of an arXiv record. */
function slimArxiv(r: Json): Json {
  const out: Json = {};
  for (const key of ['id', 'title', 'summary', 'authors', 'categories', 'comment', 'listing_date'])
    if (r[key] != null) out[key] = r[key];
  return out;
}

async function main() {
  const data = path.resolve(option('data', path.join('..', 'shared', 'data')));
  const out = path.resolve(option('out', path.join('demo', 'papers.jsonl.gz')));
  const arxivFile = path.join(data, 'arxiv-daily-cs', 'papers.jsonl.gz');
  const hfFile = path.join(data, 'hf-daily-archive', 'hf-daily-archive.jsonl.gz');
  for (const file of [arxivFile, hfFile])
    if (!fs.existsSync(file)) {
      console.error(`demo:build needs ${file} (the shared data folder, --data DIR)`);
      process.exit(2);
    }
  const lines: string[] = [];
  const arxiv: Json[] = [];
  for await (const r of jsonLines(arxivFile))
    if (String(r.listing_date) >= ARXIV_FROM) arxiv.push(slimArxiv(r));
  arxiv.sort(
    (a, b) =>
      String(a.listing_date).localeCompare(String(b.listing_date)) ||
      String(a.id).localeCompare(String(b.id)),
  );
  for (const r of arxiv) lines.push(JSON.stringify(r));
  // Entries keep the archive's order (days ascending, the API's order within a day).
  let entries = 0;
  let lastDay = '';
  for await (const e of jsonLines(hfFile)) {
    if (String(e.day) < HF_FROM) continue;
    lines.push(JSON.stringify(slimHfEntry(e)));
    entries++;
    lastDay = String(e.day);
  }
  const body = zlib.gzipSync(Buffer.from(lines.join('\n') + '\n'), { level: 9 });
  fs.writeFileSync(out, body);
  console.log(
    `${path.relative(process.cwd(), out)}: ${arxiv.length} arXiv papers (${ARXIV_FROM} →), ` +
      `${entries} Hugging Face entries (${HF_FROM} → ${lastDay}), ${(body.length / 1e6).toFixed(1)} MB`,
  );
}

await main();
