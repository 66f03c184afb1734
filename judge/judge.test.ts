import { describe, expect, it } from 'vitest';
import { parseMediaType } from '../common/media-type.ts';
import { loadApi } from './api.ts';
import type { Exchange, JsonBody } from './exchange.ts';
import { judgeDocumentedSuccess, judgeRejection, tokensHandedOut } from './judge.ts';
import { createValidators } from './validators.ts';

const api = loadApi();
const validators = createValidators(api);

function exchange(status: number, body: unknown, contentType: string | null = 'application/json'): Exchange {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let json: JsonBody;
  try {
    json = { ok: true, value: JSON.parse(text) };
  } catch {
    json = { ok: false, error: 'the body is not valid JSON' };
  }
  return {
    request: { method: 'POST', path: api.login.path, label: 'a request', url: `http://x${api.login.path}`, body: '{}' },
    response: {
      status,
      statusText: '',
      headers: contentType ? { 'content-type': contentType } : {},
      mediaType: parseMediaType(contentType),
      text,
      json,
      truncated: false,
    },
    startedAt: 0,
    durationMs: 1,
  };
}

describe('judgeRejection: a 4xx, or HTTP 200 with a non-zero code; no tokens; never a 5xx', () => {
  it.each([
    ['401 with the assumed envelope', exchange(401, { code: 401, desc: 'no' })],
    ['403 with an HTML page', exchange(403, '<h1>Forbidden</h1>', 'text/html')],
    ['400 with an empty body', exchange(400, '', null)],
    ['422 problem+json', exchange(422, { title: 'bad', status: 422 }, 'application/problem+json')],
    ['429 rate limited', exchange(429, 'slow down', 'text/plain')],
    ['200 with a non-zero top-level code', exchange(200, { code: 401, desc: 'no' })],
    ['200 with a non-zero code in result', exchange(200, { result: { code: 1, desc: 'no' } })],
    ['200 with a string code', exchange(200, { code: 'E_AUTH' })],
    ['401 that says code 0 (the status wins)', exchange(401, { code: 0 })],
  ])('accepts %s', (_name, ex) => {
    expect(judgeRejection(ex, api)).toBeUndefined();
  });

  it.each([
    ['a 500', exchange(500, 'boom', 'text/plain'), 'server error'],
    ['a 503', exchange(503, '', null), 'server error'],
    ['200 with tokens', exchange(200, { code: 0, result: { access_token: 'x' } }), 'answered with a token'],
    ['a 4xx that still hands out a token', exchange(401, { refresh_token: 'abc' }), 'answered with a token'],
    ['200 with code 0', exchange(200, { code: 0 }), 'answered as a success'],
    ['200 with result.code 0', exchange(200, { result: { code: 0, desc: 'Ok' } }), 'answered as a success'],
    ['200 without a code', exchange(200, { desc: 'wrong password' }), 'cannot tell it from a success'],
    ['204', exchange(204, '', null), 'cannot tell it from a success'],
    ['a redirect', exchange(302, '', null), 'not a clear rejection'],
  ])('refuses %s', (_name, ex, words) => {
    expect(judgeRejection(ex, api)?.summary).toContain(words);
  });

  it('does not count the token the request itself sent as handed out', () => {
    expect(tokensHandedOut({ code: 401, refresh_token: 'sent' }, ['sent'])).toEqual([]);
    expect(judgeRejection(exchange(401, { refresh_token: 'sent' }), api, ['sent'])).toBeUndefined();
  });

  it('reports no answer as a problem with the transport message', () => {
    const ex: Exchange = { ...exchange(200, {}), failure: { kind: 'timeout', message: 'no answer within 5 ms' } };
    delete ex.response;
    expect(judgeRejection(ex, api)?.actual).toBe('no answer within 5 ms');
  });
});

describe('judgeDocumentedSuccess', () => {
  const ok = api.login.successExample;
  const judge = (ex: Exchange) => judgeDocumentedSuccess(ex, api.login, validators.loginSuccess);

  it.each([
    ['the documented example', exchange(200, ok)],
    ['a charset parameter', exchange(200, ok, 'application/json; charset=utf-8')],
    ['upper-case media type', exchange(200, ok, 'Application/JSON')],
  ])('accepts %s', (_name, ex) => {
    expect(judge(ex)).toEqual([]);
  });

  it('names a wrong status, and does not judge an error body against the success schema', () => {
    const problems = judge(exchange(404, { code: 404, desc: 'nope' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.summary).toContain('does not know this path');
    expect(problems[0]?.expected).toBe('status 200');
  });

  it('names status and media type together when both are off', () => {
    const problems = judge(exchange(201, ok, 'text/html'));
    expect(problems.map((p) => p.expected)).toEqual([
      'status 200',
      'Content-Type: application/json (parameters such as charset are fine)',
    ]);
  });

  it('refuses application/problem+json and a missing Content-Type for the documented answer', () => {
    expect(judge(exchange(200, ok, 'application/problem+json'))[0]?.actual).toBe(
      'Content-Type: application/problem+json',
    );
    expect(judge(exchange(200, ok, null))[0]?.actual).toBe('no Content-Type header');
  });

  it('points at the new address when the server redirects', () => {
    const moved = exchange(301, '', null);
    (moved.response as { headers: Record<string, string> }).headers.location =
      'https://api.example.com/v1/api/auth/login';
    expect(judge(moved)[0]?.summary).toContain(
      'a redirect to https://api.example.com/v1/api/auth/login; if the server moved, use its new address as --base-url',
    );
  });

  it('says when the body is not JSON', () => {
    expect(judge(exchange(200, '{"code":0,'))[0]?.summary).toContain('cannot be read as JSON');
  });

  it('wants the documented success code', () => {
    const problems = judge(exchange(200, { ...(ok as object), code: 3 }));
    expect(problems).toEqual([
      expect.objectContaining({
        pointer: '/code',
        actual: '/code = 3',
        expected: '/code = 0 (the documented success value)',
      }),
    ]);
  });
});
