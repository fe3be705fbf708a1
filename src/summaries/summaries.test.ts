import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.ts';
import { startLocalServer, type LocalServer, type Reply } from '../../test/support/http-server.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { buildJobs, SUMMARIES_JOB } from '../jobs/jobs.ts';
import { createLogger } from '../logger.ts';
import { cleanSummary, createSummariesService, SUMMARY_PROMPT } from './summary.service.ts';

const KEY = 'sk-test-4f9a1c0e7b';
const MODEL = 'test-model';

const SPARSE = {
  id: '2606.00001',
  title: 'Sparse attention for long documents',
  abstract: 'We make attention sparse so long documents fit.',
  authors: ['A. Author'],
  categories: ['cs.CL'],
  publishedAt: '2026-06-01T00:00:00Z',
  listingDate: '2026-06-01',
};
const LISTED = {
  ...SPARSE,
  id: '2606.00002',
  title: 'A paper Hugging Face summarized',
  abstract: 'Its summary comes from the list.',
};

/** An answer as an OpenAI-compatible chat completions endpoint writes it. */
function completion(content: string): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1780000000,
      model: MODEL,
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
      usage: { prompt_tokens: 60, completion_tokens: 12, total_tokens: 72 },
    }),
  };
}

/** A logger writing JSON lines into an array, to read what an operator would see. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('summary configuration', () => {
  const base = { FOLIO_DATA_DIR: '/tmp/folio-summary-config', FOLIO_LOAD_DEMO: '0' };
  it('is off by default and needs a model when an endpoint is set', () => {
    expect(loadConfig(base).summary).toBeNull();
    expect(() => loadConfig({ ...base, FOLIO_SUMMARY_URL: 'http://127.0.0.1:9/v1' })).toThrow(
      ConfigError,
    );
    expect(
      loadConfig({
        ...base,
        FOLIO_SUMMARY_URL: 'http://127.0.0.1:9/v1',
        FOLIO_SUMMARY_MODEL: MODEL,
        FOLIO_SUMMARY_API_KEY: KEY,
      }).summary,
    ).toEqual({ url: 'http://127.0.0.1:9/v1', model: MODEL, apiKey: KEY });
  });

  it('folds whitespace, drops reasoning blocks and caps the length', () => {
    expect(cleanSummary('<think>hmm\nlet me see</think>\n One  line.\n')).toBe('One line.');
    expect(cleanSummary('x'.repeat(700))).toBe(`${'x'.repeat(599)}…`);
  });
});

describe.each(dialects)('generated summaries on %s', (dialect) => {
  let t: TestRuntime;
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer((req) =>
      req.url === '/v1/chat/completions' && req.method === 'POST'
        ? completion(' Sparse attention lets\nlong documents fit. ')
        : { status: 404 },
    );
    t = await createTestRuntime(dialect, {
      search: 'keyword',
      env: {
        FOLIO_SUMMARY_URL: `${server.url}/v1`,
        FOLIO_SUMMARY_MODEL: MODEL,
        FOLIO_SUMMARY_API_KEY: KEY,
      },
    });
    await t.runtime.papers.store([SPARSE, LISTED], {
      source: 'test',
      entries: [
        {
          day: '2026-06-01',
          paperId: LISTED.id,
          source: 'hf',
          aiSummary: 'Hugging Face’s own one-liner.',
        },
      ],
    });
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
  });

  it('runs in the background only when configured and online', async () => {
    // The test runtime is offline: even configured, no scheduled request goes out.
    expect(buildJobs(t.runtime).map((j) => j.name)).not.toContain(SUMMARIES_JOB);
    const online = { ...t.runtime, config: { ...t.runtime.config, offline: false } };
    expect(buildJobs(online).map((j) => j.name)).toContain(SUMMARIES_JOB);
    const off = await createTestRuntime(dialect, { search: 'keyword' });
    try {
      expect(off.runtime.summaries.enabled).toBe(false);
      const offOnline = { ...off.runtime, config: { ...off.runtime.config, offline: false } };
      expect(buildJobs(offOnline).map((j) => j.name)).not.toContain(SUMMARIES_JOB);
    } finally {
      await off.cleanup();
    }
  });

  it('asks the endpoint for papers without any summary and stores the answer with its model', async () => {
    expect(await t.runtime.summaries.summarizeMissing()).toEqual({ written: 1, failure: null });
    // Only the paper Hugging Face did not summarize was sent, once, with the key as a bearer token.
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(sent.body)).toEqual({
      model: MODEL,
      temperature: 0.2,
      max_tokens: 160,
      messages: [
        { role: 'system', content: SUMMARY_PROMPT },
        { role: 'user', content: `${SPARSE.title}\n\n${SPARSE.abstract}` },
      ],
    });
    expect(await t.runtime.summaries.summaryOf(SPARSE.id)).toEqual({
      text: 'Sparse attention lets long documents fit.',
      model: MODEL,
      createdAt: '2026-07-01T12:00:00.000Z',
    });
    expect(await t.runtime.summaries.summaryOf(LISTED.id)).toBeNull();
    // Nothing left to do: the next round sends nothing.
    expect(await t.runtime.summaries.summarizeMissing()).toEqual({ written: 0, failure: null });
    expect(server.requests).toHaveLength(1);
  });

  it('shows the summary beside the abstract, naming the model', async () => {
    const html = await (await t.app.request(`/papers/${SPARSE.id}`)).text();
    expect(html).toContain(
      '<p class="ai-summary"><span class="label">AI summary</span> Sparse attention lets long documents fit. <span class="credit">(generated by test-model)</span></p>',
    );
    expect(html).toContain(SPARSE.abstract);
    const listed = await (await t.app.request(`/papers/${LISTED.id}`)).text();
    expect(listed).toContain('Hugging Face’s own one-liner.');
    expect(listed).not.toContain('generated by');
  });

  it('is in /api/v1/papers/{id} as generatedSummary, and never passed off as Hugging Face’s', async () => {
    const v1 = await (await t.app.request(`/api/v1/papers/${SPARSE.id}`)).json();
    expect(v1.generatedSummary).toEqual({
      text: 'Sparse attention lets long documents fit.',
      model: MODEL,
      createdAt: '2026-07-01T12:00:00.000Z',
    });
    expect(v1.paper.abstract).toBe(SPARSE.abstract);
    const hf = await (await t.app.request(`/api/papers/${SPARSE.id}`)).json();
    expect(hf.ai_summary).toBeUndefined();
    const hfListed = await (await t.app.request(`/api/papers/${LISTED.id}`)).json();
    expect(hfListed.ai_summary).toBe('Hugging Face’s own one-liner.');
    const none = await (await t.app.request(`/api/v1/papers/${LISTED.id}`)).json();
    expect(none.generatedSummary).toBeNull();
  });

  describe('when the endpoint misbehaves', () => {
    let bad: LocalServer;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    beforeAll(async () => {
      await t.runtime.papers.store([{ ...SPARSE, id: '2606.00003', title: 'A third paper' }], {
        source: 'test',
      });
      bad = await startLocalServer(async (req) => {
        const path = req.url.split('?')[0];
        if (path === '/500/chat/completions')
          return {
            status: 500,
            headers: { 'content-type': 'application/json' },
            // Some endpoints echo the key they were sent in their error message.
            body: JSON.stringify({ error: { message: `Internal error for key ${KEY}` } }),
          };
        if (path === '/malformed/chat/completions')
          return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"choi' };
        if (path === '/shape/chat/completions')
          return { status: 200, body: JSON.stringify({ object: 'list', data: [] }) };
        if (path === '/slow/chat/completions') {
          await held;
          return completion('Too late.');
        }
        return { status: 404 };
      });
    });
    afterAll(async () => {
      release();
      await bad.close();
    });

    const cases: [string, string][] = [
      ['500', 'HTTP 500: Internal error for key ***'],
      ['malformed', 'the answer is not JSON'],
      ['shape', 'the answer is not a chat completion (no choices[0].message)'],
      ['slow', 'no answer in time'],
    ];
    it.each(cases)(
      '%s: logged without the key, nothing stored, the paper left for later',
      async (path, reason) => {
        const { logger, lines } = capturingLogger();
        const summaries = createSummariesService({
          db: t.runtime.db,
          clock: t.clock,
          logger,
          endpoint: {
            url: `${bad.url}/${path}?api-key=${KEY}`,
            model: MODEL,
            apiKey: KEY,
            timeoutMs: 300,
          },
        });
        const failure = `${bad.url}/${path}: ${reason}`;
        expect(await summaries.summarizeMissing()).toEqual({ written: 0, failure });
        expect(await summaries.summaryOf('2606.00003')).toBeNull();
        expect(lines).toHaveLength(1);
        const logged = JSON.parse(lines[0]!);
        expect(logged).toMatchObject({
          level: 40,
          paper: '2606.00003',
          written: 0,
          reason: failure,
          msg: 'summary request failed; the rest wait for the next round',
        });
        expect(lines.join('\n')).not.toContain(KEY);
        // The query the endpoint was configured with is kept; the key is sent only where asked.
        expect(bad.requests.at(-1)!.url).toBe(`/${path}/chat/completions?api-key=${KEY}`);
        expect(bad.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
      },
    );

    it('a paper the endpoint refuses waits a day while the others go on', async () => {
      await t.runtime.papers.store([{ ...SPARSE, id: '2606.00004', title: 'A fourth paper' }], {
        source: 'test',
      });
      const refusing = await startLocalServer((req) =>
        req.body.includes('A third paper')
          ? {
              status: 400,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ error: { message: 'context length exceeded' } }),
            }
          : completion('The fourth, summarized.'),
      );
      try {
        const { logger, lines } = capturingLogger();
        const summaries = createSummariesService({
          db: t.runtime.db,
          clock: t.clock,
          logger,
          endpoint: { url: `${refusing.url}/v1`, model: MODEL, apiKey: KEY },
        });
        expect(await summaries.summarizeMissing()).toEqual({ written: 1, failure: null });
        expect((await summaries.summaryOf('2606.00004'))?.text).toBe('The fourth, summarized.');
        expect(await summaries.summaryOf('2606.00003')).toBeNull();
        expect(JSON.parse(lines[0]!)).toMatchObject({
          paper: '2606.00003',
          msg: 'summary refused for this paper; it waits a day, the others go on',
        });
        expect(refusing.requests).toHaveLength(2);

        // The next round does not ask again; a day later it does.
        expect(await summaries.summarizeMissing()).toEqual({ written: 0, failure: null });
        expect(refusing.requests).toHaveLength(2);
        t.clock.advance(25 * 60 * 60 * 1000);
        expect(await summaries.summarizeMissing()).toEqual({ written: 0, failure: null });
        expect(refusing.requests).toHaveLength(3);
        expect(lines.join('\n')).not.toContain(KEY);
      } finally {
        await refusing.close();
      }
    });
  });
});
