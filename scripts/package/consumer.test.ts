/**
 * The package as its users get it: `npm pack` in a private copy of the sources, so that a second
 * test run at the same time, or a build in the checkout, never sees a half-built dist/ (it packs
 * the dist/ that `npm ci` built when that is newer than every source, and builds first otherwise);
 * the tarball unpacked into a
 * scratch app outside the repository, and there, in the consumer's shoes: both commands, a Vitest
 * test with msw's setupServer and a client created at module level, and a strict browser
 * type-check without Node's types. publint and @arethetypeswrong/cli judge the same tarball.
 *
 * Install step: the tarball is unpacked as npm does, its `bin` entries linked into
 * node_modules/.bin, and each declared dependency and peer (plus vitest and typescript) linked to
 * the repository's installed copy, so the check stays offline and fast while a dependency the
 * package forgets to declare still fails it.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floorMessage, olderThan } from '../../common/node-floor.ts';
import { demoUsers } from '../../mocks/core/demo-users.ts';
import { processGroup, readyUrl, waitUntilGone } from '../process-group.ts';
import { strip } from './pack-manifest.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
/** Commands find the pinned Node first, as they would a user's `node`. */
const PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
// Generous: a loaded two-core machine can take a minute to build and pack.
const TOOL_TIMEOUT_MS = 240_000;

/**
 * A Node older than the package's floor on this machine, if there is one: `OLD_NODE`, else the
 * first `node` on PATH outside node_modules (a system Node 20, which npm scripts hide).
 */
function findOldNode(): { path: string; version: string } | undefined {
  const onPath = (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => dir && !dir.includes('node_modules'))
    .map((dir) => join(dir, 'node'));
  for (const path of [process.env.OLD_NODE, ...onPath, '/usr/bin/node', '/usr/local/bin/node']) {
    if (!path || !existsSync(path)) continue;
    try {
      const version = execFileSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 10_000 }).trim();
      if (olderThan(version)) return { path, version };
    } catch {
      // not a usable node
    }
  }
  return undefined;
}
const oldNode = findOldNode();

interface PackedManifest {
  name: string;
  scripts?: Record<string, string>;
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

let scratch: string;
let sources: string;
let tarball: string;
let pkgDir: string;
let manifest: PackedManifest;
let files: string[];
/** Servers started here; a test that times out must not leave one running. */
const started: number[] = [];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

function link(name: string): void {
  const target = join(scratch, 'node_modules', name);
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', name), target, 'dir');
}

/** Runs `node SCRIPT ...args` in the scratch app; resolves with exit code and output, never rejects. */
async function node(args: string[], cwd = scratch): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd,
      env: { ...process.env, PATH },
      timeout: TOOL_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, out: `${failed.stdout}${failed.stderr}` };
  }
}

