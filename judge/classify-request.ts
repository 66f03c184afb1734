// What a recorded request is, seen from the contract: a well-formed call of an operation, or one
// of the kinds of bad input the kit's robustness checks probe. Passive traffic carries no intent,
// so the request's own shape decides which rule its answer is judged by.

import { parseBoundedJson, topLevelMembers } from '../common/bounded-json.ts';
import { parseMediaType } from '../common/media-type.ts';
import type { Api, Operation } from './api.ts';
import type { CheckId } from './checks/index.ts';
import type { Exchange } from './exchange.ts';

export type RequestKind =
  | { kind: 'unknown' }
  | { kind: 'well-formed'; operation: 'login' | 'refresh'; label: string; sentTokens: string[] }
  | { kind: 'bad-input'; operation: 'login' | 'refresh'; check: CheckId; label: string };

function operationOf(api: Api, method: string, path: string): 'login' | 'refresh' | undefined {
  const is = (op: Operation) => op.method === method && op.path === path;
  return is(api.login) ? 'login' : is(api.refresh) ? 'refresh' : undefined;
}

type Parsed =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; check: 'wrong-content-type' | 'empty' | 'malformed' | 'non-object'; what: string };

function parseBody(op: Operation, exchange: Exchange): Parsed {
  const body = exchange.request.body ?? '';
  const type = parseMediaType(exchange.request.headers?.['content-type']);
  if (body.trim() === '') return { ok: false, check: 'empty', what: 'an empty body' };
  if (type?.essence !== op.requestMediaType) {
    return { ok: false, check: 'wrong-content-type', what: `Content-Type ${type?.essence ?? '(none)'}` };
  }
  // Valid JSON nested past the kit's limits is still well-formed: only its named fields are read.
  const parsed = parseBoundedJson(body);
  const value = parsed.ok ? parsed.value : parsed.reason === 'invalid' ? undefined : topLevelMembers(body);
  if (!parsed.ok && value === undefined) {
    return parsed.reason === 'invalid'
      ? { ok: false, check: 'malformed', what: 'a body that is not valid JSON' }
      : { ok: false, check: 'non-object', what: `a JSON body that is not an object (${parsed.message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      check: 'non-object',
      what: `a JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value} body`,
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

const loginChecks: Record<Exclude<Parsed, { ok: true }>['check'], CheckId> = {
  'wrong-content-type': 'wrong-content-type-rejected',
  empty: 'empty-body-rejected',
  malformed: 'malformed-json-rejected',
  'non-object': 'non-object-body-rejected',
};

export function classifyRequest(exchange: Exchange, api: Api): RequestKind {
  const operation = operationOf(api, exchange.request.method, exchange.request.path);
  if (!operation) return { kind: 'unknown' };
  const op = api[operation];
  const parsed = parseBody(op, exchange);

  if (operation === 'refresh') {
    const field = api.fields.refreshToken;
    if (!parsed.ok)
      return {
        kind: 'bad-input',
        operation,
        check: 'refresh-bad-input-rejected',
        label: `refresh with ${parsed.what}`,
      };
    const token = parsed.value[field];
    if (token === undefined)
      return { kind: 'bad-input', operation, check: 'refresh-bad-input-rejected', label: 'refresh without a token' };
    if (typeof token !== 'string') {
      return {
        kind: 'bad-input',
        operation,
        check: 'refresh-bad-input-rejected',
        label: `refresh with a ${Array.isArray(token) ? 'array' : typeof token} as token`,
      };
    }
    return { kind: 'well-formed', operation, label: 'refresh', sentTokens: [token] };
  }

  if (!parsed.ok)
    return { kind: 'bad-input', operation, check: loginChecks[parsed.check], label: `login with ${parsed.what}` };
  const user = parsed.value[api.fields.user];
  const password = parsed.value[api.fields.password];
  if (user === undefined && password === undefined) {
    return { kind: 'bad-input', operation, check: 'empty-body-rejected', label: 'login without user and password' };
  }
  if (user === undefined)
    return { kind: 'bad-input', operation, check: 'missing-user-rejected', label: 'login without a user' };
  if (password === undefined) {
    return { kind: 'bad-input', operation, check: 'missing-password-rejected', label: 'login without a password' };
  }
  if (typeof user !== 'string' || typeof password !== 'string') {
    return {
      kind: 'bad-input',
      operation,
      check: 'wrong-types-rejected',
      label: 'login with a field of the wrong JSON type',
    };
  }
  return { kind: 'well-formed', operation, label: 'login', sentTokens: [] };
}
