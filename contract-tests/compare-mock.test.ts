// `contract --compare-mock` end to end, against real fixture servers on 127.0.0.1: a correct server
// that refuses with HTTP 200 and a non-zero code shows status drift (not a violation: exit 0; with
// --fail-on-drift exit 1); the suggested overlay, applied with `npm run spec` in a copy of the kit,
// makes the copy's mock refuse the same way, and a second comparison shows no status drift.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tokensIn } from '../judge/redact.ts';
import { startMockServer } from '../mocks/node-server.ts';
import { proxyTo } from '../proxy/fixtures.ts';
import { jsonReportSchema } from '../report/json.ts';
import { runCli, runInProcess } from './fixtures/run-cli.ts';
import { findVariant, handlerFor, type Variant } from './fixtures/servers/catalogue.ts';
import { type Answer, serve } from './fixtures/servers/reference.ts';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'compare-mock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const user = 'qa-contract';
const password = 'Wonder-Land-42!x';

interface Drift {
  paired: number;
  differing: number;
  byAspect: Record<string, number>;
  rows: {
    label: string;
    server?: string;
    mock?: string;
    differences: { aspect: string; what: string; server: string; mock: string }[];
  }[];
}

/** A fixture server with the test's user; every token it hands out is collected. */
async function fixture(name: string) {
  const base = findVariant(name) as Variant;
  const variant: Variant = { ...base, options: { ...base.options, users: { [user]: password } } };
  const tokens: string[] = [];
  const server = await serve(
    handlerFor(variant, (answer: Answer) => tokens.push(...tokensIn(answer.json))),
    variant.prefix ? { prefix: variant.prefix } : {},
  );
  return { server, tokens };
}

const args = (url: string, ...extra: string[]) => [
  '--base-url',
  url,
  '--user',
  user,
  '--password',
  password,
  '--compare-mock',
  // The hand-written checks' requests only: generated ones add drift these cases do not pin down.
  '--budget',
  '0',
  ...extra,
];

function expectNoSecrets(texts: string[], tokens: string[]) {
  expect(tokens.length).toBeGreaterThan(0);
  for (const text of texts) {
    expect(text).not.toContain(password);
    for (const token of tokens) expect(text).not.toContain(token);
  }
}

const statusOf = (row: Drift['rows'][number], side: 'server' | 'mock') => Number(row[side]?.split(' ')[0]);

