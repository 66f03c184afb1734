/**
 * The spec:diff command as CI runs it: real files, real git revisions. Most cases call the command's
 * function in this process (same arguments, output and exit status, no Node start-up per case); a
 * real process proves exit 0, 1 and 2, the streams and $GITHUB_STEP_SUMMARY from the environment.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { capturedOutput } from '../captured-output.ts';
import { main } from './cli.ts';
import { at } from './test-support.ts';
import type { Json } from './types.ts';

const root = join(import.meta.dirname, '..', '..');
const generated = join(root, 'spec', 'generated', 'openapi.yaml');
const work = mkdtempSync(join(tmpdir(), 'spec-diff-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const REMOVED_POINTER =
  '/paths/~1v1~1api~1auth~1login/post/responses/200/content/application~1json/schema/properties/result/properties/refresh_token_expires_in';

/** Where the docs document login: the reports point there. */
const LOGIN_LINE =
  readFileSync(join(root, 'spec', 'login-api.gitbook.md'), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes('path="/v1/api/auth/login"')) + 1;

type Run = { code: number | null; out: string; err: string; ms: number };

/** The command in this process. */
async function specDiff(...args: string[]): Promise<Run> {
  const started = performance.now();
  const output = capturedOutput();
  const code = await main(args, { ...output, env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
  return { code, ...output.written, ms: performance.now() - started };
}

/** The command as a process of its own. */
function specDiffProcess(...args: string[]): Promise<Run> {
  return specDiffWith({}, ...args);
}

// At most a few processes at once: two cores shared with other test files.
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= 3) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function specDiffWith(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  return slot(() => spawnSpecDiff(env, args));
}

function spawnSpecDiff(
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'spec-diff', 'cli.ts'), ...args], {
      cwd: root,
      timeout: 20_000,
      env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env },
    });
    let [out, err] = ['', ''];
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err, ms: performance.now() - started }));
  });
}

/** The generated spec with one edit, written to a file of its own. */
function editedSpec(name: string, edit: (doc: Json) => void): string {
  const doc = parse(readFileSync(generated, 'utf8')) as Json;
  edit(doc);
  const file = join(work, name);
  writeFileSync(file, stringify(doc));
  return file;
}

const withoutRefreshExpiry = editedSpec('no-refresh-expiry.yaml', (doc) => {
  const result = at(doc, 'paths', '/v1/api/auth/login', 'post', 'responses', '200', 'content', 'application/json');
  const schema = at(result, 'schema', 'properties', 'result');
  delete at(schema, 'properties').refresh_token_expires_in;
  schema.required = (schema.required as string[]).filter((name) => name !== 'refresh_token_expires_in');
});

