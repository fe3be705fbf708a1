/**
 * Digest benchmark: the 74,728-paper arXiv corpus imported into a temporary SQLite store and
 * 10,000 confirmed subscribers, each with their own topics (categories, keywords, some a saved
 * search), all due. One digest round builds, renders and queues every personalised digest and
 * sends it over SMTP to a local counting sink (its own process). Beside it, a floor: nodemailer
 * sending one fixed digest-sized message the same number of times over the same pool size.
 *
 *   npm run bench:digest [-- --subscribers 10000] [-- --file other.jsonl.gz]
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { loadConfig, type Config } from '../src/config.ts';
import { createDb } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { buildDueDigests } from '../src/digest/digest-builder.ts';
import { topicSearchOf } from '../src/digest/digest-deps.ts';
import { deliverOutbox } from '../src/digest/delivery.ts';
import { importJsonl } from '../src/ingest/import-jsonl.ts';
import { silentLogger } from '../src/logger.ts';
import { smtpPoolOptions } from '../src/mail/mailer.ts';
import { openRuntime } from '../src/services.ts';
import { createPapersService } from '../src/papers/paper.service.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FILE =
  option('--file') ??
  path.resolve(ROOT, '..', 'shared', 'data', 'arxiv-daily-cs', 'papers.jsonl.gz');
const SUBSCRIBERS = Number(option('--subscribers') ?? 10_000);
// Thursday 2 July 2026, 12:00 UTC: the corpus's last listing day is 1 July.
const NOW = '2026-07-02T12:00:00.000Z';
const TARGETS = { messagesPerSecond: 200, peakRssMb: 500 };

const CATEGORIES = [
  'cs.AI',
  'cs.CL',
  'cs.CV',
  'cs.LG',
  'cs.RO',
  'cs.IR',
  'cs.NE',
  'stat.ML',
  'cs.CR',
  'cs.HC',
  'cs.SE',
  'cs.DC',
  'cs.MA',
  'cs.SD',
  'eess.IV',
  'eess.AS',
];
const KEYWORDS = [
  'diffusion',
  'transformer',
  'reinforcement learning',
  'retrieval',
  'benchmark',
  'robustness',
  'graph',
  'segmentation',
  'agents',
  'reasoning',
  'speech',
  'federated',
  'privacy',
  'distillation',
  'quantization',
  'multimodal',
  'alignment',
  'tokenizer',
  'planning',
  'navigation',
  'medical',
  'protein',
  'video',
  '3d',
  'point cloud',
  'contrastive',
  'few-shot',
  'hallucination',
  'code generation',
  'mixture of experts',
];
const QUERIES = [
  '"large language models" reasoning',
  'vision language',
  'neural radiance fields',
  'graph neural networks',
  'time series forecasting',
  'autonomous driving',
];
const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'America/Los_Angeles',
  'Australia/Sydney',
];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function startSink(): Promise<{
  child: ChildProcess;
  port: number;
  count(): Promise<{ messages: number; bytes: number }>;
}> {
  const child = fork(path.join(import.meta.dirname, 'digest-sink.server.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve((m as { port: number }).port)),
  );
  return {
    child,
    port,
    count: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as { messages: number; bytes: number }));
        child.send('count');
      }),
  };
}

/**
 * The corpus is imported by a child process into the same store, so that the peak RSS measured
 * here is the digest round's (plus the open runtime), not the import's.
 */
async function importInChild(database: Config['database']): Promise<{ inserted: number }> {
  if (database.kind !== 'sqlite') throw new Error('the benchmark store is SQLite');
  const child = fork(import.meta.filename, ['--import-into', database.file], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as { inserted: number }));
    child.once('exit', (code) => code !== 0 && reject(new Error(`import exited with ${code}`)));
  });
}

async function importInto(file: string): Promise<void> {
  const db = createDb({ kind: 'sqlite', file });
  await migrateToLatest(db);
  const clock = fixedClock(NOW);
  const result = await importJsonl(
    {
      db,
      clock,
      logger: silentLogger,
      papers: createPapersService({ db, clock, logger: silentLogger }),
    },
    FILE,
  );
  await db.close();
  process.send?.({ inserted: result.inserted });
}

