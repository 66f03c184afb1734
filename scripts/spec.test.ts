import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { runSpec } from './spec.ts';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'spec-cli-'));
const dir = join(work, 'spec');
cpSync(join(root, 'spec'), dir, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `node scripts/spec.ts --dir DIR ...args` as a process: its exit code and output. */
function specProcess(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'spec.ts'), '--dir', dir, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

/** The same command run in this process (no Node start-up and module load per run). */
async function spec(...args: string[]) {
  let out = '';
  const write = (line: string) => {
    out += `${line}\n`;
  };
  const code = await runSpec(['--dir', dir, ...args], { cwd: work, log: write, error: write });
  return { code, out };
}

const generated = (name: string) => readFileSync(join(dir, 'generated', name), 'utf8');

/** The documented access token lifetime, as the committed spec holds it, and another value. */
const documentedLifetime = (
  openapiDocument.paths['/v1/api/auth/login'].post.responses['200'].content['application/json'].examples.documented
    .value.result as { access_token_expires_in: number }
).access_token_expires_in;
const [before, after] = [documentedLifetime, documentedLifetime + 7];

describe('npm run spec / spec:check', () => {
  it('finds the committed generated files up to date', async () => {
    expect(await spec('--check')).toMatchObject({ code: 0 });
  });

  it('fails (a process exiting 1), naming each stale file, after the docs change; regenerates to match', async () => {
    const docs = join(dir, 'login-api.gitbook.md');
    writeFileSync(
      docs,
      readFileSync(docs, 'utf8').replaceAll(
        `"access_token_expires_in": ${before}`,
        `"access_token_expires_in": ${after}`,
      ),
    );

    const stale = specProcess('--check');
    expect(stale.code).toBe(1);
    for (const file of ['transcribed.openapi.yaml', 'openapi.yaml', 'openapi.ts', 'types.ts']) {
      expect(stale.out).toContain(`spec/generated/${file} is stale`);
    }
    expect(generated('openapi.yaml')).toContain(`access_token_expires_in: ${before}`);

    expect(await spec()).toMatchObject({ code: 0 });
    expect(generated('openapi.yaml')).toContain(`access_token_expires_in: ${after}`);
    expect(generated('openapi.yaml')).not.toContain(`access_token_expires_in: ${before}`);
    expect(generated('types.ts')).toMatch(new RegExp(`@example ${after} \\*/\\n\\s*access_token_expires_in: number;`));
    expect(await spec('--check')).toMatchObject({ code: 0 });
  });

  it('gives byte-identical output when run twice', async () => {
    const before = ['transcribed.openapi.yaml', 'openapi.yaml', 'openapi.ts', 'types.ts'].map(generated);
    expect((await spec()).out).toContain('nothing changed');
    expect(['transcribed.openapi.yaml', 'openapi.yaml', 'openapi.ts', 'types.ts'].map(generated)).toEqual(before);
  });

  it('reads malformed markup as far as it can, warning with the line', async () => {
    const docs = join(dir, 'login-api.gitbook.md');
    writeFileSync(docs, readFileSync(docs, 'utf8').replace('{% endapi-method-summary %}', ''));
    const broken = await spec();
    expect(broken.code).toBe(0);
    expect(broken.out).toMatch(/spec: warning: line 8: \{% api-method-summary %\} is not closed/);
    expect(generated('openapi.yaml')).toContain('line 8: {% api-method-summary %} is not closed');
    expect(generated('openapi.yaml')).toContain('summary: Login\n');
  });

  it('rejects an unknown flag: the process exits 2', () => {
    expect(specProcess('--frobnicate')).toMatchObject({ code: 2 });
  });
});
