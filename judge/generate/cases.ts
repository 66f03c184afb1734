// Requests generated from the spec, as data: for every operation, bodies valid by its schema and
// invalid ones field by field (every JSON type, missing and extra fields, strings of every kind),
// malformed JSON, wrong media types and other methods. Each case says what the server may answer.
// Pure and seeded: the same seed yields the same cases, in the same order.
import type { Api, Operation } from '../api.ts';
import type { RequestSpec } from '../exchange.ts';
import { createRng, type Rng } from './prng.ts';
import { type JsonValue, nonStringSamples, randomString, randomValue, stringSamples } from './values.ts';

export type Body = { kind: 'json'; value: JsonValue } | { kind: 'raw'; text: string } | { kind: 'none' };

/**
 * refusal: a clear refusal (a 4xx, or HTTP 200 with a non-zero code), never tokens, never a 5xx.
 * not-served: another method: no tokens, no success, no 5xx (501 Not Implemented is an honest answer).
 * any: the exact valid credentials (with extra fields, or the user name in another letter case):
 *   tokens are allowed, a 5xx is not.
 */
export type Expectation = 'refusal' | 'not-served' | 'any';

export interface GeneratedCase {
  op: 'login' | 'refresh';
  method: string;
  contentType: string | undefined;
  body: Body;
  /** Headers besides Accept and Content-Type. */
  headers?: Record<string, string>;
  /** What the request is, in plain words. */
  label: string;
}

export interface Known {
  user: string;
  password: string;
}

export function bodyText(body: Body): string | undefined {
  if (body.kind === 'none') return undefined;
  return body.kind === 'raw' ? body.text : JSON.stringify(body.value);
}

export function toRequest(api: Api, c: GeneratedCase): RequestSpec {
  const op = api[c.op];
  const text = bodyText(c.body);
  return {
    method: c.method,
    path: op.path,
    headers: { accept: 'application/json', ...(c.contentType ? { 'content-type': c.contentType } : {}), ...c.headers },
    ...(text === undefined ? {} : { body: text }),
    label: `generated: ${c.label}`,
  };
}

const isJsonType = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

function parsed(body: Body): unknown {
  if (body.kind === 'json') return body.value;
  if (body.kind === 'none') return undefined;
  try {
    return JSON.parse(body.text);
  } catch {
    return undefined;
  }
}

/** A user name a server may legitimately match: the same, or the same in another letter case (e-mail addresses). */
export const sameUser = (sent: string, known: string) => sent === known || sent.toLowerCase() === known.toLowerCase();

/** What the server may answer to a case: derived from the request, so a shrunk case is judged the same way. */
export function expectationOf(api: Api, c: GeneratedCase, known: Known): Expectation {
  const op = api[c.op];
  if (c.method !== op.method) return 'not-served';
  if (c.op !== 'login' || !isJsonType(c.contentType)) return 'refusal';
  const value = parsed(c.body);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'refusal';
  const fields = value as Record<string, unknown>;
  const user = fields[api.fields.user];
  const password = fields[api.fields.password];
  return typeof user === 'string' && sameUser(user, known.user) && password === known.password ? 'any' : 'refusal';
}

function objectWith(fields: Record<string, JsonValue | undefined>): JsonValue {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as JsonValue;
}

/** A made-up wrong password for the seed: never the real one. */
function wrongPassword(rng: Rng, known: Known): string {
  const made = `gen-${rng.int(0xffffffff).toString(36)}-${rng.int(0xffffffff).toString(36)}`;
  return made === known.password ? `${made}x` : made;
}

/** Every documented field replaced, one at a time, by every other JSON type and every kind of string; and left out. */
function fieldCases(
  opName: GeneratedCase['op'],
  op: Operation,
  base: Record<string, JsonValue>,
  skip: (field: string, value: JsonValue) => boolean,
): GeneratedCase[] {
  const out: GeneratedCase[] = [];
  const json = (value: JsonValue, label: string): GeneratedCase => ({
    op: opName,
    method: op.method,
    contentType: op.requestMediaType,
    body: { kind: 'json', value },
    label,
  });
  for (const field of op.requestProperties) {
    for (const sample of [...nonStringSamples, ...stringSamples]) {
      if (skip(field, sample.value)) continue;
      out.push(json(objectWith({ ...base, [field]: sample.value }), `${field} is ${sample.label}`));
    }
    out.push(json(objectWith({ ...base, [field]: undefined }), `${field} left out`));
  }
  return out;
}

