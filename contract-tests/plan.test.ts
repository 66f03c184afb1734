// `--plan` through the contract command: it sends nothing, and what it lists is exactly what a real
// run of the same flags sends to a correct server (recorded by that server), check by check. The
// comparisons run the command in this process; the real CLI, spawned, proves the offline plan.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPointer } from '../common/json-pointer.ts';
import { loadApi } from '../judge/api.ts';
import { maskPasswordFields } from '../judge/redact.ts';
import { runCli, runInProcess } from './fixtures/run-cli.ts';
import { findVariant, handlerFor, type Variant } from './fixtures/servers/catalogue.ts';
import { defaultUsers, type Request, type Running, serve } from './fixtures/servers/reference.ts';
import { makePlan, type PlannedRequest, tokenPlaceholders, withPlaceholders } from './plan.ts';
import { planJsonSchema } from './plan-report.ts';

const api = loadApi();
const [user, password] = Object.entries(defaultUsers)[0] as [string, string];
const dir = mkdtempSync(join(tmpdir(), 'contract-plan-'));
const teamHeader = 'X-Team: qa-staging';
const gatewayKey = 'gw-key-7c1e52a9';
/** Two command runs per test, on a machine that may be busy. */
const cliTimeout = 90_000;

/** A correct server that records every request it receives and the tokens its logins hand out. */
async function recordingServer(name = 'reference') {
  const variant = findVariant(name) as Variant;
  const received: Request[] = [];
  const issued: { access: string; refresh: string }[] = [];
  const reference = handlerFor(variant, (answer) => {
    const access = getPointer(answer.json, api.tokens.access.pointer);
    const refresh = getPointer(answer.json, api.tokens.refresh.pointer);
    if (typeof access === 'string' && typeof refresh === 'string') issued.push({ access, refresh });
  });
  const running = await serve(
    (req, res, request) => {
      received.push(request);
      return reference(req, res, request);
    },
    variant.prefix ? { prefix: variant.prefix } : {},
  );
  return { ...running, received, issued };
}

type Recording = Running & Awaited<ReturnType<typeof recordingServer>>;
let server: Recording;
beforeAll(async () => {
  server = await recordingServer();
});
afterAll(() => server?.close());

/** Made-up values change on every run: compare hex runs and JWTs by shape. */
function shape(body: string): string {
  return body
    .replace(/eyJ[\w-]+\.([\w-]+)\.([\w-]*)/g, (whole, payload: string, signature: string) => {
      const header = JSON.parse(Buffer.from(whole.split('.')[0] as string, 'base64url').toString());
      const claims = Object.keys(JSON.parse(Buffer.from(payload, 'base64url').toString()));
      return `<jwt ${header.alg} ${claims.join(',')} ${signature ? 'signed' : 'unsigned'}>`;
    })
    .replace(/[0-9a-f]{12,}/g, '<hex>');
}

interface Seen {
  method: string;
  path: string;
  contentType: string | undefined;
  headers: Record<string, string | undefined>;
  body: string;
}

/** What the server received, with the run's tokens as the plan shows them and the password redacted. */
function seenByServer(recording: Recording, from: number, issuedFrom: number): Seen[] {
  // The run's first login hands out the tokens its checks reuse (generated logins issue more).
  const tokens = recording.issued[issuedFrom];
  const placeholders = tokens ? tokenPlaceholders(api, tokens) : [];
  return recording.received.slice(from).map((r) => ({
    method: r.method,
    // A query string may hold the credentials: the plan redacts them.
    path: maskPasswordFields(`${r.path}${r.query ? `?${r.query}` : ''}`.replaceAll(password, '***')),
    contentType: r.headers['content-type'],
    headers: r.headers,
    // The plan masks every password field (the made-up wrong password too).
    body: shape(maskPasswordFields(withPlaceholders(r.body, placeholders).replaceAll(password, '***'))),
  }));
}

