/** The command lines as users run them: real processes, real ports, real signals. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildRun, type RunningServer, runProcess, startServer } from '../scripts/server-process.ts';
import { openapiDocument } from '../spec/generated/openapi.ts';

const documentedLogin =
  openapiDocument.paths['/v1/api/auth/login'].post.responses['200'].content['application/json'].examples.documented
    .value;
const MOCK_CLI = join(import.meta.dirname, 'start.js');
const PRISM_CLI = join(import.meta.dirname, 'prism-cli.ts');
const children: ChildRun[] = [];
afterEach(() => {
  for (const { child } of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** PORT and MOCK_JWT_SECRET cleared, so the developer's own settings cannot change the results. */
const isolated = (env: Record<string, string>) => ({ PORT: '', MOCK_JWT_SECRET: '', ...env });

function run(script: string, args: string[], env: Record<string, string> = {}): ChildRun {
  const child = runProcess([script, ...args], isolated(env));
  children.push(child);
  return child;
}

async function start(script: string, args: string[], env: Record<string, string> = {}): Promise<RunningServer> {
  const server = await startServer([script, ...args], { env: isolated(env), timeoutMs: 20_000 });
  children.push(server);
  return server;
}

function loginRequest(url: string, body = { user: 'u', password: 'p' }, headers: Record<string, string> = {}) {
  return fetch(`${url}/v1/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
}

function refreshRequest(url: string, refreshToken: string) {
  return fetch(`${url}/v1/api/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
    signal: AbortSignal.timeout(5_000),
  });
}

async function signIn(url: string, user: string, password: string) {
  const res = await loginRequest(url, { user, password });
  expect(res.status).toBe(200);
  return ((await res.json()) as { result: Record<string, string | number> }).result;
}

