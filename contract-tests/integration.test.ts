// The kit against the project's own servers, through the contract command (in this process for the
// mock server's demo users, the real CLI for Prism): the stateful mock server must conform
// (strictly), and Prism must pass every documented check while failing exactly the robustness
// checks a stateless example server cannot hold.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checks } from '../judge/checks/index.ts';
import { demoUsers } from '../mocks/core/demo-users.ts';
import { startMockServer } from '../mocks/node-server.ts';
import { startPrism } from '../mocks/prism.ts';
import { runCli, runInProcess } from './fixtures/run-cli.ts';
import type { CheckResult } from './runner.ts';

const ids = (level: string) => checks.filter((c) => c.level === level).map((c) => c.id);

describe.concurrent("the contract CLI against the project's servers", { timeout: 90_000 }, () => {
  it('the stateful mock server conforms, even with --strict, for every demo user (bob gets a redirect)', async () => {
    const server = await startMockServer({ port: 0, stateful: true });
    try {
      for (const { user, password } of demoUsers) {
        const run = await runInProcess(['--base-url', server.url, '--user', user, '--password', password, '--strict']);
        expect(run.code, run.stdout).toBe(0);
        expect(run.verdicts.PASS).toHaveLength(checks.length);
      }
    } finally {
      await server.close();
    }
  });

  it('Prism passes every documented check and fails exactly the robustness checks it cannot hold', async () => {
    const prism = await startPrism({ port: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'contract-prism-'));
    try {
      const run = await runCli([
        '--base-url',
        prism.url,
        '--user',
        'anyone',
        '--password',
        'anything',
        '--report',
        `json=${join(dir, 'prism.json')}`,
      ]);
      expect(run.code, run.stdout).toBe(1);
      const results: CheckResult[] = JSON.parse(readFileSync(join(dir, 'prism.json'), 'utf8')).results;
      const verdict = Object.fromEntries(results.map((r) => [r.id, r.verdict]));
      const why = (id: string) => results.find((r) => r.id === id)?.problems.map((p) => p.summary) ?? [];

      for (const id of ids('documented')) expect(verdict[id], id).toBe('pass');

      // Prism hands out the documented example to anyone, so wrong credentials get tokens.
      expect(why('wrong-password-rejected')).toEqual([expect.stringContaining('was answered with a token')]);
      expect(why('unknown-user-rejected')).toEqual([expect.stringContaining('was answered with a token')]);
      // Any refresh token, even none, gets the documented {result: {code: 0}}.
      expect(why('garbage-refresh-rejected')).toHaveLength(4);
      for (const reason of why('garbage-refresh-rejected'))
        expect(reason).toContain('answered as a success (/result/code is 0)');
      expect(why('tampered-refresh-rejected')).toEqual([expect.stringContaining('answered as a success')]);
      expect(why('refresh-bad-input-rejected')).toEqual([
        expect.stringMatching(/^"refresh without a token" was answered as a success/),
        expect.stringMatching(/^"refresh with an empty body" was answered as a success/),
      ]);
      // Prism 5.16 alone never answers a body that is not valid JSON; its front answers 400.
      expect(verdict['malformed-json-rejected']).toBe('pass');
      // Generated requests find what no hand-written check asked: Prism never answers a JSON body
      // that starts with a byte order mark, and refresh takes any string, even a blank one.
      expect(verdict['response-time']).toBe('fail');
      expect(why('response-time').join('\n')).toContain('byte order mark');
      expect(why('generated-requests').join('\n')).toContain('was answered');
      // Any password opens the account; CORS answers reflect any Origin with credentials.
      expect(why('only-exact-password').length).toBeGreaterThan(0);
      expect(why('cors-no-credentialed-reflection').length).toBeGreaterThan(0);

      const failedRobustness = ids('robustness').filter((id) => verdict[id] === 'fail');
      expect(failedRobustness).toEqual([
        'wrong-password-rejected',
        'unknown-user-rejected',
        'garbage-refresh-rejected',
        'tampered-refresh-rejected',
        'refresh-bad-input-rejected',
        'only-exact-password',
        'cors-no-credentialed-reflection',
        'generated-requests',
        'response-time',
      ]);
      // Its errors leak nothing and are no pages a browser would run.
      expect(verdict['errors-leak-nothing']).toBe('pass');
      expect(verdict['browser-safe-answers']).toBe('pass');
      // Its request validation does refuse missing fields, wrong types and wrong media types.
      for (const id of [
        'missing-user-rejected',
        'missing-password-rejected',
        'wrong-types-rejected',
        'non-object-body-rejected',
        'empty-body-rejected',
        'wrong-content-type-rejected',
      ]) {
        expect(verdict[id], id).toBe('pass');
      }
      // The docs' example tokens are truncated JWTs, with no Cache-Control; refresh takes any token.
      expect(verdict['tokens-are-jwts']).toBe('warn');
      expect(verdict['cache-control-no-store']).toBe('warn');
      expect(verdict['access-token-not-refresh']).toBe('warn');
      // They look like JWTs but are cut off, so the checks that must decode them cannot.
      for (const id of ['unsigned-refresh-rejected', 'tokens-live-on-arrival', 'token-expiry-matches']) {
        expect(verdict[id], id).toBe('skip');
      }
    } finally {
      await prism.close();
    }
  });
});
