/**
 * `npm run transcribe` on real files: the command's function in this process for most cases (same
 * arguments, output and exit status, no Node start-up each), a real process for exit 0, 1 and 2
 * with its stdout and stderr.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { capturedOutput } from '../captured-output.ts';
import { main } from './cli.ts';

const root = join(import.meta.dirname, '..', '..');
const corpus = join(import.meta.dirname, 'fixtures', 'corpus');
const work = mkdtempSync(join(tmpdir(), 'transcribe-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Run = { code: number; out: string; err: string };

/** The command in this process. */
async function transcribe(...args: string[]): Promise<Run> {
  const output = capturedOutput();
  const code = await main(args, output);
  return { code, ...output.written };
}

/** The command as a process of its own. */
function transcribeProcess(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(import.meta.dirname, 'cli.ts'), ...args],
      { cwd: root, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
}

// A case that starts Node afresh can take seconds on a loaded machine.
describe('npm run transcribe', { timeout: 120_000 }, () => {
  it('prints OpenAPI 3.1 YAML on stdout and warnings with lines on stderr, exit 0 (a process)', async () => {
    const { code, out, err } = await transcribeProcess(join(corpus, 'movie-progress.md'));
    expect(code).toBe(0);
    const document = parse(out);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths['/movie/progress'])).toEqual(['get', 'post', 'put']);
    expect(out).toBe(readFileSync(join(corpus, 'movie-progress.openapi.yaml'), 'utf8'));
    expect(err).toMatch(/movie-progress\.md: warning: line 7: host "movie-in-case" has no scheme/);
  });

  it('writes --out, and applies --overlay exactly as npm run spec does', async () => {
    const out = join(work, 'login.yaml');
    const { code, err } = await transcribe(
      join(root, 'spec', 'login-api.gitbook.md'),
      '--overlay',
      join(root, 'spec', 'overlay.yaml'),
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(err).toMatch(/warning: operations disagree on the host/);
    const generated = readFileSync(join(root, 'spec', 'generated', 'openapi.yaml'), 'utf8');
    expect(readFileSync(out, 'utf8')).toBe(generated.slice(generated.indexOf('\n') + 1));
  });

  it('--strict turns warnings into a failure and writes nothing', async () => {
    const out = join(work, 'strict.yaml');
    const { code, err } = await transcribe(join(corpus, 'friday-script.md'), '--strict', '--out', out);
    expect(code).toBe(1);
    expect(err).toMatch(/warning\(s\) and --strict given/);
    expect(() => readFileSync(out)).toThrow();
    expect((await transcribe(join(corpus, 'igps-login.md'), '--strict')).code).toBe(0);
  });

  it('exit 1 for a page without api-method blocks, 2 for unusable arguments (the first two as processes)', async () => {
    const empty = join(work, 'empty.md');
    writeFileSync(empty, '# Nothing to see\n\n{% hint style="info" %}\nNo API here.\n{% endhint %}\n');
    const results = await Promise.all([
      transcribeProcess(empty),
      transcribeProcess(),
      transcribe(join(work, 'missing.md')),
      transcribe(empty, '--colour'),
      transcribe(join(corpus, 'zaius-events.md'), '--overlay', join(work, 'missing.yaml')),
    ]);
    expect(results.map((r) => r.code)).toEqual([1, 2, 2, 2, 2]);
    expect(results[0]?.err).toMatch(/no \{% api-method %\} or \{% swagger %\} block found/);
    expect(results[1]?.err).toMatch(/name the GitBook page to transcribe\nusage:/);
    expect(results[2]?.err).toMatch(/cannot read page .*missing\.md: ENOENT/);
    expect(results.every((r) => r.out === '')).toBe(true);
  });
});
