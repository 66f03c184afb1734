/**
 * `npm run bench`: throughput, latency and start-up of our mock server against a bare node:http
 * ceiling and Prism, side by side in one run (ratios matter; absolute figures vary with the machine).
 * Prints a table and writes artifacts/bench.json. Bounded: a few seconds per row.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openapiDocument } from '../../spec/generated/openapi.ts';
import { type RunningServer, startServer } from '../server-process.ts';
import { type LoadResult, pickLoadGenerator } from './load-generator.ts';

const root = join(import.meta.dirname, '..', '..');
const node = process.execPath;
const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    'cold-starts': { type: 'string', default: '5' },
    generator: { type: 'string' },
    /** `proxy`: only the validating proxy's pair. */
    only: { type: 'string' },
  },
});
const duration = Number(flags.duration);
const connections = Number(flags.connections);
const coldStarts = Number(flags['cold-starts']);
if (flags.generator !== undefined && flags.generator !== 'wrk' && flags.generator !== 'autocannon') {
  throw new Error(`--generator must be wrk or autocannon, got '${flags.generator}'`);
}
if (flags.only !== undefined && flags.only !== 'proxy') throw new Error(`--only takes proxy, got '${flags.only}'`);
const generator = pickLoadGenerator(flags.generator as 'wrk' | 'autocannon' | undefined);

const LOGIN = '/v1/api/auth/login';
const REFRESH = '/v1/api/auth/refresh';
const DEMO = JSON.stringify({ user: 'alice', password: 'wonderland' });
const documentedLogin = JSON.stringify(
  openapiDocument.paths[LOGIN].post.responses['200'].content['application/json'].examples.documented.value,
);

/** Each server started the way users start it: `node <entry>`, as `npm start` runs it. */
const servers = {
  bare: () =>
    startServer([join(root, 'scripts/bench/bare-server.js')], { env: { PORT: '0', BENCH_BODY: documentedLogin } }),
  mock: () => startServer([join(root, 'mocks/start.js'), '--port', '0', '--quiet']),
  stateful: () => startServer([join(root, 'mocks/start.js'), '--port', '0', '--stateful', '--quiet']),
  prism: () => startServer([join(root, 'mocks/prism-cli.ts'), '--port', '0', '--quiet']),
};

interface Row extends LoadResult {
  name: string;
  ratioToCeiling?: number;
}

