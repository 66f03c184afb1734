// `--plan`: what a run would send, for change approval, without sending anything. The plan is not a
// second description of the checks: it is the real runner, checks and transport, run against a
// stand-in for the network that records each request and answers as the docs say a conforming
// server does. Tokens the stand-in hands out are shown as placeholders; secrets are redacted.
import { type Api, loadApi } from '../judge/api.ts';
import { tamper } from '../judge/checks/tampered-refresh-rejected.ts';
import { decodeToken, strippedCopy, unsignedCopy } from '../judge/jwt.ts';
import { maskedPassword, maskPasswordFields, replaceKnown } from '../judge/redact.ts';
import { defaults, randomSeed } from './defaults.ts';
import { gatewayProbe, type RunOptions, runContract } from './runner.ts';
import type { Fetch, RequestSpec } from './transport.ts';

export interface PlannedRequest {
  /** Check that sends it (a request several checks share is sent once, by the first of them). */
  check: string;
  label: string;
  method: string;
  path: string;
  url: string;
  /** Every header the run sets (HTTP itself adds Host, Content-Length and the like); secret values redacted. */
  headers: Record<string, string>;
  /** Secrets redacted, tokens from answers shown as placeholders. */
  body: string;
  /** Set when a real run sends it only in some cases. */
  onlyWhen?: string;
}

export interface Plan {
  baseUrl: string;
  /** What every run sends to a server that answers as documented, in order. */
  requests: PlannedRequest[];
  /** Sent only when the server answers otherwise. */
  conditional: PlannedRequest[];
  /** How the run paces, repeats and retries, in plain words. */
  notes: string[];
}

export type PlanOptions = Omit<RunOptions, 'fetch' | 'onResult' | 'now' | 'paceMs'> & { paceMs?: number };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens the stand-in hands out: signed-looking JWTs, or opaque strings (to tell JWT-only requests). */
function standInTokens(jwt: boolean): { access: string; refresh: string } {
  const iat = Math.floor(Date.now() / 1000);
  const make = (kind: string, ttl: number) =>
    jwt
      ? `${b64({ typ: 'JWT', alg: 'HS256' })}.${b64({ sub: 'plan', typ: kind, iat, exp: iat + ttl })}.${b64(`plan-${kind}-signature`)}`
      : `plan-opaque-${kind}-token`;
  return { access: make('access', 1800), refresh: make('refresh', 14400) };
}

/**
 * Placeholders for a login answer's tokens and the copies the checks derive from them, longest
 * first. Exported so a test can map a real run's tokens the same way.
 */
export function tokenPlaceholders(api: Api, tokens: { access: string; refresh: string }): [string, string][] {
  const from = (name: string) => `${name} from the login answer`;
  const refresh = from(api.tokens.refresh.name);
  const decoded = decodeToken(tokens.refresh);
  const pairs: [string, string][] = [
    [tokens.access, `<${from(api.tokens.access.name)}>`],
    [tokens.refresh, `<${refresh}>`],
    [tamper(tokens.refresh), `<${refresh}, one character changed>`],
    ...(decoded.ok
      ? ([
          [unsignedCopy(tokens.refresh, decoded.header), `<${refresh}, re-headed "alg": "none", signature empty>`],
          [strippedCopy(tokens.refresh), `<${refresh}, signature removed>`],
        ] as [string, string][])
      : []),
  ];
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

export function withPlaceholders(text: string, placeholders: readonly [string, string][]): string {
  return placeholders.reduce((out, [token, shown]) => out.replaceAll(token, shown), text);
}

/** A secret as the checks may put it in a body: as is, form-encoded, or with JSON quotes turned to single quotes. */
function secretForms(secret: string): string[] {
  const form = new URLSearchParams({ x: secret }).toString().slice(2);
  const singleQuoted = JSON.stringify(secret).slice(1, -1).replaceAll('"', "'");
  return [...new Set([secret, form, singleQuoted])];
}

/** The network stand-in: records each request and answers as a conforming server would. */
function standIn(
  api: Api,
  credentials: { user: string; password: string },
  tokens: { refresh: string; access: string },
) {
  const sent: { url: string; method: string; headers: Record<string, string>; body: string }[] = [];
  const json = (status: number, body: unknown, type = 'application/json') =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': type, 'cache-control': 'no-store' } });
  const documented = (op: Api['login']) => structuredClone(op.successExample) as Record<string, unknown>;
  const fetch = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? init.body : '';
    sent.push({ url, method, headers: { ...(init?.headers as Record<string, string>) }, body });
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    const path = new URL(url).pathname;
    // A conforming server takes only the documented method and media type (generated requests
    // try others, and a stand-in that let them in would make the plan shrink phantom failures).
    const headers = new Headers(init?.headers);
    const jsonBody = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() === 'application/json';
    const isLogin = jsonBody && path.endsWith(api.login.path) && method === api.login.method;
    const isRefresh = jsonBody && path.endsWith(api.refresh.path) && method === api.refresh.method;
    if (
      isLogin &&
      parsed?.[api.fields.user] === credentials.user &&
      parsed?.[api.fields.password] === credentials.password
    ) {
      const answer = documented(api.login);
      setAt(answer, api.tokens.access.pointer, tokens.access);
      setAt(answer, api.tokens.refresh.pointer, tokens.refresh);
      return json(api.login.successStatus, answer, api.login.successMediaType);
    }
    if (isRefresh && parsed?.[api.fields.refreshToken] === tokens.refresh) {
      return json(api.refresh.successStatus, documented(api.refresh), api.refresh.successMediaType);
    }
    return json(401, { code: 401, desc: 'refused' });
  }) as Fetch;
  return { fetch, sent };
}