/** The same request made wrong as a whole: not an object, malformed, extra fields, wrong media types, other methods. */
function wholeBodyCases(
  opName: GeneratedCase['op'],
  op: Operation,
  wrong: Record<string, JsonValue>,
  right: Record<string, JsonValue>,
): GeneratedCase[] {
  const c = (label: string, body: Body, contentType = op.requestMediaType, method = op.method): GeneratedCase => ({
    op: opName,
    method,
    contentType,
    body,
    label,
  });
  const text = JSON.stringify(wrong);
  const inner = text.slice(1, -1);
  let deep: JsonValue = wrong;
  for (let i = 0; i < 64; i++) deep = { a: deep };
  const otherMethods = ['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD'].filter((m) => m !== op.method);
  return [
    c('an empty body', { kind: 'raw', text: '' }),
    c('an empty object', { kind: 'json', value: {} }),
    c('an array body', { kind: 'json', value: [] }),
    c('the body null', { kind: 'json', value: null }),
    c('a string body', { kind: 'json', value: 'x' }),
    c('a number body', { kind: 'json', value: 123 }),
    c('the object inside an array', { kind: 'json', value: [wrong] }),
    c('the object nested 64 levels deep', { kind: 'json', value: deep }),
    c('extra fields', { kind: 'json', value: { ...wrong, admin: true, role: 'admin', id: 1 } }),
    c('prototype keys', {
      kind: 'raw',
      text: `{${inner},"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}`,
    }),
    c('a field given twice', { kind: 'raw', text: `{${inner},${inner}}` }),
    c('truncated JSON', { kind: 'raw', text: text.slice(0, -1) }),
    c('only an opening brace', { kind: 'raw', text: '{' }),
    c('single-quoted JSON', { kind: 'raw', text: text.replaceAll('"', "'") }),
    c('a trailing comma', { kind: 'raw', text: `{${inner},}` }),
    c('a comment', { kind: 'raw', text: `{/* c */${inner}}` }),
    c('NaN as a value', { kind: 'raw', text: `{${inner},"n":NaN}` }),
    c('trailing garbage', { kind: 'raw', text: `${text}}garbage` }),
    c('a byte order mark', { kind: 'raw', text: `\ufeff${text}` }),
    c('the right body as text/plain', { kind: 'json', value: right }, 'text/plain'),
    c('the right body as form data', { kind: 'json', value: right }, 'application/x-www-form-urlencoded'),
    c('the right body as multipart', { kind: 'json', value: right }, 'multipart/form-data; boundary=x'),
    c('the right body as XML', { kind: 'json', value: right }, 'application/xml'),
    c(
      'the right body as a form',
      {
        kind: 'raw',
        text: new URLSearchParams(Object.entries(right).map(([k, v]) => [k, String(v)])).toString(),
      },
      'application/x-www-form-urlencoded',
    ),
    c('the right credentials form-encoded under the JSON media type', {
      kind: 'raw',
      text: new URLSearchParams(Object.entries(right).map(([k, v]) => [k, String(v)])).toString(),
    }),
    ...otherMethods.map((m) =>
      c(
        `the right body by ${m}`,
        m === 'GET' || m === 'HEAD' ? { kind: 'none' } : { kind: 'json', value: right },
        m === 'GET' || m === 'HEAD' ? undefined : op.requestMediaType,
        m,
      ),
    ),
  ];
}