async function load(name: string, url: string, body: string): Promise<Row> {
  return { name, ...(await generator.run({ url, body, connections, durationSeconds: duration })) };
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

interface ColdStart {
  medianMs: number;
  runsMs: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Spawn → first 200 answer to a login, `coldStarts` runs per server, interleaved (bare, mock,
 * stateful, Prism, bare, …) so that a busy moment of the machine hits every server alike.
 */
async function coldStartsOf(starts: Record<string, () => Promise<RunningServer>>): Promise<Record<string, ColdStart>> {
  const runs: Record<string, number[]> = Object.fromEntries(Object.keys(starts).map((name) => [name, []]));
  for (let i = 0; i < coldStarts; i++) {
    for (const [name, start] of Object.entries(starts)) {
      const t0 = performance.now();
      await withServer(start, async (server) => {
        const { status } = await post(server.url + LOGIN, DEMO);
        if (status !== 200) throw new Error(`cold start of ${name}: login answered ${status}`);
        runs[name]?.push(Math.round(performance.now() - t0));
      });
    }
  }
  return Object.fromEntries(
    Object.entries(runs).map(([name, ms]) => [name, { medianMs: Math.round(median(ms)), runsMs: ms }]),
  );
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
 * (every exchange judged and printed), back to back in one run. Target: ratio >= 0.5. Judging
 * waits while forwarding keeps the proxy busy, so under this saturating load verdicts lag: the
 * proxy's stop then waits for the last one, and that wait is measured too.
 */
async function proxyVsDirect(): Promise<{
  direct: Row;
  proxied: Row;
  ratio: number;
  judged: number;
  judgedAfterLoadMs: number;
}> {
  return withServer(servers.mock, async (target) => {
    const direct = await load('mock server, direct', target.url + LOGIN, DEMO);
    const proxy = await startServer([join(root, 'proxy/cli.ts'), '--target', target.url, '--port', '0']);
    try {
      const proxied = await load('mock server, through the proxy', proxy.url + LOGIN, DEMO);
      const stopAt = performance.now();
      await proxy.stop(300_000);
      const judgedAfterLoadMs = Math.round(performance.now() - stopAt);
      const judged = Number(/^(\d+) exchanges, \d+ violations/m.exec(proxy.stdout())?.[1] ?? Number.NaN);
      const ratio = Math.round((proxied.requestsPerSecond / direct.requestsPerSecond) * 1000) / 1000;
      return { direct, proxied, ratio, judged, judgedAfterLoadMs };
    } finally {
      await proxy.stop();
    }
  });
}

function printProxyPair(pair: Awaited<ReturnType<typeof proxyVsDirect>>): void {
  console.log(
    `validating proxy: ${pair.proxied.requestsPerSecond} req/s through it vs ${pair.direct.requestsPerSecond} direct = ${pair.ratio}x (target >= 0.5; p99 ${pair.proxied.p99Ms} vs ${pair.direct.p99Ms} ms, errors ${pair.proxied.errors}, non-2xx ${pair.proxied.non2xx})`,
  );
  console.log(
    `  every exchange judged: ${pair.judged}, the last verdict ${pair.judgedAfterLoadMs} ms after the load stopped`,
  );
}

if (flags.only === 'proxy') {
  printProxyPair(await proxyVsDirect());
  process.exit(0);
}

const started = performance.now();
const rows: Row[] = [];
rows.push(await withServer(servers.bare, (s) => load('bare node:http (ceiling)', s.url + LOGIN, DEMO)));
rows.push(await withServer(servers.mock, (s) => load('mock server, example login', s.url + LOGIN, DEMO)));
rows.push(await withServer(servers.stateful, (s) => load('mock server, stateful login', s.url + LOGIN, DEMO)));
rows.push(
  await withServer(servers.stateful, async (s) => {
    const login = await post(s.url + LOGIN, DEMO);
    const token = (login.json as { result?: { refresh_token?: string } } | undefined)?.result?.refresh_token;
    if (login.status !== 200 || !token) throw new Error(`stateful login answered ${login.status}`);
    return load('mock server, stateful refresh', s.url + REFRESH, JSON.stringify({ refresh_token: token }));
  }),
);
rows.push(await withServer(servers.prism, (s) => load('Prism 5 static mock, login', s.url + LOGIN, DEMO)));

const ceiling = rows[0]?.requestsPerSecond ?? Number.NaN;
for (const row of rows) row.ratioToCeiling = Math.round((row.requestsPerSecond / ceiling) * 1000) / 1000;
const prismRps = rows.at(-1)?.requestsPerSecond ?? Number.NaN;
const mockRps = rows[1]?.requestsPerSecond ?? Number.NaN;

const cold = await coldStartsOf(servers);
const contract = await contractRun();
const proxyPair = await proxyVsDirect();

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(
  `\nPOST, ${connections} connections, ${duration} s per row, load from a separate process: ${generator.name}\n`,
);
console.log(
  `${'server'.padEnd(32)}${pad('req/s', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}${pad('non-2xx', 9)}${pad('x ceiling', 11)}`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(32)}${pad(r.requestsPerSecond, 9)}${pad(r.p50Ms, 8)}${pad(r.p99Ms, 8)}${pad(r.errors, 8)}${pad(r.non2xx, 9)}${pad(r.ratioToCeiling ?? '', 11)}`,
  );
}
console.log(`\nexample-mode mock vs Prism: ${(mockRps / prismRps).toFixed(1)}x`);
const bareStart = cold.bare?.medianMs ?? Number.NaN;
console.log(`\nspawn to first 200 on login (median of ${coldStarts}, runs interleaved)`);
console.log(`${'server'.padEnd(32)}${pad('median ms', 11)}${pad('vs bare', 9)}  runs ms`);
for (const [name, result] of Object.entries(cold)) {
  const delta = name === 'bare' ? '' : `+${result.medianMs - bareStart}`;
  console.log(`${name.padEnd(32)}${pad(result.medianMs, 11)}${pad(delta, 9)}  ${result.runsMs.join(', ')}`);
}
console.log(`\nfull contract run against the stateful mock: ${contract.wallMs} ms (exit ${contract.exitCode})`);
printProxyPair(proxyPair);
console.log(`bench wall time: ${Math.round((performance.now() - started) / 1000)} s`);

const out = join(root, 'artifacts', 'bench.json');
await mkdir(join(root, 'artifacts'), { recursive: true });
await writeFile(
  out,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      generator: generator.name,
      duration,
      connections,
      rows,
      mockVsPrism: mockRps / prismRps,
      coldStart: cold,
      contract,
      proxyVsDirect: proxyPair,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${out}`);
