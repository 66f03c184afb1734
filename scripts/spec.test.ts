import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'spec-cli-'));
const dir = join(work, 'spec');
cpSync(join(root, 'spec'), dir, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function spec(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'spec.ts'), '--dir', dir, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

const generated = (name: string) => readFileSync(join(dir, 'generated', name), 'utf8');

describe('npm run spec / spec:check', () => {
  it('finds the committed generated files up to date', () => {
    expect(spec('--check')).toMatchObject({ code: 0 });
  });

  it('fails, naming each stale file, after the docs change; regenerates to match', () => {
    const docs = join(dir, 'login-api.gitbook.md');
    writeFileSync(
      docs,
      readFileSync(docs, 'utf8').replace('"access_token_expires_in": 1800', '"access_token_expires_in": 900'),
    );

    const stale = spec('--check');
    expect(stale.code).toBe(1);
    for (const file of ['transcribed.openapi.yaml', 'openapi.yaml', 'openapi.ts', 'types.ts']) {
      expect(stale.out).toContain(`spec/generated/${file} is stale`);
    }
    expect(generated('openapi.yaml')).toContain('access_token_expires_in: 1800');

    expect(spec()).toMatchObject({ code: 0 });
    expect(generated('openapi.yaml')).toContain('access_token_expires_in: 900');
    expect(generated('openapi.yaml')).not.toContain('access_token_expires_in: 1800');
    expect(generated('types.ts')).toMatch(/@example 900 \*\/\n\s*access_token_expires_in: number;/);
    expect(spec('--check')).toMatchObject({ code: 0 });
  });

  it('gives byte-identical output when run twice', () => {
    const before = ['transcribed.openapi.yaml', 'openapi.yaml', 'openapi.ts', 'types.ts'].map(generated);
    expect(spec().out).toContain('nothing changed');
    expect(['transcribed.openapi.yaml', 'openapi.yaml', 'openapi.ts', 'types.ts'].map(generated)).toEqual(before);
  });

  it('reads malformed markup as far as it can, warning with the line', () => {
    const docs = join(dir, 'login-api.gitbook.md');
    writeFileSync(docs, readFileSync(docs, 'utf8').replace('{% endapi-method-summary %}', ''));
    const broken = spec();
    expect(broken.code).toBe(0);
    expect(broken.out).toMatch(/spec: warning: line 8: \{% api-method-summary %\} is not closed/);
    expect(generated('openapi.yaml')).toContain('line 8: {% api-method-summary %} is not closed');
    expect(generated('openapi.yaml')).toContain('summary: Login\n');
  });

  it('rejects an unknown flag with exit 2', () => {
    expect(spec('--frobnicate')).toMatchObject({ code: 2 });
  });
});
