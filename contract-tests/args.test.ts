import { describe, expect, it } from 'vitest';
import { type CliOptions, parseCliArgs } from './args.ts';

const base = ['--base-url', 'http://127.0.0.1:4010', '--user', 'alice', '--password', 'wonderland'];
const run = (argv: string[], env: Record<string, string> = {}): CliOptions => {
  const parsed = parseCliArgs(argv, env);
  if (parsed.kind !== 'run') throw new Error(`expected a run, got ${JSON.stringify(parsed)}`);
  return parsed.options;
};
const error = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseCliArgs(argv, env);
  return parsed.kind === 'error' ? parsed.message : `no error: ${parsed.kind}`;
};

describe('parseCliArgs', () => {
  it('reads the flags with their defaults', () => {
    expect(run(base)).toEqual({
      baseUrl: 'http://127.0.0.1:4010',
      user: 'alice',
      password: 'wonderland',
      strict: false,
      tokens: 'auto',
      timeoutMs: 5000,
      runTimeoutMs: 45000,
      reports: [],
      only: [],
      skip: [],
      color: false,
      extraHeaders: { headers: {}, secrets: [] },
      tls: { caFiles: [], insecure: false },
      paceMs: 0,
      seed: expect.any(Number),
      budget: 400,
      plan: false,
      compareMock: false,
      failOnDrift: false,
    });
  });

  it('--seed and --budget (and CONTRACT_SEED, CONTRACT_BUDGET); a random seed when none is given', () => {
    expect(run([...base, '--seed', '42', '--budget', '10'])).toMatchObject({ seed: 42, budget: 10 });
    expect(run(base, { CONTRACT_SEED: '7', CONTRACT_BUDGET: '0' })).toMatchObject({ seed: 7, budget: 0 });
    const seed = run(base).seed;
    expect(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff).toBe(true);
    for (const bad of [
      ['--seed', '4294967296'],
      ['--seed', 'x'],
      ['--budget', '1.5'],
    ]) {
      expect(parseCliArgs([...base, ...bad], {})).toMatchObject({
        kind: 'error',
        message: expect.stringMatching(/^--(seed|budget) must be/),
      });
    }
  });

  it('--compare-mock with --fail-on-drift and --suggest-overlay', () => {
    expect(run([...base, '--compare-mock', '--fail-on-drift', '--suggest-overlay', 'mock.yaml'])).toMatchObject({
      compareMock: true,
      failOnDrift: true,
      suggestOverlay: 'mock.yaml',
    });
  });

  it('--header and CONTRACT_HEADERS: sent on every request, credential-like values kept as secrets', () => {
    const options = run(
      [...base, '--header', 'X-Api-Key: k1', '--header', 'X-Env: staging', '--secret-header', 'x-env'],
      {
        CONTRACT_HEADERS: 'Authorization: Basic YTpi\nCF-Access-Client-Id: id-1\n',
      },
    );
    expect(options.extraHeaders).toEqual({
      headers: { 'x-api-key': 'k1', 'x-env': 'staging', authorization: 'Basic YTpi', 'cf-access-client-id': 'id-1' },
      secrets: ['k1', 'staging', 'Basic YTpi'],
    });
    expect(parseCliArgs([...base, '--header', 'no colon'], {})).toMatchObject({ kind: 'error' });
    expect(parseCliArgs([...base, '--header', 'Content-Type: text/plain'], {})).toMatchObject({ kind: 'error' });
    expect(parseCliArgs([...base, '--cert', 'c.pem'], {})).toEqual({
      kind: 'error',
      message: '--cert and --key go together (mutual TLS needs both)',
    });
    expect(run([...base, '--pace', '250']).paceMs).toBe(250);
    expect(parseCliArgs([...base, '--pace', 'fast'], {})).toMatchObject({ kind: 'error' });
  });

  it('--tokens (or CONTRACT_TOKENS) picks the token format; anything else is an error', () => {
    expect(run([...base, '--tokens', 'jwt'])).toMatchObject({ tokens: 'jwt' });
    expect(run(base, { CONTRACT_TOKENS: 'opaque' })).toMatchObject({ tokens: 'opaque' });
    expect(parseCliArgs([...base, '--tokens', 'JWT'], {})).toEqual({
      kind: 'error',
      message: '--tokens must be one of jwt, opaque, auto, got "JWT"',
    });
  });

  it('falls back to the CONTRACT_ environment, flags winning', () => {
    const env = {
      CONTRACT_BASE_URL: 'https://staging.example.com/api/',
      CONTRACT_USER: 'qa',
      CONTRACT_PASSWORD: 'secret',
      CONTRACT_STRICT: '1',
      CONTRACT_TIMEOUT_MS: '800',
    };
    expect(run([], env)).toMatchObject({
      baseUrl: 'https://staging.example.com/api',
      user: 'qa',
      password: 'secret',
      strict: true,
      timeoutMs: 800,
    });
    expect(run(['--user', 'other', '--timeout-ms', '100'], env)).toMatchObject({ user: 'other', timeoutMs: 100 });
    expect(run([], { ...env, CONTRACT_STRICT: '0' }).strict).toBe(false);
  });

  it('takes several reports and comma-separated or repeated check ids', () => {
    const options = run([
      ...base,
      '--report',
      'junit=out/contract.xml',
      '--report',
      'json=r.json',
      '--only',
      'login-success,refresh-success',
      '--only',
      'response-time',
      '--skip',
      'no-user-enumeration',
    ]);
    expect(options.reports).toEqual([
      { format: 'junit', file: 'out/contract.xml' },
      { format: 'json', file: 'r.json' },
    ]);
    expect(options.only).toEqual(['login-success', 'refresh-success', 'response-time']);
    expect(options.skip).toEqual(['no-user-enumeration']);
  });

  it('--plan needs no credentials: the plan shows placeholders', () => {
    expect(parseCliArgs(['--plan', '--base-url', 'https://staging.example.com'], {})).toMatchObject({
      kind: 'run',
      options: { plan: true, user: '<user>', password: '<password>' },
    });
    expect(error(['--plan', '--base-url', 'http://h', '--report', 'junit=a.xml'])).toContain('no JUnit report');
  });

  it('recognises --help and --list before anything is required', () => {
    expect(parseCliArgs(['--help'], {}).kind).toBe('help');
    expect(parseCliArgs(['-h'], {}).kind).toBe('help');
    expect(parseCliArgs(['--list'], {}).kind).toBe('list');
  });

  it.each([
    [[], '--base-url (or CONTRACT_BASE_URL) is required'],
    [['--base-url', 'localhost:4010', '--user', 'a', '--password', 'b'], 'must start with http:// or https://'],
    [['--base-url', 'not a url', '--user', 'a', '--password', 'b'], 'is not a URL'],
    [['--base-url', 'http://h/?x=1', '--user', 'a', '--password', 'b'], 'must not contain a query'],
    [['--base-url', 'http://h'], '--user (or CONTRACT_USER) is required'],
    [['--base-url', 'http://h', '--user', 'a'], '--password (or CONTRACT_PASSWORD) is required'],
    [[...base, '--timeout-ms', 'soon'], '--timeout-ms must be a whole number'],
    [[...base, '--timeout-ms', '0'], '--timeout-ms must be between 1 and 3600000'],
    [[...base, '--report', 'xml=a.xml'], 'must be junit=FILE, json=FILE, html=FILE or coverage=FILE'],
    [[...base, '--only', 'login-sucess'], 'unknown check "login-sucess"; known checks: login-success'],
    [[...base, '--only', 'login-success', '--skip', 'login-success'], 'leave no check to run'],
    [[...base, '--verbose'], "Unknown option '--verbose'"],
    [[...base, 'extra'], "Unexpected argument 'extra'"],
    [[...base, '--fail-on-drift'], '--fail-on-drift and --suggest-overlay go with --compare-mock'],
    [[...base, '--suggest-overlay', 'x.yaml'], '--fail-on-drift and --suggest-overlay go with --compare-mock'],
    [[...base, '--compare-mock', '--plan'], '--plan and --compare-mock do not go together'],
    [[...base, '--compare-mock', '--suggest-overlay', ' '], '--suggest-overlay needs a file name'],
  ])('%j → %s', (argv, message) => {
    expect(error(argv)).toContain(message);
  });

  it('uses colour only on a terminal without NO_COLOR', () => {
    expect(parseCliArgs(base, {}, true)).toMatchObject({ options: { color: true } });
    expect(parseCliArgs(base, { NO_COLOR: '1' }, true)).toMatchObject({ options: { color: false } });
    expect(parseCliArgs([...base, '--no-color'], {}, true)).toMatchObject({ options: { color: false } });
  });
});
