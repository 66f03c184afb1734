/**
 * The load generator behind `npm run bench`: Debian's `wrk` when it is installed (native, so the
 * generator is not the bottleneck on a two-core machine), else autocannon from npm (JavaScript; on
 * two cores it saturates before a fast server does, so it understates every ratio).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  /** Answers received in the whole run. */
  requests: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  connections: number;
  durationSeconds: number;
}

export interface LoadGenerator {
  name: string;
  run(options: LoadOptions): Promise<LoadResult>;
}

/** wrk's `Latency` figures (`812.00us`, `1.20ms`, `2.01s`) in milliseconds. */
export function wrkDurationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2] as 'us' | 'ms' | 's' | 'm'];
  return Math.round(value * scale * 100) / 100;
}

/** Reads the figures of `wrk --latency` output. */
export function parseWrkOutput(output: string): LoadResult {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output)?.[1];
  if (rps === undefined) throw new Error(`wrk printed no Requests/sec line:\n${output}`);
  return {
    requestsPerSecond: Math.round(Number(rps)),
    requests: number(/^\s*(\d+) requests in /m),
    p50Ms: wrkDurationMs(/^\s+50%\s+(\S+)/m.exec(output)?.[1] ?? ''),
    p99Ms: wrkDurationMs(/^\s+99%\s+(\S+)/m.exec(output)?.[1] ?? ''),
    errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    non2xx: number(/Non-2xx or 3xx responses:\s+(\d+)/),
  };
}

const wrk: LoadGenerator = {
  name: 'wrk (native)',
  async run({ url, body, connections, durationSeconds }) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
    const script = join(dir, 'post.lua');
    writeFileSync(
      script,
      `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\nwrk.headers["Content-Type"] = "application/json"\n`,
    );
    try {
      // One thread: the server under test keeps the other core.
      const args = [
        '-t1',
        `-c${connections}`,
        `-d${durationSeconds}s`,
        '--timeout',
        '10s',
        '--latency',
        '-s',
        script,
        url,
      ];
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
      });
      const kill = setTimeout(() => child.kill('SIGKILL'), (durationSeconds + 20) * 1000);
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      clearTimeout(kill);
      if (code !== 0) throw new Error(`wrk exited with ${code}:\n${output}`);
      return parseWrkOutput(output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const autocannonGenerator: LoadGenerator = {
  name: 'autocannon (JavaScript; install wrk for truer ratios)',
  async run({ url, body, connections, durationSeconds }) {
    const result = await autocannon({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections,
      duration: durationSeconds,
      timeout: 10,
    });
    return {
      requestsPerSecond: Math.round(result.requests.average),
      requests: result.requests.total,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    };
  },
};

/** wrk if it runs here, else autocannon; `prefer` forces one. */
export function pickLoadGenerator(prefer?: 'wrk' | 'autocannon'): LoadGenerator {
  if (prefer === 'autocannon') return autocannonGenerator;
  const hasWrk = spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
  if (prefer === 'wrk' && !hasWrk) throw new Error('--generator wrk: wrk is not installed (apt-get install wrk)');
  return hasWrk ? wrk : autocannonGenerator;
}
