// `npm run dev` / `npm run docs`: the command prints the page's URL, serves it, and stops cleanly.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Starts serve.ts and resolves with everything it printed once both URL lines are out. */
function start(args: string[]): Promise<string> {
  const proc = spawn(process.execPath, [SERVE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL within 15 s; output so far: ${out}`)), 15_000);
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
      if (/Login demo: .*\n/.test(out) && /API reference: .*\n/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.ts exited with ${code}: ${out}`));
    });
  });
}

describe('demo/serve.ts', () => {
  it('prints the docs URL first with --docs, serves both pages, and exits 0 on Ctrl-C (SIGINT)', async () => {
    const out = await start(['--docs', '--port', '0']);
    const [first, second] = out.trim().split('\n');
    expect(first).toMatch(/^API reference: http:\/\/127\.0\.0\.1:\d+\/docs\.html$/);
    expect(second).toMatch(/^Login demo: {4}http:\/\/127\.0\.0\.1:\d+\/$/);
    const docs = first?.replace('API reference: ', '') ?? '';
    const demo = second?.replace(/^Login demo: +/, '') ?? '';
    for (const [url, title] of [
      [docs, '<title>Login API reference</title>'],
      [demo, '<title>Login API demo</title>'],
    ] as const) {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(title);
    }
    child?.kill('SIGINT');
    const [code] = await once(child as ChildProcess, 'exit');
    expect(code).toBe(0);
  });

  it('refuses a bad port with exit 2 and the usage', async () => {
    const proc = spawn(process.execPath, [SERVE, '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let err = '';
    proc.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    const [code] = await once(proc, 'exit');
    expect(code).toBe(2);
    expect(err).toContain('--port must be 0-65535, got "eighty"');
    expect(err).toContain('usage: node demo/serve.ts');
  });
});
