// `npm run proxy` as CI scripts run it: in the background, stopped with `kill $PID` (SIGTERM to
// npm), or Ctrl-C to the whole process group, or wrapped around the command whose traffic it
// judges. Each ends with the HAR and the report written, the verdict as exit code, and nothing
// left running.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../contract-tests/fixtures/servers/reference.ts';
import { codeAsString, password, reference, serveVariant, user } from './fixtures.ts';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'proxy-signals-'));
const targets: Running[] = [];
beforeAll(async () => {
  targets.push(await serveVariant(reference), await serveVariant(codeAsString));
});
afterAll(async () => {
  for (const target of targets) await target.close();
});

interface NpmRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  url: Promise<string>;
}

/** `npm run proxy -- ARGS` in its own process group, as a CI job's background step. */
function npmProxy(args: string[]): NpmRun {
  const child = spawn('npm', ['run', '--silent', 'proxy', '--', ...args], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let found: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    found = resolve;
  });
  const read = (chunk: Buffer) => {
    output += chunk;
    const match = /listening (http:\/\/\S+)/.exec(output);
    if (match) found(match[1] as string);
  };
  child.stdout?.on('data', read);
  child.stderr?.on('data', read);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const limit = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {}
  }, 60_000);
  void exited.then(() => clearTimeout(limit));
  return { child, output: () => output, exited, url };
}

const login = (url: string) =>
  fetch(`${url}/v1/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, password }),
    signal: AbortSignal.timeout(10_000),
  }).then((r) => r.text());

/** Proxy processes still running with this file among their arguments. */
function leftRunning(marker: string): string {
  try {
    return execFileSync('pgrep', ['-af', marker], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

describe('npm run proxy and signals', () => {
  it('kill $PID (SIGTERM to npm): npm waits, exit 0, HAR and report written, nothing left running', async () => {
    const har = join(dir, 'term.har');
    const json = join(dir, 'term.json');
    const run = npmProxy([
      '--target',
      (targets[0] as Running).url,
      '--port',
      '0',
      '--record',
      har,
      '--report',
      `json=${json}`,
    ]);
    await login(await run.url);
    run.child.kill('SIGTERM');
    expect(await run.exited, run.output()).toBe(0);
    expect(JSON.parse(readFileSync(har, 'utf8')).log.entries).toHaveLength(1);
    expect(JSON.parse(readFileSync(json, 'utf8')).exitCode).toBe(0);
    expect(leftRunning(har)).toBe('');
  }, 90_000);

  it('Ctrl-C to the process group: the exit code is the verdict (1 for a broken server), not 130', async () => {
    const har = join(dir, 'int.har');
    const run = npmProxy(['--target', (targets[1] as Running).url, '--port', '0', '--record', har]);
    await login(await run.url);
    process.kill(-(run.child.pid as number), 'SIGINT');
    expect(await run.exited, run.output()).toBe(1);
    expect(run.output()).toMatch(/1 exchanges, 1 violations/);
    expect(existsSync(har)).toBe(true);
    expect(leftRunning(har)).toBe('');
  }, 90_000);

  it('wrapped: -- COMMAND runs with LOGIN_API_PROXY_URL; the exit code combines both', async () => {
    const script = `fetch(process.env.LOGIN_API_PROXY_URL + '/v1/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: '${user}', password: '${password}' }) }).then((r) => r.text()).then(() => process.exit(Number(process.argv[1])))`;
    const wrapped = (target: Running, name: string, commandCode: number) => {
      const har = join(dir, `${name}.har`);
      const run = npmProxy([
        '--target',
        target.url,
        '--port',
        '0',
        '--record',
        har,
        '--',
        process.execPath,
        '-e',
        script,
        String(commandCode),
      ]);
      return run.exited.then((code) => ({ code, har, output: run.output() }));
    };
    const [passing, violating, failing] = await Promise.all([
      wrapped(targets[0] as Running, 'wrapped-ok', 0),
      wrapped(targets[1] as Running, 'wrapped-broken', 0),
      wrapped(targets[0] as Running, 'wrapped-command-failed', 3),
    ]);
    expect(passing.code, passing.output).toBe(0);
    expect(violating.code, violating.output).toBe(1);
    expect(failing.code, failing.output).toBe(3);
    for (const run of [passing, violating, failing]) {
      expect(JSON.parse(readFileSync(run.har, 'utf8')).log.entries).toHaveLength(1);
      expect(leftRunning(run.har)).toBe('');
    }
  }, 120_000);
});