/** The cases every run starts with, one per kind, before random ones. */
export function systematicCases(api: Api, known: Known, rng: Rng): GeneratedCase[] {
  const { user, password, refreshToken } = api.fields;
  const wrong = wrongPassword(rng, known);
  const login = (label: string, value: JsonValue): GeneratedCase => ({
    op: 'login',
    method: api.login.method,
    contentType: api.login.requestMediaType,
    body: { kind: 'json', value },
    label,
  });
  const cases: GeneratedCase[] = [
    ...fieldCases(
      'login',
      api.login,
      { [user]: known.user, [password]: wrong },
      (field, value) => field === password && value === known.password,
    ),
    ...wholeBodyCases(
      'login',
      api.login,
      { [user]: known.user, [password]: wrong },
      { [user]: known.user, [password]: known.password },
    ),
    login('valid by the schema: a random password', { [user]: known.user, [password]: randomString(rng).value }),
    login('valid by the schema: a random user with the right password', {
      [user]: `gen-user-${rng.int(1e9)}`,
      [password]: known.password,
    }),
    login('the right credentials with extra fields', {
      [user]: known.user,
      [password]: known.password,
      remember: true,
      device: 'contract',
    }),
    ...[known.user.toUpperCase(), known.user.toLowerCase()]
      .filter((u) => u !== known.user)
      .flatMap((u) => [
        login('the right credentials, the user name in another letter case', { [user]: u, [password]: known.password }),
        // A server may match user names in any case, but never skip the password on that path.
        login('the user name in another letter case with a wrong password', { [user]: u, [password]: wrong }),
      ]),
    // A server that trusts a proxy's word about where a request came from lets "internal" callers skip the password.
    {
      ...login('a wrong password from a trusted-looking address (X-Forwarded-For, X-Real-IP: 127.0.0.1)', {
        [user]: known.user,
        [password]: wrong,
      }),
      headers: { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', 'x-forwarded-host': 'localhost' },
    },
    login('the user name with surrounding spaces and a wrong password', {
      [user]: ` ${known.user} `,
      [password]: wrong,
    }),
  ];
  // Login first: on a slow server the time runs out before the budget, and login is where
  // credentials are judged. Each operation's cases in a seeded order.
  const refreshCases: GeneratedCase[] = [
    ...fieldCases('refresh', api.refresh, { [refreshToken]: `gen.${rng.int(1e9)}.junk` }, () => false),
    ...wholeBodyCases(
      'refresh',
      api.refresh,
      { [refreshToken]: `gen.${rng.int(1e9)}.junk` },
      { [refreshToken]: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.invalid' },
    ),
  ];
  return [...rng.shuffle(cases), ...rng.shuffle(refreshCases)];
}

/** One random case: a random operation, random values in random fields, now and then an extra field. */
export function randomCase(api: Api, known: Known, rng: Rng): GeneratedCase {
  const opName = rng.chance(0.6) ? 'login' : 'refresh';
  const op = api[opName];
  const fields: Record<string, JsonValue> = {};
  const labels: string[] = [];
  for (const field of op.requestProperties) {
    if (rng.chance(0.1)) {
      labels.push(`${field} left out`);
      continue;
    }
    if (opName === 'login' && field === api.fields.user && rng.chance(0.4)) {
      fields[field] = known.user;
      continue;
    }
    const sample = randomValue(rng);
    // The real password only ever goes with checks that expect it; never at random.
    fields[field] = sample.value === known.password ? `${sample.value}x` : sample.value;
    labels.push(`${field} is ${sample.label}`);
  }
  if (rng.chance(0.2)) {
    const extra = randomValue(rng);
    fields[`x${rng.int(1000)}`] = extra.value;
    labels.push(`an extra field holding ${extra.label}`);
  }
  return {
    op: opName,
    method: op.method,
    contentType: op.requestMediaType,
    body: { kind: 'json', value: fields },
    label: `${opName}, random: ${labels.join(', ') || 'documented fields'}`,
  };
}

/** The run's cases for a seed: the systematic ones (in seeded order), then random ones, as many as asked for. */
export function* generateCases(api: Api, known: Known, seed: number): Generator<GeneratedCase> {
  const rng = createRng(seed);
  yield* systematicCases(api, known, rng);
  for (;;) yield randomCase(api, known, rng);
}
