// The drift core on hand-made exchanges: shapes, comparison, pairing, the spec response behind a
// mock answer, and the overlay suggestions (assumed answers changed, documented ones never).
import { describe, expect, it } from 'vitest';
import { parseMediaType } from '../../common/media-type.ts';
import { loadApi } from '../api.ts';
import { type Exchange, parseJson } from '../exchange.ts';
import { answerShape, bodyShape, maxFields } from './answer-shape.ts';
import { compareAnswers } from './compare-answers.ts';
import { driftOf } from './drift.ts';
import { pairExchanges } from './pair-exchanges.ts';
import { specResponseOf } from './spec-response.ts';
import { suggestOverlay } from './suggest-overlay.ts';

const api = loadApi();
const LOGIN = api.login.path;
const REFRESH = api.refresh.path;
const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

interface Options {
  path?: string;
  headers?: Record<string, string>;
  requestHeaders?: Record<string, string>;
  durationMs?: number;
  contentType?: string;
}

function exchange(label: string, status: number | undefined, body: unknown, options: Options = {}): Exchange {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = options.contentType ?? 'application/json';
  const path = options.path ?? LOGIN;
  return {
    request: {
      method: 'POST',
      path,
      label,
      url: `http://127.0.0.1${path}`,
      headers: options.requestHeaders ?? {},
      body: '{}',
    },
    ...(status === undefined
      ? { failure: { kind: 'timeout', message: 'no answer within 5000 ms' } }
      : {
          response: {
            status,
            statusText: '',
            headers: { 'content-type': contentType, ...options.headers },
            mediaType: parseMediaType(contentType),
            text,
            json: parseJson(text, false),
            truncated: false,
          },
        }),
    startedAt: 0,
    durationMs: options.durationMs ?? 5,
  };
}

const refusal = (code: number, desc = 'No') => ({ code, desc });
const wrongCredentials = { code: 401, desc: 'Wrong user or password' };

describe('answerShape', () => {
  it('keeps field types and codes, tokens by kind only', () => {
    const shape = answerShape(
      exchange('login', 200, {
        code: 0,
        result: { access_token: jwt, refresh_token: 'opaque-1234', n: 1 },
        list: [1, 'a'],
      }),
    );
    expect(Object.fromEntries(shape.fields)).toEqual({
      '': 'object',
      '/code': 'number',
      '/result': 'object',
      '/result/access_token': 'JWT',
      '/result/refresh_token': 'opaque token',
      '/result/n': 'number',
      '/list': 'array',
      '/list/*': 'number|string',
    });
    expect(Object.fromEntries(shape.codes)).toEqual({ '/code': '0' });
    expect(JSON.stringify([...shape.fields])).not.toContain(jwt);
  });

  it('normalises the watched headers: lists as sets, Retry-After by kind, an echoed Origin', () => {
    const shape = answerShape(
      exchange('x', 429, refusal(429), {
        headers: {
          'cache-control': 'No-Store,  no-cache',
          'retry-after': '17',
          'access-control-allow-origin': 'https://app.example',
          'x-other': 'ignored',
        },
        requestHeaders: { Origin: 'https://app.example' },
      }),
    );
    expect(Object.fromEntries(shape.headers)).toEqual({
      'cache-control': 'no-cache, no-store',
      'retry-after': 'seconds',
      'access-control-allow-origin': "the request's Origin",
    });
  });

  it('classes timing: prompt, slow, no answer', () => {
    expect(answerShape(exchange('a', 200, {}, { durationMs: 20 })).timing).toBe('prompt');
    expect(answerShape(exchange('a', 200, {}, { durationMs: 1500 })).timing).toBe('slow');
    expect(answerShape(exchange('a', undefined, '')).timing).toBe('no answer');
  });

  it('walks hostile bodies within bounds', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    expect(bodyShape(deep).fields.size).toBeLessThanOrEqual(13);
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
    expect(bodyShape(wide).fields.size).toBe(maxFields);
  });
});

