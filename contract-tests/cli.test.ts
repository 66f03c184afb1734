// The contract command against real HTTP fixture servers on 127.0.0.1: every broken server is
// caught (exit 1, the right check named), every correct one passes (exit 0). The matrix runs the
// command's function in this process (same arguments, environment, output and exit code as the
// CLI, without a Node start-up per run); the process itself (exit codes, stdout/stderr, reports on
// disk, the environment, ending promptly) is proven by the real CLI, spawned with the pinned Node.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { checks } from '../judge/checks/index.ts';
import { tokensIn } from '../judge/redact.ts';
import { jsonReportSchema } from '../report/json.ts';
import { type CliRun, runCli, runInProcess } from './fixtures/run-cli.ts';
import { findVariant, handlerFor, type Variant, variants } from './fixtures/servers/catalogue.ts';
import { type Answer, defaultUsers, serve } from './fixtures/servers/reference.ts';

const [user, password] = Object.entries(defaultUsers)[0] as [string, string];

async function against(
  variant: Variant,
  extra: string[] = [],
  onAnswer?: (answer: Answer) => void,
  run: (args: string[]) => Promise<CliRun> = runInProcess,
) {
  const server = await serve(handlerFor(variant, onAnswer), variant.prefix ? { prefix: variant.prefix } : {});
  try {
    return await run([
      '--base-url',
      server.url,
      '--user',
      variant.user ?? user,
      '--password',
      password,
      ...(variant.args ?? []),
      ...(variant.budget === undefined ? [] : ['--budget', String(variant.budget)]),
      ...extra,
    ]);
  } finally {
    await server.close();
  }
}

/** The run's own duration from the closing line (process start-up excluded: the machine may be busy). */
const runSeconds = (run: { stdout: string }) => Number(/ skipped in ([\d.]+) s$/m.exec(run.stdout)?.[1] ?? Number.NaN);

/** Spawned CLIs share two cores with everything else running: allow for a busy machine. */
const spawnTimeout = 60_000;

const byKind = (kind: Variant['kind']) => variants.filter((v) => v.kind === kind).map((v) => [v.name, v] as const);

describe('the catalogue of fixture servers', () => {
  it('has at least 14 distinct broken servers and 3 correct ones', () => {
    expect(byKind('broken').length).toBeGreaterThanOrEqual(14);
    expect(byKind('correct').length).toBeGreaterThanOrEqual(3);
  });
});

// One concurrent suite, so the spawned CLIs overlap (vitest runs at most maxConcurrency at a time).
describe.concurrent('fixture servers through the CLI', { timeout: spawnTimeout }, () => {
  it.each(byKind('correct'))(
    'correct server %s conforms by default and with --strict: exit 0, nothing failed or warned',
    async (_name, variant) => {
      const skipped = variant.skipped ?? [];
      for (const run of await Promise.all([against(variant, ['--strict']), against(variant)])) {
        expect(run.stdout).toMatch(
          new RegExp(`^${checks.length - skipped.length} passed, 0 failed, 0 warned, ${skipped.length} skipped`, 'm'),
        );
        expect(run.verdicts.SKIP.sort()).toEqual([...skipped].sort());
        expect(run.code, run.stdout).toBe(0);
      }
    },
  );

  it.each(byKind('broken'))('broken server %s: exit 1 and the right checks named', async (_name, variant) => {
    const run = await against(variant);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    for (const id of variant.flagged) expect(run.verdicts.FAIL, run.stdout).toContain(id);
    expect(run.stdout).toMatch(/^\d+ passed, [1-9]\d* failed, \d+ warned, \d+ skipped in [\d.]+ s$/m);
  });

  it.each(byKind('questionable'))(
    'questionable server %s: warns (exit 0), fails with --strict (exit 1)',
    async (_name, variant) => {
      const [lenient, strict] = await Promise.all([against(variant), against(variant, ['--strict'])]);
      expect(lenient.code, lenient.stdout).toBe(0);
      expect(lenient.verdicts.FAIL).toEqual([]);
      for (const id of variant.flagged) expect(lenient.verdicts.WARN).toContain(id);
      expect(strict.code, strict.stdout).toBe(1);
      for (const id of variant.flagged) expect(strict.verdicts.FAIL).toContain(id);
    },
  );
});

