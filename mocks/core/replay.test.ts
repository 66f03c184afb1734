// Replay of a recording: the pure matcher, and the msw handlers answering from it in Node
// (setupServer), as a browser app would with setupWorker.
import type { Entry, Har } from 'har-format';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openapiDocument } from '../../spec/generated/openapi.ts';
import { createHandlers } from '../msw/handlers.ts';
import { createMockCore } from './plan-response.ts';
import { createReplay, withReplay } from './replay.ts';

const LOGIN = '/v1/api/auth/login';
const json = { name: 'content-type', value: 'application/json' };

/** One recorded exchange, as the proxy writes it (bodies decoded, secrets as placeholders). */
function entry(path: string, request: unknown, status: number, response: unknown, extra: Partial<Entry> = {}): Entry {
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: {
      method: 'POST',
      url: `http://staging.test${path}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [json],
      queryString: [],
      postData: { mimeType: 'application/json', text: JSON.stringify(request) },
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [json, { name: 'x-recorded', value: 'yes' }, { name: 'content-encoding', value: 'gzip' }],
      content: { size: -1, mimeType: 'application/json', text: JSON.stringify(response) },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
    ...extra,
  };
}

const success = { code: 0, result: { token_type: 'Bearer', access_token: 'xxxx', extra: 'staging-only' } };
const refusal = { code: 1001, desc: 'bad credentials' };
const har: Har = {
  log: {
    version: '1.2',
    creator: { name: 'test', version: '1' },
    entries: [
      entry(LOGIN, { user: 'qa', password: 'xxxxxxxx' }, 200, success),
      entry(LOGIN, { user: 'qa', password: 'xxxxx' }, 200, refusal),
      entry(LOGIN, { user: 'qa', password: 'xxxxxx' }, 502, 'proxy', {
        _failure: { kind: 'timeout', message: 'x' },
      } as Partial<Entry>),
    ],
  },
};

const core = withReplay(createMockCore(), createReplay(har));
const ask = async (body: unknown, prefer?: string) =>
  core.handle({
    method: 'POST',
    path: LOGIN,
    contentType: 'application/json',
    body: JSON.stringify(body),
    ...(prefer ? { prefer } : {}),
  });

describe('createReplay', () => {
  it('counts what it can replay (not the answers the proxy made itself)', () => {
    expect(createReplay(har).size).toBe(2);
  });

  it('answers an identical body with its own recorded answer', async () => {
    const answer = await ask({ password: 'xxxxx', user: 'qa' }); // key order does not matter
    expect(JSON.parse(answer.body)).toEqual(refusal);
    expect(answer.headers['x-recorded']).toBe('yes');
    expect(answer.headers['content-encoding']).toBeUndefined(); // the body is stored decoded
  });

  it('answers the same shape with the recorded answer of the outcome the mock chose', async () => {
    expect(JSON.parse((await ask({ user: 'someone', password: 'secret' })).body)).toEqual(success);
    const refused = await ask({ user: 'someone', password: 'secret' }, 'code=401');
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.body)).toEqual(refusal);
  });

  it('leaves unrecorded shapes and paths to the mock (documented answers)', async () => {
    expect((await ask({ user: 'someone' })).status).toBe(400);
    const path = '/v1/api/auth/refresh';
    const refresh = await core.handle({
      method: 'POST',
      path,
      contentType: 'application/json',
      body: '{"refresh_token":"x"}',
    });
    expect(JSON.parse(refresh.body)).toEqual(
      openapiDocument.paths[path].post.responses['200'].content['application/json'].examples.documented.value,
    );
  });
});

describe('msw handlers with replay (setupServer)', () => {
  const server = setupServer(...createHandlers({ replay: createReplay(har) }));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());

  it('answer login from the recording', async () => {
    const response = await fetch(`https://example.com${LOGIN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'dev', password: 'anything' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(success);
  });
});