describe('compareAnswers', () => {
  const diff = (server: Exchange, mock: Exchange) => compareAnswers(answerShape(server), answerShape(mock));

  it('finds status, code, header and timing differences', () => {
    expect(
      diff(
        exchange('r', 200, refusal(1001), { durationMs: 2000 }),
        exchange('r', 401, refusal(401), { headers: { 'cache-control': 'no-store' } }),
      ),
    ).toEqual([
      { aspect: 'status', what: 'status', server: '200', mock: '401' },
      { aspect: 'code', what: '/code', server: '1001', mock: '401' },
      { aspect: 'header', what: 'Cache-Control', server: '(none)', mock: 'no-store' },
      { aspect: 'timing', what: 'timing', server: 'slow', mock: 'prompt' },
    ]);
  });

  it('reports a missing object once, not each field under it', () => {
    expect(diff(exchange('r', 200, { result: { code: 1, desc: 'x' } }), exchange('r', 200, refusal(1)))).toEqual([
      { aspect: 'body', what: '/code', server: 'absent', mock: 'number' },
      { aspect: 'body', what: '/desc', server: 'absent', mock: 'string' },
      { aspect: 'body', what: '/result', server: 'object', mock: 'absent' },
    ]);
  });

  it('finds media type and body kind, and no answer', () => {
    expect(diff(exchange('r', 401, '401 No', { contentType: 'text/plain' }), exchange('r', 401, refusal(401)))).toEqual(
      [
        { aspect: 'media type', what: 'Content-Type', server: 'text/plain', mock: 'application/json' },
        { aspect: 'body', what: '(the body)', server: 'text', mock: 'json' },
      ],
    );
    expect(diff(exchange('r', undefined, ''), exchange('r', 401, refusal(401)))).toEqual([
      { aspect: 'answer', what: 'answer', server: 'no answer (no answer within 5000 ms)', mock: 'status 401' },
    ]);
  });

  it('finds nothing between answers that differ only in values', () => {
    expect(
      diff(
        exchange('r', 200, { code: 0, result: { access_token: jwt, n: 1 } }),
        exchange('r', 200, { code: 0, result: { access_token: `${jwt}x`, n: 2 } }),
      ),
    ).toEqual([]);
  });
});

describe('pairExchanges', () => {
  it('pairs by method, path and label in order, leftovers on their own', () => {
    const server = [exchange('a', 200, {}), exchange('b', 200, {}), exchange('b', 201, {}), exchange('s', 200, {})];
    const mock = [exchange('b', 400, {}), exchange('a', 400, {}), exchange('b', 401, {}), exchange('m', 400, {})];
    const pairs = pairExchanges(server, mock);
    expect(pairs.map((p) => [p.key.split(' ').at(-1), p.server?.response?.status, p.mock?.response?.status])).toEqual([
      ['a', 200, 400],
      ['b', 200, 400],
      ['b', 201, 401],
      ['s', 200, undefined],
      ['m', undefined, 400],
    ]);
  });
});

describe('specResponseOf', () => {
  it('names the assumed response and example behind a refusal, the documented one behind a success', () => {
    expect(specResponseOf(api.document, 'POST', LOGIN, 401, wrongCredentials)).toMatchObject({
      statusKey: '401',
      assumed: true,
      example: 'wrong-credentials',
    });
    expect(specResponseOf(api.document, 'POST', LOGIN, 400, refusal(400, 'any text'))).toMatchObject({
      statusKey: '400',
      example: 'invalid-request',
    });
    expect(specResponseOf(api.document, 'POST', LOGIN, 200, { code: 0, result: {} })).toMatchObject({
      statusKey: '200',
      assumed: false,
    });
    expect(specResponseOf(api.document, 'POST', LOGIN, 413, refusal(413))).toBeUndefined();
    expect(specResponseOf(api.document, 'POST', '/elsewhere', 401, wrongCredentials)).toBeUndefined();
  });

  it('tells a refusal sent with x-mock-status 200 from the documented 200 by its code', () => {
    const doc = structuredClone(api.document) as typeof api.document;
    const op = doc.paths?.[LOGIN]?.post as unknown as { responses: Record<string, Record<string, unknown>> };
    (op.responses['401'] as Record<string, unknown>)['x-mock-status'] = 200;
    expect(specResponseOf(doc, 'POST', LOGIN, 200, wrongCredentials)).toMatchObject({
      statusKey: '401',
      sentStatus: 200,
    });
    expect(specResponseOf(doc, 'POST', LOGIN, 200, { code: 0, result: {} })).toMatchObject({ statusKey: '200' });
  });
});

