// Command-line and environment options of `npm run contract`, parsed without side effects.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type CheckId, checkIds, isCheckId } from '../judge/checks/index.ts';
import { maxSeed } from '../judge/generate/prng.ts';
import { type TokenFormat, tokenFormats } from '../judge/token-format.ts';
import { type OutputFormat, parseReportFlag, reportFlagHint } from '../report/outputs.ts';
import { defaults, randomSeed } from './defaults.ts';
import { type ExtraHeaders, parseExtraHeaders } from './extra-headers.ts';

export type ReportFormat = OutputFormat;

export interface CliOptions {
  baseUrl: string;
  user: string;
  password: string;
  strict: boolean;
  tokens: TokenFormat;
  timeoutMs: number;
  runTimeoutMs: number;
  reports: { format: ReportFormat; file: string }[];
  only: CheckId[];
  skip: CheckId[];
  color: boolean;
  /** Headers for every request, and which values are secrets. */
  extraHeaders: ExtraHeaders;
  /** Staging connection: extra trusted CAs, a client certificate, or no verification at all. */
  tls: { caFiles: string[]; cert?: string; key?: string; insecure: boolean };
  paceMs: number;
  /** Seed of the generated requests (random when not given; printed so the run can be replayed). */
  seed: number;
  /** Most requests the generated and property checks send together. */
  budget: number;
  /** Judge this HAR recording instead of sending requests. */
  har?: string;
  /** Print the requests the run would send, and send none. */
  plan: boolean;
  /** Also send the same requests to the kit's own mock and report where its answers differ. */
  compareMock: boolean;
  /** Drift between the server and the mock fails the run. */
  failOnDrift: boolean;
  /** Write overlay actions making the mock answer like the server to this file. */
  suggestOverlay?: string;
}

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'run'; options: CliOptions }
  | { kind: 'error'; message: string };

export const helpText = `Usage: npm run contract -- --base-url URL --user USER --password PASSWORD [options]

Checks that the Login API at URL honours its contract (spec/generated/openapi.yaml) and says,
check by check, what it violates.

Options
  --har FILE.har        judge a recorded session offline instead (no server, no credentials needed)
  --base-url URL        server to check, e.g. https://staging.example.com (a path prefix is kept)
  --user USER           a user that can log in (the run sends a few failed logins for this user too)
  --password PASSWORD   that user's password (prefer CONTRACT_PASSWORD: argv shows up in ps)
  --strict              inferred checks fail instead of warn
  --tokens KIND         jwt: tokens must be JWTs (non-JWT tokens fail); opaque: skip the JWT checks;
                        auto (default): JWT checks judge the tokens that are JWTs and skip opaque ones
  --timeout-ms N        longest wait for each answer (default ${defaults.timeoutMs})
  --run-timeout-ms N    longest whole run; later requests are not sent and fail (default ${defaults.runTimeoutMs})
  --header 'NAME: VALUE' send this header with every request (repeat); CONTRACT_HEADERS holds
                        more, one per line. Values of Authorization, Cookie, *-Key, *-Token,
                        *-Secret headers are redacted in all output
  --secret-header NAME  redact this header's value too (repeat)
  --ca-file FILE        trust this CA (PEM) besides the default ones (repeat); NODE_EXTRA_CA_CERTS works too
  --cert FILE --key FILE  client certificate and key (PEM) for mutual TLS
  --insecure            do not verify the server's certificate (last resort; every run warns)
  --pace MS             wait at least MS between two requests (default 0)
  --seed N              seed of the generated requests (default: random, printed); the same seed
                        sends the same requests
  --budget N            most requests the generated and property checks send together
                        (default ${defaults.budget}; 0 leaves them out: they skip)
  --report junit=FILE   also write a JUnit XML report (for CI test views)
  --report json=FILE    also write a JSON report
  --report html=FILE    also write a self-contained HTML page: the verdict, each check with its
                        evidence, each exchange on a timeline, the coverage (secrets redacted)
  --report coverage=FILE  also write what the run exercised, for npm run coverage (any of the
                        four may be given, each more than once)
  --only CHECK          run only this check (repeat, or separate with commas)
  --skip CHECK          leave this check out (repeat, or separate with commas)
  --plan                print every request the run would send (method, path, headers, body,
                        the check that sends it; secrets redacted) and exit 0 without sending
                        anything; --report json=FILE writes the plan as JSON. Without --user or
                        --password the plan shows <user> and ***
  --compare-mock        also send the same requests to the kit's own mock (started here, stateful,
                        with --user and --password) and print where its answers differ from the
                        server's: status, media type, body shape, code, Cache-Control,
                        Retry-After, CORS, timing (tokens by shape only). With --har, the
                        recording's requests are replayed to the mock. Drift is not a violation
  --fail-on-drift       with --compare-mock: exit 1 when the answers differ
  --suggest-overlay FILE  with --compare-mock: write overlay actions that make the mock answer like
                        the server where the docs leave room (FILE, if it exists, is extended);
                        put it in spec/overlays/ and run npm run spec
  --list                list the checks with their level and exit
  --no-color            plain output (also when NO_COLOR is set or output is not a terminal)
  -h, --help            show this help

Environment (flags win)
  CONTRACT_BASE_URL, CONTRACT_USER, CONTRACT_PASSWORD, CONTRACT_TIMEOUT_MS, CONTRACT_STRICT=1,
  CONTRACT_TOKENS, CONTRACT_SEED, CONTRACT_BUDGET

Levels
  documented   status, media type and body of the documented answers: a violation fails the run
  robustness   what any sane server does (no 5xx for bad input, no tokens for bad credentials,
               an answer in time): a violation fails the run
  inferred     good practice the docs imply (JWT checks after RFC 8725, Cache-Control: no-store,
               no user enumeration …): a warning, a failure with --strict

Exit codes
  0  the server conforms (warnings allowed)
  1  the server violates the contract (see the FAIL lines)
  2  cannot judge: bad arguments, the server cannot be reached, it refused the given
     credentials, or nothing answers at the documented paths (the reason is printed and
     written to the reports)

Passwords and tokens are redacted in all output and reports.`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number | string {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) return `${name} must be a whole number of milliseconds, got "${raw}"`;
  const value = Number(raw);
  if (value < 1 || value > 3_600_000) return `${name} must be between 1 and 3600000, got ${value}`;
  return value;
}

