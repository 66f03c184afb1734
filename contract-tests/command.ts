// The contract command as a function: arguments, environment and output streams in, exit code out
// (0 conforms, 1 violations, 2 bad arguments or nothing to judge). cli.ts runs it in a process;
// tests run it in theirs. Heavy modules (checks, ajv, undici) load only once a run needs them.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Exchange } from '../judge/exchange.ts';
import { tokensIn } from '../judge/redact.ts';
import type { RunReport } from '../judge/verdicts.ts';
import type { CliOptions } from './args.ts';

export interface CommandIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether stdout is a terminal (colour by default). */
  isTty: boolean;
}

/** The run's exit code; reports are written on every exit after the run. */
export async function runCommand(argv: string[], io: CommandIo): Promise<number> {
  const { stdout, stderr } = io;
  const usageError = (message: string) => {
    stderr.write(`contract: ${message}\nRun with --help for usage.\n`);
    return 2;
  };
  const { helpText, parseCliArgs } = await import('./args.ts');
  const parsed = parseCliArgs(argv, io.env, io.isTty);
  if (parsed.kind === 'error') return usageError(parsed.message);
  if (parsed.kind === 'help') {
    stdout.write(`${helpText}\n`);
    return 0;
  }
  if (parsed.kind === 'list') {
    const { checks } = await import('../judge/checks/index.ts');
    for (const c of checks)
      stdout.write(`${c.id.padEnd(28)} ${c.level.padEnd(10)}  ${c.title}\n${' '.repeat(40)}${c.rationale}\n`);
    return 0;
  }

  const options = parsed.options;
  for (const { file } of options.reports) {
    const dir = dirname(resolve(file));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return usageError(`report directory ${dir} does not exist`);
  }
  if (options.suggestOverlay !== undefined) {
    const { unusableOverlayFile } = await import('./mock-drift.ts');
    const why = unusableOverlayFile(options.suggestOverlay);
    if (why) return usageError(why);
  }
  if (options.plan) return plan(options, io);
  return run(options, io, usageError);
}

async function plan(options: CliOptions, { env, stdout }: CommandIo): Promise<number> {
  const { makePlan } = await import('./plan.ts');
  const { formatPlan, planToJson } = await import('./plan-report.ts');
  const { proxyFromEnv } = await import('./http-client.ts');
  const plan = await makePlan({
    ...options,
    headers: options.extraHeaders.headers,
    secrets: options.extraHeaders.secrets,
  });
  const proxy = proxyFromEnv(options.baseUrl, env);
  const planNotices = [
    proxy ? `would go through the proxy ${proxy.replace(/\/\/[^@/]*@/, '//***@')}` : 'would connect directly, no proxy',
    ...(options.tls.insecure ? ['WARNING: TLS would not be verified (--insecure).'] : []),
  ];
  stdout.write(formatPlan(plan));
  for (const notice of planNotices) stdout.write(`${notice}\n`);
  for (const { file } of options.reports) {
    writeFileSync(file, planToJson(plan, planNotices));
    stdout.write(`json plan: ${file}\n`);
  }
  return 0;
}

/** Every `--report` file of a run: the exchanges go on the HTML page's timeline and into the coverage. */
function writeReports(
  options: CliOptions,
  { report, exitCode, sections }: { report: RunReport; exitCode: number; sections: string[] },
  log: readonly Exchange[],
  { createTrafficOutputs, reportText }: typeof import('../report/outputs.ts'),
): void {
  if (options.reports.length === 0) return;
  const traffic = createTrafficOutputs('contract');
  // The log holds each check's requests in the order the checks ran: each is labelled with its check.
  let next = 0;
  for (const result of report.results) {
    for (let i = 0; i < result.requests.length && next < log.length; i++, next++) {
      const exchange = log[next] as Exchange;
      traffic.add(exchange, { label: `${result.id}: ${exchange.request.label}` });
    }
  }
  for (; next < log.length; next++) traffic.add(log[next] as Exchange);
  const secrets = {
    passwords: [options.password, ...options.extraHeaders.secrets],
    tokens: log.flatMap((e) => (e.response?.json.ok ? tokensIn(e.response.json.value) : [])),
  };
  const html = { source: 'contract' as const, title: `Contract run against ${options.baseUrl}`, secrets, sections };
  for (const { format, file } of options.reports)
    writeFileSync(file, reportText(format, { report, exitCode, html, traffic }));
}