async function main() {
  if (!fs.existsSync(FILE)) {
    console.error(`corpus not found: ${FILE}`);
    process.exit(2);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-digest-bench-'));
  const sink = await startSink();
  const config = loadConfig({
    FOLIO_DATA_DIR: dataDir,
    FOLIO_LOAD_DEMO: '0',
    FOLIO_OFFLINE: '1',
    FOLIO_LOG_LEVEL: 'silent',
    FOLIO_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    FOLIO_MAIL_RATE: '0',
    FOLIO_BASE_URL: 'https://papers.example.org',
    FOLIO_MAIL_FROM: 'Folio <digest@papers.example.org>',
  });
  const clock = fixedClock(NOW);
  const runtime = await openRuntime(config, { clock, logger: silentLogger });
  try {
    let t = performance.now();
    const imported = await importInChild(runtime.config.database);
    const importSeconds = (performance.now() - t) / 1000;
    console.error(`imported ${imported.inserted} papers in ${importSeconds.toFixed(1)} s`);

    // Subscribers, each with their own mix of topics.
    const next = random(42);
    const pick = <T>(list: T[], n: number) => [
      ...new Set(Array.from({ length: n }, () => list[Math.floor(next() * list.length)]!)),
    ];
    const rows = Array.from({ length: SUBSCRIBERS }, (_, i) => ({
      email: `reader${i}@example.org`,
      status: 'active',
      frequency: next() < 0.8 ? 'daily' : 'weekly',
      categories: JSON.stringify(pick(CATEGORIES, Math.floor(next() * 3))),
      keywords: JSON.stringify(pick(KEYWORDS, Math.floor(next() * 4))),
      query: next() < 0.1 ? QUERIES[Math.floor(next() * QUERIES.length)]! : null,
      time_zone: ZONES[Math.floor(next() * ZONES.length)]!,
      user_id: null,
      manage_key: `key${i}`,
      next_due_at: '2026-07-01T00:00:00.000Z',
      created_at: '2026-06-01T00:00:00.000Z',
      updated_at: '2026-06-01T00:00:00.000Z',
      confirmed_at: '2026-06-01T00:00:00.000Z',
    }));
    await runtime.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('subscribers')
          .values(rows.slice(i, i + 500))
          .execute();
    });

    // The round: build, render and queue every digest, then send them all.
    const rssBefore = process.memoryUsage().rss;
    t = performance.now();
    const built = await buildDueDigests(runtime, { topicSearch: topicSearchOf(runtime) });
    const buildSeconds = (performance.now() - t) / 1000;
    const rssAfterBuild = process.memoryUsage().rss;
    const delivered = await deliverOutbox(runtime, { rate: 0 });
    const roundSeconds = (performance.now() - t) / 1000;
    const round = { built, delivered };
    const received = await sink.count();
    const sent = round.delivered?.sent ?? 0;
    const sample = await runtime.db.kysely
      .selectFrom('digest_outbox')
      .select(['subject', 'paper_count'])
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();

    // Floor: nodemailer alone, one fixed message of a digest's size, over the same pool size.
    const html = (await import('../src/digest/render/digest-html.tsx')).renderDigestHtml({
      periodTitle: 'Wednesday 1 July 2026',
      preheader: 'A fixed message',
      trending: [],
      topical: [],
      following: [],
      forYou: [],
      baseUrl: 'https://papers.example.org',
      manageUrl: 'https://papers.example.org/digest/manage?token=x',
      unsubscribeUrl: 'https://papers.example.org/digest/unsubscribe?token=x',
    });
    const bodySize = Math.round(received.bytes / Math.max(1, received.messages));
    const padding = 'x'.repeat(Math.max(0, Math.floor(bodySize / 2) - html.length));
    // The same pooled transport (4 connections, Nagle off) as Folio's mailer.
    const transport = nodemailer.createTransport(
      smtpPoolOptions(`smtp://127.0.0.1:${sink.port}`, 4),
    );
    const floorCount = Math.min(sent || SUBSCRIBERS, 3000);
    t = performance.now();
    // Four senders, each waiting for the server's reply, as the digest delivery does.
    let floorNext = 0;
    const sender = async () => {
      while (floorNext < floorCount) {
        const i = floorNext++;
        await transport.sendMail({
          from: 'digest@papers.example.org',
          to: `reader${i}@example.org`,
          subject: 'Folio digest',
          text: padding,
          html: `${html}<!-- ${padding} -->`,
          textEncoding: 'quoted-printable',
        });
      }
    };
    await Promise.all([sender(), sender(), sender(), sender()]);
    const floorSeconds = (performance.now() - t) / 1000;
    transport.close();

    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const result = {
      corpus: path.basename(FILE),
      papers: imported.inserted,
      subscribers: SUBSCRIBERS,
      queued: round.built.queued,
      nothingNew: round.built.empty,
      papersInDigests: round.built.papers,
      sent,
      receivedBySink: received.messages,
      averageMessageBytes: bodySize,
      sampleSubject: sample?.subject ?? null,
      roundSeconds: Number(roundSeconds.toFixed(2)),
      buildSeconds: Number(buildSeconds.toFixed(2)),
      deliverSeconds: Number((roundSeconds - buildSeconds).toFixed(2)),
      rssAfterBuildMb: Number((rssAfterBuild / 1048576).toFixed(1)),
      messagesPerSecond: Number((sent / roundSeconds).toFixed(1)),
      floorMessagesPerSecond: Number((floorCount / floorSeconds).toFixed(1)),
      floorMessages: floorCount,
      rssBeforeRoundMb: Number((rssBefore / 1048576).toFixed(1)),
      peakRssMb: Number(peakRssMb.toFixed(1)),
      targets: TARGETS,
      meetsTargets:
        sent / roundSeconds >= TARGETS.messagesPerSecond && peakRssMb < TARGETS.peakRssMb,
      cpus: os.cpus().length,
      node: process.version,
      at: new Date().toISOString(),
    };
    const table = [
      ['measure', 'value', 'target / floor'],
      ['digests sent (built, rendered, queued, delivered)', `${sent} of ${SUBSCRIBERS}`, ''],
      ['whole round', `${result.roundSeconds} s`, ''],
      ['  build, render and queue', `${result.buildSeconds} s`, ''],
      ['  deliver over SMTP', `${result.deliverSeconds} s`, ''],
      ['messages/s (round)', String(result.messagesPerSecond), `≥ ${TARGETS.messagesPerSecond}`],
      ['messages/s (raw nodemailer floor)', String(result.floorMessagesPerSecond), 'floor'],
      ['peak RSS', `${result.peakRssMb} MB`, `< ${TARGETS.peakRssMb} MB`],
      ['average message', `${bodySize} bytes`, ''],
    ];
    for (const row of table) console.log(`${row[0]!.padEnd(52)} ${row[1]!.padEnd(18)} ${row[2]}`);
    fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(ROOT, 'bench', 'results', 'digest.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    await runtime.close();
    sink.child.send('stop');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const into = option('--import-into');
await (into ? importInto(into) : main());
