/**
 * Coverage as users get it, through real processes: `npm start -- --coverage FILE` writes the file
 * when stopped with SIGTERM, and `npm run coverage` judges it with the exit codes CI relies on.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { processGroup, readyUrl, waitUntilGone } from '../scripts/process-group.ts';

const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'coverage-cli-'));
const leftovers: number[] = [];

afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function coverage(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'coverage/cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm start -- --coverage, then npm run coverage', () => {
  const file = join(dir, 'm.json');

  it('writes the file on SIGTERM after one login', async () => {
    const child = spawn('npm', ['start', '--', '--port', '0', '--quiet', '--coverage', file], {
      cwd: ROOT,
      detached: true,
      env: { ...process.env, PORT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const npm = child.pid as number;
    const url = await readyUrl('npm start', child);
    const pids = processGroup(npm);
    leftovers.push(...pids);
    const answer = await fetch(`${url}/v1/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'alice', password: 'wonderland' }),
      signal: AbortSignal.timeout(5_000),
    });
    expect(answer.status).toBe(200);
    process.kill(npm, 'SIGTERM');
    expect(await waitUntilGone(pids, 10_000)).toEqual([]);
    expect(existsSync(file)).toBe(true);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toMatchObject({ $schemaVersion: 1, tool: 'login-api-coverage', source: 'mock', requests: 1 });
    expect(written.counts.login.status['200']).toBe(1);
    expect(written.counts.login.example.documented).toBe(1);
    expect(written.counts.refreshToken.status['200']).toBe(0);
  });

  it('--min 100 exits 1 and names refresh as never exercised; --min 0 exits 0', () => {
    // Through npm once, as the docs tell users to run it.
    const npm = spawnSync('npm', ['run', '-s', 'coverage', '--', file, '--min', '100'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const strict = { code: npm.status, stdout: npm.stdout };
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('refreshToken (POST /v1/api/auth/refresh): never exercised');
    expect(strict.stdout).toMatch(/below the required 100%/);
    const lenient = coverage(file, '--min', '0');
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('login (POST /v1/api/auth/login)');
  });

  it('--require names what was never reached; reports are written', () => {
    const json = join(dir, 'c.json');
    const junit = join(dir, 'c.xml');
    const html = join(dir, 'c.html');
    const run = coverage(
      file,
      file,
      '--require',
      'login:200',
      '--require',
      'refreshToken:example=expired-token',
      '--report',
      `json=${json}`,
      '--report',
      `junit=${junit}`,
      '--report',
      `html=${html}`,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('REQUIRED, NEVER EXERCISED: refreshToken:example=expired-token');
    expect(run.stdout).toContain('required, exercised: login:200');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.counts.login.status['200']).toBe(2); // two files merged
    expect(report.exitCode).toBe(1);
    expect(readFileSync(junit, 'utf8')).toContain(
      '<failure message="refreshToken:example=expired-token: never exercised"',
    );
    expect(readFileSync(html, 'utf8')).toContain('id="coverage-refreshToken"');
  });

  it('bad flags and files exit 2 with a clear message', () => {
    const notCoverage = join(dir, 'other.json');
    writeFileSync(notCoverage, '{"log": {}}');
    const cases: [string[], string][] = [
      [[], 'name at least one coverage file'],
      [[file, '--min', 'lots'], '--min must be a percentage'],
      [[file, '--min', '101'], '--min must be a percentage'],
      [[file, '--require', 'logout:200'], 'no operation "logout"'],
      [[file, '--require', 'login:418'], 'the spec defines no status 418 for login'],
      [[file, '--report', 'pdf=x.pdf'], 'must be json=FILE, junit=FILE or html=FILE'],
      [[file, '--bogus'], "Unknown option '--bogus'"],
      [[join(dir, 'missing.json')], 'cannot read'],
      [[notCoverage], 'not a coverage file'],
    ];
    for (const [args, message] of cases) {
      const run = coverage(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});
