import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';
import { withJobLock } from '../../src/ops/job-lock.ts';
import { createJobRuns } from '../../src/ops/job-runs.ts';
import { runTick, startScheduler, type Job } from '../../src/jobs/scheduler.ts';
import { RUNNING, tickLabel } from '../../src/ops/tick-claims.ts';
import { silentLogger } from '../../src/logger.ts';
import { dialects, openTestDb, type TestDb } from '../support/databases.ts';
import { otherHandles } from '../support/instances.ts';

const TICK = '2026-07-01T12:15:00.000Z';

describe.each(dialects)('one run per scheduled tick on %s', (dialect) => {
  let test: TestDb;
  let instances: Db[];

  beforeAll(async () => {
    test = await openTestDb(dialect);
    // Three handles on one store, as three instances (or processes) would have.
    instances = [test.db, ...otherHandles(test, dialect, 2)];
  });
  afterAll(async () => {
    for (const db of instances.slice(1)) await db.close();
    await test.cleanup();
  });

  it('three instances reaching the same tick at once run it exactly once', async () => {
    let runs = 0;
    const job: Job = {
      name: 'digest',
      schedule: '*/15 * * * *',
      run: async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
    };
    const outcomes = await Promise.all(
      instances.map((db, i) => runTick(createJobRuns(db), silentLogger, job, TICK, `host:${i}`)),
    );
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'claimed-elsewhere')).toHaveLength(2);
    const rows = await test.db.kysely
      .selectFrom('job_ticks')
      .select(['tick', 'outcome'])
      .where('job', '=', 'digest')
      .execute();
    expect(rows).toEqual([{ tick: TICK, outcome: 'ok' }]);
    // The same tick seen again later (a slow instance) is not run again.
    expect(await runTick(createJobRuns(instances[2]!), silentLogger, job, TICK, 'host:2')).toBe(
      'claimed-elsewhere',
    );
    expect(runs).toBe(1);
  });

  it('a tick that arrives while the previous run still goes is skipped, not run beside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const job: Job = { name: 'ingest', schedule: '* * * * *', run: async () => void runs++ };
    const long = withJobLock(instances[0]!, 'ingest', () => held);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await runTick(createJobRuns(instances[1]!), silentLogger, job, TICK, 'host:1')).toBe(
      'skipped',
    );
    release();
    expect(await long).toBe(true);
    expect(runs).toBe(0);
    const next = '2026-07-01T12:16:00.000Z';
    expect(await runTick(createJobRuns(instances[1]!), silentLogger, job, next, 'host:1')).toBe(
      'ok',
    );
    expect(runs).toBe(1);
  });

  it('schedulers on two instances run a job once per tick for several ticks', async () => {
    const ran: string[] = [];
    const job = (instance: number): Job => ({
      name: 'every-second',
      schedule: '* * * * * *',
      run: async () => void ran.push(`${instance}`),
    });
    const stops = instances
      .slice(0, 2)
      .map((db, i) =>
        startScheduler(createJobRuns(db), silentLogger, [job(i)], { instance: `host:${i}` }),
      );
    const count = async () =>
      (
        await test.db.kysely
          .selectFrom('job_ticks')
          .select('tick')
          .where('job', '=', 'every-second')
          .where('finished_at', 'is not', null)
          .execute()
      ).length;
    while ((await count()) < 3) await new Promise((resolve) => setTimeout(resolve, 100));
    for (const stop of stops) stop();
    // A tick claimed just before the stop finishes its run.
    const unfinished = async () =>
      (
        await test.db.kysely
          .selectFrom('job_ticks')
          .select('tick')
          .where('job', '=', 'every-second')
          .where('finished_at', 'is', null)
          .execute()
      ).length;
    while ((await unfinished()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const ticks = await test.db.kysely
      .selectFrom('job_ticks')
      .select(['tick', 'outcome'])
      .where('job', '=', 'every-second')
      .execute();
    expect(ran).toHaveLength(ticks.length);
    expect(new Set(ticks.map((t) => t.tick)).size).toBe(ticks.length);
    expect(ticks.every((t) => t.outcome === 'ok')).toBe(true);
  });
});

describe('the SQLite job lock across processes', () => {
  let test: TestDb;
  beforeAll(async () => {
    test = await openTestDb('sqlite');
  });
  afterAll(() => test.cleanup());

  it('is refused while another live process holds it and taken over when that process is gone', async () => {
    // A process that has ended: its pid names nobody.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    const hostname = (await import('node:os')).hostname();
    const other = createDb({ kind: 'sqlite', file: test.url });
    try {
      await other.kysely
        .insertInto('job_ticks')
        .values({
          job: 'digest-send',
          tick: RUNNING,
          instance: `${hostname}:${process.ppid}`,
          claimed_at: TICK,
        })
        .execute();
      let runs = 0;
      expect(await withJobLock(test.db, 'digest-send', async () => void runs++)).toBe(false);
      await other.kysely
        .updateTable('job_ticks')
        .set({ instance: `${hostname}:${gone}` })
        .where('job', '=', 'digest-send')
        .execute();
      expect(await withJobLock(test.db, 'digest-send', async () => void runs++)).toBe(true);
      expect(runs).toBe(1);
      // Released after the run.
      expect(
        await other.kysely
          .selectFrom('job_ticks')
          .select('job')
          .where('tick', '=', RUNNING)
          .execute(),
      ).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('tick labels', () => {
  it('name the scheduled time a late timer belongs to', () => {
    expect(tickLabel('*/10 * * * * *', new Date('2026-07-01T22:08:31.500Z'))).toBe(
      '2026-07-01T22:08:30.000Z',
    );
    expect(tickLabel('30 1 * * 1-5', new Date('2026-07-01T01:32:10.000Z'))).toBe(
      '2026-07-01T01:30:00.000Z',
    );
  });

  it('truncate to the minute for five-field schedules and to the second for six', () => {
    const at = new Date('2026-07-01T12:15:00.731Z');
    expect(tickLabel('*/15 * * * *', at)).toBe('2026-07-01T12:15:00.000Z');
    expect(tickLabel('* * * * * *', new Date('2026-07-01T12:15:07.731Z'))).toBe(
      '2026-07-01T12:15:07.000Z',
    );
  });
});
