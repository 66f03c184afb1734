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
// The timeline and coverage of the HTML and coverage reports (kept only when one is asked for).
const traffic = options.reports.some((r) => r.format === 'html' || r.format === 'coverage')
  ? createTrafficOutputs('proxy')
  : undefined;
const session = createSession({
  ...(traffic ? { onJudgement: traffic.addJudgement } : {}),
  strict: options.strict,
  timeoutMs: options.timeoutMs,
  record: options.record !== undefined,
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

let stopping = false;
async function stop() {
  if (stopping) process.exit(1); // a second signal: stop now
  stopping = true;
  await proxy.close();
  await session.settle();
  lines.flush();
  const { tally } = session;
  const exitCode = tally.violations > 0 ? 1 : 0;
  const report = session.report(options.target);
  for (const { format, file } of options.reports) {
    const html = { source: 'proxy' as const, title: `Proxy session for ${options.target}` };
    writeFileSync(
      file,
      reportText(format, { report, exitCode, html, traffic: traffic ?? createTrafficOutputs('proxy') }),
    );
  }
  if (options.record) writeFileSync(options.record, `${JSON.stringify(session.har(), null, 2)}\n`);
  process.stdout.write(
    `${tally.exchanges} exchanges, ${tally.violations} violations${tally.unknown > 0 ? ` (${tally.unknown} on paths outside the contract, passed through)` : ''}\n`,
  );
  for (const { format, file } of options.reports) process.stdout.write(`${format} report: ${file}\n`);
  if (options.record) process.stdout.write(`recording: ${options.record}\n`);
  process.exit(exitCode);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
