// The contract command against answers built to break it: JSON nested thousands of levels deep
// and answers with tens of thousands of keys are judged (as evidence against the server), with
// reports written and no stack trace, in linear time.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harOf, recordedLogin } from '../traffic/fixtures.ts';
import { runCli, runInProcess } from './fixtures/run-cli.ts';
import { defaultUsers, serve } from './fixtures/servers/reference.ts';

const [user, password] = Object.entries(defaultUsers)[0] as [string, string];
const dir = mkdtempSync(join(tmpdir(), 'contract-hostile-'));
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const wide = (keys: number) => `{${Array.from({ length: keys }, (_, i) => `"k${i}":0`).join(',')}}`;

/** A server answering every request with `body` (status 200, JSON). */
async function against(body: string, run: typeof runCli, extra: string[] = []) {
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  try {
    return await run(['--base-url', server.url, '--user', user, '--password', password, ...extra], {
      limitMs: 60_000,
    });
  } finally {
    await server.close();
  }
}

describe('answers nested 5,000 levels deep', () => {
  it('are judged as violations, with reports written and no stack trace (the real CLI)', async () => {
    const json = join(dir, 'deep.json');
    const junit = join(dir, 'deep.xml');
    const run = await against(`{"code":0,"result":${nested(5000)}}`, runCli, [
      '--report',
      `json=${json}`,
      '--report',
      `junit=${junit}`,
    ]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).not.toMatch(/RangeError|Maximum call stack|at \w+ \(/);
    expect(run.stdout).toMatch(/FAIL {2}login-success .*\n.*nests deeper than 64 levels/);
    expect(JSON.parse(readFileSync(json, 'utf8')).exitCode).toBe(1);
    expect(readFileSync(junit, 'utf8')).toContain('nests deeper than 64 levels');
  }, 90_000);

  it('in a recording (contract --har): request and answer bodies, judged the same way', async () => {
    const har = join(dir, 'deep.har');
    writeFileSync(
      har,
      JSON.stringify(
        harOf(
          recordedLogin({
            requestBody: `{"user":"a","password":"b","x":${nested(5000)}}`,
            responseBody: `{"code":0,"result":${nested(5000)}}`,
          }),
        ),
      ),
    );
    const run = await runCli(['--har', har]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).not.toMatch(/RangeError|at \w+ \(/);
    expect(run.stdout).toContain('nests deeper than 64 levels');
  });
});

describe('answers with many keys', () => {
  it('80,000 keys (under 1 MiB) are judged at once as too big; no closed connections or response-time blamed', async () => {
    const run = await against(`{"code":0,"result":${wide(80_000)}}`, runInProcess);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('more than 20000 members');
    expect(run.verdicts.PASS).toContain('response-time');
    expect(run.stdout).not.toMatch(/closed the connection|socket/i);
  }, 60_000);

  it('15,000 keys (under the limit) are read and judged in full, in linear time', async () => {
    const run = await against(`{"code":0,"result":${wide(15_000)}}`, runInProcess);
    expect(run.code, run.stderr).toBe(1);
    expect(run.verdicts.FAIL).toContain('login-success');
    expect(run.verdicts.PASS).toContain('response-time');
  }, 60_000);
});
