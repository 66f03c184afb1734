#!/usr/bin/env node
// `npm run contract -- --base-url URL --user U --password P`: parses flags, runs the shared runner,
// prints and writes reports (on every exit after the run). Exit 0 conforms, 1 violations, 2 bad
// arguments or nothing to judge (unreachable, credentials refused, nothing at the documented paths).
import { existsSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { dirname, resolve } from 'node:path';

// Node caches compiled code (and stripped TypeScript) across starts; only modules loaded after
// this line benefit, hence the dynamic imports.
module.enableCompileCache?.();
const { helpText, parseCliArgs } = await import('./args.ts');
const { checks, selectChecks } = await import('./checks/index.ts');
const { formatHeader, formatResult, formatSummary } = await import('./report/console.ts');
const { toJson } = await import('./report/json.ts');
const { toJunit } = await import('./report/junit.ts');
const { runContract } = await import('./runner.ts');
const { createHttpClient } = await import('./http-client.ts');
const { shownHeaders } = await import('./extra-headers.ts');

function usageError(message: string): never {
  process.stderr.write(`contract: ${message}\nRun with --help for usage.\n`);
  process.exit(2);
}

const parsed = parseCliArgs(process.argv.slice(2), process.env, Boolean(process.stdout.isTTY));
if (parsed.kind === 'error') usageError(parsed.message);
if (parsed.kind === 'help') {
  process.stdout.write(`${helpText}\n`);
  process.exit(0);
}
if (parsed.kind === 'list') {
  for (const c of checks)
    process.stdout.write(`${c.id.padEnd(28)} ${c.level.padEnd(10)}  ${c.title}\n${' '.repeat(40)}${c.rationale}\n`);
  process.exit(0);
}

const options = parsed.options;
for (const { file } of options.reports) {
  const dir = dirname(resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) usageError(`report directory ${dir} does not exist`);
}

if (options.plan) {
  const { makePlan } = await import('./plan.ts');
  const { formatPlan, planToJson } = await import('./report/plan.ts');
  const { proxyFromEnv } = await import('./http-client.ts');
  const plan = await makePlan({
    ...options,
    headers: options.extraHeaders.headers,
    secrets: options.extraHeaders.secrets,
  });
  const proxy = proxyFromEnv(options.baseUrl, process.env);
  const planNotices = [
    proxy ? `would go through the proxy ${proxy.replace(/\/\/[^@/]*@/, '//***@')}` : 'would connect directly, no proxy',
    ...(options.tls.insecure ? ['WARNING: TLS would not be verified (--insecure).'] : []),
  ];
  process.stdout.write(formatPlan(plan));
  for (const notice of planNotices) process.stdout.write(`${notice}\n`);
  for (const { file } of options.reports) {
    writeFileSync(file, planToJson(plan, planNotices));
    process.stdout.write(`json plan: ${file}\n`);
  }
  process.exit(0);
}

let client: ReturnType<typeof createHttpClient>;
try {
  client = createHttpClient(options.tls);
} catch (error) {
  usageError((error as Error).message);
}
const notices: string[] = [];
if (options.tls.insecure) {
  notices.push('WARNING: TLS was not verified (--insecure): anyone on the way could have answered for the server.');
}
const proxy = client.proxyFor(options.baseUrl);
notices.push(proxy ? `through the proxy ${proxy.replace(/\/\/[^@/]*@/, '//***@')}` : 'direct, no proxy');
const selected = selectChecks(options.only, options.skip);
if (options.har !== undefined) {
  const { judgeRecording } = await import('../proxy/judge-recording.ts');
  await judgeRecording(
    options,
    selected.map((c) => c.id),
  );
}
process.stdout.write(formatHeader({ ...options, checks: selected.length }));
for (const notice of notices) process.stdout.write(`${notice}\n`);
const headerLines = shownHeaders(options.extraHeaders);
if (headerLines.length > 0) process.stdout.write(`extra headers: ${headerLines.join('; ')}\n`);
const outcome = await runContract({
  ...options,
  headers: options.extraHeaders.headers,
  secrets: options.extraHeaders.secrets,
  fetch: client.fetch,
  onResult: (result) => process.stdout.write(`${formatResult(result, { color: options.color })}\n`),
});

const report = { ...outcome.report, notices };
const exitCode = outcome.kind === 'report' ? (report.conforms ? 0 : 1) : 2;
for (const { format, file } of options.reports) {
  writeFileSync(file, format === 'junit' ? toJunit(report) : toJson(report, exitCode));
}
if (outcome.kind !== 'report') {
  const hint =
    outcome.kind === 'unreachable' ? '\nIs the server running, and are --base-url and the network right?' : '';
  process.stderr.write(`contract: cannot judge: ${outcome.message}${hint}\n`);
  for (const { format, file } of options.reports) process.stdout.write(`${format} report: ${file}\n`);
  process.exit(2);
}
process.stdout.write(`${formatSummary(report)}\n`);
if (options.tls.insecure) process.stdout.write(`${notices[0]}\n`);
for (const { format, file } of options.reports) process.stdout.write(`${format} report: ${file}\n`);
process.exitCode = exitCode;
// Keep-alive sockets to a misbehaving server must not keep the process alive.
setTimeout(() => process.exit(exitCode), 500).unref();