function control(url: string, path: string, method: string, body?: unknown) {
  return fetch(`${url}/__mock/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(5_000),
  });
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function usersFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mock-users-'));
  tempDirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('npm start (mocks/start.js)', () => {
  it('prints the ready line, serves the documented login example, logs, and stops on SIGTERM', async () => {
    const server = await start(MOCK_CLI, ['--port', '0']);
    expect(server.stdout()).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+\n$/);
    const res = await loginRequest(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual(documentedLogin);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toMatch(/^POST \/v1\/api\/auth\/login 200 \d+\.\dms$/m);
    await expect(loginRequest(server.url)).rejects.toThrow();
  });

  it('takes PORT from the environment and stops on SIGINT', async () => {
    const server = await start(MOCK_CLI, ['--quiet'], { PORT: '0' });
    expect((await loginRequest(server.url)).status).toBe(200);
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toBe('');
  });

  it('runs the stateful mode with the demo users', async () => {
    const server = await start(MOCK_CLI, ['--port', '0', '--stateful']);
    expect((await loginRequest(server.url, { user: 'alice', password: 'wonderland' })).status).toBe(200);
    expect((await loginRequest(server.url, { user: 'alice', password: 'nope' })).status).toBe(401);
    expect((await loginRequest(server.url)).status).toBe(401);
    expect(server.stderr()).not.toMatch(/wonderland|eyJ/);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('prints help and exits 0', async () => {
    const help = run(MOCK_CLI, ['--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toMatch(/--port N[\s\S]*--stateful[\s\S]*Prefer: code=401/);
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /positional argument/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const bad = run(MOCK_CLI, args);
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toMatch(message);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const first = await start(MOCK_CLI, ['--port', '0', '--quiet']);
    const port = new URL(first.url).port;
    const second = run(MOCK_CLI, ['--port', port]);
    expect((await second.exited).code).toBe(1);
    expect(second.stderr()).toMatch(`port ${port} is in use`);
    first.child.kill('SIGTERM');
    await first.exited;
  });
});

describe('npm start: the auth paths a UI must handle', () => {
  it('--stateful --access-ttl 2 --refresh-ttl 3: lifetimes follow, a refresh within 3 s succeeds and after it 401', async () => {
    const server = await start(MOCK_CLI, ['--port', '0', '--stateful', '--access-ttl', '2', '--refresh-ttl', '3']);
    const result = await signIn(server.url, 'alice', 'wonderland');
    const signedAt = Date.now();
    expect([result.access_token_expires_in, result.refresh_token_expires_in]).toEqual([2, 3]);
    const claims = (token: unknown) =>
      JSON.parse(Buffer.from(String(token).split('.')[1] as string, 'base64url').toString()) as Record<string, number>;
    expect((claims(result.access_token).exp ?? 0) - (claims(result.access_token).iat ?? 0)).toBe(2);
    expect((claims(result.refresh_token).exp ?? 0) - (claims(result.refresh_token).iat ?? 0)).toBe(3);
    expect((await refreshRequest(server.url, String(result.refresh_token))).status).toBe(200);
    expect(Date.now() - signedAt).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 4_100 - (Date.now() - signedAt)));
    const late = await refreshRequest(server.url, String(result.refresh_token));
    expect([late.status, await late.json()]).toEqual([401, { code: 401, desc: 'Refresh token expired' }]);
    expect(server.stderr()).toMatch(/tokens live 2 s \(access\), 3 s \(refresh\)/);
  });

  it('--prefer code=503: every request without Prefer gets 503; Prefer: code=429 gets 429 with Retry-After', async () => {
    const server = await start(MOCK_CLI, ['--port', '0', '--prefer', 'code=503', '--quiet']);
    const down = await loginRequest(server.url);
    expect([down.status, down.headers.get('retry-after'), await down.json()]).toEqual([
      503,
      '30',
      { code: 503, desc: 'Service unavailable' },
    ]);
    const limited = await loginRequest(server.url, undefined, { prefer: 'code=429' });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '30']);
    const ok = await loginRequest(server.url, undefined, { prefer: 'code=200' });
    expect(ok.status).toBe(200);
    // A running app switches it without a restart.
    expect(await (await control(server.url, 'prefer', 'GET')).json()).toEqual({ prefer: 'code=503' });
    expect((await control(server.url, 'prefer', 'PUT', { prefer: 'code=502' })).status).toBe(200);
    expect((await loginRequest(server.url)).status).toBe(502);
    expect((await control(server.url, 'prefer', 'DELETE')).status).toBe(200);
    expect((await loginRequest(server.url)).status).toBe(200);
  });

  it('--stateful --users FILE: logs in a user from the file, refuses a wrong password and the demo users', async () => {
    const file = usersFile('users.json', JSON.stringify([{ user: 'carol', password: 's3cret', passwordReset: true }]));
    const server = await start(MOCK_CLI, ['--port', '0', '--stateful', '--users', file]);
    const res = await loginRequest(server.url, { user: 'carol', password: 's3cret' });
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('redirect', documentedLogin.redirect);
    expect((await loginRequest(server.url, { user: 'carol', password: 'wrong' })).status).toBe(401);
    expect((await loginRequest(server.url, { user: 'alice', password: 'wonderland' })).status).toBe(401);
    expect(server.stderr()).toMatch(/users from .*users\.json carol/);
    expect(server.stderr()).not.toMatch(/s3cret|eyJ/);
  });

  it('moves the clock through the control endpoint: tokens expire without waiting', async () => {
    const server = await start(MOCK_CLI, ['--port', '0', '--stateful', '--quiet']);
    const result = await signIn(server.url, 'alice', 'wonderland');
    const moved = await control(server.url, 'clock', 'POST', {
      advance_seconds: Number(result.refresh_token_expires_in),
    });
    expect(await moved.json()).toMatchObject({ offset_seconds: result.refresh_token_expires_in });
    const late = await refreshRequest(server.url, String(result.refresh_token));
    expect([late.status, await late.json()]).toEqual([401, { code: 401, desc: 'Refresh token expired' }]);
  });

  it.each([
    ['delay=1500', 'a late answer'],
    ['network-error', 'a dropped connection'],
  ])('--prefer %s gives %s, yet a request with Prefer: code=401 gets 401 at once', async (prefer) => {
    const server = await start(MOCK_CLI, ['--port', '0', '--quiet', '--prefer', prefer]);
    // Sent first, the request without a Prefer of its own gets the server-wide one and answers last.
    const finished: string[] = [];
    const started = performance.now();
    // Settled into a value at once: a dropped connection must not count as an unhandled rejection.
    const wide = loginRequest(server.url)
      .then(
        (res) => res,
        (error: Error) => error,
      )
      .finally(() => finished.push('server-wide'));
    const own = await loginRequest(server.url, undefined, { prefer: 'code=401' }).finally(() => finished.push('own'));
    expect(own.status).toBe(401);
    if (prefer === 'network-error') {
      expect(await wide).toBeInstanceOf(TypeError);
    } else {
      expect(((await wide) as Response).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_450);
      expect(finished).toEqual(['own', 'server-wide']);
    }
  });

  it('answers no control endpoint with --no-control', async () => {
    const server = await start(MOCK_CLI, ['--port', '0', '--no-control', '--quiet']);
    expect((await control(server.url, 'prefer', 'GET')).status).toBe(404);
  });

  it.each([
    [['--access-ttl', '0', '--stateful'], /--access-ttl must be a whole number of seconds >= 1/],
    [['--refresh-ttl', '2h', '--stateful'], /--refresh-ttl must be a whole number/],
    [['--access-ttl', '5'], /--access-ttl needs --stateful/],
    [['--prefer', 'code=418'], /--prefer: .*defined for no operation/],
    [['--prefer', 'code=abc'], /--prefer: Prefer: code must be an HTTP status code/],
    [['--stateful', '--users', '/no/such/users.json'], /--users: no file '\/no\/such\/users\.json'/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const bad = run(MOCK_CLI, ['--port', '0', ...args]);
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toMatch(message);
  });

  it('refuses an unusable users file with exit code 2, without echoing a password', async () => {
    const file = usersFile('users.yaml', '- user: carol\n  password: 12345\n');
    const bad = run(MOCK_CLI, ['--port', '0', '--stateful', '--users', file]);
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toMatch(/users\.yaml at 0\.password/);
    expect(bad.stderr()).not.toContain('12345');
  });

  it('--watch restarts on a change, on the same port, keeping sessions, Prefer and clock', async () => {
    const file = usersFile('users.yaml', '- user: carol\n  password: s3cret\n');
    const server = await start(MOCK_CLI, ['--port', '0', '--stateful', '--users', file, '--watch', '--quiet']);
    const before = await signIn(server.url, 'carol', 's3cret');
    expect((await loginRequest(server.url, { user: 'erin', password: 'pw' })).status).toBe(401);
    await control(server.url, 'prefer', 'PUT', { prefer: 'delay=10' });
    await control(server.url, 'clock', 'POST', { advance_seconds: 60 });

    writeFileSync(file, '- user: carol\n  password: s3cret\n- user: erin\n  password: pw\n');
    const deadline = Date.now() + 20_000;
    while (!/reloaded/.test(server.stderr()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(server.stderr()).toMatch(/reloading: .*users\.yaml changed\n[\s\S]*reloaded/);
    expect((await loginRequest(server.url, { user: 'erin', password: 'pw' })).status).toBe(200);
    // The refresh token issued before the reload still works: the signing secret stayed.
    expect((await refreshRequest(server.url, String(before.refresh_token))).status).toBe(200);
    expect(await (await control(server.url, 'prefer', 'GET')).json()).toEqual({ prefer: 'delay=10' });
    expect(await (await control(server.url, 'clock', 'GET')).json()).toMatchObject({ offset_seconds: 60 });
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    await expect(loginRequest(server.url)).rejects.toThrow();
  }, 40_000);
});

describe('npm run mock:prism (mocks/prism-cli.ts)', () => {
  it('prints the same ready line, serves the documented example, and takes Prism down on SIGTERM', async () => {
    const prism = await start(PRISM_CLI, ['--port', '0', '--quiet']);
    const res = await loginRequest(prism.url);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(documentedLogin);
    prism.child.kill('SIGTERM');
    expect((await prism.exited).code).toBe(0);
    // Prism itself, a child process, is gone too: nothing listens any more.
    await expect(loginRequest(prism.url)).rejects.toThrow();
  });

  it('prints help and refuses a bad port or an unusable --prefer', async () => {
    const help = run(PRISM_CLI, ['--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toMatch(/--port N[\s\S]*--prefer VALUE/);
    const bad = run(PRISM_CLI, ['--port', '-1']);
    expect((await bad.exited).code).toBe(2);
    const badPrefer = run(PRISM_CLI, ['--port', '0', '--prefer', 'code=418']);
    expect((await badPrefer.exited).code).toBe(2);
    expect(badPrefer.stderr()).toMatch(/^prism: --prefer: .*defined for no operation/);
  });

  it('takes a server-wide --prefer, which a request’s own Prefer replaces', async () => {
    const prism = await start(PRISM_CLI, ['--port', '0', '--quiet', '--prefer', 'network-error']);
    await expect(loginRequest(prism.url)).rejects.toThrow(TypeError);
    expect((await loginRequest(prism.url, undefined, { prefer: 'code=401' })).status).toBe(401);
    prism.child.kill('SIGTERM');
    expect((await prism.exited).code).toBe(0);
  });
});
