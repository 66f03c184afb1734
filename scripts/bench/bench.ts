/**
 * `npm run bench`: throughput, latency and start-up of our mock server against a bare node:http
 * ceiling and Prism, side by side in one run (ratios matter; absolute figures vary with the machine).
 * Prints a table and writes artifacts/bench.json. Bounded: a few seconds per row.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { type AddressInfo, connect, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openapiDocument } from '../../spec/generated/openapi.ts';
import { type RunningServer, startServer } from '../server-process.ts';
import { benchCoverage, printCoverageBench } from './coverage.ts';
import { type LoadResult, pickLoadGenerator } from './load-generator.ts';
import { printTranscriberRows, transcriberBench } from './transcriber-bench.ts';

const root = join(import.meta.dirname, '..', '..');
const node = process.execPath;
const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    'cold-starts': { type: 'string', default: '5' },
    generator: { type: 'string' },
    /** `proxy`, `contract`, `hostile`, `coverage` or `transcriber`: run that section alone. */
    only: { type: 'string' },
  },
});
const duration = Number(flags.duration);
const connections = Number(flags.connections);
const coldStarts = Number(flags['cold-starts']);
if (flags.generator !== undefined && flags.generator !== 'wrk' && flags.generator !== 'autocannon') {
  throw new Error(`--generator must be wrk or autocannon, got '${flags.generator}'`);
}
const sections = ['proxy', 'contract', 'hostile', 'coverage', 'transcriber'];
if (flags.only !== undefined && !sections.includes(flags.only)) {
  throw new Error(`--only takes ${sections.join(' or ')}, got '${flags.only}'`);
}
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

interface ContractRun {
  /** Spawn to exit of `npm run contract` (Node start-up included). */
  wallMs: number;
  exitCode: number | null;
  /** The run's own duration and request count, as it prints them. */
  runMs: number;
  requests: number;
  generated: number;
}

/** One default contract run (random seed, default budget) against a fresh `npm start -- --stateful`. */
async function contractRun(): Promise<ContractRun> {
  return withServer(servers.stateful, (server) => {
    const t0 = performance.now();
    const child = spawn(
      node,
      [join(root, 'contract-tests/cli.ts'), '--base-url', server.url, '--user', 'alice', '--password', 'wonderland'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.once('exit', (exitCode) => {
        clearTimeout(kill);
        const number = (pattern: RegExp) => Number(pattern.exec(out)?.[1] ?? Number.NaN);
        resolve({
          wallMs: Math.round(performance.now() - t0),
          exitCode,
          runMs: Math.round(number(/ skipped in ([\d.]+) s$/m) * 1000),
          requests: number(/^ {6}(\d+) requests, slowest answer/m),
          generated: number(/^ {6}(\d+) generated requests/m),
        });
      });
    });
  });
}

/** The default contract run, a few times: the median is the figure (target: at most 5 s). */
async function contractRuns(times = 5) {
  const runs: ContractRun[] = [];
  for (let i = 0; i < times; i++) runs.push(await contractRun());
  const medianOf = (pick: (r: ContractRun) => number) => Math.round(median(runs.map(pick)));
  return { medianWallMs: medianOf((r) => r.wallMs), medianRunMs: medianOf((r) => r.runMs), runs };
}

function printContract(contract: Awaited<ReturnType<typeof contractRuns>>) {
  const last = contract.runs.at(-1);
  console.log(
    `\ndefault contract run against npm start -- --stateful (median of ${contract.runs.length}): ${contract.medianWallMs} ms spawn to exit, ${contract.medianRunMs} ms the run itself; ${last?.requests} requests (${last?.generated} generated); exit codes ${contract.runs.map((r) => r.exitCode).join(', ')} (target: at most 5000 ms)`,
  );
}

/**
 * The validating proxy's cost: a target loaded directly, through a bare TCP relay (the ceiling of
 * any proxy process on this machine: it forwards without reading a byte) and through
 * `npm run proxy` (every exchange judged and printed), in alternating short legs so that a busy
 * moment of the machine hits all three alike; ratios are the medians of the rounds'. Target: the
 * proxy >= 0.5 of direct. Judging waits while forwarding keeps the proxy busy, so verdicts lag the
 * load: after each proxied leg the bench waits until every exchange so far is judged (so the next
 * leg does not share the machine with the judging), and that wait is measured too.
 */
const proxyRounds = 5;
const proxyLegSeconds = Math.max(1, Math.round(duration / 2));

interface ProxyPair {
  target: string;
  direct: Row;
  relayed: Row;
  proxied: Row;
  /** Proxied over direct, median of the rounds. */
  ratio: number;
  ratios: number[];
  /** Relayed over direct, median of the rounds. */
  relayRatio: number;
  judged: number;
  /** The longest wait, over the rounds, from the end of a proxied leg to its last verdict. */
  judgedAfterLoadMs: number;
}

/** Verdict lines the proxy printed so far (one per exchange). */
const verdictLines = (stdout: string) => stdout.match(/^(?:PASS|FAIL|WARN|SKIP) {2}/gm)?.length ?? 0;

