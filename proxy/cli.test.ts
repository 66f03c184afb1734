// The commands end to end, as users run them: `npm run proxy` in front of a correct and a broken
// server (exit codes on SIGTERM, the HAR and the report it writes), `npm run contract -- --har` on
// those recordings, and `npm start -- --replay` answering from one.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../contract-tests/fixtures/run-cli.ts';
import type { Running } from '../contract-tests/fixtures/servers/reference.ts';
import { runContract } from '../contract-tests/runner.ts';
import { runProcess, startServer } from '../scripts/server-process.ts';
import { codeAsString, harErrors, password, reference, serveVariant, user } from './fixtures.ts';

const root = join(import.meta.dirname, '..');
const proxyCli = join(root, 'proxy', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'proxy-cli-'));

interface Session {
  code: number | null;
  stdout: string;
  stderr: string;
  har: string;
  json: string;
  html: string;
  coverage: string;
}

/** The proxy CLI in front of `target`, the contract suite's traffic through it, then SIGTERM. */
async function proxySession(target: Running, name: string): Promise<Session> {
  const har = join(dir, `${name}.har`);
  const json = join(dir, `${name}.json`);
  const html = join(dir, `${name}.html`);
  const coverage = join(dir, `${name}.coverage.json`);
  const proxy = await startServer([
    proxyCli,
    '--target',
    target.url,
    '--port',
    '0',
    '--record',
    har,
    '--report',
    `json=${json}`,
    '--report',
    `html=${html}`,
    '--report',
    `coverage=${coverage}`,
  ]);
  try {
    await runContract({ baseUrl: proxy.url, user, password, fetch: globalThis.fetch, timeoutMs: 3000 });
  } finally {
    await proxy.stop();
  }
  const { code } = await proxy.exited;
  return { code, stdout: proxy.stdout(), stderr: proxy.stderr(), har, json, html, coverage };
}

const targets: Running[] = [];
let good: Session;
let broken: Session;
beforeAll(async () => {
  targets.push(await serveVariant(reference), await serveVariant(codeAsString));
  [good, broken] = [
    await proxySession(targets[0] as Running, 'good'),
    await proxySession(targets[1] as Running, 'broken'),
  ];
}, 90_000);
afterAll(async () => {
  for (const target of targets) await target.close();
});

