import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import { dayPeriod } from '../domain/periods.ts';
import { silentLogger } from '../logger.ts';
import { listPeriod } from '../papers/daily-list.ts';
import { createPapersService } from '../papers/paper.service.ts';
import { findListedPaper } from '../papers/listed-paper.repository.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { hasSharedData, sharedFile } from '../../test/support/shared-data.ts';
import { importJsonl } from './import-jsonl.ts';

const clock = fixedClock('2026-12-06T12:00:00Z');
const LAST_DAY = '2026-08-21';

/** The archive's last day (17 real entries), its first entry, and one line with a bad day. */
function archiveExcerpt(dir: string): string {
  const lines = zlib
    .gunzipSync(fs.readFileSync(sharedFile('hf-daily-archive', 'hf-daily-archive.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
  const last = lines.filter((l) => (JSON.parse(l) as { day: string }).day === LAST_DAY);
  const broken = { ...(JSON.parse(lines[0]!) as object), day: '21 Aug 2026' };
  const file = path.join(dir, 'hf-excerpt.jsonl');
  fs.writeFileSync(file, [lines[0], ...last, JSON.stringify(broken)].join('\n') + '\n');
  return file;
}

describe.skipIf(!hasSharedData).each(dialects)('Hugging Face archive import on %s', (dialect) => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-hf-archive-'));
  });
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('puts each entry on its day with everything Hugging Face said, ranked by upvotes', async () => {
    const file = archiveExcerpt(dir);
    const deps = {
      db: t.db,
      clock,
      logger: silentLogger,
      papers: createPapersService({ db: t.db, clock, logger: silentLogger }),
    };
    const result = await importJsonl(deps, file);
    expect(result).toMatchObject({ read: 18, inserted: 18, updated: 0 });
    expect(result.failed).toEqual([
      {
        source: 'import hf-excerpt.jsonl',
        record: 'line 19',
        reason: 'day: expected YYYY-MM-DD, got "21 Aug 2026"',
      },
    ]);

    const day = await listPeriod(t.db, dayPeriod(LAST_DAY), { limit: 50 });
    expect(day.map((l) => [l.paper.id, l.upvotes])).toEqual([
      ['2608.19880', 163],
      ['2608.18580', 54],
      ['2608.20335', 38],
      ['2608.19799', 32],
      ['2608.20336', 30],
      ['2608.20202', 24],
      ['2608.14022', 12],
      ['2608.13120', 6],
      ['2608.19854', 5],
      ['2608.19758', 4],
      ['2608.20281', 3],
      ['2608.19891', 3],
      ['2608.19936', 2],
      ['2608.19861', 2],
      ['2608.18027', 2],
      ['2608.19863', 1],
      ['2608.13210', 1],
    ]);
    const naru = day.at(-1)!;
    const { paper, ...listed } = naru;
    expect(paper.projectPage).toBe('https://ma-labo.github.io/naru/');
    expect(paper.codeRepo).toBe('github:infinimind-inc/naru_benchmark');
    expect(listed).toEqual({
      day: LAST_DAY,
      addedAt: '2026-08-21T00:00:00.000Z',
      submittedOnDailyAt: '2026-08-21T00:00:00.000Z',
      upvotes: 1,
      numComments: 2,
      submitter: {
        userId: null,
        name: 'yuhenghuang',
        fullname: 'Yuheng Huang',
        avatarUrl: 'https://huggingface.co/avatars/40bdf83680b7889ce83a13b01454fcff.svg',
      },
      organization: {
        name: 'utokyo-ai',
        fullname: 'The University of Tokyo',
        avatarUrl:
          'https://cdn-avatars.huggingface.co/v1/production/uploads/63a286c7f30c4642278ed11a/jNLYa73JGG4k3ywpoD_9k.png',
      },
      featured: false,
      githubRepo: 'github:infinimind-inc/naru_benchmark',
      githubStars: 3,
      thumbnailUrl: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2608.13210.png',
      mediaUrls: [],
      aiSummary:
        'NARU is a Japanese long-form video benchmark evaluating narrative evolution and cultural reasoning through a hierarchical annotation pipeline and extensive native-speaker verification.',
      aiKeywords: [
        'long-form video understanding',
        'narrative evolution',
        'cultural reasoning',
        'hierarchical memory-based annotation',
        'task-oriented synthesis',
        'shortcut removal',
        'MLLMs',
      ],
      keywords: [
        'long-form video understanding',
        'narrative evolution',
        'cultural reasoning',
        'hierarchical memory-based annotation',
        'task-oriented synthesis',
        'shortcut removal',
        'MLLMs',
      ],
    });
    // The paper page reads the same entry.
    expect(await findListedPaper(t.db, '2608.13210')).toEqual(naru);
    expect(day.find((l) => l.paper.id === '2608.20281')!.mediaUrls).toEqual([
      'https://cdn-uploads.huggingface.co/production/uploads/642f6c64f945a8a5c9ee5b5d/Qx1_0iZ0RmlluIVHoyYZN.png',
      'https://cdn-uploads.huggingface.co/production/uploads/642f6c64f945a8a5c9ee5b5d/YUtjPur1jw0CH68qW8JfS.png',
    ]);

    // The oldest entries predate submitters and list times: the list's day stands in for the time.
    const first = await listPeriod(t.db, dayPeriod('2024-03-12'), { limit: 50 });
    expect(first).toHaveLength(1);
    expect(first[0]!.submitter).toBeNull();
    expect(first[0]!.submittedOnDailyAt).toBe('2024-03-12T00:00:00.000Z');
    expect(first[0]!.addedAt).toBe('2024-03-12T00:00:00.000Z');

    // Importing the same file again changes nothing.
    const again = await importJsonl(deps, file);
    expect(again).toMatchObject({ read: 18, inserted: 0, updated: 0, unchanged: 18 });
    expect(await listPeriod(t.db, dayPeriod(LAST_DAY), { limit: 50 })).toEqual(day);
  });
});