/** Check ids from repeated and/or comma-separated values, or a message naming the unknown ones. */
export function checkList(name: string, raw: string[]): CheckId[] | string {
  const ids = raw
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !isCheckId(id));
  if (unknown.length > 0) {
    return `${name}: unknown check ${unknown.map((u) => `"${u}"`).join(', ')}; known checks: ${checkIds.join(', ')}`;
  }
  return ids as CheckId[];
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      'base-url': { type: 'string' },
      har: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      strict: { type: 'boolean' },
      tokens: { type: 'string' },
      header: { type: 'string', multiple: true },
      'secret-header': { type: 'string', multiple: true },
      'ca-file': { type: 'string', multiple: true },
      cert: { type: 'string' },
      key: { type: 'string' },
      insecure: { type: 'boolean' },
      pace: { type: 'string' },
      seed: { type: 'string' },
      budget: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'run-timeout-ms': { type: 'string' },
      report: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      skip: { type: 'string', multiple: true },
      list: { type: 'boolean' },
      plan: { type: 'boolean' },
      'compare-mock': { type: 'boolean' },
      'fail-on-drift': { type: 'boolean' },
      'suggest-overlay': { type: 'string' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

export function parseCliArgs(argv: string[], env: Record<string, string | undefined>, isTty = false): ParsedArgs {
  let values: ReturnType<typeof parseFlags>;
  try {
    values = parseFlags(argv);
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  if (values.list) return { kind: 'list' };

  const har = values.har;
  if (har !== undefined && har.trim() === '') return { kind: 'error', message: '--har needs a file name' };
  // A recording is judged as it is: the URL and credentials it was made with are in the file.
  const baseUrl = har !== undefined ? pathToFileURL(har).href : (values['base-url'] ?? env.CONTRACT_BASE_URL);
  const plan = values.plan ?? false;
  if (plan && har !== undefined)
    return { kind: 'error', message: '--plan and --har do not go together: a recording sends nothing' };
  // A plan may be drawn up before anyone holds the credentials: it redacts the password anyway.
  const user = values.user ?? env.CONTRACT_USER ?? (plan ? '<user>' : undefined);
  const password = values.password ?? env.CONTRACT_PASSWORD ?? (plan ? '<password>' : undefined);
  if (!baseUrl) return { kind: 'error', message: '--base-url (or CONTRACT_BASE_URL) is required' };
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { kind: 'error', message: `--base-url "${baseUrl}" is not a URL (example: http://127.0.0.1:4010)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && har === undefined) {
    return { kind: 'error', message: `--base-url must start with http:// or https://, got "${url.protocol}"` };
  }
  if (url.search || url.hash)
    return { kind: 'error', message: '--base-url must not contain a query (?) or fragment (#)' };
  if (url.username || url.password) return { kind: 'error', message: '--base-url must not contain credentials' };
  if (!user && har === undefined) return { kind: 'error', message: '--user (or CONTRACT_USER) is required' };
  if (!password && har === undefined)
    return { kind: 'error', message: '--password (or CONTRACT_PASSWORD) is required' };

  const timeoutMs = positiveInt('--timeout-ms', values['timeout-ms'] ?? env.CONTRACT_TIMEOUT_MS, defaults.timeoutMs);
  if (typeof timeoutMs === 'string') return { kind: 'error', message: timeoutMs };
  const runTimeoutMs = positiveInt('--run-timeout-ms', values['run-timeout-ms'], defaults.runTimeoutMs);
  if (typeof runTimeoutMs === 'string') return { kind: 'error', message: runTimeoutMs };

  const reports: CliOptions['reports'] = [];
  for (const spec of values.report ?? []) {
    const report = parseReportFlag(spec);
    if (!report) return { kind: 'error', message: `--report "${spec}" ${reportFlagHint}` };
    reports.push(report);
  }
  const notForPlan = reports.find((r) => r.format !== 'json');
  if (plan && notForPlan) {
    return {
      kind: 'error',
      message: `--plan writes no ${notForPlan.format === 'junit' ? 'JUnit' : notForPlan.format.toUpperCase()} report (nothing is sent or judged); use --report json=FILE`,
    };
  }
  const only = checkList('--only', values.only ?? []);
  if (typeof only === 'string') return { kind: 'error', message: only };
  const skip = checkList('--skip', values.skip ?? []);
  if (typeof skip === 'string') return { kind: 'error', message: skip };
  if (only.length > 0 && only.every((id) => skip.includes(id))) {
    return { kind: 'error', message: '--only and --skip leave no check to run' };
  }

  const tokens = values.tokens ?? env.CONTRACT_TOKENS ?? 'auto';
  if (!(tokenFormats as readonly string[]).includes(tokens)) {
    return { kind: 'error', message: `--tokens must be one of ${tokenFormats.join(', ')}, got "${tokens}"` };
  }

  const extraHeaders = parseExtraHeaders(
    [...(values.header ?? []), ...(env.CONTRACT_HEADERS ?? '').split('\n')],
    values['secret-header'] ?? [],
  );
  if (typeof extraHeaders === 'string') return { kind: 'error', message: extraHeaders };
  if (Boolean(values.cert) !== Boolean(values.key)) {
    return { kind: 'error', message: '--cert and --key go together (mutual TLS needs both)' };
  }
  const pace = values.pace === undefined ? 0 : Number(values.pace);
  if (!/^\d+$/.test(values.pace ?? '0') || pace > 60_000) {
    return {
      kind: 'error',
      message: `--pace must be a whole number of milliseconds up to 60000, got "${values.pace}"`,
    };
  }

  const seedText = values.seed ?? env.CONTRACT_SEED;
  if (seedText !== undefined && (!/^\d+$/.test(seedText.trim()) || Number(seedText) > maxSeed)) {
    return { kind: 'error', message: `--seed must be a whole number from 0 to ${maxSeed}, got "${seedText}"` };
  }
  const seed = seedText === undefined ? randomSeed() : Number(seedText);
  const budgetText = values.budget ?? env.CONTRACT_BUDGET;
  if (budgetText !== undefined && (!/^\d+$/.test(budgetText.trim()) || Number(budgetText) > 1_000_000)) {
    return { kind: 'error', message: `--budget must be a whole number of requests up to 1000000, got "${budgetText}"` };
  }
  const budget = budgetText === undefined ? defaults.budget : Number(budgetText);

  const compareMock = values['compare-mock'] ?? false;
  const suggestOverlay = values['suggest-overlay'];
  if (!compareMock && (values['fail-on-drift'] || suggestOverlay !== undefined)) {
    return { kind: 'error', message: '--fail-on-drift and --suggest-overlay go with --compare-mock' };
  }
  if (compareMock && plan) return { kind: 'error', message: '--plan and --compare-mock do not go together' };
  if (suggestOverlay !== undefined && suggestOverlay.trim() === '') {
    return { kind: 'error', message: '--suggest-overlay needs a file name' };
  }

  const strictEnv = env.CONTRACT_STRICT;
  return {
    kind: 'run',
    options: {
      baseUrl: url.href.replace(/\/+$/, ''),
      user: user ?? '',
      password: password ?? '',
      ...(har === undefined ? {} : { har }),
      strict: values.strict ?? (strictEnv !== undefined && !['', '0', 'false'].includes(strictEnv.toLowerCase())),
      tokens: tokens as TokenFormat,
      timeoutMs,
      runTimeoutMs,
      reports,
      only,
      skip,
      color: !values['no-color'] && isTty && !env.NO_COLOR,
      extraHeaders,
      tls: {
        caFiles: values['ca-file'] ?? [],
        ...(values.cert ? { cert: values.cert } : {}),
        ...(values.key ? { key: values.key } : {}),
        insecure: values.insecure ?? false,
      },
      paceMs: pace,
      seed,
      budget,
      plan,
      compareMock,
      failOnDrift: values['fail-on-drift'] ?? false,
      ...(suggestOverlay === undefined ? {} : { suggestOverlay }),
    },
  };
}