const asSeen = (r: PlannedRequest): Omit<Seen, 'headers'> => ({
  method: r.method,
  path: r.path,
  contentType: r.headers['content-type'],
  body: shape(r.body),
});

interface JsonReport {
  results: { id: string; requests: { label: string; method: string; path: string }[] }[];
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('--plan lists exactly what a real run sends', { timeout: cliTimeout }, () => {
  it.each([
    ['all checks', 'reference', []],
    ['--only', 'reference', ['--only', 'refresh-route,response-time,tampered-refresh-rejected']],
    [
      '--skip and --tokens opaque',
      'reference',
      ['--skip', 'login-success,refresh-success,wrong-types-rejected', '--tokens', 'opaque'],
    ],
    // Opaque tokens: the run leaves out the requests the plan marks as sent only for JWTs.
    ['opaque tokens', 'opaque-tokens', []],
    ['a path prefix', 'path-prefix', []],
  ])('%s (%s server)', async (name, variant, flags) => {
    const recording = variant === 'reference' ? server : await recordingServer(variant);
    const jwts = variant !== 'opaque-tokens';
    const args = [
      '--base-url',
      recording.url,
      '--user',
      user,
      '--password',
      password,
      '--header',
      teamHeader,
      '--header',
      `X-Gateway-Key: ${gatewayKey}`,
      // The same seed makes the same generated requests.
      '--seed',
      '2718',
      ...flags,
    ];
    const slug = name.replace(/\W+/g, '-');
    const before = recording.received.length;
    const issuedBefore = recording.issued.length;
    const real = await runInProcess([...args, '--report', `json=${join(dir, `${slug}-real.json`)}`]);
    expect(real.code, real.stdout + real.stderr).toBe(0);
    const seen = seenByServer(recording, before, issuedBefore);

    const afterReal = recording.received.length;
    const planned = await runInProcess([...args, '--plan', '--report', `json=${join(dir, `${slug}-plan.json`)}`]);
    if (recording !== server) await recording.close();
    expect(planned.code, planned.stderr).toBe(0);
    expect(recording.received.length).toBe(afterReal);
    const all = readJson<{ sent: number; requests: PlannedRequest[] }>(join(dir, `${slug}-plan.json`));
    expect(all.sent).toBe(0);
    const plan = { requests: all.requests.filter((r) => jwts || !r.onlyWhen) };
    expect(plan.requests.length).toBe(all.requests.length - (jwts ? 0 : 2));

    // Same requests in the same order: method, path, content type, body (up to made-up values).
    expect(plan.requests.map(asSeen)).toEqual(seen.map(({ headers, ...rest }) => rest));
    expect(plan.requests.length).toBeGreaterThan(0);
    // Every header the plan names arrived with that value (the secret one redacted in the plan).
    plan.requests.forEach((request, i) => {
      for (const [header, value] of Object.entries(request.headers)) {
        const arrived = seen[i]?.headers[header];
        // A secret header shows as ***; credentials a check sends in a header show their scheme only.
        const ok =
          value === '***'
            ? arrived === gatewayKey
            : value.endsWith(' ***')
              ? arrived?.startsWith(value.slice(0, -3)) && arrived !== value
              : arrived === value;
        expect(ok, `${header} on request ${i + 1}`).toBe(true);
      }
    });
    // Attributed to the same checks, with the same purposes, as the real run's report.
    const report = readJson<JsonReport>(join(dir, `${slug}-real.json`));
    const byCheck = report.results.flatMap((r) =>
      r.requests.map(({ label, method, path }) => ({ check: r.id, label, method, path })),
    );
    expect(plan.requests.map(({ check, label, method, path }) => ({ check, label, method, path }))).toEqual(byCheck);
  });
});

describe('--plan sends nothing', { timeout: cliTimeout }, () => {
  it('exits 0 with no server at all, secrets redacted in the table and the JSON', async () => {
    const port = await closedPort();
    const odd = 'p@ss "w0rd"&x=1';
    const file = join(dir, 'offline-plan.json');
    const run = await runCli(
      [
        '--plan',
        '--base-url',
        `http://127.0.0.1:${port}`,
        '--user',
        user,
        '--header',
        `Authorization: Basic ${gatewayKey}`,
        '--report',
        `json=${file}`,
      ],
      { env: { CONTRACT_PASSWORD: odd } },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Plan: \d+ requests to http:\/\/127\.0\.0\.1:\d+ \(nothing was sent\)/);
    expect(run.stdout).toContain('<refresh_token from the login answer>');
    expect(run.stdout).toContain('authorization: ***');
    const json = readFileSync(file, 'utf8');
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    formatsModule.default(ajv);
    const validate = ajv.compile(planJsonSchema);
    expect(validate(JSON.parse(json)), ajv.errorsText(validate.errors)).toBe(true);
    for (const text of [run.stdout, json]) {
      for (const secret of [odd, new URLSearchParams({ x: odd }).toString().slice(2), JSON.stringify(odd), gatewayKey])
        expect(text).not.toContain(secret);
    }
  });

  it('makes no request to a listening server', async () => {
    const before = server.received.length;
    const run = await runInProcess(['--plan', '--base-url', server.url, '--user', user, '--password', password]);
    expect(run.code, run.stderr).toBe(0);
    expect(server.received.length).toBe(before);
  });

  it('refuses a JUnit report and --har', async () => {
    const junit = await runInProcess(['--plan', '--base-url', server.url, '--report', `junit=${join(dir, 'x.xml')}`]);
    expect(junit.code).toBe(2);
    expect(junit.stderr).toContain('--plan writes no JUnit report');
    const har = await runInProcess(['--plan', '--har', join(dir, 'x.har')]);
    expect(har.code).toBe(2);
    expect(har.stderr).toContain('--plan and --har');
  });
});

describe('makePlan', () => {
  const options = { baseUrl: 'https://staging.example.com/api', user: 'qa', password: 'secret-pw', seed: 5 };

  it('marks the requests sent only for JWTs, unless the token format is given', async () => {
    const onlyJwt = (requests: PlannedRequest[]) => requests.filter((r) => r.onlyWhen).map((r) => r.check);
    const auto = await makePlan(options);
    expect(new Set(onlyJwt(auto.requests))).toEqual(new Set(['unsigned-refresh-rejected']));
    const jwt = await makePlan({ ...options, tokens: 'jwt' });
    expect(onlyJwt(jwt.requests)).toEqual([]);
    expect(jwt.requests.map((r) => r.label)).toEqual(auto.requests.map((r) => r.label));
    const opaque = await makePlan({ ...options, tokens: 'opaque' });
    expect(opaque.requests.some((r) => r.check === 'unsigned-refresh-rejected')).toBe(false);
  });

  it('masks a password too short to search for', async () => {
    const plan = await makePlan({ ...options, password: 'pw', only: ['wrong-content-type-rejected'] });
    expect(plan.requests.map((r) => r.body)).toEqual([
      JSON.stringify({ [api.fields.user]: 'qa', [api.fields.password]: '***' }),
      `${api.fields.user}=qa&${api.fields.password}=***`,
    ]);
  });

  it('keeps the base URL prefix in each URL and the documented path apart', async () => {
    const plan = await makePlan({ ...options, only: ['login-success'] });
    expect(plan.requests).toEqual([
      expect.objectContaining({
        check: 'login-success',
        method: api.login.method,
        path: api.login.path,
        url: `https://staging.example.com/api${api.login.path}`,
        body: JSON.stringify({ [api.fields.user]: 'qa', [api.fields.password]: '***' }),
      }),
    ]);
    expect(plan.conditional[0]?.onlyWhen).toContain('credentials are refused');
  });
});

/** A port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