async function run(options: CliOptions, io: CommandIo, usageError: (message: string) => number): Promise<number> {
  const { env, stdout, stderr } = io;
  const { createHttpClient } = await import('./http-client.ts');
  let client: ReturnType<typeof createHttpClient>;
  try {
    client = createHttpClient(options.tls, env);
  } catch (error) {
    return usageError((error as Error).message);
  }
  try {
    const { selectChecks } = await import('../judge/checks/index.ts');
    const notices: string[] = [];
    if (options.tls.insecure) {
      notices.push('WARNING: TLS was not verified (--insecure): anyone on the way could have answered for the server.');
    }
    const proxy = client.proxyFor(options.baseUrl);
    notices.push(proxy ? `through the proxy ${proxy.replace(/\/\/[^@/]*@/, '//***@')}` : 'direct, no proxy');
    notices.push(
      `generated requests: seed ${options.seed}, at most ${options.budget} with the property checks (--seed ${options.seed} sends the same ones)`,
    );
    const selected = selectChecks(options.only, options.skip);
    if (options.har !== undefined) {
      // The recording's judge prints and exits by itself: with --har this ends the process.
      const { judgeRecording } = await import('./judge-recording.ts');
      return await judgeRecording(
        options,
        selected.map((c) => c.id),
      );
    }
    const { formatHeader, formatResult, formatSummary } = await import('../report/console.ts');
    const { shownHeaders } = await import('./extra-headers.ts');
    const { runContract } = await import('./runner.ts');
    stdout.write(formatHeader({ ...options, checks: selected.length }));
    for (const notice of notices) stdout.write(`${notice}\n`);
    const headerLines = shownHeaders(options.extraHeaders);
    if (headerLines.length > 0) stdout.write(`extra headers: ${headerLines.join('; ')}\n`);
    const runOptions = { ...options, headers: options.extraHeaders.headers, secrets: options.extraHeaders.secrets };
    const outcome = await runContract({
      ...runOptions,
      fetch: client.fetch,
      onResult: (result) => stdout.write(`${formatResult(result, { color: options.color })}\n`),
    });

    const report: RunReport & { drift?: unknown } = { ...outcome.report, notices };
    let exitCode = outcome.kind === 'report' ? (report.conforms ? 0 : 1) : 2;
    let driftText = '';
    const sections: string[] = [];
    if (options.compareMock && outcome.kind === 'report') {
      const { compareWithMock } = await import('./compare-mock.ts');
      const { reportDrift } = await import('./mock-drift.ts');
      const { baseUrl: _server, ...sameFlags } = runOptions;
      const comparison = await compareWithMock(sameFlags, outcome.log);
      const drift = reportDrift(
        comparison,
        { ...options, source: options.baseUrl, mock: 'the mock (stateful, in-process)' },
        (text) => {
          driftText += text;
        },
      );
      report.drift = drift.json;
      sections.push(drift.html);
      if (options.failOnDrift && drift.drifted && exitCode === 0) exitCode = 1;
    }
    writeReports(options, { report, exitCode, sections }, outcome.log, await import('../report/outputs.ts'));
    if (outcome.kind !== 'report') {
      const hint =
        outcome.kind === 'unreachable' ? '\nIs the server running, and are --base-url and the network right?' : '';
      stderr.write(`contract: cannot judge: ${outcome.message}${hint}\n`);
      if (options.compareMock)
        stderr.write('contract: no comparison with the mock: there is no server run to compare\n');
      for (const { format, file } of options.reports) stdout.write(`${format} report: ${file}\n`);
      return 2;
    }
    stdout.write(`${formatSummary(report)}\n`);
    stdout.write(driftText);
    if (options.tls.insecure) stdout.write(`${notices[0]}\n`);
    for (const { format, file } of options.reports) stdout.write(`${format} report: ${file}\n`);
    return exitCode;
  } finally {
    // Keep-alive sockets to a misbehaving server must outlive neither the run nor the process.
    await client.close();
  }
}