describe('contract --compare-mock', () => {
  it('against a server refusing with HTTP 200 and a code: status drift, exit 0; --fail-on-drift exits 1; the overlay applied makes the status drift go', async () => {
    const { server, tokens } = await fixture('errors-as-200-code');
    try {
      const report = join(work, 'first.json');
      const overlay = join(work, 'server-likeness.yaml');
      const first = await runInProcess(args(server.url, '--report', `json=${report}`, '--suggest-overlay', overlay));
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(first.stdout).toContain('The server conforms to the contract.');
      expect(first.stdout).toMatch(/Drift: the same requests against the mock .*: \d+ paired, \d+ differ/);
      expect(first.stdout).toMatch(/login with a wrong password\s+status\s+200\s+401/);

      const json = JSON.parse(readFileSync(report, 'utf8'));
      const ajv = new Ajv2020({ strict: false });
      formatsModule.default(ajv);
      expect(ajv.validate(jsonReportSchema, json), JSON.stringify(ajv.errors)).toBe(true);
      expect(json.exitCode).toBe(0);
      const drift = json.drift as Drift;
      const refusals = drift.rows.filter((row) => statusOf(row, 'mock') >= 400);
      expect(refusals.length).toBeGreaterThan(10);
      for (const row of refusals) {
        expect(statusOf(row, 'server'), row.label).toBe(200);
        expect(row.differences).toContainEqual({
          aspect: 'status',
          what: 'status',
          server: '200',
          mock: String(statusOf(row, 'mock')),
        });
      }
      // The successes agree: same status, and tokens compared by shape (JWT on both sides).
      const login = drift.rows.find((row) => row.label === 'login with the given credentials');
      expect(login?.differences.filter((d) => d.aspect !== 'timing')).toEqual([]);

      const text = readFileSync(overlay, 'utf8');
      const actions = (parse(text) as { actions: { target: string; update?: Record<string, unknown> }[] }).actions;
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter((a) => a.update?.['x-mock-status'] === 200).map((a) => a.target)).toEqual(
        expect.arrayContaining([
          "$.paths['/v1/api/auth/login'].post.responses['401']",
          "$.paths['/v1/api/auth/refresh'].post.responses['401']",
        ]),
      );
      expect(text).toMatch(
        /# from "login with a wrong password" \(POST \/v1\/api\/auth\/login\): the server answered 200/,
      );
      expectNoSecrets([first.stdout, first.stderr, readFileSync(report, 'utf8'), text], tokens);

      const failing = await runInProcess(args(server.url, '--fail-on-drift'));
      expect(failing.code).toBe(1);
      expect(failing.stdout).toContain('Drift fails this run (--fail-on-drift).');

      // The suggested overlay, applied the documented way in a copy of the kit.
      const copy = join(work, 'kit');
      cpSync(root, copy, {
        recursive: true,
        filter: (source) => !/[/\\](node_modules|dist|\.git)$/.test(source),
      });
      symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
      mkdirSync(join(copy, 'spec', 'overlays'), { recursive: true });
      writeFileSync(join(copy, 'spec', 'overlays', 'server-likeness.yaml'), text);
      const spec = spawnSync('npm', ['run', '-s', 'spec'], { cwd: copy, encoding: 'utf8', timeout: 120_000 });
      expect(spec.status, spec.stdout + spec.stderr).toBe(0);
      expect(readFileSync(join(copy, 'spec', 'generated', 'openapi.yaml'), 'utf8')).toContain('x-mock-status: 200');

      const secondReport = join(work, 'second.json');
      const second = await runCli(args(server.url, '--report', `json=${secondReport}`, '--fail-on-drift'), {
        cli: join(copy, 'contract-tests', 'cli.ts'),
        limitMs: 90_000,
      });
      const after = JSON.parse(readFileSync(secondReport, 'utf8')).drift as Drift;
      expect(after.byAspect.status, second.stdout).toBe(0);
      expect(second.stdout).not.toContain('the mock itself failed');
      for (const row of after.rows.filter((r) => refusals.some((f) => f.label === r.label))) {
        expect([statusOf(row, 'server'), statusOf(row, 'mock')], row.label).toEqual([200, 200]);
      }
      expectNoSecrets([second.stdout, second.stderr, readFileSync(secondReport, 'utf8')], tokens);
    } finally {
      await server.close();
    }
  }, 180_000);

  it.each([
    {
      name: 'reference',
      // Errors as 4xx like the mock: only where one mock answer stands for several of the server's.
      statusDrift: [
        'login with a JSON body labelled text/plain',
        'login with a form-encoded body',
        'refresh with an empty body',
      ],
      aspects: ['status', 'code', 'header'],
      documented: [],
    },
    {
      name: 'errors-as-problem-json',
      statusDrift: 'most' as const,
      aspects: ['status', 'media type', 'body', 'header'],
      documented: [],
    },
    {
      name: 'opaque-tokens',
      statusDrift: [
        'login with a JSON body labelled text/plain',
        'login with a form-encoded body',
        'refresh with an empty body',
      ],
      aspects: ['status', 'body', 'code', 'header'],
      // Opaque tokens are drift the docs allow, not a difference from the documented answer.
      documented: [],
    },
    {
      name: 'status-201',
      statusDrift: [
        'login with the given credentials',
        'login with a JSON body labelled text/plain',
        'login with a form-encoded body',
        'refresh with an empty body',
      ],
      aspects: ['status', 'code', 'header'],
      documented: ['status'],
    },
  ])(
    '$name: the drift it shows, and what it leaves to the contract checks',
    async ({ name, statusDrift, aspects, documented }) => {
      const { server, tokens } = await fixture(name);
      try {
        const report = join(work, `${name}.json`);
        const run = await runInProcess(args(server.url, '--report', `json=${report}`));
        expect(run.code, run.stdout).toBe(name === 'status-201' ? 1 : 0);
        const json = JSON.parse(readFileSync(report, 'utf8'));
        const drift = json.drift as Drift & { documented: { what: string }[] };
        expect(
          Object.entries(drift.byAspect)
            .filter(([, n]) => n > 0)
            .map(([a]) => a),
        ).toEqual(aspects);
        const statusRows = drift.rows
          .filter((row) => row.differences.some((d) => d.aspect === 'status'))
          .map((r) => r.label);
        if (statusDrift === 'most') expect(statusRows.length).toBeGreaterThan(15);
        else expect(statusRows).toEqual(statusDrift);
        expect(drift.documented.map((d) => d.what)).toEqual(documented);
        expectNoSecrets([run.stdout, run.stderr, readFileSync(report, 'utf8')], tokens);
      } finally {
        await server.close();
      }
    },
  );

  it('finds no drift between the mock and itself: --fail-on-drift exits 0, nothing suggested', async () => {
    const mock = await startMockServer({
      port: 0,
      stateful: true,
      users: [{ user, password, passwordReset: false }],
    });
    try {
      const overlay = join(work, 'nothing.yaml');
      const run = await runInProcess(args(mock.url, '--fail-on-drift', '--suggest-overlay', overlay));
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toMatch(/: (\d+) paired, 0 differ\n/);
      expect(run.stdout).toContain('No drift: the mock answers as the server does.');
      expect(run.stdout).toContain(`suggested overlay: nothing to suggest, ${overlay} not written`);
      expect(existsSync(overlay)).toBe(false);
    } finally {
      await mock.close();
    }
  });

  it('refuses a --suggest-overlay file that is no overlay, before sending anything', async () => {
    const notOverlay = join(work, 'notes.yaml');
    writeFileSync(notOverlay, '- my notes\n');
    const run = await runInProcess(args('http://127.0.0.1:9', '--suggest-overlay', notOverlay));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--suggest-overlay: ${notOverlay} exists and it is not an OpenAPI Overlay`);
    expect(readFileSync(notOverlay, 'utf8')).toBe('- my notes\n');
    expect(
      (await runInProcess(args('http://127.0.0.1:9', '--suggest-overlay', join(work, 'no-dir', 'x.yaml')))).code,
    ).toBe(2);
  });

  it('--har --compare-mock: the recorded requests sent to the mock, a recorded refresh with the token the mock issued', async () => {
    const { server, tokens } = await fixture('errors-as-200-code');
    const proxy = await proxyTo(server.url);
    try {
      const post = (path: string, body: string) =>
        fetch(`${proxy.proxy.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }).then((r) => r.text());
      const login = JSON.parse(await post('/v1/api/auth/login', JSON.stringify({ user, password })));
      await post('/v1/api/auth/login', JSON.stringify({ user, password: 'Wrong-Pass-0042' }));
      await post('/v1/api/auth/refresh', JSON.stringify({ refresh_token: login.result.refresh_token }));
      await post('/v1/api/auth/refresh', JSON.stringify({ refresh_token: 'not-a-token' }));
      await post('/v1/api/auth/login', '{"user":');
    } finally {
      await proxy.close();
    }
    await server.close();
    const har = join(work, 'recorded.har');
    writeFileSync(har, JSON.stringify(proxy.session.har()));
    const report = join(work, 'har.json');
    const overlay = join(work, 'from-har.yaml');
    const run = await runCli([
      '--har',
      har,
      '--compare-mock',
      '--report',
      `json=${report}`,
      '--suggest-overlay',
      overlay,
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const drift = JSON.parse(readFileSync(report, 'utf8')).drift as Drift;
    expect(drift.paired).toBe(5);
    const brief = drift.rows.map((row) => [row.label, statusOf(row, 'server'), statusOf(row, 'mock')]);
    expect(brief).toEqual([
      ['POST /v1/api/auth/login #1', 200, 200],
      ['POST /v1/api/auth/login #2', 200, 401],
      ['POST /v1/api/auth/refresh #3', 200, 200],
      ['POST /v1/api/auth/refresh #4', 200, 401],
      ['POST /v1/api/auth/login #5', 200, 400],
    ]);
    expect(drift.rows[2]?.differences).toEqual([]);
    const actions = (parse(readFileSync(overlay, 'utf8')) as { actions: { update?: Record<string, unknown> }[] })
      .actions;
    expect(actions.filter((a) => a.update?.['x-mock-status'] === 200)).toHaveLength(3);
    expectNoSecrets([run.stdout, run.stderr, readFileSync(report, 'utf8'), readFileSync(overlay, 'utf8')], tokens);

    const failing = await runCli(['--har', har, '--compare-mock', '--fail-on-drift']);
    expect(failing.code).toBe(1);
  }, 60_000);
});
