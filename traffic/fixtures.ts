// Recorded exchanges for tests: a valid HAR entry of a login (status 200, JSON both ways) to bend
// into whatever a test needs, and a HAR document around entries.
import type { Entry, Har } from 'har-format';

export interface RecordedLogin {
  requestBody?: string;
  status?: number;
  responseBody?: string;
}

/** A recorded `POST /v1/api/auth/login` as the proxy writes it. */
export function recordedLogin(options: RecordedLogin = {}): Entry {
  const json = { name: 'content-type', value: 'application/json' };
  const responseBody = options.responseBody ?? '{"code":0,"result":{"recorded":true}}';
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: {
      method: 'POST',
      url: 'http://staging.test/v1/api/auth/login',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [json],
      queryString: [],
      postData: { mimeType: 'application/json', text: options.requestBody ?? '{"user":"qa","password":"xxxxxxxx"}' },
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: options.status ?? 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [json],
      content: { size: responseBody.length, mimeType: 'application/json', text: responseBody },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  };
}

export const harOf = (...entries: unknown[]): Har =>
  ({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }) as Har;
