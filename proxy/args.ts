// Command-line options of `npm run proxy`, parsed without side effects.
import { parseArgs } from 'node:util';
import type { ReportFormat } from '../contract-tests/args.ts';
import { parsePort } from '../mocks/cli-args.ts';
import { parseReportFlag, reportFlagHint } from '../report/outputs.ts';
import { proxyDefaults } from './forward.ts';

export interface ProxyCliOptions {
  target: string;
  port: number;
  host: string;
  record: string | undefined;
  keepSecrets: boolean;
  reports: { format: ReportFormat; file: string }[];
  strict: boolean;
  timeoutMs: number;
  headTimeoutMs: number;
  /** Wrapped mode: the command after `--`, run with LOGIN_API_PROXY_URL set; empty otherwise. */
  command: string[];
}

export type ParsedProxyArgs =
  | { kind: 'help' }
  | { kind: 'run'; options: ProxyCliOptions }
  | { kind: 'error'; message: string };

export const proxyHelp = `Usage: npm run proxy -- --target URL [options] [-- COMMAND ARGS...]

A forwarding HTTP proxy that passes every request to URL unchanged and returns the answer
unchanged, judging each exchange against the Login API contract as it goes.

Options
  --target URL          where requests go, e.g. https://staging.example.com (a path prefix is kept)
  --port N              port to listen on (default 8080; 0 picks a free one)
  --host H              interface to bind (default 127.0.0.1)
  --record FILE.har     write every exchange to a HAR 1.2 file as it goes
  --keep-secrets        record passwords and tokens as they are (default: same-shape placeholders)
  --report json=FILE    write a JSON report on exit (same format as npm run contract)
  --report junit=FILE   write a JUnit XML report on exit
  --report html=FILE    write a self-contained HTML page on exit: the verdict, each check, each
                        exchange on a timeline, the coverage (secrets redacted)
  --report coverage=FILE  write what the session exercised on exit, for npm run coverage
  --strict              inferred rules fail instead of warn
  --timeout-ms N        longest the target may stay silent (default ${proxyDefaults.timeoutMs}); then 504
  --head-timeout-ms N   longest a client may take to send a request head (default ${proxyDefaults.headTimeoutMs}); then 408
  -h, --help            show this help

Prints "listening http://HOST:PORT" once ready and one line per exchange. Ctrl-C (or SIGTERM,
also to the npm process) writes the reports and the HAR and prints "N exchanges, N violations".
The HAR is written as exchanges come: a valid file at any moment.

With -- COMMAND, the proxy runs COMMAND with LOGIN_API_PROXY_URL set to its URL and stops when
it ends, e.g. npm run proxy -- --target URL --record f.har -- npx playwright test

Exit codes
  0  no exchange violated the contract (warnings allowed)
  1  at least one exchange violated it (see the FAIL lines)
  2  bad arguments, or the target cannot be reached at start
  With -- COMMAND: the command's exit code when it failed, else the above`;

export function parseProxyArgs(input: string[]): ParsedProxyArgs {
  // Everything after `--` is the wrapped command, passed on as it is.
  const split = input.indexOf('--');
  const argv = split === -1 ? input : input.slice(0, split);
  const command = split === -1 ? [] : input.slice(split + 1);
  if (split !== -1 && command.length === 0)
    return { kind: 'error', message: '-- must be followed by a command to run' };
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        record: { type: 'string' },
        'keep-secrets': { type: 'boolean' },
        report: { type: 'string', multiple: true },
        strict: { type: 'boolean' },
        'timeout-ms': { type: 'string' },
        'head-timeout-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  const raw = values.target as string | undefined;
  if (!raw) return { kind: 'error', message: '--target URL is required (the server to forward to)' };
  let target: URL;
  try {
    target = new URL(raw);
  } catch {
    return { kind: 'error', message: `--target "${raw}" is not a URL (example: http://127.0.0.1:8080)` };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { kind: 'error', message: `--target must start with http:// or https://, got "${target.protocol}"` };
  }
  if (target.search || target.hash || target.username || target.password) {
    return { kind: 'error', message: '--target must not contain a query, fragment or credentials' };
  }
  const port = parsePort(values.port as string | undefined, 8080);
  if (port === undefined)
    return { kind: 'error', message: `--port must be a whole number from 0 to 65535, got "${values.port}"` };
  const timeoutRaw = (values['timeout-ms'] as string | undefined) ?? String(proxyDefaults.timeoutMs);
  const timeoutMs = Number(timeoutRaw);
  if (!/^\d+$/.test(timeoutRaw) || timeoutMs < 1 || timeoutMs > 600_000) {
    return { kind: 'error', message: `--timeout-ms must be a whole number from 1 to 600000, got "${timeoutRaw}"` };
  }
  const headRaw = (values['head-timeout-ms'] as string | undefined) ?? String(proxyDefaults.headTimeoutMs);
  const headTimeoutMs = Number(headRaw);
  if (!/^\d+$/.test(headRaw) || headTimeoutMs < 1 || headTimeoutMs > 600_000) {
    return { kind: 'error', message: `--head-timeout-ms must be a whole number from 1 to 600000, got "${headRaw}"` };
  }
  const reports: ProxyCliOptions['reports'] = [];
  for (const spec of (values.report as string[] | undefined) ?? []) {
    const report = parseReportFlag(spec);
    if (!report) return { kind: 'error', message: `--report "${spec}" ${reportFlagHint}` };
    reports.push(report);
  }
  const record = values.record as string | undefined;
  if (record !== undefined && record.trim() === '') return { kind: 'error', message: '--record needs a file name' };
  if (values['keep-secrets'] && record === undefined)
    return { kind: 'error', message: '--keep-secrets only makes sense with --record' };
  return {
    kind: 'run',
    options: {
      target: target.href.replace(/\/+$/, ''),
      port,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      record,
      keepSecrets: values['keep-secrets'] === true,
      reports,
      strict: values.strict === true,
      timeoutMs,
      headTimeoutMs,
      command,
    },
  };
}
