/**
 * The gate as CI meets it, on a throwaway git repository holding this checkout's scripts and the
 * committed spec: commits that change only the generated spec, docs edits that remove or add
 * endpoints, and what spec:diff says about each. Only this project's own files are copied; node_modules is linked.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { at } from './test-support.ts';
import type { Json } from './types.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const LOGIN = 'path="/v1/api/auth/login"';
const REFRESH = 'path="/v1/api/auth/refresh"';
let repo: string;

async function git(...args: string[]) {
  await run('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: repo });
}

async function node(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd: repo,
      timeout: 60_000,
      env: { ...process.env, GITHUB_STEP_SUMMARY: '' },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

const specDiff = (...args: string[]) => node('scripts/spec-diff/cli.ts', ...args);
const docsFile = () => join(repo, 'spec', 'login-api.gitbook.md');

/** The docs with the operation whose tag line contains `marker` cut out, or with `insert` before it. */
function editDocs(edit: (lines: string[]) => void) {
  const lines = readFileSync(docsFile(), 'utf8').split('\n');
  edit(lines);
  writeFileSync(docsFile(), lines.join('\n'));
}

function operationRange(lines: string[], marker: string): [number, number] {
  const start = lines.findIndex((line) => line.includes(marker));
  const end = lines.findIndex((line, i) => i > start && line.startsWith('{% endapi-method %}'));
  return [start, end];
}

/**
 * spec/ as committed at HEAD, so uncommitted docs or overlay edits in this checkout neither break
 * the scenarios nor hide in their base; the code under test is the checkout's own.
 */
async function copyCommittedSpec() {
  const show = (...args: string[]) => run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const { stdout } = await show('ls-tree', '-r', '-z', '--name-only', 'HEAD', '--', 'spec');
  for (const path of stdout.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), (await show('show', `HEAD:${path}`)).stdout);
  }
}

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'spec-gate-'));
  for (const dir of ['common', 'scripts', 'report']) cpSync(join(root, dir), join(repo, dir), { recursive: true });
  await copyCommittedSpec();
  cpSync(join(root, 'package.json'), join(repo, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'));
  writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
  rmSync(join(repo, 'spec', 'accepted-changes.yaml'), { force: true });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-qm', 'base');
}, 60_000);
afterAll(() => rmSync(repo, { recursive: true, force: true }));

// One repository, one scenario after another: each starts from the base commit.
describe('spec:diff judges what is committed', () => {
  it('a commit that only changes the generated spec, making a response field optional, fails the diff', async () => {
    const file = join(repo, 'spec', 'generated', 'openapi.yaml');
    const text = readFileSync(file, 'utf8');
    const doc = parse(text) as Json;
    const result = at(doc, 'paths', '/v1/api/auth/login', 'post', 'responses', '200', 'content', 'application/json');
    const schema = at(result, 'schema', 'properties', 'result');
    schema.required = (schema.required as string[]).filter((name) => name !== 'refresh_token');
    writeFileSync(file, `${text.split('\n')[0]}\n${stringify(doc, { lineWidth: 0 })}`);
    await git('commit', '-qam', 'generator: refresh_token optional');

    const diff = await specDiff('--base', 'HEAD~1');
    expect(diff.code).toBe(1);
    expect(diff.out).toMatch(/^ERR response-property-became-optional .*`result\.refresh_token`/m);
    await git('reset', '-q', '--hard', 'HEAD~1');
  }, 90_000);

  it('removing the refresh endpoint from the docs: spec succeeds with warnings, the diff names the removed path', async () => {
    editDocs((lines) => {
      const [start, end] = operationRange(lines, REFRESH);
      lines.splice(start, end - start + 1);
    });
    const spec = await node('scripts/spec.ts');
    expect(spec.code).toBe(0);
    expect(spec.err).toMatch(
      /warning: overlay action \d+ \(\$\.paths\['\/v1\/api\/auth\/refresh'\]\.post\) matches nothing/,
    );

    const text = await specDiff('--base', 'HEAD');
    expect(text.code).toBe(1);
    expect(text.out).toMatch(
      /^ERR api-path-removed \/paths\/~1v1~1api~1auth~1refresh path \/v1\/api\/auth\/refresh was removed/m,
    );

    const markdown = await specDiff('--base', 'HEAD', '--format', 'markdown');
    expect(markdown.code).toBe(1);
    expect(markdown.out).toMatch(
      /^\| 🔴 ERR \| `api-path-removed` \| `\/v1\/api\/auth\/refresh` \| .* \| spec\/login-api\.gitbook\.md:\d+ \(at HEAD \([0-9a-f]{12}\)\) \|$/m,
    );

    const summary = join(repo, 'step-summary.md');
    writeFileSync(summary, '');
    const github = await run(process.execPath, ['scripts/spec-diff/cli.ts', '--base', 'HEAD', '--format', 'github'], {
      cwd: repo,
      env: { ...process.env, GITHUB_STEP_SUMMARY: summary },
    }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in github && github.code).toBe(1);
    expect(github.stdout).toMatch(
      /^::error file=spec\/login-api\.gitbook\.md,title=spec%3Adiff api-path-removed \/v1\/api\/auth\/refresh::/m,
    );
    expect(readFileSync(summary, 'utf8')).toContain('`api-path-removed`');
    rmSync(summary);
    await git('checkout', '-q', '--', '.');
  }, 90_000);

  it('an optional login field and a new endpoint: the diff passes', async () => {
    editDocs((lines) => {
      const [start, end] = operationRange(lines, LOGIN);
      const login = lines.slice(start, end + 1);
      const body = login.findIndex((line) => line.includes('{% endapi-method-body-parameters %}'));
      lines.splice(
        start + body,
        0,
        '{% api-method-parameter name="device" type="string" required=false %}',
        'Device name',
        '{% endapi-method-parameter %}',
      );
      const copy = login.join('\n').replace(LOGIN, 'path="/v1/api/auth/logout"').split('\n');
      lines.push('', ...copy, '');
    });
    // Before npm run spec: the generated file lacks the docs edit, so spec:diff regenerates and says so.
    const early = await specDiff('--base', 'HEAD');
    expect(early.code).toBe(0);
    expect(early.err).toContain('is older than the edited docs or overlay');
    expect(early.out).toMatch(/^INFO api-path-added .*\/v1\/api\/auth\/logout/m);

    expect((await node('scripts/spec.ts')).code).toBe(0);
    const diff = await specDiff('--base', 'HEAD');
    expect(diff.code).toBe(0);
    expect(diff.err).not.toContain('older than');
    expect(diff.out).toMatch(/^INFO new-optional-request-property .*`device`/m);
    expect(diff.out).toMatch(/^INFO api-path-added .*\/v1\/api\/auth\/logout/m);
    await git('checkout', '-q', '--', '.');
  }, 90_000);
});