describe.concurrent('bounded time', { timeout: spawnTimeout }, () => {
  it('a server that never answers yields failures in well under 60 s with the default timeout', async () => {
    const run = await against({ ...(findVariant('hangs') as Variant), args: [] }, [], undefined, runCli);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('no answer within 5000 ms');
    expect(run.stdout).toContain('not sent: the server stopped answering');
    // Two 5 s timeouts, then the breaker: the run itself, and the whole process, end quickly.
    expect(runSeconds(run)).toBeLessThan(12);
    expect(run.ms).toBeLessThan(30_000);
  });

  it('a server that resets every connection yields failures at once', async () => {
    const run = await against(findVariant('resets-connections') as Variant);
    expect(run.stdout).toContain('the server closed or reset the connection');
    // No request waited for its timeout: a reset is a failure at once, not a hang.
    expect(run.stdout).not.toContain('no answer within');
    expect(runSeconds(run)).toBeLessThan(10);
  });
});

describe.concurrent('reports', { timeout: spawnTimeout }, () => {
  it('JUnit and JSON reports validate and hold no password or whole token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-report-'));
    const issued: string[] = [];
    // Accepting wrong passwords puts token-bearing answers into the failure evidence.
    const run = await against(
      findVariant('accepts-wrong-password') as Variant,
      ['--report', `junit=${join(dir, 'contract.xml')}`, '--report', `json=${join(dir, 'contract.json')}`],
      (answer) => issued.push(...tokensIn(answer.json)),
      runCli,
    );
    expect(run.code).toBe(1);
    expect(issued.length).toBeGreaterThan(2);
    const junit = readFileSync(join(dir, 'contract.xml'), 'utf8');
    const json = readFileSync(join(dir, 'contract.json'), 'utf8');

    expect(XMLValidator.validate(junit)).toBe(true);
    const suite = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(junit).testsuites
      .testsuite;
    expect(Number(suite['@tests'])).toBe(checks.length);
    expect(Number(suite['@failures'])).toBe(run.verdicts.FAIL.length);

    const ajv = new Ajv2020({ strict: true });
    formatsModule.default(ajv);
    const validate = ajv.compile(jsonReportSchema);
    expect(validate(JSON.parse(json)), ajv.errorsText(validate.errors)).toBe(true);

    for (const text of [junit, json, run.stdout, run.stderr]) {
      expect(text).not.toContain(password);
      for (const token of issued) expect(text).not.toContain(token);
    }
    expect(run.stdout).toContain(`${run.stdout.match(/"access_token":"(eyJ[^"]*)"/)?.[1] ?? 'eyJ0eXAi…'}`);
  });

  it('redacts a password the server echoes back', async () => {
    const echo: Variant = {
      name: 'echo',
      kind: 'broken',
      flagged: [],
      description: 'echoes the request body in a 500',
      tweak: (request) => ({
        status: 500,
        headers: { 'content-type': 'text/plain' },
        raw: `cannot handle ${request.body}`,
      }),
    };
    const run = await against(echo);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('cannot handle');
    expect(run.stdout).not.toContain(password);
  });
});