function setAt(target: Record<string, unknown>, pointer: string, value: unknown) {
  const keys = pointer.split('/').slice(1);
  const last = keys.pop();
  let node: Record<string, unknown> = target;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  if (last !== undefined) node[last] = value;
}

/** Runs the selected checks against the stand-in; each request tagged with the check that sent it. */
async function plannedRun(options: PlanOptions, api: Api, tokens: { access: string; refresh: string }) {
  const { fetch, sent } = standIn(api, options, tokens);
  const planned: PlannedRequest[] = [];
  const outcome = await runContract({
    ...options,
    api,
    fetch,
    // Pacing waits between requests that are not sent: the notes say it instead.
    paceMs: 0,
    onResult: (result) => {
      const mine = sent.slice(planned.length);
      if (mine.length !== result.requests.length) {
        throw new Error(`planning ${result.id}: ${mine.length} requests recorded, ${result.requests.length} reported`);
      }
      mine.forEach((request, i) => {
        const { label, path } = result.requests[i] as { label: string; path: string };
        planned.push({ ...request, check: result.id, label, path });
      });
    },
  });
  if (outcome.kind !== 'report' || planned.length !== sent.length) {
    throw new Error(
      `the plan could not be made: ${outcome.kind === 'report' ? 'unattributed requests' : outcome.message}`,
    );
  }
  return planned;
}

export async function makePlan(planOptions: PlanOptions): Promise<Plan> {
  // One seed for both planning runs and the run that follows: the same seed sends the same requests.
  const options = { ...planOptions, seed: planOptions.seed ?? randomSeed() };
  const api = options.api ?? loadApi();
  const tokens = standInTokens(true);
  const placeholders = tokenPlaceholders(api, tokens);
  const secrets = { passwords: [options.password, ...(options.secrets ?? [])].flatMap(secretForms), tokens: [] };
  const headerSecrets = new Set(options.secrets ?? []);
  /** As the board sees it: secrets redacted, tokens from answers as placeholders. */
  const redact = (text: string) => maskPasswordFields(replaceKnown(withPlaceholders(text, placeholders), secrets));
  const shown = (request: PlannedRequest): PlannedRequest => ({
    ...request,
    headers: Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        headerSecrets.has(value)
          ? maskedPassword
          : // Credentials the checks put in a header of their own (HTTP Basic): the scheme stays readable.
            /^authorization$/i.test(name)
            ? `${value.split(' ')[0]} ${maskedPassword}`
            : value,
      ]),
    ),
    // A query string may carry the credentials (the checks that test it never use it otherwise).
    path: redact(request.path),
    url: redact(request.url),
    body: redact(request.body),
  });

  const withJwts = await plannedRun(options, api, tokens);
  // With --tokens auto the JWT checks send requests only when the tokens are JWTs: a second
  // planning run with opaque tokens tells which.
  const key = (r: PlannedRequest) => `${r.check}\n${r.label}`;
  const withOpaque =
    (options.tokens ?? 'auto') === 'auto'
      ? new Set((await plannedRun(options, api, standInTokens(false))).map(key))
      : undefined;
  const requests = withJwts.map((r) =>
    shown(withOpaque && !withOpaque.has(key(r)) ? { ...r, onlyWhen: 'the login answer holds JWTs' } : r),
  );

  const base = options.baseUrl.replace(/\/+$/, '');
  const probe: RequestSpec = gatewayProbe(api);
  const conditional = [
    shown({
      ...probe,
      headers: { ...options.headers, ...probe.headers },
      body: probe.body ?? '',
      url: `${base}${probe.path}`,
      check: '(the runner)',
      onlyWhen: 'the given credentials are refused; the run then stops with exit 2',
    }),
  ];
  const notes = [
    'A request answered 429 or 503 with Retry-After is sent once more after the wait.',
    'After two timeouts in a row the last request the server answered is sent again, to tell a hung server from a slow answer.',
    'Made-up values (users "contract-unknown-user-…", a wrong password, junk tokens) are new on every run; every password field shows ***.',
    'A run stops early when the server cannot be judged (unreachable, credentials refused, nothing at the paths).',
    ...(options.paceMs ? [`Requests are at least ${options.paceMs} ms apart (--pace).`] : []),
    `Generated and property requests: at most ${options.budget ?? defaults.budget} (--budget), from seed ${options.seed}; a run with --seed ${options.seed} sends these same requests.`,
  ];
  return { baseUrl: options.baseUrl, requests, conditional, notes };
}