// Side by side: the processes overlap, and so do the in-process runs' git calls.
describe.concurrent('npm run spec:diff', { timeout: 90_000 }, () => {
  it('exits 0 with "no changes" for a file against itself (a process)', async ({ expect }) => {
    const run = await specDiffProcess('--base', generated, '--head', generated);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain('no changes');
  });

  it('exits 1 and names a removed response property: rule, pointer and reason on one line (a process)', async ({
    expect,
  }) => {
    const run = await specDiffProcess('--base', generated, '--head', withoutRefreshExpiry);
    expect(run.code).toBe(1);
    const line = run.out.split('\n').find((l) => l.startsWith('ERR response-property-removed'));
    expect(line).toBe(
      `ERR response-property-removed ${REMOVED_POINTER} POST /v1/api/auth/login response 200 application/json: ` +
        'response body property `result.refresh_token_expires_in` (required) was removed; clients reading it break' +
        ` [spec/login-api.gitbook.md:${LOGIN_LINE}]`,
    );
    expect(run.out).toContain('1 breaking');
    expect(run.out).toContain('--accept-breaking');
  });

  const removalAccepted = {
    id: 'response-property-removed',
    pointer: REMOVED_POINTER,
    reason: 'clients read exp from the token',
    by: 'alice',
  };

  it('reports but does not fail on a change listed in the acceptance file', async ({ expect }) => {
    const accept = join(work, 'accepted.yaml');
    writeFileSync(accept, stringify({ accepted: [removalAccepted] }));
    const run = await specDiff('--base', generated, '--head', withoutRefreshExpiry, '--accept', accept);
    expect(run.code).toBe(0);
    expect(run.out).toContain('ERR (accepted: clients read exp from the token (alice)) response-property-removed');
  });

  it('fails on a stale acceptance, saying to delete it', async ({ expect }) => {
    const accept = join(work, 'stale.yaml');
    const stale = { id: 'api-removed', pointer: '/paths/~1gone/get', reason: 'old', by: 'bob' };
    writeFileSync(accept, stringify({ accepted: [removalAccepted, stale] }));
    const run = await specDiff('--base', generated, '--head', withoutRefreshExpiry, '--accept', accept);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`error: accepted change api-removed at /paths/~1gone/get did not occur: delete it from`);
  });

  it('fails on a change whose acceptance expired', async ({ expect }) => {
    const accept = join(work, 'expired.yaml');
    writeFileSync(accept, stringify({ accepted: [{ ...removalAccepted, until: '2026-01-31' }] }));
    const args = ['--base', generated, '--head', withoutRefreshExpiry, '--accept', accept];
    expect((await specDiff(...args, '--today', '2026-01-31')).code).toBe(0);
    const late = await specDiff(...args, '--today', '2026-02-01');
    expect(late.code).toBe(1);
    expect(late.out).toContain('ERR (acceptance expired 2026-01-31) response-property-removed');
  });

  it('lets a deprecated property go after its x-sunset only with --deprecation-policy', async ({ expect }) => {
    const sunset = (date: string) =>
      editedSpec(`sunset-${date}.yaml`, (doc) => {
        const result = at(
          doc,
          'paths',
          '/v1/api/auth/login',
          'post',
          'responses',
          '200',
          'content',
          'application/json',
        );
        const expiry = at(result, 'schema', 'properties', 'result', 'properties', 'refresh_token_expires_in');
        Object.assign(expiry, { deprecated: true, 'x-sunset': date });
      });
    const base = sunset('2026-03-01');
    const args = ['--base', base, '--head', withoutRefreshExpiry];
    // Without the policy a removal is a removal, whatever the sunset says.
    expect((await specDiff(...args, '--today', '2026-03-02')).code).toBe(1);
    const after = await specDiff(...args, '--today', '2026-03-02', '--deprecation-policy');
    expect(after.code).toBe(0);
    expect(after.out).toContain('INFO removed-after-sunset');
    const before = await specDiff(...args, '--today', '2026-02-28', '--deprecation-policy');
    expect(before.code).toBe(1);
    expect(before.out).toContain('ERR response-property-removed');
    // A day count turns the policy on, and a sunset moved sooner than the notice is refused.
    const moved = await specDiff(
      ...['--base', sunset('2026-06-01'), '--head', sunset('2026-03-10')],
      ...['--today', '2026-03-01', '--deprecation-days-stable', '30'],
    );
    expect(moved.code).toBe(1);
    expect(moved.out).toContain('ERR deprecation-sunset-too-soon');
    const bad = await specDiff(...args, '--deprecation-days-beta', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--deprecation-days-beta must be a number of days');
  });

  it('accepts everything with --accept-breaking', async ({ expect }) => {
    const run = await specDiff('--base', generated, '--head', withoutRefreshExpiry, '--accept-breaking');
    expect(run.code).toBe(0);
    expect(run.out).toContain('ERR (accepted: --accept-breaking) response-property-removed');
  });

  it('prints JSON with --format json, each change with its method, path and docs line', async ({ expect }) => {
    const run = await specDiff('--base', generated, '--head', withoutRefreshExpiry, '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.out);
    expect(report.ok).toBe(false);
    expect(report.changes).toEqual([
      expect.objectContaining({
        id: 'response-property-removed',
        level: 'ERR',
        pointer: REMOVED_POINTER,
        method: 'POST',
        path: '/v1/api/auth/login',
        docs: { file: 'spec/login-api.gitbook.md', line: LOGIN_LINE },
      }),
    ]);
  });

  it('prints a markdown table for a pull-request comment', async ({ expect }) => {
    const run = await specDiff('--base', generated, '--head', withoutRefreshExpiry, '--format', 'markdown');
    expect(run.code).toBe(1);
    expect(run.out).toContain('| Level | Rule | Operation | What changed | Docs |');
    expect(run.out).toMatch(
      /\| 🔴 ERR \| `response-property-removed` \| `POST \/v1\/api\/auth\/login` \| .*refresh_token_expires_in.* \| spec\/login-api\.gitbook\.md:\d+ \|/,
    );
  });

  it('prints GitHub annotations and writes the markdown to $GITHUB_STEP_SUMMARY', async ({ expect }) => {
    const summary = join(work, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const run = await specDiffWith(
      { GITHUB_STEP_SUMMARY: summary },
      ...['--base', generated, '--head', withoutRefreshExpiry, '--format', 'github'],
    );
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /^::error file=spec\/login-api\.gitbook\.md,line=\d+,title=spec%3Adiff response-property-removed POST \/v1\/api\/auth\/login::.*refresh_token_expires_in/m,
    );
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('# earlier step\n')).toBe(true);
    expect(written).toContain('| 🔴 ERR | `response-property-removed`');
  });

  it('writes JUnit XML to --output, leaving stdout empty', async ({ expect }) => {
    const file = join(work, 'spec-diff.xml');
    const run = await specDiff(
      '--base',
      generated,
      '--head',
      withoutRefreshExpiry,
      '--format',
      'junit',
      '--output',
      file,
    );
    expect(run).toMatchObject({ code: 1, out: '' });
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('<testsuites name="spec-diff" tests="1" failures="1" errors="0">');
    expect(xml).toContain(
      '<testcase classname="spec-diff.ERR" name="response-property-removed POST /v1/api/auth/login">',
    );
  });

  it('fails on warnings only with --fail-on WARN', async ({ expect }) => {
    const moved = editedSpec('moved-server.yaml', (doc) => {
      (doc.servers as Json[])[0] = { url: 'https://api.example.com' };
    });
    const relaxed = await specDiff('--base', generated, '--head', moved);
    expect(relaxed.code).toBe(0);
    expect(relaxed.out).toContain('WARN server-url-changed /servers/0');
    expect((await specDiff('--base', generated, '--head', moved, '--fail-on', 'WARN')).code).toBe(1);
  });

  it("reads a git revision's committed generated spec (HEAD against HEAD)", async ({ expect }) => {
    const run = await specDiff('--base', 'HEAD', '--head', 'HEAD');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/spec:diff: HEAD \([0-9a-f]{12}\) → HEAD \([0-9a-f]{12}\): no changes/);
  });

  it('reads REV:path', async ({ expect }) => {
    const run = await specDiff('--base', 'HEAD:spec/generated/openapi.yaml', '--head', 'HEAD');
    expect(run.code).toBe(0);
    expect(run.out).toContain('no changes');
  });

  it('exits 2 on unusable input as a process, the usage on stderr and nothing on stdout', async ({ expect }) => {
    const run = await specDiffProcess('--head', 'HEAD');
    expect(run.code).toBe(2);
    expect(run.err).toContain('--base is required');
    expect(run.err).toContain('usage: npm run spec:diff');
    expect(run.out).toBe('');
  });

  it.for([
    [['--head', 'HEAD'], '--base is required'],
    [['--base', 'HEAD', '--bogus'], "Unknown option '--bogus'"],
    [['--base', 'HEAD', '--fail-on', 'INFO'], '--fail-on must be ERR or WARN'],
    [['--base', 'HEAD', '--format', 'sarif'], '--format must be one of text, json, markdown, github, junit'],
    [['--base', 'no-such-revision-or-file'], '"no-such-revision-or-file" is neither a file nor a git revision'],
    [['--base', '--head'], "Option '--base' argument is ambiguous"],
    [['--base', join(root, 'package.json')], 'is not an OpenAPI 3.x document'],
    [['--base', 'HEAD', '--accept', join(work, 'missing.yaml')], 'cannot read acceptance file'],
  ] as const)('exits 2 on unusable input %j', async ([args, message], { expect }) => {
    const run = await specDiff(...args);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
    expect(run.out).toBe('');
  });

  it.for([
    [
      'an unknown id',
      { ...removalAccepted, id: 'response-property-gone' },
      'id "response-property-gone" is not a spec:diff rule id',
    ],
    ['no reason', { ...removalAccepted, reason: undefined }, '"reason" is required'],
  ] as const)('exits 2 on an acceptance with %s, naming the entry', async ([, entry, message], { expect }) => {
    const accept = join(work, `bad-accept-${message.length}.yaml`);
    writeFileSync(accept, stringify({ accepted: [entry] }));
    const run = await specDiff('--base', generated, '--head', withoutRefreshExpiry, '--accept', accept);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`accepted[0]: ${message}`);
  });

  it('prints its usage with --help', async ({ expect }) => {
    const run = await specDiff('--help');
    expect(run.code).toBe(0);
    expect(run.out).toContain('usage: npm run spec:diff -s -- --base REF_OR_FILE');
  });
});
