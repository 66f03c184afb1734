/**
 * `npm start -- --watch`: runs the mock server as a child process and starts a fresh one whenever
 * the generated spec (or the --users file) changes, since the spec is read once per process.
 * Sessions survive a reload: the signing secret stays the same (tokens issued before still verify),
 * and the server-wide Prefer and the clock offset are read from the old child and handed on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

const GENERATED = resolve(import.meta.dirname, '..', 'spec', 'generated');
const READY = /^listening (http:\/\/\S+)$/m;
/** Changes closer together than this make one reload (generators write several files). */
const SETTLE_MS = 300;
const CONTROL_TIMEOUT_MS = 2_000;
const START_TIMEOUT_MS = 30_000;

/** Removes an option and its value (`--name V` or `--name=V`) from an argument list. */
export function withoutOption(args: readonly string[], names: readonly string[], takesValue: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const name = names.find((n) => arg === n || arg.startsWith(`${n}=`));
    if (name === undefined) out.push(arg);
    else if (takesValue && arg === name) i++;
  }
  return out;
}

interface Child {
  process: ChildProcess;
  url: Promise<string>;
}

/** The server-wide Prefer and clock offset of a running child, when its control endpoints answer. */
async function readState(url: string): Promise<{ prefer: string | null; offsetSeconds: number } | undefined> {
  try {
    const get = async (path: string) => {
      const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const [prefer, clock] = await Promise.all([get('/__mock/prefer'), get('/__mock/clock')]);
    return {
      prefer: typeof prefer.prefer === 'string' ? prefer.prefer : null,
      offsetSeconds: typeof clock.offset_seconds === 'number' ? Math.floor(clock.offset_seconds) : 0,
    };
  } catch {
    return undefined;
  }
}

/**
 * Runs `entry` (the command's own script: mocks/start.js in a checkout, dist/mocks/cli.js in the
 * package) with `argv` minus `--watch` as a child, again after every change.
 */
export async function superviseWithWatch(
  entry: string,
  argv: readonly string[],
  usersFile: string | undefined,
): Promise<void> {
  // One secret for every child: a token signed before a reload verifies after it.
  const env = { ...process.env, MOCK_JWT_SECRET: process.env.MOCK_JWT_SECRET || randomBytes(32).toString('hex') };
  let args = withoutOption(argv, ['--watch'], false);
  let current: Child | undefined;
  let announced = false;

  function start(): Child {
    const child = spawn(process.execPath, [entry, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const url = new Promise<string>((resolveUrl, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('no ready line in time')), START_TIMEOUT_MS);
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const ready = READY.exec(out);
        if (!ready) return;
        clearTimeout(timer);
        resolveUrl(ready[1] as string);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with code ${code}`));
      });
    });
    url.catch(() => {});
    return { process: child, url };
  }

  function stop(child: Child): Promise<void> {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      const kill = setTimeout(() => child.process.kill('SIGKILL'), 5_000);
      child.process.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      child.process.kill('SIGTERM');
    });
  }

  async function launch(): Promise<boolean> {
    current = start();
    try {
      const url = await current.url;
      if (!announced) {
        // The first child's port is kept for every later one, so the app's base URL stays valid.
        args = [...withoutOption(args, ['--port', '-p'], true), '--port', new URL(url).port];
        process.stdout.write(`listening ${url}\n`);
        process.stderr.write(`watching ${GENERATED}${usersFile ? ` and ${usersFile}` : ''} for changes\n`);
        announced = true;
      }
      return true;
    } catch (error) {
      process.stderr.write(`mock server: ${(error as Error).message}; waiting for the next change\n`);
      return false;
    }
  }

  let reloading = false;
  let again = false;
  async function reload(why: string): Promise<void> {
    if (reloading) {
      again = true;
      return;
    }
    reloading = true;
    const old = current;
    const url = old ? await old.url.catch(() => undefined) : undefined;
    const state = url ? await readState(url) : undefined;
    if (state) {
      args = withoutOption(args, ['--prefer', '--clock-offset'], true);
      if (state.prefer) args.push('--prefer', state.prefer);
      if (state.offsetSeconds > 0) args.push('--clock-offset', String(state.offsetSeconds));
    }
    if (old) await stop(old);
    process.stderr.write(`reloading: ${why}\n`);
    if (await launch()) process.stderr.write('reloaded\n');
    reloading = false;
    if (again) {
      again = false;
      await reload('more changes');
    }
  }

  let timer: NodeJS.Timeout | undefined;
  const schedule = (why: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(why), SETTLE_MS);
  };
  const watchers: FSWatcher[] = [watch(GENERATED, (_event, file) => schedule(`spec/generated/${file ?? ''} changed`))];
  if (usersFile) {
    const file = resolve(usersFile);
    watchers.push(
      watch(dirname(file), (_event, name) => {
        if (name === basename(file)) schedule(`${usersFile} changed`);
      }),
    );
  }

  let stopping = false;
  const shutdown = () => {
    if (stopping) process.exit(1);
    stopping = true;
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
    void (current ? stop(current) : Promise.resolve()).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
  // Under npm the shell between npm and us dies without passing a signal on: a new parent means stop.
  if (process.env.npm_lifecycle_event !== undefined) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) shutdown();
    }, 250).unref();
  }

  if (!(await launch())) {
    // Nothing to keep alive when the very first start fails (bad arguments, port in use).
    for (const watcher of watchers) watcher.close();
    process.exit(1);
  }
}
