#!/usr/bin/env node
// `npm run proxy -- --target URL` / `login-api-proxy`: a validating forwarding proxy. Exit 0 no violation, 1 violations,
// 2 bad arguments or an unreachable target.
// First: refuse an old Node with one line, before anything else loads.
import '../common/node-floor.ts';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';

module.enableCompileCache?.();
const { parseProxyArgs, proxyHelp } = await import('./args.ts');

function usageError(message: string): never {
  process.stderr.write(`proxy: ${message}\nRun with --help for usage.\n`);
  process.exit(2);
}

const parsed = parseProxyArgs(process.argv.slice(2));
if (parsed.kind === 'error') usageError(parsed.message);
if (parsed.kind === 'help') {
  process.stdout.write(`${proxyHelp}\n`);
  process.exit(0);
}
const options = parsed.options;
for (const file of [...options.reports.map((r) => r.file), ...(options.record ? [options.record] : [])]) {
  const dir = dirname(resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) usageError(`directory ${dir} (for ${file}) does not exist`);
}

/** A TCP connection to the target within the timeout, or why not. */
function reachable(url: URL, timeoutMs: number): Promise<string | undefined> {
  return new Promise((done) => {
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      done(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      done(`no connection within ${timeoutMs} ms`);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

const unreachable = await reachable(new URL(options.target), Math.min(options.timeoutMs, 5000));
if (unreachable) {
  process.stderr.write(`proxy: the target ${options.target} cannot be reached (${unreachable})\n`);
  process.exit(2);
}

const { startProxy } = await import('./forward.ts');
const { createSession } = await import('./session.ts');
const { createTrafficOutputs, reportText } = await import('../report/outputs.ts');
const { lineBatch } = await import('../common/node/line-batch.ts');

if (options.keepSecrets) {
  process.stderr.write(
    'proxy: warning: --keep-secrets records passwords and tokens as they are; keep the HAR private\n',
  );
}
const lines = lineBatch(process.stdout);
// The recording is streamed: every entry is in the file (a valid HAR) as soon as it is judged.
const { createHarWriter } = await import('../traffic/har-writer.ts');
let recording: ReturnType<typeof createHarWriter> | undefined;
try {
  recording = options.record ? createHarWriter(options.record) : undefined;
} catch (error) {
  usageError(`cannot write ${options.record}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
}
let recordingFailed = false;
// The timeline and coverage of the HTML and coverage reports (kept only when one is asked for).
const traffic = options.reports.some((r) => r.format === 'html' || r.format === 'coverage')
  ? createTrafficOutputs('proxy')
  : undefined;
const session = createSession({
  ...(traffic ? { onJudgement: traffic.addJudgement } : {}),
  strict: options.strict,
  timeoutMs: options.timeoutMs,
  record: options.record !== undefined,
  onEntry: (entry) => {
    if (recordingFailed) return;
    try {
      recording?.add(entry);
    } catch (error) {
      // A full disk stops the recording, not the proxy: traffic and verdicts go on.
      recordingFailed = true;
      process.stderr.write(
        `proxy: the recording stopped (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${options.record} holds the exchanges before\n`,
      );
    }
  },
  keepSecrets: options.keepSecrets,
  onLine: lines.write,
  deferUnderLoad: true,
});
let proxy: Awaited<ReturnType<typeof startProxy>>;
try {
  proxy = await startProxy({ ...options, onCapture: session.capture });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  usageError(
    code === 'EADDRINUSE'
      ? `port ${options.port} is in use; pick another with --port N (0 picks a free one)`
      : String(error),
  );
}
process.stdout.write(`listening ${proxy.url}\n`);

// Under npm the script is `exec node proxy/cli.ts`, so npm's signal reaches this process and npm
// waits for its exit code. Should npm itself go away (killed), stop too rather than run orphaned.
const parentAtStart = process.ppid;
if (process.env.npm_lifecycle_event !== undefined) {
  setInterval(() => {
    if (process.ppid !== parentAtStart) void stop();
  }, 250).unref();
}

let stopping = false;
let stoppingAt = 0;
/** Ends the session: reports and recording written, exit with `commandCode` when non-zero, else the verdict. */
async function stop(commandCode = 0) {
  if (stopping) {
    // Ctrl-C reaches every process of the group, and npm passes it on too: one stop for both.
    // A second signal a while later means "now".
    if (Date.now() - stoppingAt > 1000) process.exit(1);
    return;
  }
  stopping = true;
  stoppingAt = Date.now();
  await proxy.close();
  await session.settle();
  lines.flush();
  const { tally } = session;
  const verdict = tally.violations > 0 ? 1 : 0;
  const report = session.report(options.target);
  for (const { format, file } of options.reports) {
    const html = { source: 'proxy' as const, title: `Proxy session for ${options.target}` };
    writeFileSync(
      file,
      reportText(format, { report, exitCode: verdict, html, traffic: traffic ?? createTrafficOutputs('proxy') }),
    );
  }
  recording?.close();
  process.stdout.write(
    `${tally.exchanges} exchanges, ${tally.violations} violations${tally.unknown > 0 ? ` (${tally.unknown} on paths outside the contract, passed through)` : ''}${session.clientErrors > 0 ? `; ${session.clientErrors} malformed requests refused (400), not judged` : ''}\n`,
  );
  for (const { format, file } of options.reports) process.stdout.write(`${format} report: ${file}\n`);
  if (options.record) process.stdout.write(`recording: ${options.record}\n`);
  process.exit(commandCode !== 0 ? commandCode : verdict);
}

if (options.command.length > 0) {
  // Wrapped: the command runs with the proxy's URL in LOGIN_API_PROXY_URL; its end ends the
  // session, and the exit code is the command's when it failed, else the proxy's verdict.
  const { spawn } = await import('node:child_process');
  const [file, ...args] = options.command as [string, ...string[]];
  const child = spawn(file, args, {
    stdio: 'inherit',
    env: { ...process.env, LOGIN_API_PROXY_URL: proxy.url },
    // npx, npm and the like are .cmd files on Windows: only a shell starts them there.
    shell: process.platform === 'win32',
  });
  const signals = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGKILL: 9 } as Record<string, number>;
  child.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`proxy: cannot run ${file}: ${error.code ?? error.message}\n`);
    void stop(2);
  });
  child.on('exit', (code, signal) => {
    const commandCode = code ?? 128 + (signal ? (signals[signal] ?? 1) : 1);
    process.stdout.write(`proxy: ${options.command.join(' ')} exited with ${commandCode}\n`);
    void stop(commandCode);
  });
  // A signal to the proxy goes to the command as well; the session ends when the command does.
  const pass = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    else void stop();
  };
  process.on('SIGINT', pass('SIGINT'));
  process.on('SIGTERM', pass('SIGTERM'));
} else {
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
