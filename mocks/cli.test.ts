/** The command lines as users run them: real processes, real ports, real signals. */
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

function loginRequest(url: string, body = { user: 'u', password: 'p' }) {
  return fetch(`${url}/v1/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
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

  it('prints help and refuses a bad port', async () => {
    const help = run(PRISM_CLI, ['--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toMatch(/--port N/);
    const bad = run(PRISM_CLI, ['--port', '-1']);
    expect((await bad.exited).code).toBe(2);
  });
});
