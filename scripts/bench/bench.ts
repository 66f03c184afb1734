/**
 * `npm run bench`: throughput, latency and start-up of our mock server against a bare node:http
 * ceiling and Prism, side by side in one run (ratios matter; absolute figures vary with the machine).
 * Prints a table and writes artifacts/bench.json. Bounded: a few seconds per row.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type RunningServer, startServer } from '../server-process.ts';

const root = join(import.meta.dirname, '..', '..');
const node = process.execPath;
const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    'cold-starts': { type: 'string', default: '5' },
  },
});
const duration = Number(flags.duration);
const connections = Number(flags.connections);
const coldStarts = Number(flags['cold-starts']);

const LOGIN = '/v1/api/auth/login';
const REFRESH = '/v1/api/auth/refresh';
const DEMO = JSON.stringify({ user: 'alice', password: 'wonderland' });

const servers = {
  bare: () => startServer([join(root, 'scripts/bench/bare-server.ts')], { env: { PORT: '0' } }),
  mock: () => startServer([join(root, 'mocks/cli.ts'), '--port', '0', '--quiet']),
  stateful: () => startServer([join(root, 'mocks/cli.ts'), '--port', '0', '--stateful', '--quiet']),
  prism: () => startServer([join(root, 'mocks/prism-cli.ts'), '--port', '0', '--quiet']),
};

interface Row {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  ratioToCeiling?: number;
}

async function load(name: string, url: string, path: string, body: string): Promise<Row> {
  const result = await autocannon({
    url: url + path,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration,
    timeout: 10,
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function post(url: string, body: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, json: await response.json().catch(() => undefined) };
}

async function withServer<T>(
  start: () => Promise<RunningServer>,
  use: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const server = await start();
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/** Spawn → first 200 answer to a login, median of `coldStarts` runs. */
async function coldStart(start: () => Promise<RunningServer>): Promise<{ medianMs: number; runsMs: number[] }> {
  const runs: number[] = [];
  for (let i = 0; i < coldStarts; i++) {
    const t0 = performance.now();
    await withServer(start, async (server) => {
      const { status } = await post(server.url + LOGIN, DEMO);
      if (status !== 200) throw new Error(`cold start: login answered ${status}`);
      runs.push(performance.now() - t0);
    });
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN), runsMs: runs.map(Math.round) };
}

async function contractRun(): Promise<{ wallMs: number; exitCode: number | null }> {
  return withServer(servers.stateful, (server) => {
    const t0 = performance.now();
    const child = spawn(
      node,
      [join(root, 'contract-tests/cli.ts'), '--base-url', server.url, '--user', 'alice', '--password', 'wonderland'],
      { stdio: 'ignore' },
    );
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.once('exit', (exitCode) => {
        clearTimeout(kill);
        resolve({ wallMs: Math.round(performance.now() - t0), exitCode });
      });
    });
  });
}

/**
 * The validating proxy's cost: the same mock server loaded directly and through `npm run proxy`
 * (judging every exchange, printing its line), back to back in one run. Target: ratio >= 0.5.
 */
async function proxyVsDirect(): Promise<{ direct: Row; proxied: Row; ratio: number }> {
  return withServer(servers.mock, async (target) => {
    const direct = await load('mock server, direct', target.url, LOGIN, DEMO);
    const proxied = await withServer(
      () => startServer([join(root, 'proxy/cli.ts'), '--target', target.url, '--port', '0']),
      (proxy) => load('mock server, through the proxy', proxy.url, LOGIN, DEMO),
    );
    return { direct, proxied, ratio: Math.round((proxied.requestsPerSecond / direct.requestsPerSecond) * 1000) / 1000 };
  });
}

const started = performance.now();
const rows: Row[] = [];
rows.push(await withServer(servers.bare, (s) => load('bare node:http (ceiling)', s.url, LOGIN, DEMO)));
rows.push(await withServer(servers.mock, (s) => load('mock server, example login', s.url, LOGIN, DEMO)));
rows.push(await withServer(servers.stateful, (s) => load('mock server, stateful login', s.url, LOGIN, DEMO)));
rows.push(
  await withServer(servers.stateful, async (s) => {
    const login = await post(s.url + LOGIN, DEMO);
    const token = (login.json as { result?: { refresh_token?: string } } | undefined)?.result?.refresh_token;
    if (login.status !== 200 || !token) throw new Error(`stateful login answered ${login.status}`);
    return load('mock server, stateful refresh', s.url, REFRESH, JSON.stringify({ refresh_token: token }));
  }),
);
rows.push(await withServer(servers.prism, (s) => load('Prism 5 static mock, login', s.url, LOGIN, DEMO)));

const ceiling = rows[0]?.requestsPerSecond ?? Number.NaN;
for (const row of rows) row.ratioToCeiling = Math.round((row.requestsPerSecond / ceiling) * 1000) / 1000;
const prismRps = rows.at(-1)?.requestsPerSecond ?? Number.NaN;
const mockRps = rows[1]?.requestsPerSecond ?? Number.NaN;

const cold = { mock: await coldStart(servers.mock), prism: await coldStart(servers.prism) };
const contract = await contractRun();
const proxyPair = await proxyVsDirect();

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`\nPOST, ${connections} connections, ${duration} s per row, load from a separate process\n`);
console.log(
  `${'server'.padEnd(32)}${pad('req/s', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}${pad('non-2xx', 9)}${pad('x ceiling', 11)}`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(32)}${pad(r.requestsPerSecond, 9)}${pad(r.p50Ms, 8)}${pad(r.p99Ms, 8)}${pad(r.errors, 8)}${pad(r.non2xx, 9)}${pad(r.ratioToCeiling ?? '', 11)}`,
  );
}
console.log(`\nexample-mode mock vs Prism: ${(mockRps / prismRps).toFixed(1)}x`);
console.log(
  `cold start to first 200 (median of ${coldStarts}): mock ${cold.mock.medianMs} ms [${cold.mock.runsMs.join(', ')}], Prism ${cold.prism.medianMs} ms [${cold.prism.runsMs.join(', ')}]`,
);
console.log(
  `validating proxy: ${proxyPair.proxied.requestsPerSecond} req/s through it vs ${proxyPair.direct.requestsPerSecond} direct = ${proxyPair.ratio}x (target >= 0.5; p99 ${proxyPair.proxied.p99Ms} vs ${proxyPair.direct.p99Ms} ms, errors ${proxyPair.proxied.errors}, non-2xx ${proxyPair.proxied.non2xx})`,
);
console.log(`full contract run against the stateful mock: ${contract.wallMs} ms (exit ${contract.exitCode})`);
console.log(`bench wall time: ${Math.round((performance.now() - started) / 1000)} s`);

const out = join(root, 'artifacts', 'bench.json');
await mkdir(join(root, 'artifacts'), { recursive: true });
await writeFile(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, duration, connections, rows, mockVsPrism: mockRps / prismRps, coldStart: cold, contract, proxyVsDirect: proxyPair }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
