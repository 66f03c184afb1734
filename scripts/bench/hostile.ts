/**
 * `npm run bench -- --only hostile`: the limits that keep hostile traffic cheap, measured.
 *
 * - An answer with 80,000 keys (under 1 MiB) judged: in-process (parse + every verdict on one
 *   exchange) and as a whole `npm run contract` run against a server answering only that.
 *   Target: ≤ 2 s. Smaller answers show the cost is linear below the member limit.
 * - Redaction by value with the secrets of a long proxy session (2,000 logins: 4,000 tokens
 *   learned): learning them, and masking a small answer and a 1 MiB body.
 * - The recording proxy carrying 1 GB: 128 requests of 8 MB each through `npm run proxy --record`
 *   (a child process), its peak resident memory sampled from /proc. Target: < 300 MB.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApi } from '../../judge/api.ts';
import { judgeExchange } from '../../judge/judge-exchange.ts';
import { createValidators } from '../../judge/validators.ts';
import { createMasker } from '../../traffic/placeholders.ts';
import { toExchange } from '../../traffic/recorded-exchange.ts';
import { runProcess, startServer } from '../server-process.ts';

const root = join(import.meta.dirname, '..', '..');
const LOGIN = '/v1/api/auth/login';

const wideAnswer = (keys: number) =>
  `{"code":0,"result":{${Array.from({ length: keys }, (_, i) => `"k${i}":0`).join(',')}}}`;

/** Parse and judge one recorded login whose answer is `text`: milliseconds. */
async function judgeOnce(text: string): Promise<number> {
  const api = loadApi();
  const ctx = { api, validators: createValidators(api), strict: false, timeoutMs: 5000 };
  const started = performance.now();
  const exchange = toExchange(
    {
      method: 'POST',
      url: LOGIN,
      requestHeaders: { 'content-type': 'application/json' },
      requestBody: '{"user":"alice","password":"wonderland"}',
      response: {
        status: 200,
        statusText: 'OK',
        headers: { 'content-type': 'application/json' },
        text,
        truncated: false,
      },
      startedAt: Date.now(),
      durationMs: 1,
    },
    `POST ${LOGIN}`,
  );
  await judgeExchange(exchange, ctx);
  return performance.now() - started;
}

/** A whole contract run against a server answering `body` to everything: wall milliseconds and exit code. */
async function contractAgainst(body: string): Promise<{ ms: number; code: number | null }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const started = performance.now();
  const run = runProcess([
    join(root, 'contract-tests', 'cli.ts'),
    '--base-url',
    url,
    '--user',
    'alice',
    '--password',
    'wonderland',
  ]);
  const { code } = await run.exited;
  const ms = performance.now() - started;
  server.close();
  return { ms, code };
}

/** Resident memory of a process in bytes (Linux /proc), or NaN elsewhere. */
function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function proxyRecording(requests: number, bodyBytes: number) {
  const sink = await startServer([join(root, 'scripts/bench/bare-server.js')], {
    env: { PORT: '0', BENCH_BODY: '{}' },
  });
  const har = join(tmpdir(), `bench-hostile-${process.pid}.har`);
  const proxy = await startServer([
    join(root, 'proxy', 'cli.ts'),
    '--target',
    sink.url,
    '--port',
    '0',
    '--record',
    har,
  ]);
  const pid = proxy.child.pid as number;
  let peak = rssOf(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 50);
  const body = Buffer.alloc(bodyBytes, 'x');
  const started = performance.now();
  let forwardedMs = Number.NaN;
  try {
    for (let i = 0; i < requests; i++) {
      const answer = await fetch(`${proxy.url}/upload/${i}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body,
        signal: AbortSignal.timeout(60_000),
      });
      await answer.arrayBuffer();
    }
    forwardedMs = performance.now() - started;
  } finally {
    await proxy.stop(30_000);
    clearInterval(sampler);
    await sink.stop();
  }
  const entries = (JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: unknown[] } }).log.entries.length;
  const harBytes = statSync(har).size;
  rmSync(har, { force: true });
  return { peakBytes: peak, forwardedMs, harBytes, entries };
}

export async function hostileBench(): Promise<void> {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log('hostile input');
  await judgeOnce(wideAnswer(100)); // warm-up: validators compiled, code optimised
  for (const keys of [5_000, 10_000, 19_000, 80_000]) {
    const text = wideAnswer(keys);
    const ms = await judgeOnce(text);
    console.log(
      `  ${String(keys).padStart(6)}-key answer (${(text.length / 1024).toFixed(0)} KiB) judged in-process: ${ms.toFixed(0)} ms`,
    );
  }
  const cli = await contractAgainst(wideAnswer(80_000));
  console.log(
    `  npm run contract against a server answering 80,000 keys to everything: ${(cli.ms / 1000).toFixed(2)} s wall (exit ${cli.code}; target ≤ 2 s)`,
  );
  const masker = createMasker();
  const token = (i: number) => `eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJ${i.toString(36)}In0.${'s'.repeat(43)}${i}`;
  let started = performance.now();
  for (let i = 0; i < 2000; i++) masker.learn([token(2 * i), token(2 * i + 1)], ['alice']);
  const learnMs = performance.now() - started;
  const answer = JSON.stringify({ code: 0, result: { access_token: token(10), refresh_token: token(11) } });
  started = performance.now();
  for (let i = 0; i < 100; i++) masker.mask(answer);
  const smallMs = (performance.now() - started) / 100;
  const body = `${'x'.repeat(1024 * 1024 - answer.length)}${answer}`;
  started = performance.now();
  masker.mask(body);
  const bigMs = performance.now() - started;
  console.log(
    `  redaction with 4,000 learned tokens: learnt in ${learnMs.toFixed(0)} ms; a login answer masked in ${smallMs.toFixed(2)} ms, a 1 MiB body in ${bigMs.toFixed(0)} ms`,
  );
  const requests = 128;
  const bodyBytes = 8 * 1024 * 1024;
  const recording = await proxyRecording(requests, bodyBytes);
  console.log(
    `  proxy --record, ${requests} × ${mb(bodyBytes)} requests (${mb(requests * bodyBytes)}): peak RSS ${mb(recording.peakBytes)} (target < 300 MB), ${(recording.forwardedMs / 1000).toFixed(1)} s, HAR ${mb(recording.harBytes)} with ${recording.entries} entries`,
  );
}