/** Runs an installed command through its node_modules/.bin link, as `npx NAME` would. */
function bin(name: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      join(scratch, 'node_modules', '.bin', name),
      args,
      { cwd: scratch, env: { ...process.env, PATH }, timeout: TOOL_TIMEOUT_MS },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

/** Starts an installed command that serves (as `npx NAME ARGS`); `stop()` sends SIGTERM and waits for all of it to go. */
async function serve(name: string, args: string[]): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(join(scratch, 'node_modules', '.bin', name), args, {
    cwd: scratch,
    detached: true,
    env: { ...process.env, PATH, PORT: '', MOCK_JWT_SECRET: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child.pid as number);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await readyUrl(name, child);
  return {
    url,
    stop: async () => {
      const pids = processGroup(child.pid as number);
      process.kill(child.pid as number, 'SIGTERM');
      const code = await exited;
      expect(await waitUntilGone(pids, 10_000)).toEqual([]);
      return code;
    },
  };
}

/** A valid login to `url`, with the given headers; status and time taken, or the error. */
async function timedLogin(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(`${url}/v1/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ user: 'someone', password: 'anything' }),
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
  return { status: res.status, ms: performance.now() - started };
}

/** Modification times of the files under `path` (itself, when a file), test files aside. */
function mtimes(path: string): number[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [statSync(path).mtimeMs];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs);
}

const BUILD_INPUTS = [
  'client',
  'common',
  'judge',
  'traffic',
  'report',
  'mocks',
  'contract-tests',
  'proxy',
  'spec',
  'scripts/package',
  'package.json',
];
const BUILD_OUTPUTS = [
  'client',
  'common',
  'judge',
  'traffic',
  'report',
  'mocks',
  'contract-tests',
  'proxy',
  'spec',
].map((dir) => `dist/${dir}`);

/**
 * Whether dist/ is what the build makes of the sources as they are: every output newer than every
 * input, as `npm ci` (whose `prepare` runs the build) leaves it. Then packing need not build again.
 */
function distIsCurrent(): boolean {
  const outputs = BUILD_OUTPUTS.map((dir) => mtimes(join(ROOT, dir)));
  if (outputs.some((times) => times.length === 0)) return false;
  const newestInput = Math.max(...BUILD_INPUTS.flatMap((input) => mtimes(join(ROOT, input))));
  return newestInput < Math.min(...outputs.flat());
}

/** Everything but installed and generated-at-run-time files (and dist/ unless `withDist`). */
function copySources(to: string, withDist: boolean): void {
  const skipped = new Set(['node_modules', 'artifacts', '.git', ...(withDist ? [] : ['dist'])]);
  cpSync(ROOT, to, {
    recursive: true,
    filter: (source) => source === ROOT || !skipped.has(relative(ROOT, source).split('/')[0] ?? ''),
  });
  symlinkSync(join(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'login-api-kit-consumer-'));
  // Beside the app, not inside it: the app's own test run and type-check must not see the sources.
  sources = mkdtempSync(join(tmpdir(), 'login-api-kit-sources-'));
  const current = distIsCurrent();
  copySources(sources, current);
  // A current dist/ is packed as it is (with the manifest stripped as prepack would); else
  // `npm pack` runs prepack: the build, then the strip.
  if (current) strip(sources);
  const packArgs = ['pack', '--json', '--pack-destination', scratch, ...(current ? ['--ignore-scripts'] : [])];
  const packed = await run('npm', packArgs, {
    cwd: sources,
    timeout: TOOL_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [{ filename: string }];
  tarball = join(scratch, filename);

  pkgDir = join(scratch, 'node_modules', 'login-api-kit');
  mkdirSync(pkgDir, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as PackedManifest;
  files = listFiles(pkgDir);

  const wanted = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}).filter((name) => name === 'msw'),
    'vitest',
    'typescript',
  ]);
  for (const name of wanted) link(name);
  mkdirSync(join(scratch, 'node_modules', '.bin'));
  for (const [name, path] of Object.entries(manifest.bin)) {
    symlinkSync(join('..', 'login-api-kit', path), join(scratch, 'node_modules', '.bin', name));
  }
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }, null, 2),
  );
}, TOOL_TIMEOUT_MS);

afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  if (sources) rmSync(sources, { recursive: true, force: true });
});

describe.concurrent('the packed package, installed in an app of its own', { timeout: TOOL_TIMEOUT_MS }, () => {
  it('holds compiled JavaScript with declarations for every entry, and no tests, sources or tooling', () => {
    for (const [entry, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') {
        expect(files, entry).toContain(target.slice(2));
        continue;
      }
      expect(Object.keys(target)[0], `${entry}: types first`).toBe('types');
      expect(files, entry).toContain(target.types.slice(2));
      expect(files, entry).toContain(target.default.slice(2));
    }
    expect(files).toContain('dist/spec/generated/openapi.yaml');
    expect(files.filter((file) => /\.test(-d)?\.|\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((file) => !file.startsWith('dist/'))).toEqual(['README.md', 'package.json'].sort());
    expect(files.some((file) => /^dist\/(demo|e2e|scripts)\//.test(file))).toBe(false);
  });

  it('packs a manifest without scripts (no install-time script names a file it lacks), engines at the floor', () => {
    expect(manifest.scripts).toBeUndefined();
    const packed = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(packed).toMatchObject({ engines: { node: '>=22.12.0' } });
    expect(files).not.toContain('.package.json.prepack');
  });

  it('lists every runtime dependency in docs/install.md', () => {
    const install = readFileSync(join(ROOT, 'docs', 'install.md'), 'utf8');
    const missing = Object.keys(manifest.dependencies ?? {}).filter((name) => !install.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('serves with --watch from the installed package, and stops on SIGTERM', async () => {
    const mock = await serve('login-api-mock', ['--port', '0', '--watch', '--stateful', '--quiet']);
    const [user] = demoUsers;
    const login = await fetch(`${mock.url}/v1/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: user?.user, password: user?.password }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(login.status).toBe(200);
    expect(await mock.stop()).toBe(0);
  });

  it.each([
    ['delay=1500', 'at once'],
    ['network-error', 'instead of a dropped connection'],
  ])('--prefer %s: a request with its own Prefer: code=401 gets 401 %s', async (prefer) => {
    const mock = await serve('login-api-mock', ['--port', '0', '--quiet', '--prefer', prefer]);
    try {
      // Without a Prefer of its own, the server-wide one applies: sent first, it must answer last.
      const finished: string[] = [];
      // Settled into a value at once: a dropped connection must not count as an unhandled rejection.
      const wide = timedLogin(mock.url)
        .then(
          (answer) => answer,
          (error: Error) => error,
        )
        .finally(() => finished.push('server-wide'));
      const own = await timedLogin(mock.url, { prefer: 'code=401' }).finally(() => finished.push('own'));
      expect(own.status).toBe(401);
      if (prefer === 'network-error') {
        expect(await wide).toBeInstanceOf(TypeError);
      } else {
        expect(((await wide) as { ms: number }).ms).toBeGreaterThanOrEqual(1_450);
        expect(finished).toEqual(['own', 'server-wide']);
      }
    } finally {
      await mock.stop();
    }
  });

  it.skipIf(!oldNode)(
    `on Node ${oldNode?.version ?? '(none older than the floor here)'}, the commands and the Node imports print one line naming the version needed and exit non-zero`,
    async () => {
      const { path: old, version } = oldNode as { path: string; version: string };
      const expected = `${floorMessage(version)}\n`;
      // The commands as a user runs them: their `#!/usr/bin/env node` finds the old Node first on PATH.
      const oldFirst = `${dirname(old)}:${process.env.PATH ?? ''}`;
      const runs = await Promise.all([
        ...Object.keys(manifest.bin).map(
          (name) =>
            new Promise<{ what: string; code: number; out: string; err: string }>((resolve) => {
              execFile(
                join(scratch, 'node_modules', '.bin', name),
                ['--help'],
                { cwd: scratch, env: { ...process.env, PATH: oldFirst }, timeout: TOOL_TIMEOUT_MS },
                (error, stdout, stderr) =>
                  resolve({ what: name, code: error ? Number(error.code) : 0, out: stdout, err: stderr }),
              );
            }),
        ),
        ...['login-api-kit/mocks/node', 'login-api-kit/client', 'login-api-kit/mocks'].map(
          (entry) =>
            new Promise<{ what: string; code: number; out: string; err: string }>((resolve) => {
              execFile(
                old,
                ['--input-type=module', '-e', `import '${entry}'; console.log('loaded');`],
                { cwd: scratch, timeout: TOOL_TIMEOUT_MS },
                (error, stdout, stderr) =>
                  resolve({ what: entry, code: error ? Number(error.code) : 0, out: stdout, err: stderr }),
              );
            }),
        ),
      ]);
      expect(runs.map((r) => r.what)).toHaveLength(7);
      for (const run of runs) {
        expect({ what: run.what, code: run.code, out: run.out, err: run.err }).toEqual({
          what: run.what,
          code: 1,
          out: '',
          err: expected,
        });
      }
    },
  );

  it('passes publint and @arethetypeswrong/cli', async () => {
    const [publint, attw] = await Promise.all([
      node([join(ROOT, 'node_modules', '.bin', 'publint'), 'run', tarball, '--strict']),
      // ESM only, by design; openapi.yaml is a file to read, not a module.
      node([
        join(ROOT, 'node_modules', '.bin', 'attw'),
        tarball,
        '--profile',
        'esm-only',
        '--exclude-entrypoints',
        './openapi.yaml',
        '--format',
        'ascii',
      ]),
    ]);
    expect(publint, publint.out).toMatchObject({ code: 0 });
    expect(publint.out).toMatch(/All good/);
    expect(attw, attw.out).toMatchObject({ code: 0 });
  });

  it('runs the commands: --help, then the mock server checked by the contract CLI, then SIGTERM', async () => {
    const [mockHelp, contractHelp, proxyHelp, coverageHelp] = await Promise.all([
      bin('login-api-mock', ['--help']),
      bin('login-api-contract', ['--help']),
      bin('login-api-proxy', ['--help']),
      bin('login-api-coverage', ['--help']),
    ]);
    expect(coverageHelp, coverageHelp.out).toMatchObject({ code: 0 });
    expect(coverageHelp.out).toMatch(/--min PERCENT/);
    expect(proxyHelp, proxyHelp.out).toMatchObject({ code: 0 });
    expect(proxyHelp.out).toMatch(/--target/);
    expect(mockHelp, mockHelp.out).toMatchObject({ code: 0 });
    expect(mockHelp.out).toMatch(/Usage: login-api-mock[\s\S]*--stateful/);
    expect(contractHelp, contractHelp.out).toMatchObject({ code: 0 });
    expect(contractHelp.out).toMatch(/--base-url/);

    const mock = spawn(join(scratch, 'node_modules', '.bin', 'login-api-mock'), ['--port', '0', '--stateful'], {
      cwd: scratch,
      detached: true,
      env: { ...process.env, PATH, PORT: '', MOCK_JWT_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(mock.pid as number);
    const exited = new Promise<number | null>((resolve) => mock.once('exit', (code) => resolve(code)));
    try {
      const url = await readyUrl('login-api-mock', mock);
      const [user] = demoUsers;
      if (!user) throw new Error('no demo user');
      const login = await fetch(`${url}/v1/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: user.user, password: user.password }),
        signal: AbortSignal.timeout(10_000),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { code: number }).code).toBe(0);

      const contract = await bin('login-api-contract', [
        '--base-url',
        url,
        '--user',
        user.user,
        '--password',
        user.password,
        '--no-color',
      ]);
      expect(contract, contract.out).toMatchObject({ code: 0 });

      const pids = processGroup(mock.pid as number);
      process.kill(mock.pid as number, 'SIGTERM');
      expect(await exited).toBe(0);
      expect(await waitUntilGone(pids, 10_000)).toEqual([]);
    } finally {
      if (mock.exitCode === null && mock.signalCode === null) mock.kill('SIGKILL');
    }
  });

  it('works in a Vitest suite with msw setupServer and a client created at module level', async () => {
    writeFileSync(
      join(scratch, 'login.test.ts'),
      `import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createLoginApiClient } from 'login-api-kit/client';
import { handlers } from 'login-api-kit/mocks/node';

// Created before server.listen(), as an app module would be.
const api = createLoginApiClient({ baseUrl: 'https://api.example.test' });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

it('logs in through the kit handlers', async () => {
  const result = await api.login({ user: 'someone', password: 'anything' });
  if (!result.ok) throw new Error(JSON.stringify(result));
  expect(result.data.code).toBe(0);
  expect(result.data.result.token_type).toBeTypeOf('string');
});

it('answers a scenario asked for with Prefer', async () => {
  const result = await api.login({ user: 'someone', password: 'anything' }, { prefer: { code: 401 } });
  expect(result).toMatchObject({ ok: false, kind: 'http-error', status: 401 });
});
`,
    );
    const vitest = await node([join(scratch, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter', 'verbose']);
    expect(vitest, vitest.out).toMatchObject({ code: 0 });
    expect(vitest.out).toMatch(/2 passed/);
  });

  it('type-checks a browser entry strictly, without Node types', async () => {
    mkdirSync(join(scratch, 'src'), { recursive: true });
    writeFileSync(
      join(scratch, 'src', 'main.ts'),
      `import { setupWorker } from 'msw/browser';
import { type ApiResult, createLoginApiClient, type LoginSuccess } from 'login-api-kit/client';
import { createHandlers } from 'login-api-kit/mocks/browser';
import type { paths } from 'login-api-kit/types';

export async function startMocks(): Promise<void> {
  await setupWorker(...createHandlers({ stateful: true })).start({ onUnhandledFrame: 'bypass' });
}

const api = createLoginApiClient({ baseUrl: location.origin, prefer: { example: 'documented' } });

export async function signIn(user: string, password: string): Promise<string | undefined> {
  const result: ApiResult<LoginSuccess> = await api.login({ user, password });
  return result.ok ? result.data.result.access_token : result.kind;
}

export type LoginBody = paths['/v1/api/auth/login']['post']['requestBody'];
`,
    );
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          module: 'ESNext',
          moduleResolution: 'bundler',
          types: [],
          strict: true,
          noPropertyAccessFromIndexSignature: true,
          noUncheckedIndexedAccess: true,
          // Every declaration file is checked (ours above all), except TypeScript's own lib files.
          skipLibCheck: false,
          skipDefaultLibCheck: true,
          noEmit: true,
        },
        include: ['src'],
      }),
    );
    const tsc = await node([join(scratch, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--listFiles']);
    expect(tsc, tsc.out).toMatchObject({ code: 0 });
    expect(tsc.out).toMatch(/login-api-kit\/dist\/mocks\/browser\.d\.ts/);
    const kitFiles = tsc.out.split('\n').filter((line) => line.includes('/login-api-kit/'));
    expect(kitFiles.filter((file) => !file.endsWith('.d.ts'))).toEqual([]);
    expect(tsc.out).not.toMatch(/@types\/node/);
  });
});
