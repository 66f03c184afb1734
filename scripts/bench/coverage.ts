// `npm run bench -- --only coverage`: what coverage costs. The example-mode mock with and without
// `--coverage FILE`, in alternating rounds (a busy moment of the machine hits both alike), as a
// ratio (target >= 0.95); and the HTML report of a 10,000-exchange proxy session (target < 2 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMediaType } from '../../common/media-type.ts';
import { loadApi } from '../../judge/api.ts';
import type { Exchange } from '../../judge/exchange.ts';
import { judgeExchange } from '../../judge/judge-exchange.ts';
import { createValidators } from '../../judge/validators.ts';
import { createMockCoverage, withCoverage } from '../../mocks/core/coverage.ts';
import { createMockCore } from '../../mocks/core/plan-response.ts';
import { createTrafficOutputs, reportText } from '../../report/outputs.ts';
import { createTally } from '../../report/tally.ts';
import { type RunningServer, startServer } from '../server-process.ts';
import type { LoadResult } from './load-generator.ts';

export interface CoverageBench {
  rounds: { without: number; with: number; ratio: number }[];
  medianRatio: number;
  /** The core answering in-process, µs per request: what counting adds, free of the network's noise. */
  core: { withoutUs: number; withUs: number; addedUs: number; shareOfHttpRequest: number };
  html: { exchanges: number; judgeMs: number; renderMs: number; bytes: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function benchCoverage(options: {
  root: string;
  rounds: number;
  load: (url: string) => Promise<LoadResult>;
}): Promise<CoverageBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-coverage-'));
  const start = (coverage: boolean): Promise<RunningServer> =>
    startServer([
      join(options.root, 'mocks/start.js'),
      '--port',
      '0',
      '--quiet',
      ...(coverage ? ['--coverage', join(dir, 'm.json')] : []),
    ]);
  const rounds: CoverageBench['rounds'] = [];
  try {
    for (let i = 0; i < options.rounds; i++) {
      const rps: Record<string, number> = {};
      // Alternate which goes first, so neither always gets the warmer machine.
      for (const coverage of i % 2 === 0 ? [false, true] : [true, false]) {
        const server = await start(coverage);
        try {
          rps[String(coverage)] = (await options.load(`${server.url}/v1/api/auth/login`)).requestsPerSecond;
        } finally {
          await server.stop();
        }
      }
      const without = rps.false ?? Number.NaN;
      const withCoverage = rps.true ?? Number.NaN;
      rounds.push({ without, with: withCoverage, ratio: Math.round((withCoverage / without) * 1000) / 1000 });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const medianRatio = median(rounds.map((r) => r.ratio));
  const core = coreCost();
  // The added time against the whole time an HTTP request takes in the mock (at the measured rate).
  const httpUs = 1e6 / median(rounds.map((r) => r.without));
  core.shareOfHttpRequest = Math.round((core.addedUs / httpUs) * 1000) / 1000;
  return { rounds, medianRatio, core, html: await htmlOfLongSession(10_000) };
}

/** The mock's core answering a login 200,000 times, with and without coverage, alternating, median of 5. */
function coreCost(): CoverageBench['core'] {
  const request = {
    method: 'POST',
    path: '/v1/api/auth/login',
    contentType: 'application/json',
    body: '{"user":"alice","password":"wonderland"}',
  };
  const plain = createMockCore();
  const counted = withCoverage(createMockCore(), createMockCoverage('bench'));
  const times: Record<'plain' | 'counted', number[]> = { plain: [], counted: [] };
  const n = 200_000;
  for (let round = 0; round < 5; round++) {
    for (const name of ['plain', 'counted'] as const) {
      const core = name === 'plain' ? plain : counted;
      const t = performance.now();
      for (let i = 0; i < n; i++) core.handle(request);
      times[name].push(((performance.now() - t) * 1000) / n);
    }
  }
  const withoutUs = Math.round(median(times.plain) * 1000) / 1000;
  const withUs = Math.round(median(times.counted) * 1000) / 1000;
  return { withoutUs, withUs, addedUs: Math.round((withUs - withoutUs) * 1000) / 1000, shareOfHttpRequest: 0 };
}

/** A proxy session of `count` exchanges (logins, refusals, refreshes, a few 404s), judged, then rendered. */
async function htmlOfLongSession(count: number): Promise<CoverageBench['html']> {
  const api = loadApi();
  const ctx = { api, validators: createValidators(api), strict: false, timeoutMs: 5000 };
  const examples = (status: string) =>
    api.document.paths?.[api.login.path]?.post?.responses?.[status]?.content?.['application/json']?.examples ?? {};
  const example = (status: string) => JSON.stringify(Object.values(examples(status))[0]?.value);
  const kinds = [
    { path: api.login.path, body: '{"user":"alice","password":"wonderland"}', status: 200, text: example('200') },
    { path: api.login.path, body: '{"user":"alice","password":"nope"}', status: 401, text: example('401') },
    { path: api.login.path, body: '{"user":"alice"}', status: 400, text: example('400') },
    { path: '/elsewhere', body: '', status: 404, text: '{"code":404,"desc":"no"}' },
  ];
  const traffic = createTrafficOutputs('proxy');
  const tally = createTally();
  const t0 = performance.now();
  const began = Date.now();
  for (let i = 0; i < count; i++) {
    const k = kinds[i % kinds.length] as (typeof kinds)[number];
    const exchange: Exchange = {
      request: {
        method: 'POST',
        path: k.path,
        url: `http://127.0.0.1:1${k.path}`,
        headers: { 'content-type': 'application/json' },
        body: k.body,
        label: 'recorded',
      },
      response: {
        status: k.status,
        statusText: '',
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        mediaType: parseMediaType('application/json'),
        text: k.text,
        json: { ok: true, value: JSON.parse(k.text) },
        truncated: false,
      },
      startedAt: began + i * 3,
      durationMs: 2 + (i % 7),
    };
    const judgement = await judgeExchange(exchange, ctx);
    tally.add(judgement);
    traffic.addJudgement(judgement);
  }
  const judgeMs = Math.round(performance.now() - t0);
  const report = tally.report({
    baseUrl: 'http://127.0.0.1:1',
    startedAt: began,
    durationMs: 1,
    strict: false,
    timeoutMs: 5000,
  });
  const t1 = performance.now();
  const html = reportText('html', {
    report,
    exitCode: tally.violations > 0 ? 1 : 0,
    html: { source: 'proxy', title: 'Proxy session (bench)' },
    traffic,
  });
  return { exchanges: count, judgeMs, renderMs: Math.round(performance.now() - t1), bytes: html.length };
}

export function printCoverageBench(result: CoverageBench): void {
  console.log('\ncoverage: example-mode mock with --coverage vs without (target >= 0.95), alternating rounds');
  for (const r of result.rounds) console.log(`  without ${r.without} req/s, with ${r.with} req/s = ${r.ratio}x`);
  console.log(`  median ratio: ${result.medianRatio}x (load generator and server share the machine: noisy)`);
  const { withoutUs, withUs, addedUs, shareOfHttpRequest } = result.core;
  console.log(
    `  in-process core, login: ${withoutUs} µs without, ${withUs} µs with coverage: +${addedUs} µs a request = ${shareOfHttpRequest} of an HTTP request's time at the rate above (throughput kept: ${Math.round((1 - Math.max(0, shareOfHttpRequest)) * 1000) / 1000})`,
  );
  const { exchanges, judgeMs, renderMs, bytes } = result.html;
  console.log(
    `HTML report of a ${exchanges}-exchange proxy session (target < 2000 ms): rendered in ${renderMs} ms, ${Math.round(bytes / 1024)} KiB (judging them took ${judgeMs} ms)`,
  );
}
