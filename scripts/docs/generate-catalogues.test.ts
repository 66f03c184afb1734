import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCatalogues } from './generate-catalogues.ts';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'docs-catalogues-'));
const dir = join(work, 'docs');
cpSync(join(root, 'docs'), dir, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The command in this process (no Node start-up per run). */
async function generate(...args: string[]) {
  let out = '';
  const write = (line: string) => {
    out += `${line}\n`;
  };
  const code = await runCatalogues(['--dir', dir, ...args], { cwd: work, log: write, error: write });
  return { code, out };
}

/** The command as a process of its own. */
function generateProcess(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'docs', 'generate-catalogues.ts'), '--dir', dir, ...args],
    { cwd: work, encoding: 'utf8', timeout: 30_000 },
  );
  return { code: run.status, out: run.stdout + run.stderr };
}

describe('npm run docs:catalogues / docs:check', () => {
  it('finds the committed catalogue pages up to date', async () => {
    expect(await generate('--check')).toMatchObject({ code: 0 });
  });

  it('fails (a process exiting 1) naming the stale page, leaves it alone, and regenerates it to match', async () => {
    const page = join(dir, 'diff-rules.md');
    const committed = readFileSync(page, 'utf8');
    const edited = committed.replace(/^\| `api-path-removed` \| ERR \|/m, '| `api-path-removed` | INFO |');
    expect(edited).not.toBe(committed);
    writeFileSync(page, edited);

    const stale = generateProcess('--check');
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('docs/diff-rules.md is stale');
    expect(stale.out).not.toContain('checks.md is stale');
    expect(readFileSync(page, 'utf8')).toBe(edited);

    expect(await generate()).toMatchObject({ code: 0 });
    expect(readFileSync(page, 'utf8')).toBe(committed);
    expect(await generate('--check')).toMatchObject({ code: 0 });
  });

  it('treats a missing page as stale', async () => {
    rmSync(join(dir, 'checks.md'));
    const missing = await generate('--check');
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('docs/checks.md is stale');
    expect((await generate()).out).toContain('wrote docs/checks.md');
  });

  it('refuses an unknown flag: the process exits 2', () => {
    expect(generateProcess('--nope')).toMatchObject({ code: 2 });
  });
});
