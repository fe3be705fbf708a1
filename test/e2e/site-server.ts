import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { DialectName } from '../../src/db/database.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { readJsonlPapers } from '../../src/ingest/sources/jsonl.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

export const DEMO_CORPUS = path.resolve(import.meta.dirname, '..', '..', 'demo', 'papers.jsonl.gz');

/** About 300 real papers from the bundled demo corpus: two listing days of arXiv CS. */
export async function demoSample(days: Record<string, number>): Promise<PaperRecord[]> {
  const picked: PaperRecord[] = [];
  const taken: Record<string, number> = {};
  for await (const line of readJsonlPapers(DEMO_CORPUS)) {
    if (!('record' in line)) continue;
    const day = line.record.listingDate ?? '';
    const want = days[day];
    if (want === undefined || (taken[day] ?? 0) >= want) continue;
    taken[day] = (taken[day] ?? 0) + 1;
    picked.push(line.record);
  }
  return picked;
}

export interface SiteServer {
  t: TestRuntime;
  sink: SmtpSink;
  url: string;
  close(): Promise<void>;
}

/** The whole site served over HTTP on 127.0.0.1 from a store of `dialect`, its mail going to a local SMTP sink. */
export async function startSiteServer(
  records: PaperRecord[],
  dialect: DialectName = 'sqlite',
): Promise<SiteServer> {
  const sink = await startSmtpSink();
  const t = await createTestRuntime(dialect, {
    env: { FOLIO_SMTP_URL: sink.url, FOLIO_CURATORS: 'the Folio curators' },
  });
  await upsertRecords(t.runtime.db, t.clock, records, { source: 'e2e' });
  const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    t,
    sink,
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.cleanup();
      await sink.close();
    },
  };
}
