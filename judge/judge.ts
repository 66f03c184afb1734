// Verdicts on single exchanges, shared by the checks: "is this the documented success?" and
// "is this a clear rejection?". A rejection may be any 4xx (any body) or HTTP 200 with a non-zero
// `code`: the docs define no errors, so the kit never demands a particular error format.

import { walkJson } from '../common/bounded-json.ts';
import { describePointer, getPointer } from '../common/json-pointer.ts';
import type { Api, Operation } from './api.ts';
import type { Exchange, ReceivedResponse } from './exchange.ts';
import type { Problem } from './types.ts';
import type { Validate } from './validators.ts';

const excerptLength = 300;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > excerptLength ? `${flat.slice(0, excerptLength)}…` : flat;
}

/** `POST /v1/api/auth/login (Content-Type: application/json) {"user":"alice","password":"***"}` before redaction. */
export function describeRequest(exchange: Exchange): string {
  const { method, path, headers, body } = exchange.request;
  const contentType = headers?.['content-type'];
  const type = contentType ? ` (Content-Type: ${contentType})` : ' (no Content-Type)';
  const shownBody = body === undefined ? '' : body === '' ? ' with an empty body' : ` ${excerpt(body)}`;
  return `${method} ${path}${type}${shownBody}`;
}

export function describeStatus(response: ReceivedResponse): string {
  return `status ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

export function describeContentType(response: ReceivedResponse): string {
  const header = response.headers['content-type'];
  return header ? `Content-Type: ${header}` : 'no Content-Type header';
}

/** Status, media type and a body excerpt: what came back, in one line. */
export function describeResponse(response: ReceivedResponse): string {
  const body = response.text === '' ? 'an empty body' : `body ${excerpt(response.text)}`;
  return `${describeStatus(response)}, ${describeContentType(response)}, ${body}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing (the field is absent)';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** A problem for an exchange that got no answer at all. */
export function noAnswer(exchange: Exchange, expected: string): Problem {
  return {
    summary: `No usable answer to "${exchange.request.label}": ${exchange.failure?.message ?? 'unknown failure'}.`,
    request: describeRequest(exchange),
    expected,
    actual: exchange.failure?.message ?? 'no answer',
  };
}

/**
 * Everything that separates this exchange from the operation's documented success: status,
 * media type (parameters such as charset allowed), JSON body against the schema, and the
 * documented success `code`.
 */
export function judgeDocumentedSuccess(exchange: Exchange, op: Operation, validate: Validate): Problem[] {
  const expectedAll = `status ${op.successStatus}, ${op.successMediaType}, a body that matches the documented schema`;
  const response = exchange.response;
  if (!response) return [noAnswer(exchange, expectedAll)];
  const request = describeRequest(exchange);
  const problems: Problem[] = [];

  if (response.status !== op.successStatus) {
    const why =
      response.status === 404
        ? ` (the server does not know this path; is --base-url the server's root, to which ${op.path} is added?)`
        : response.status === 405
          ? ` (the server does not accept ${op.method} here${response.headers.allow ? `; it allows ${response.headers.allow}` : ''})`
          : response.status >= 300 && response.status < 400 && response.headers.location
            ? ` (a redirect to ${response.headers.location}; if the server moved, use its new address as --base-url)`
            : '';
    problems.push({
      summary: `"${exchange.request.label}" answered ${describeStatus(response)}${why}; the docs say ${op.successStatus}.`,
      request,
      expected: `status ${op.successStatus}`,
      actual: describeResponse(response),
    });
    // An error status carries an error body: judging it against the success schema adds only noise.
    if (response.status < 200 || response.status > 299) return problems;
  }

  if (response.mediaType?.essence !== op.successMediaType) {
    problems.push({
      summary: response.mediaType
        ? `The answer's media type is ${response.mediaType.essence}; the docs say ${op.successMediaType}.`
        : `The answer has no media type (Content-Type); the docs say ${op.successMediaType}.`,
      request,
      expected: `Content-Type: ${op.successMediaType} (parameters such as charset are fine)`,
      actual: describeContentType(response),
    });
  }

  if (!response.json.ok) {
    problems.push({
      summary: `The answer's body cannot be read as JSON: ${response.json.error}.`,
      request,
      expected: 'a JSON body that matches the documented schema',
      actual: describeResponse(response),
    });
    return problems;
  }

  const body = response.json.value;
  const issues = validate(body);
  for (const issue of issues) {
    const found = getPointer(body, issue.pointer);
    problems.push({
      summary: `${describePointer(issue.pointer)} ${issue.message}.`,
      request,
      expected: `${describePointer(issue.pointer)} follows the schema rule "${issue.keyword}"`,
      actual: issue.keyword === 'required' ? 'the field is absent' : show(found),
      pointer: issue.pointer,
      rule: `${issue.keyword} at ${issue.schemaPath}`,
    });
  }

  const flagged = new Set(issues.map((i) => i.pointer));
  for (const { pointer, value } of op.successCodes) {
    const found = getPointer(body, pointer);
    if (found === undefined || flagged.has(pointer) || found === value) continue;
    problems.push({
      summary: `${pointer} is ${show(found)}, but success is documented as ${show(value)}; clients read this answer as a failure.`,
      request,
      expected: `${pointer} = ${show(value)} (the documented success value)`,
      actual: `${pointer} = ${show(found)}`,
      pointer,
      rule: `documented example value of ${pointer}`,
    });
  }
  return problems;
}

/** Every pointer at which the documented answers put a success `code` (`/code`, `/result/code`). */
export function codePointers(api: Api): string[] {
  return [...new Set([...api.login.successCodes, ...api.refresh.successCodes].map((c) => c.pointer))];
}

/** Token-bearing fields of each body read so far: every check asks about the same few answers. */
const tokenFields = new WeakMap<object, { pointer: string; value: string }[]>();

/** Token-bearing fields in a body (any depth, names ending in "token"), minus tokens the request itself sent. */
export function tokensHandedOut(body: unknown, sent: string[] = []): string[] {
  if (body === null || typeof body !== 'object') return [];
  let fields = tokenFields.get(body);
  if (!fields) {
    const found: { pointer: string; value: string }[] = [];
    walkJson(
      body,
      ({ key, value, path }) => {
        if (typeof key !== 'string' || !/token$/i.test(key) || typeof value !== 'string' || value === '') return;
        found.push({ pointer: path.map((part) => `/${part}`).join(''), value });
        return false;
      },
      { paths: true },
    );
    fields = found;
    tokenFields.set(body, fields);
  }
  return fields.filter((field) => !sent.includes(field.value)).map((field) => field.pointer);
}

export const isNonZeroCode = (value: unknown) =>
  (typeof value === 'number' && value !== 0) ||
  (typeof value === 'string' && value.trim() !== '' && value.trim() !== '0');
const isZeroCode = (value: unknown) => value === 0 || value === '0';

export const rejectionExpected = 'a rejection: a 4xx status, or HTTP 200 with a non-zero code; no tokens; never a 5xx';

/**
 * Whether the exchange is a clear rejection. Returns the problem when it is not: no answer, a
 * server error, tokens handed out, a success code, or a 2xx/3xx a client cannot tell from success.
 */
export function judgeRejection(exchange: Exchange, api: Api, sentTokens: string[] = []): Problem | undefined {
  const response = exchange.response;
  if (!response) return noAnswer(exchange, rejectionExpected);
  const request = describeRequest(exchange);
  const actual = describeResponse(response);
  const label = exchange.request.label;
  const problem = (summary: string, extra: Partial<Problem> = {}): Problem => ({
    summary,
    request,
    expected: rejectionExpected,
    actual,
    ...extra,
  });

  if (response.status >= 500) {
    return problem(
      `"${label}" caused a server error (${describeStatus(response)}); bad input must get a 4xx or a non-zero code, never a 5xx.`,
    );
  }
  const body = response.json.ok ? response.json.value : undefined;
  const tokens = tokensHandedOut(body, sentTokens);
  if (tokens.length > 0) {
    return problem(`"${label}" was answered with a token (${tokens.join(', ')}): it must be refused.`, {
      pointer: tokens[0],
    });
  }
  const codes = codePointers(api).map((pointer) => ({ pointer, value: getPointer(body, pointer) }));
  const success = codes.find((c) => isZeroCode(c.value));
  if (success && response.status < 400) {
    return problem(`"${label}" was answered as a success (${success.pointer} is 0): it must be refused.`, {
      pointer: success.pointer,
    });
  }
  if (response.status >= 400) return undefined;
  if (response.status >= 200 && response.status < 300) {
    if (codes.some((c) => isNonZeroCode(c.value))) return undefined;
    return problem(
      `"${label}" got ${describeStatus(response)} without a non-zero code, so a client cannot tell it from a success.`,
    );
  }
  return problem(
    `"${label}" got ${describeStatus(response)}, which is not a clear rejection (expected a 4xx, or HTTP 200 with a non-zero code).`,
  );
}