/** A TCP relay in this process: each connection piped to the target, nothing parsed. */
async function startRelay(target: string): Promise<{ url: string; close(): void }> {
  const { port, hostname } = new URL(target);
  const server = createNetServer((client) => {
    const upstream = connect(Number(port), hostname);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

async function proxyVsDirect(name: string, start: () => Promise<RunningServer>): Promise<ProxyPair> {
  return withServer(start, async (target) => {
    const relay = await startRelay(target.url);
    const proxy = await startServer([join(root, 'proxy/cli.ts'), '--target', target.url, '--port', '0']);
    try {
      const leg = async (label: string, url: string): Promise<Row> => ({
        name: `${name}, ${label}`,
        ...(await generator.run({ url: url + LOGIN, body: DEMO, connections, durationSeconds: proxyLegSeconds })),
      });
      let sent = 0;
      const untilJudged = async () => {
        const stopAt = performance.now();
        while (verdictLines(proxy.stdout()) < sent) {
          if (performance.now() - stopAt > 300_000) {
            throw new Error(`the proxy judged ${verdictLines(proxy.stdout())} of ${sent} exchanges in 300 s`);
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return Math.round(performance.now() - stopAt);
      };
      const proxiedLeg = async () => {
        const row = await leg('through the proxy', proxy.url);
        sent += row.requests;
        return { row, judgedAfterMs: await untilJudged() };
      };
      // Warm-up (not counted): every path once, so none pays for the JIT in a counted leg.
      await leg('warm-up', target.url);
      await leg('warm-up', relay.url);
      await proxiedLeg();
      const legs = { direct: [] as Row[], relayed: [] as Row[], proxied: [] as Row[] };
      let judgedAfterLoadMs = 0;
      for (let round = 0; round < proxyRounds; round++) {
        legs.direct.push(await leg('direct', target.url));
        legs.relayed.push(await leg('through a TCP relay', relay.url));
        const proxied = await proxiedLeg();
        legs.proxied.push(proxied.row);
        judgedAfterLoadMs = Math.max(judgedAfterLoadMs, proxied.judgedAfterMs);
      }
      await proxy.stop(300_000);
      const judged = Number(/^(\d+) exchanges, \d+ violations/m.exec(proxy.stdout())?.[1] ?? Number.NaN);
      const ratiosOf = (rows: Row[]) =>
        rows.map(
          (row, i) => Math.round((row.requestsPerSecond / (legs.direct[i]?.requestsPerSecond ?? 0)) * 1000) / 1000,
        );
      const middle = (rows: Row[]) =>
        [...rows].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(rows.length / 2)] as Row;
      const ratios = ratiosOf(legs.proxied);
      return {
        target: name,
        direct: middle(legs.direct),
        relayed: middle(legs.relayed),
        proxied: middle(legs.proxied),
        ratio: median(ratios),
        ratios,
        relayRatio: median(ratiosOf(legs.relayed)),
        judged,
        judgedAfterLoadMs,
      };
    } finally {
      relay.close();
      await proxy.stop();
    }
  });
}

/** The example mock answers a login in ~35 µs of CPU (the proxy's worst case); the stateful one signs fresh JWTs. */
const proxyPairs = async () => [
  await proxyVsDirect('example mock', servers.mock),
  await proxyVsDirect('stateful mock', servers.stateful),
];

function printProxyPairs(pairs: ProxyPair[]): void {
  console.log(
    `\nvalidating proxy (target >= 0.5 of direct), median req/s of ${proxyRounds} alternating rounds of ${proxyLegSeconds} s`,
  );
  for (const pair of pairs) {
    console.log(
      `${pair.target}: ${pair.proxied.requestsPerSecond} through the proxy vs ${pair.direct.requestsPerSecond} direct = ${pair.ratio}x (rounds ${pair.ratios.join(', ')}); a bare TCP relay: ${pair.relayRatio}x; proxied p99 ${pair.proxied.p99Ms} ms vs ${pair.direct.p99Ms}, errors ${pair.proxied.errors}, non-2xx ${pair.proxied.non2xx}`,
    );
    console.log(
      `  every exchange judged: ${pair.judged} (the load generator counted at most that many answers), the last verdict at most ${pair.judgedAfterLoadMs} ms after a proxied leg`,
    );
  }
}

const coverageCost = () =>
  benchCoverage({
    root,
    rounds: 5,
    load: (url) => generator.run({ url, body: DEMO, connections, durationSeconds: duration }),
  });
if (flags.only === 'coverage') {
  printCoverageBench(await coverageCost());
  process.exit(0);
}
if (flags.only === 'transcriber') {
  printTranscriberRows(await transcriberBench());
  process.exit(0);
}

if (flags.only === 'proxy') {
  printProxyPairs(await proxyPairs());
  process.exit(0);
}
if (flags.only === 'contract') {
  printContract(await contractRuns());
  process.exit(0);
}

if (flags.only === 'hostile') {
  await (await import('./hostile.ts')).hostileBench();
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
const contract = await contractRuns();
const proxyPairList = await proxyPairs();
const coverage = await coverageCost();

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
printContract(contract);
printProxyPairs(proxyPairList);
printCoverageBench(coverage);
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
      proxyVsDirect: proxyPairList,
      coverage,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${out}`);