describe('suggestOverlay', () => {
  const mark = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll('s3cret', '***')) as T;
  const suggest = (pairs: [Exchange, Exchange][]) =>
    suggestOverlay(
      driftOf(
        pairExchanges(
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        ),
        api,
      ),
      api,
      mark,
    );

  it('suggests the status most refusals got, and the server body, redacted', () => {
    const pairs: [Exchange, Exchange][] = [
      [
        exchange('wrong password', 200, { code: 1001, desc: 'Bad s3cret' }),
        exchange('wrong password', 401, wrongCredentials),
      ],
      [
        exchange('unknown user', 200, { code: 1001, desc: 'Bad s3cret' }),
        exchange('unknown user', 401, wrongCredentials),
      ],
      [exchange('another', 403, { code: 1001, desc: 'Bad' }), exchange('another', 401, wrongCredentials)],
    ];
    const { actions, documented } = suggest(pairs);
    const target = "$.paths['/v1/api/auth/login'].post.responses['401']";
    expect(actions[0]).toMatchObject({ target, update: { 'x-mock-status': 200 } });
    expect(actions[0]?.description).toContain('It also answered 403 for "another"');
    expect(actions[0]?.from).toMatch(
      /^from "wrong password" \(POST \/v1\/api\/auth\/login\): the server answered 200 application\/json code 1001, the mock 401 .*; and 1 more like it$/,
    );
    const example = `${target}.content['application/json'].examples['wrong-credentials']`;
    expect(actions).toContainEqual(expect.objectContaining({ target: `${example}.value`, remove: true }));
    expect(actions).toContainEqual(
      expect.objectContaining({ target: example, update: { value: { code: 1001, desc: 'Bad ***' } } }),
    );
    expect(documented).toEqual([]);
  });

  it("never suggests a documented answer away: its differences are listed as the server's", () => {
    const { actions, documented } = suggest([
      [
        exchange('login', 201, { code: 0, result: { access_token: 'opaque-token-value' } }),
        exchange('login', 200, { code: 0, result: { access_token: jwt, refresh_token: jwt } }),
      ],
    ]);
    expect(actions).toEqual([]);
    expect(documented.map((d) => d.what)).toEqual(['status', '/result/refresh_token']);
  });

  it('copies nothing from an answer that nests deeper than the walk goes', () => {
    const deep = `{"code":7,"desc":"No","deep":${'{"a":'.repeat(20_000)}"x"${'}'.repeat(20_000)}}`;
    const { actions } = suggest([
      [exchange('wrong password', 200, deep), exchange('wrong password', 401, wrongCredentials)],
    ]);
    expect(actions).toEqual([]);
  });

  it('copies no refusal style from an answer that is no clear refusal', () => {
    const { actions } = suggest([
      [exchange('wrong password', 200, { code: 0, result: {} }), exchange('wrong password', 401, wrongCredentials)],
    ]);
    expect(actions).toEqual([]);
  });

  it('sets Cache-Control the server sends, and leaves out the one it does not', () => {
    const { actions } = suggest([
      [
        exchange('bad', 401, wrongCredentials),
        exchange('bad', 401, wrongCredentials, { headers: { 'cache-control': 'no-store' } }),
      ],
      [
        exchange('ok', 200, { code: 0, result: {} }, { headers: { 'cache-control': 'no-store, private' } }),
        exchange('ok', 200, { code: 0, result: {} }, { headers: { 'cache-control': 'no-store' } }),
      ],
    ]);
    expect(actions).toEqual([
      expect.objectContaining({
        target: "$.paths['/v1/api/auth/login'].post.responses['401']",
        update: { 'x-mock-omit-headers': ['Cache-Control'] },
      }),
      expect.objectContaining({
        target: "$.paths['/v1/api/auth/login'].post.responses['200']",
        update: { headers: { 'Cache-Control': expect.objectContaining({ example: 'no-store, private' }) } },
      }),
    ]);
  });

  it('keeps no-store on a token answer whatever the server sends, with a note', () => {
    const { actions, notes } = suggest([
      [
        exchange('ok', 200, { code: 0, result: {} }, { headers: { 'cache-control': 'public, max-age=60' } }),
        exchange('ok', 200, { code: 0, result: {} }, { headers: { 'cache-control': 'no-store' } }),
      ],
    ]);
    expect(actions).toEqual([]);
    expect(notes).toEqual([expect.stringContaining('without Cache-Control: no-store ("ok"); the mock keeps it')]);
  });

  it('carries a JSON error media type with every example of the response', () => {
    const problem = { type: 'about:blank', title: 'Invalid refresh token', status: 401 };
    const { actions } = suggest([
      [
        exchange('garbage', 401, problem, { path: REFRESH, contentType: 'application/problem+json' }),
        exchange('garbage', 401, { code: 401, desc: 'Invalid refresh token' }, { path: REFRESH }),
      ],
    ]);
    const target = "$.paths['/v1/api/auth/refresh'].post.responses['401']";
    expect(actions[0]).toMatchObject({ target: `${target}.content`, remove: true });
    expect(actions[1]).toMatchObject({
      target,
      update: {
        content: {
          'application/problem+json': {
            schema: { type: 'object' },
            examples: { 'invalid-token': { value: problem }, 'expired-token': { value: problem } },
          },
        },
      },
    });
  });
});
