import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.ts';
import { hasSharedData, sharedFile } from '../../../../test/support/shared-data.ts';
import { importJsonl } from '../../../ingest/import-jsonl.ts';

const DAY = '2026-08-21';

interface Recorded {
  day: string;
  paper: {
    id: string;
    ai_summary?: string;
    ai_keywords?: string[];
    organization?: { name: string; fullname: string; avatar?: string };
  };
  mediaUrls?: string[];
  organization?: { name: string; fullname: string; avatar?: string };
}

/** The archive's entries of one day, as Hugging Face sent them. */
function recordedDay(day: string): string[] {
  return zlib
    .gunzipSync(fs.readFileSync(sharedFile('hf-daily-archive', 'hf-daily-archive.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.includes(`"day": "${day}"`) || l.includes(`"day":"${day}"`));
}

describe.skipIf(!hasSharedData).each(dialects)(
  'Hugging Face fields sent back in Hugging Face’s shape on %s',
  (dialect) => {
    let t: TestRuntime;
    let dir: string;
    let recorded: Recorded[];
    beforeAll(async () => {
      t = await createTestRuntime(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-hf-fields-'));
      const lines = recordedDay(DAY);
      recorded = lines.map((l) => JSON.parse(l) as Recorded);
      const file = path.join(dir, 'day.jsonl');
      fs.writeFileSync(file, lines.join('\n') + '\n');
      await importJsonl(
        { db: t.runtime.db, clock: t.clock, logger: t.runtime.logger, papers: t.runtime.papers },
        file,
      );
    });
    afterAll(async () => {
      await t.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('sends ai_summary, ai_keywords, organization and mediaUrls as Hugging Face did', async () => {
      expect(recorded).toHaveLength(17);
      const res = await t.app.request(`/api/daily_papers?date=${DAY}&limit=100`);
      const items = (await res.json()) as (Recorded & { paper: Record<string, unknown> })[];
      const byId = new Map(items.map((i) => [i.paper.id, i]));
      let summaries = 0;
      let organizations = 0;
      for (const want of recorded) {
        const got = byId.get(want.paper.id)!;
        expect(got.paper.ai_summary, want.paper.id).toBe(want.paper.ai_summary);
        expect(got.paper.ai_keywords, want.paper.id).toEqual(want.paper.ai_keywords);
        expect(got.mediaUrls, want.paper.id).toEqual(want.mediaUrls);
        const org = want.organization ?? want.paper.organization;
        if (org) {
          const wantOrg = { name: org.name, fullname: org.fullname, avatar: org.avatar };
          expect(got.organization, want.paper.id).toMatchObject(wantOrg);
          expect(got.paper.organization, want.paper.id).toMatchObject(wantOrg);
          organizations++;
        } else expect(got.organization).toBeUndefined();
        if (want.paper.ai_summary) summaries++;
      }
      // The day's recording holds every kind of field compared above.
      expect(summaries).toBeGreaterThan(10);
      expect(organizations).toBeGreaterThan(3);
      const one = recorded.find((r) => r.paper.ai_summary)!;
      const flat = (await (await t.app.request(`/api/papers/${one.paper.id}`)).json()) as Record<
        string,
        unknown
      >;
      expect(flat.ai_summary).toBe(one.paper.ai_summary);
      expect(flat.ai_keywords).toEqual(one.paper.ai_keywords);
    });
  },
);