describe('npm run proxy', () => {
  it('a correct server: exit 0, one line per exchange, "N exchanges, 0 violations", a valid HAR without the password', () => {
    expect(good.code, good.stderr).toBe(0);
    const lines = good.stdout.split('\n').filter((l) => /^(PASS|FAIL|WARN|SKIP) {2}/.test(l));
    const har = JSON.parse(readFileSync(good.har, 'utf8'));
    expect(lines.length).toBeGreaterThan(25);
    expect(har.log.entries).toHaveLength(lines.length);
    expect(good.stdout).toContain(`${lines.length} exchanges, 0 violations`);
    expect(harErrors(har)).toEqual([]);
    const everything = readFileSync(good.har, 'utf8') + good.stdout + readFileSync(good.json, 'utf8');
    expect(everything).not.toContain(password);
    expect(JSON.parse(readFileSync(good.json, 'utf8')).exitCode).toBe(0);
  });

  it('writes the HTML page and the coverage of the session: verdict, every exchange, no password', () => {
    const page = readFileSync(good.html, 'utf8');
    expect(page).toContain('No violations');
    expect(page).not.toContain(password);
    expect(page.match(/class="row"/g)?.length).toBe(JSON.parse(readFileSync(good.har, 'utf8')).log.entries.length);
    const coverage = JSON.parse(readFileSync(good.coverage, 'utf8'));
    expect(coverage).toMatchObject({ tool: 'login-api-coverage', source: 'proxy' });
    expect(coverage.counts.login.status['200']).toBeGreaterThan(0);
    expect(coverage.counts.login.refusal['missing-password']).toBeGreaterThan(0);
    const brokenPage = readFileSync(broken.html, 'utf8');
    expect(brokenPage).toContain('Violations found');
    expect(brokenPage).toMatch(/b-fail">FAIL<\/span><code class="id">login-success/);
  });

  it('a server whose login code is "0": exit 1, the FAIL line names login-success', () => {
    expect(broken.code, broken.stderr).toBe(1);
    expect(broken.stdout).toMatch(
      /^FAIL {2}POST \/v1\/api\/auth\/login 200 {2}login-success {2}\/code must be integer/m,
    );
    expect(broken.stdout).toMatch(/\d+ exchanges, [1-9]\d* violations/);
    expect(readFileSync(broken.har, 'utf8')).not.toContain(password);
  });

  it('exit 2 for bad arguments and for an unreachable target', async () => {
    const cases = [
      [],
      ['--target', 'ftp://x'],
      ['--target', 'http://127.0.0.1:1', '--port', 'x'],
      ['--nope'],
      ['--target', 'http://127.0.0.1:9', '--port', '0'],
    ];
    const runs = cases.map((args) => runProcess([proxyCli, ...args]));
    for (const [i, run] of runs.entries()) {
      expect((await run.exited).code, cases[i]?.join(' ')).toBe(2);
      expect(run.stderr()).toMatch(/^proxy: /);
    }
    expect(runs.at(-1)?.stderr()).toContain('cannot be reached');
  });
});

describe('npm run contract -- --har', () => {
  it('judges the two recordings offline: exit 0 and exit 1, same report formats', async () => {
    const junit = join(dir, 'offline.xml');
    const html = join(dir, 'offline.html');
    const coverage = join(dir, 'offline.coverage.json');
    const ok = await runCli([
      '--har',
      good.har,
      '--report',
      `junit=${junit}`,
      '--report',
      `html=${html}`,
      '--report',
      `coverage=${coverage}`,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('No violations');
    // The recording masks secret fields by value (a password or token sent as a number is
    // recorded as a masked string), so a refused body's kind may read differently offline; the
    // statuses, examples and scenarios counted are the same.
    const offline = JSON.parse(readFileSync(coverage, 'utf8')).counts;
    const online = JSON.parse(readFileSync(good.coverage, 'utf8')).counts;
    const withoutRefusals = (counts: Record<string, { refusal: Record<string, number> }>) =>
      Object.fromEntries(Object.entries(counts).map(([op, { refusal: _, ...rest }]) => [op, rest]));
    expect(withoutRefusals(offline)).toEqual(withoutRefusals(online));
    expect(Object.values(offline.login.refusal as Record<string, number>).some((n) => n > 0)).toBe(true);
    expect(ok.stdout).toMatch(/\d+ exchanges, 0 violations/);
    expect(readFileSync(junit, 'utf8')).toContain('<testsuites name="login-api-contract"');
    const bad = await runCli(['--har', broken.har]);
    expect(bad.code).toBe(1);
    expect(bad.verdicts.FAIL).toContain('login-success');
  });

  it('exit 2 for a missing or malformed recording', async () => {
    expect((await runCli(['--har', join(dir, 'missing.har')])).code).toBe(2);
    const notHar = join(dir, 'good.json');
    const run = await runCli(['--har', notHar]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no log.entries');
  });
});

describe('npm start -- --replay', () => {
  it('answers login with the recorded answer and its shape; refusals by scenario; documented examples otherwise', async () => {
    const mock = await startServer([join(root, 'mocks', 'cli.ts'), '--port', '0', '--quiet', '--replay', broken.har]);
    try {
      const login = (body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${mock.url}/v1/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(5000),
        }).then(async (r) => ({ status: r.status, json: await r.json() }));
      const success = await login({ user: 'someone', password: 'anything' });
      expect(success.status).toBe(200);
      expect(success.json.code).toBe('0'); // the recorded (broken) server's shape, not the documented one
      expect(success.json.result.refresh_token.split('.')[2]).toMatch(/^x+$/);
      const refused = await login({ user: 'someone', password: 'anything' }, { prefer: 'code=401' });
      const recordedRefusal = JSON.parse(readFileSync(broken.har, 'utf8')).log.entries.find(
        (e: { response: { status: number } }) => e.response.status === 401,
      );
      expect(refused.status).toBe(401);
      expect(refused.json).toEqual(JSON.parse(recordedRefusal.response.content.text));
      // the refresh path was recorded too; an unrecorded body shape gets the mock's own answer
      const odd = await login({ user: 'someone' });
      expect(odd.status).toBe(400);
    } finally {
      await mock.stop();
    }
  });
});