describe.concurrent('arguments and reachability', { timeout: spawnTimeout }, () => {
  it('--help documents every flag, the environment and the exit codes', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const flag of [
      '--base-url',
      '--user',
      '--password',
      '--strict',
      '--timeout-ms',
      '--run-timeout-ms',
      '--report junit=FILE',
      '--report json=FILE',
      '--only',
      '--skip',
      '--list',
      '--tokens KIND',
      '--plan',
      'CONTRACT_BASE_URL',
      'CONTRACT_PASSWORD',
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toMatch(
      /0 {2}the server conforms[\s\S]*1 {2}the server violates[\s\S]*2 {2}cannot judge: bad arguments/,
    );
  });

  it('--list names every check with its level', async () => {
    const run = await runInProcess(['--list']);
    expect(run.code).toBe(0);
    for (const check of checks) expect(run.stdout).toMatch(new RegExp(`^${check.id} +${check.level}`, 'm'));
  });

  it('bad arguments exit 2 with a clear message', async () => {
    const run = await runCli(['--base-url', 'http://127.0.0.1:1', '--user', 'a', '--password', 'b', '--only', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--only: unknown check "nope"');
    expect(run.stdout).toBe('');
  });

  it('a report into a missing directory exits 2 before any request', async () => {
    const run = await runInProcess([
      '--base-url',
      'http://127.0.0.1:1',
      '--user',
      'a',
      '--password',
      'b',
      '--report',
      'json=/no/such/dir/r.json',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('report directory /no/such/dir does not exist');
  });

  it('a closed port exits 2: the server is unreachable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const run = await runCli(['--base-url', `http://127.0.0.1:${port}`, '--user', 'a', '--password', 'b']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `contract: cannot judge: http://127.0.0.1:${port} is unreachable: cannot connect (connect ECONNREFUSED`,
    );
  });

  it('an unknown host exits 2', async () => {
    const run = await runInProcess(['--base-url', 'http://no-such-host.invalid', '--user', 'a', '--password', 'b']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is unreachable');
  });

  it('reads CONTRACT_ variables and --only runs just the named checks', async () => {
    const server = await serve(handlerFor(findVariant('reference') as Variant));
    try {
      const run = await runCli(['--only', 'login-success,refresh-success'], {
        env: { CONTRACT_BASE_URL: server.url, CONTRACT_USER: user, CONTRACT_PASSWORD: password },
      });
      expect(run.code).toBe(0);
      expect(run.verdicts.PASS).toEqual(['login-success', 'refresh-success']);
      expect(run.stdout).toMatch(/^2 passed, 0 failed/m);
    } finally {
      await server.close();
    }
  });
});

/** Runs the CLI against a server with JUnit and JSON reports, and reads both back. */
async function withReports(baseUrl: string, extra: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'contract-cannot-judge-'));
  const run = await runInProcess([
    '--base-url',
    baseUrl,
    '--user',
    user,
    '--password',
    password,
    '--report',
    `junit=${join(dir, 'r.xml')}`,
    '--report',
    `json=${join(dir, 'r.json')}`,
    ...extra,
  ]);
  const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
  const junit = readFileSync(join(dir, 'r.xml'), 'utf8');
  const ajv = new Ajv2020({ strict: true });
  formatsModule.default(ajv);
  const validate = ajv.compile(jsonReportSchema);
  expect(validate(json), ajv.errorsText(validate.errors)).toBe(true);
  expect(XMLValidator.validate(junit)).toBe(true);
  return { run, json, junit };
}

describe.concurrent('cannot judge: exit 2 with the reason, reports written', { timeout: spawnTimeout }, () => {
  it('a wrong password: the server refused the given credentials', async () => {
    const server = await serve(handlerFor(findVariant('reference') as Variant));
    try {
      const { run, json, junit } = await withReports(server.url, ['--password', 'not-the-password']);
      const reason = 'the server refused the given credentials; check --user/--password';
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stderr).toContain(`contract: cannot judge: ${reason}`);
      expect(run.verdicts.FAIL).toEqual([]);
      expect(json).toMatchObject({ exitCode: 2, conforms: false, cannotJudge: expect.stringContaining(reason) });
      expect(junit).toContain('<error message="the server refused the given credentials');
      for (const text of [run.stdout, run.stderr, JSON.stringify(json), junit]) {
        expect(text).not.toContain('not-the-password');
      }
    } finally {
      await server.close();
    }
  });

  it('credentials refused as HTTP 200 with a non-zero code are the same', async () => {
    const server = await serve(handlerFor(findVariant('errors-as-200-code') as Variant));
    try {
      const { run, json } = await withReports(server.url, ['--password', 'not-the-password']);
      expect(run.code).toBe(2);
      expect(json.cannotJudge).toMatch(/^the server refused the given credentials/);
    } finally {
      await server.close();
    }
  });

  it('a base URL without the path prefix: nothing at the documented paths', async () => {
    const server = await serve(handlerFor(findVariant('path-prefix') as Variant), { prefix: '/staging/api' });
    const root = server.url.replace('/staging/api', '');
    try {
      const { run, json, junit } = await withReports(root);
      const reason = `nothing at the documented paths under ${root}; check --base-url`;
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stderr).toContain(`contract: cannot judge: ${reason}`);
      expect(json.cannotJudge).toContain(reason);
      expect(junit).toContain('errors="1"');
    } finally {
      await server.close();
    }
  });

  it('a service that does not speak HTTP: nothing at the documented paths', async () => {
    const service = createServer((socket) => {
      socket.on('error', () => {});
      socket.end('SSH-2.0-OpenSSH_9.6\r\n');
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const { port } = service.address() as { port: number };
    try {
      const { run, json } = await withReports(`http://127.0.0.1:${port}`);
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(json.cannotJudge).toMatch(/^nothing at the documented paths under .*the answer is not valid HTTP/);
    } finally {
      service.close();
    }
  });

  it('a closed port: reports are written too', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const { run, json } = await withReports(`http://127.0.0.1:${port}`);
    expect(run.code).toBe(2);
    expect(json.cannotJudge).toContain('is unreachable');
  });

  it('one missing route among answering ones stays a violation (exit 1)', async () => {
    const run = await against(findVariant('refresh-path-missing') as Variant);
    expect(run.code).toBe(1);
    expect(run.verdicts.FAIL).toContain('refresh-route');
  });
});

describe.concurrent('token format', { timeout: spawnTimeout }, () => {
  it('--tokens jwt: opaque tokens fail without --strict (exit 1)', async () => {
    const run = await against(findVariant('opaque-tokens') as Variant, ['--tokens', 'jwt']);
    expect(run.code, run.stdout).toBe(1);
    expect(run.verdicts.FAIL).toEqual(['tokens-are-jwts']);
  });
});
