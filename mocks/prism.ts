/**
 * Prism's mock server on the merged spec, as a child process: the reference implementation of
 * the `Prefer` scenario protocol that our own mocks follow (and are tested against). A small
 * front (prism-front.ts) listens on the given port and answers what Prism would hang on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createMockControl } from './core/control.ts';
import { type PrismFront, startPrismFront } from './prism-front.ts';

export interface PrismOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** OpenAPI document to serve (default: the merged spec/generated/openapi.yaml). */
  document?: string;
  /** Longest wait for Prism's ready line (default 30 s). */
  timeoutMs?: number;
  /** Receives Prism's own output, line by line (default: dropped). */
  onOutput?: (line: string) => void;
  /**
   * A server-wide `Prefer` for every request that sends none of its own, e.g. `code=503` or
   * `delay=1500`; the front in front of Prism applies it (and `delay`, `network-error`).
   */
  prefer?: string;
}

export interface PrismServer {
  /** The front's URL: what clients use. */
  url: string;
  port: number;
  /** Prism's own URL behind the front. */
  prismUrl: string;
  /** Process id of Prism. */
  pid: number | undefined;
  close(): Promise<void>;
}

export const defaultDocument = join(import.meta.dirname, '..', 'spec', 'generated', 'openapi.yaml');

const READY = /Prism is listening on (http:\/\/\S+)/;
// Colour codes, in case Prism colours its output: ESC [ ... m.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * Preloaded into Prism's process: exits when its stdin (a pipe from us) closes, which happens
 * however this process ends, even on SIGKILL, so no Prism outlives the process that started it.
 */
const WATCHDOG = `data:text/javascript,${encodeURIComponent(
  "process.stdin.on('end', () => process.exit(0)); process.stdin.on('error', () => process.exit(0)); process.stdin.resume();",
)}`;

function prismEntry(): string {
  return createRequire(import.meta.url).resolve('@stoplight/prism-cli');
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts Prism (`prism mock -h 127.0.0.1 -p PORT spec/generated/openapi.yaml`) and resolves once it
 * listens. Runs Prism on the current Node runtime (Prism 5.16 needs Node >= 24.18, as npm scripts
 * provide). `close()` stops it; it is also killed if this process exits first.
 */
export async function startPrism(options: PrismOptions = {}): Promise<PrismServer> {
  // An unusable --prefer is refused before Prism spends seconds starting.
  if (options.prefer !== undefined) createMockControl({ prefer: options.prefer });
  const prism = await startPrismProcess(options);
  let front: PrismFront;
  try {
    front = await startPrismFront({
      target: prism.url,
      port: options.port ?? 0,
      ...(options.host ? { host: options.host } : {}),
      ...(options.prefer !== undefined ? { prefer: options.prefer } : {}),
    });
  } catch (error) {
    await prism.close();
    throw error;
  }
  return {
    url: front.url,
    port: front.port,
    prismUrl: prism.url,
    pid: prism.pid,
    close: async () => {
      await front.close();
      await prism.close();
    },
  };
}

/** Prism itself, on a free port of 127.0.0.1 (only the front listens where the caller asked). */
function startPrismProcess(options: PrismOptions): Promise<Omit<PrismServer, 'prismUrl'>> {
  const args = [
    '--import',
    WATCHDOG,
    prismEntry(),
    'mock',
    '-h',
    '127.0.0.1',
    '-p',
    '0',
    options.document ?? defaultDocument,
  ];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const killNow = () => child.kill('SIGKILL');
  process.on('exit', killNow);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, 5_000))) {
          child.kill('SIGKILL');
          await waitForExit(child, 5_000);
        }
      }
      process.off('exit', killNow);
    })();
    return closing;
  };

  return new Promise((resolve, reject) => {
    const recent: string[] = [];
    let ready = false;
    const fail = (message: string) => {
      if (ready) return;
      ready = true;
      clearTimeout(timer);
      close().then(() => reject(new Error(`${message}\n${recent.join('\n')}`)));
    };
    const timeoutMs = options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => fail(`Prism did not start within ${timeoutMs} ms`), timeoutMs);

    const onLine = (line: string) => {
      const clean = line.replace(ANSI, '');
      options.onOutput?.(clean);
      recent.push(clean);
      if (recent.length > 20) recent.shift();
      const match = READY.exec(clean);
      if (match && !ready) {
        ready = true;
        clearTimeout(timer);
        const url = (match[1] as string).replace(/\/+$/, '');
        resolve({ url, port: Number(new URL(url).port), pid: child.pid, close });
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      // Always read Prism's output, or it blocks once the pipe fills.
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffered += chunk;
        let newline = buffered.indexOf('\n');
        while (newline !== -1) {
          onLine(buffered.slice(0, newline));
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
        }
      });
    }
    child.once('error', (error) => fail(`Prism could not be started: ${error.message}`));
    child.once('exit', (code, signal) => fail(`Prism exited before it was ready (code ${code}, signal ${signal})`));
  });
}
