/**
 * Runs a Node script as a child process the way users run our servers, and waits for the
 * `listening http://127.0.0.1:PORT` line every server of the kit prints once ready.
 * Shared by the command-line tests, the hardening tests and the benchmark.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface ChildRun {
  child: ChildProcess;
  /** Everything the process has printed so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface RunningServer extends ChildRun {
  url: string;
  /** Milliseconds from spawn to the ready line. */
  readyMs: number;
  /** SIGTERM, then SIGKILL after `graceMs` (default 5 s); resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const READY = /^listening (http:\/\/127\.0\.0\.1:\d+)$/m;

/** Runs `node ...args` with the pinned Node; `env` is added to this process's environment. */
export function runProcess(args: string[], env: Record<string, string> = {}): ChildRun {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Starts a server script and resolves once it prints its ready line; rejects if it exits first. */
export function startServer(
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunningServer> {
  const started = performance.now();
  const run = runProcess(args, options.env);
  const stop = async (graceMs = 5_000) => {
    if (run.child.exitCode === null && run.child.signalCode === null) {
      const kill = setTimeout(() => run.child.kill('SIGKILL'), graceMs);
      run.child.kill('SIGTERM');
      await run.exited;
      clearTimeout(kill);
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        new Error(
          `node ${args.join(' ')}: no ready line after ${options.timeoutMs ?? 30_000} ms\n${run.stdout()}${run.stderr()}`,
        ),
      );
    }, options.timeoutMs ?? 30_000);
    const onData = () => {
      const url = READY.exec(run.stdout())?.[1];
      if (!url) return;
      clearTimeout(timer);
      run.child.stdout?.off('data', onData);
      resolve({ ...run, url, readyMs: performance.now() - started, stop });
    };
    run.child.stdout?.on('data', onData);
    void run.exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`node ${args.join(' ')} exited with ${code} before it was ready\n${run.stderr()}`));
    });
  });
}
